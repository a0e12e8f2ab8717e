// `npm start` as a user runs it: a child process, its output, its exit code.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { send } from '../support/http.ts';

const CLI = fileURLToPath(new URL('../../local/cli.ts', import.meta.url));
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Runs the CLI until `until` matches its output (or it exits); returns the output and exit code. */
const run = (args: string[], env: Record<string, string> = {}, until?: RegExp) =>
  new Promise<{ output: string; code: number | null; stop: () => void }>((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: PROJECT, env: { ...process.env, ...env } });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve({ output, code: null, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ output, code, stop: () => undefined }));
  });

describe('npm start', () => {
  it('prints the URL and routes, and serves on the port PORT names', async () => {
    // Prepare
    const port = await freePort();

    // Act
    const started = await run([], { PORT: String(port) }, /Ctrl\+C/);
    try {
      const response = await send(`http://127.0.0.1:${port}`);

      // Assess
      expect(started.output).toContain(`http://127.0.0.1:${port}`);
      expect(started.output).toMatch(/POST\s+http:\/\/127\.0\.0\.1:\d+\/\s+→\s+MeditationsFunction/);
      expect(response.statusCode).toBe(200);
    } finally {
      started.stop();
    }
  });

  it('lets --port win over PORT', async () => {
    const port = await freePort();
    const started = await run(['--port', String(port)], { PORT: '1' }, /Ctrl\+C/);
    try {
      expect(started.output).toContain(`http://127.0.0.1:${port}`);
    } finally {
      started.stop();
    }
  });

  it('explains a taken port in one line, without a stack trace, and exits 1', async () => {
    // Prepare
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as { port: number };

    // Act
    const result = await run(['--port', String(port)]);
    blocker.close();

    // Assess
    expect(result.code).toBe(1);
    expect(result.output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('explains a missing template and an unknown flag', async () => {
    const missing = await run(['--template', 'nowhere.yaml']);
    const unknown = await run(['--prot', '1']);
    expect(missing.code).toBe(1);
    expect(missing.output).toMatch(/Cannot start the local API: No template at .*nowhere\.yaml/);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toMatch(/Cannot start the local API: .*--prot/);
    expect(`${missing.output}${unknown.output}`).not.toMatch(/\n\s+at /);
  });
});
