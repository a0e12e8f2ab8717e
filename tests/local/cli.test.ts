// `npm start` as a user runs it: a child process, its output, its exit code.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { EXAMPLES, exampleHttpRequest, exampleOf } from '../support/examples.ts';
import { send } from '../support/http.ts';

const CLI = fileURLToPath(new URL('../../local/cli.ts', import.meta.url));
const STACK_FRAME = /\n\s+at /;
/** `text` matched literally in a RegExp. */
const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Runs the CLI until `until` matches its output (or it exits); returns the output and exit code. */
const run = (args: string[], env: Record<string, string | undefined> = {}, until?: RegExp) =>
  new Promise<{ output: string; code: number | null; stop: () => void }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: PROJECT,
      env: { ...process.env, PORT: undefined, HOST: undefined, ...env },
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ output, code: null, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ output, code, stop: () => undefined }));
  });

// Each test starts Node on the CLI: seconds on a busy machine, so no test is timed by the default 5 s.
describe('npm start', { timeout: 30_000 }, () => {
  it('prints the stage URL and routes, and serves on the port PORT names', async () => {
    // Prepare
    const port = await freePort();

    // Act
    const started = await run([], { PORT: String(port) }, /Ctrl\+C/);
    try {
      const response = await send(`http://127.0.0.1:${port}`, exampleHttpRequest());

      // Assess: a line per operation, its route on the stage, its function and its operationId.
      expect(started.output).toContain(`http://127.0.0.1:${port}`);
      for (const { operationId, request } of EXAMPLES) {
        const url = literally(`http://127.0.0.1:${port}/v1${request.resource}`);
        expect(started.output).toMatch(new RegExp(`${request.method}\\s+${url}\\s+→\\s+\\w+ \\(${operationId}\\)`));
      }
      expect(response.statusCode).toBe(exampleOf().status);
    } finally {
      started.stop();
    }
  });

  it('lets --port (or -p) win over PORT', async () => {
    const port = await freePort();
    const started = await run(['-p', String(port)], { PORT: '1' }, /Ctrl\+C/);
    try {
      expect(started.output).toContain(`http://127.0.0.1:${port}`);
    } finally {
      started.stop();
    }
  });

  it('prints its usage with --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const option of ['--port', '--host', '--template', '--parameter-overrides', 'PORT', 'HOST']) {
      expect(result.output).toContain(option);
    }
  });

  it.each([
    [
      'a taken port',
      async () => ['--port', String(await blockedPort())],
      {},
      /Port \d+ on 127\.0\.0\.1 is already in use/,
    ],
    ['a missing template', async () => ['--template', 'nowhere.yaml'], {}, /No template at .*nowhere\.yaml/],
    ['an unknown flag', async () => ['--prot', '1'], {}, /--prot/],
    [
      'PORT that is not a number',
      async () => [],
      { PORT: 'abc' },
      /PORT must be a port number from 0 to 65535, not "abc"/,
    ],
    ['an empty PORT', async () => [], { PORT: '' }, /PORT is empty/],
    ['a port out of range', async () => ['--port', '70000'], {}, /--port must be a port number/],
    [
      'a host that does not resolve',
      async () => ['--host', 'no-such-host.invalid'],
      {},
      /no address is known for the host "no-such-host\.invalid"/,
    ],
    [
      'HOST that is not an address of this machine',
      async () => [],
      { HOST: '203.0.113.7' },
      /203\.0\.113\.7 is not an address of this machine/,
    ],
    [
      'a parameter the template refuses',
      async () => ['--parameter-overrides', 'ThrottlingRateLimit=abc'],
      {},
      /Parameter ThrottlingRateLimit \(Number\): "abc" is not a number/,
    ],
  ])('explains %s in one line, without a stack trace, and exits 1', async (_, args, env, message) => {
    // Act
    const result = await run(await args(), env as Record<string, string>);

    // Assess
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/Cannot start the local API: /);
    expect(result.output).toMatch(message);
    expect(result.output).not.toMatch(STACK_FRAME);
  });

  it('keeps serving when the reader of its output goes away (npm start | head)', async () => {
    // Prepare
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, '--port', String(port)], {
      cwd: PROJECT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    await new Promise<void>((resolve) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl+C')) resolve();
      });
    });
    try {
      // Act: the reader closes its end; the next log lines meet EPIPE.
      child.stdout.destroy();
      const first = await send(`http://127.0.0.1:${port}`, exampleHttpRequest());
      await new Promise((resolve) => setTimeout(resolve, 200));
      const second = await send(`http://127.0.0.1:${port}`, exampleHttpRequest());

      // Assess
      const { status } = exampleOf();
      expect([first.statusCode, second.statusCode]).toEqual([status, status]);
      expect(child.exitCode).toBeNull();
      expect(errors).not.toMatch(/EPIPE|Unhandled/);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

const blockedPort = () =>
  new Promise<number>((resolve) => {
    const blocker = createServer().listen(0, '127.0.0.1', () => {
      const { port } = blocker.address() as { port: number };
      // Held until this test process ends: the CLI under test must find it taken.
      blocker.unref();
      resolve(port);
    });
  });
