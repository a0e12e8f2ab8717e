// `npm run smoke` against servers that answer wrongly, or not at all: it reports what it received,
// and the contract version the stage says it serves.
import { spawnSync } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/project.ts';
import { describeFailure, NoAnswerError, runSmoke, versionLine } from '../../scripts/smoke.ts';
import { exampleOf } from '../support/examples.ts';

let server: Server | undefined;

const serve = async (listener: RequestListener): Promise<string> => {
  server = createServer(listener);
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
};

/** Every request answered 500 with a valid error body, with `headers` beside the request id. */
const failingWith = (headers: Record<string, string>) =>
  serve((request, response) => {
    request.resume();
    response.writeHead(500, { 'Content-Type': 'application/json', 'x-amzn-RequestId': 'r-1', ...headers });
    response.end('{"status":"error","code":"INTERNAL","message":"down","requestId":"r-1"}');
  });

afterEach(async () => {
  if (server === undefined) return;
  server.closeAllConnections();
  await new Promise((closed) => server?.close(closed));
  server = undefined;
});

describe('smoke', () => {
  it('reports an error answer with a JSON body as received, and a missing header as missing', async () => {
    // Prepare: no Cache-Control, which the contract declares on every answer.
    const url = await failingWith({ 'X-Content-Type-Options': 'nosniff' });

    // Act
    const { verdict } = await runSmoke(url, { timeoutMs: 2_000 });

    // Assess: what was received for an operation's example request.
    const { operationId, status } = exampleOf();
    const example = verdict.failures
      .filter(({ probe }) => probe === `${operationId}: the contract's example request`)
      .map(describeFailure);
    expect(example).toContain(
      `expected answer: status 500, expected ${status} (status 500, x-amzn-RequestId r-1); received: {"status":"error","code":"INTERNAL","message":"down","requestId":"r-1"}`,
    );
    expect(example).toContainEqual(expect.stringMatching(/^contract: header Cache-Control is missing: must be string/));
    expect(example).toContainEqual(
      expect.stringMatching(
        /^headers: Strict-Transport-Security is missing, expected "max-age=31536000; includeSubDomains"/,
      ),
    );
    // Cache-Control is a header the contract declares: reported once, by the contract's check.
    expect(example.filter((line) => line.startsWith('headers: Cache-Control'))).toEqual([]);
    expect(verdict.passed).toBe(false);
  });

  it('reports the contract version the stage serves, and says so when it reports none', async () => {
    // Prepare
    const url = await failingWith({ 'X-Contract-Version': '1.0.0' });

    // Act
    const { servedVersions } = await runSmoke(url, { timeoutMs: 2_000 });

    // Assess
    expect(servedVersions).toEqual(['1.0.0']);
    expect(versionLine(servedVersions)).toMatch(/^The stage serves contract version 1\.0\.0 \(X-Contract-Version\)/);
    expect(versionLine([])).toMatch(/^The stage reports no contract version \(no X-Contract-Version header\)/);
  });

  it('gives up on a server that never answers, within the timeout, saying so', async () => {
    // Prepare
    const url = await serve(() => undefined);
    const startedAt = performance.now();

    // Act
    const error = await runSmoke(url, { timeoutMs: 300 }).catch((caught: unknown) => caught);

    // Assess: the limit is the client package's (withTimeout), which names it.
    expect(error).toBeInstanceOf(NoAnswerError);
    expect(error).toHaveProperty('message', expect.stringMatching(/^[A-Z]+ http:\/\/\S+: no answer within 300 ms$/));
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });
});

describe('npm run smoke, its command line', () => {
  const smoke = (...args: string[]) =>
    spawnSync(process.execPath, ['scripts/smoke.ts', ...args], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('prints its usage with --help and exits 0', () => {
    const result = smoke('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: npm run smoke -- <base URL>/);
  });

  it('explains an unknown option with its usage, without a stack trace, and exits 2', () => {
    const result = smoke('--bogus');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^Unknown option '--bogus'/);
    expect(result.stderr).toContain('Usage: npm run smoke -- <base URL>');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
