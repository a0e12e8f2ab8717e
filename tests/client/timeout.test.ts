// Each request's limit (client/src/timeout.ts): a fetch that never answers, one whose body stalls, and
// a real server that sends its headers but never its body, are given up on at timeoutMs with the
// package's TimeoutError alike; the caller's own abort stays theirs.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeoutError, withTimeout } from '../../client/src/index.ts';
import { fakeApiClient } from '../support/fake-fetch.ts';

/**
 * Three calls to a server that never answers, garbage collected every 5 ms, printing how each
 * ended: Node's Request follows an abort signal through a weak reference, and a signal lost to the
 * collector is a call that hangs. Each is marked safe to retry, so it takes the retries' path too.
 */
const COLLECTED_CALLS = `
import { createServer } from 'node:http';
const { createRetryingClient } = await import(${JSON.stringify(new URL('../../client/src/client.ts', import.meta.url).href)});
const server = createServer(() => undefined);
await new Promise((listening) => server.listen(0, '127.0.0.1', listening));
setInterval(globalThis.gc, 5);
const client = createRetryingClient('http://127.0.0.1:' + server.address().port, { timeoutMs: 200 }, () => true);
const ended = [];
for (let call = 0; call < 3; call++) ended.push(await client.POST('/marked').catch((error) => error.name));
console.log(ended.join(' '));
process.exit(0);
`;

/** A fetch that answers nothing until its request is aborted. */
const silentFetch: typeof globalThis.fetch = (input, init) =>
  new Promise((_, reject) => {
    const { signal } = new Request(input, init);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

/**
 * A fetch that answers at once, but whose body stops after its first bytes; when the request is
 * aborted, the body fails with the signal's reason, as fetch's does (Fetch standard, "abort fetch").
 */
const stallingBodyFetch: typeof globalThis.fetch = async (_, init) => {
  const signal = init?.signal;
  const body = new ReadableStream<Uint8Array>({
    start: (controller) => {
      controller.enqueue(new TextEncoder().encode('{"status":'));
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true });
    },
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
};

/** A fetch that answers nothing, and when aborted rejects with an error of its own, not the signal's reason. */
const ownErrorFetch: typeof globalThis.fetch = (_, init) =>
  new Promise((_, reject) => {
    init?.signal?.addEventListener('abort', () => reject(new Error('The user aborted a request.')), { once: true });
  });

let server: Server | undefined;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((closed) => (server ? server.close(closed) : closed(undefined)));
  server = undefined;
});

describe('the client: timeouts', () => {
  it('rejects with a TimeoutError when no answer comes within timeoutMs', async () => {
    // Prepare
    const client = fakeApiClient('https://api.example.test/v1', { fetch: silentFetch, timeoutMs: 50 });
    const startedAt = performance.now();

    // Act
    const error = await client.POST('/marked', { body: { word: 'abides' } }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toHaveProperty('message', 'no answer within 50 ms');
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });

  it('rejects with the same TimeoutError when the answer comes in time but its body does not', async () => {
    // Prepare
    const client = fakeApiClient('https://api.example.test/v1', { fetch: stallingBodyFetch, timeoutMs: 50 });

    // Act
    const error = await client.POST('/marked', { body: { word: 'abides' } }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toHaveProperty('message', 'no answer within 50 ms');
  });

  it('rejects with a TimeoutError too when the fetch given reports the timeout with an error of its own', async () => {
    // Act
    const error = await withTimeout(
      ownErrorFetch,
      50,
    )('https://api.example.test/v1/unmarked').catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toHaveProperty('cause.message', 'The user aborted a request.');
  });

  it('gives up on an answer whose body does not come within timeoutMs', async () => {
    // Prepare: the headers at once, the body never.
    server = createServer((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('{"status":');
    });
    await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };
    const client = fakeApiClient(`http://127.0.0.1:${port}`, { timeoutMs: 100 });

    // Act / Assess
    await expect(client.POST('/marked', { body: { word: 'abides' } })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('gives up at timeoutMs even while the garbage collector runs', async () => {
    // Act: killed after 10 s, had a call hung.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--expose-gc', '--input-type=module', '--eval', COLLECTED_CALLS],
      { encoding: 'utf8', timeout: 10_000 },
    );

    // Assess
    expect(stdout.trim()).toBe('TimeoutError TimeoutError TimeoutError');
  });

  it("lets the caller's own abort through as an abort, not a timeout", async () => {
    // Prepare
    const controller = new AbortController();
    const fetch = withTimeout(silentFetch, 10_000);

    // Act
    const pending = fetch('https://api.example.test/v1/unmarked', { method: 'POST', signal: controller.signal });
    controller.abort();

    // Assess
    await expect(pending).rejects.toThrow(expect.objectContaining({ name: 'AbortError' }));
  });
});
