// `npm run invoke` as a user runs it: a child process, its stdout (the result alone), its stderr
// (the function's logs), its exit code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readApiDefinition } from '../../local/api-definition.ts';
import { generateEvent } from '../../local/generate-event.ts';
import { contract } from '../support/contract.ts';
import { exampleOf } from '../support/examples.ts';
import { FAULTY_TEMPLATE } from '../support/http.ts';

const CLI = fileURLToPath(new URL('../../local/invoke.ts', import.meta.url));
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const STACK_FRAME = /\n\s+at /;
const faulty = readApiDefinition(FAULTY_TEMPLATE);

const invoke = (args: string[], input?: string) => {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: PROJECT,
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { stdout: result.stdout, stderr: result.stderr, code: result.status };
};

/** The fixture's 1 s Timeout is for the timeout test: a cold start on a busy machine may take longer. */
const ROOMY = ['--parameter-overrides', 'FunctionTimeout=10'];

/** An event for a path of the faulty fixture, as JSON for stdin. */
const faultyEvent = (path: string) => JSON.stringify(generateEvent(faulty, { method: 'POST', path }));

describe('npm run invoke', () => {
  it("runs the contract's example request through the API's function by default: the result alone on stdout, the logs on stderr", () => {
    // Prepare: the example of the function's first operation.
    const example = exampleOf();

    // Act
    const { stdout, stderr, code } = invoke([]);

    // Assess
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.statusCode).toBe(example.status);
    expect(contract.checkResponse(example.operationId, result)).toEqual({ valid: true, errors: [] });
    // A cold start in an environment of the template's memory, reported as Lambda reports it.
    expect(stderr).toMatch(
      /\[MeditationsFunction\] REPORT RequestId: \S+\tDuration: .*\tMemory Size: 128 MB\tInit Duration/,
    );
    expect(stderr).toContain('cold_start=true');
  });

  it('reads the event from stdin with --event -, and prints a thrown error as Lambda reports it, exiting 1', () => {
    // Act
    const { stdout, code } = invoke(
      ['FaultyFunction', '--template', FAULTY_TEMPLATE, ...ROOMY, '--event', '-'],
      faultyEvent('/throws'),
    );

    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ errorType: 'Error', errorMessage: 'kaboom at /var/task/secret.js' });
  });

  it("reports a timeout as Lambda does when the function runs past the template's Timeout, exiting 1", () => {
    // Act: the fixture's Timeout is 1 s; /slow sleeps 5 s.
    const { stdout, stderr, code } = invoke(['--template', FAULTY_TEMPLATE, '-e', '-'], faultyEvent('/slow'));

    // Assess
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/),
    });
    expect(stderr).toMatch(/Task timed out after 1\.00 seconds/);
  });

  it('applies --env-vars to the variables the template declares', () => {
    // Prepare
    const envVars = join(mkdtempSync(join(tmpdir(), 'guru-invoke-')), 'env.json');
    writeFileSync(envVars, JSON.stringify({ FaultyFunction: { FROM_FUNCTION: 'from-file' } }));

    // Act
    const { stdout, code } = invoke(
      ['--template', FAULTY_TEMPLATE, ...ROOMY, '--env-vars', envVars, '-e', '-'],
      faultyEvent('/echo/env'),
    );

    // Assess
    expect(code).toBe(0);
    const { env } = JSON.parse(JSON.parse(stdout).body);
    expect(env).toMatchObject({ FROM_FUNCTION: 'from-file', FROM_GLOBALS: 'globals' });
  });

  it.each([
    [
      'an unknown function',
      ['NoSuchFunction'],
      undefined,
      /NoSuchFunction is not a function of the template \(it has MeditationsFunction, PreTrafficHook, ContractMonitor\)/,
    ],
    [
      'no event for a function that answers no operation',
      ['PreTrafficHook'],
      undefined,
      /PreTrafficHook answers no operation of the contract: give it an event with --event/,
    ],
    ['an event that is not JSON', ['-e', '-'], '{"unclosed": ', /The event on stdin is not JSON/],
    [
      'an event file that does not exist',
      ['-e', 'events/absent.json'],
      undefined,
      /events\/absent\.json could not be read \(ENOENT\)/,
    ],
    ['an unknown option', ['--evnt', 'x.json'], undefined, /Unknown option '--evnt'/],
  ])('refuses %s in one line on stderr, exiting 2', (_, args, input, message) => {
    // Act
    const { stdout, stderr, code } = invoke(args, input);

    // Assess
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});
