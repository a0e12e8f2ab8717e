// The client's retries, through openapi-fetch over an API of the tests' own, with a scripted fetch
// and a noted sleep: only what is marked safe to retry (the contract's x-safe-to-retry; which
// operations the package marks is in client.test.ts), only after 429, 502, 503 or 504, a bounded
// number of times, with full jitter. The same against a throttled runner is in throttled.test.ts;
// timeouts in timeout.test.ts.
import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../client/src/back-off.ts';
import { type Retry, requestIdOf } from '../../client/src/index.ts';
import { errorAnswer, fakeApiClient, notedSleep, scriptedFetch, successAnswer } from '../support/fake-fetch.ts';

const BASE_URL = 'https://api.example.test/v1';
const BODY = { body: { word: 'abides' } };

describe('the client: retries', () => {
  it.each([429, 502, 503, 504])(
    'sends a marked operation again after a %i, and answers what the retry got',
    async (status) => {
      // Prepare
      const { fetch, received } = scriptedFetch(
        () => errorAnswer(status, 'BUSY', 'r-1'),
        () => successAnswer('r-2'),
      );
      const { sleep } = notedSleep();

      // Act
      const result = await fakeApiClient(BASE_URL, { fetch, sleep }).POST('/marked', BODY);

      // Assess
      expect(received).toHaveLength(2);
      expect(result.data).toEqual({ status: 'success' });
      expect(requestIdOf(result)).toBe('r-2');
    },
  );

  it.each([400, 403, 500, 501])('answers a %i at once, never sending the request again', async (status) => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => errorAnswer(status, 'NOPE', 'r-1'));

    // Act
    const { error } = await fakeApiClient(BASE_URL, { fetch, sleep: notedSleep().sleep }).POST('/marked', BODY);

    // Assess
    expect(received).toHaveLength(1);
    expect(error?.code).toBe('NOPE');
  });

  it('gives up after `retries` retries and answers the last refusal, onRetry told of each answer, its body cancelled', async () => {
    // Prepare
    let count = 0;
    const { fetch, received } = scriptedFetch(() => errorAnswer(503, 'UNAVAILABLE', `r-${++count}`));
    const retries: Retry[] = [];

    // Act
    const result = await fakeApiClient(BASE_URL, {
      fetch,
      sleep: notedSleep().sleep,
      onRetry: (retry) => retries.push(retry),
    }).POST('/marked', BODY);

    // Assess: the default of 2 retries, so three attempts.
    expect(received).toHaveLength(3);
    expect(result.response.status).toBe(503);
    expect(result.error).toEqual({ status: 'error', code: 'UNAVAILABLE', message: 'UNAVAILABLE', requestId: 'r-3' });
    expect(requestIdOf(result)).toBe('r-3');
    expect(retries.map(({ attempt, response }) => [attempt, requestIdOf(response)])).toEqual([
      [1, 'r-1'],
      [2, 'r-2'],
    ]);
    // Told of a retry, its answer's body is gone already, freeing the connection: the README says not to read it.
    await expect(retries[0]?.response.json()).rejects.toBeInstanceOf(TypeError);
  });

  it('waits a jittered share of a ceiling that doubles from baseDelayMs up to maxDelayMs', async () => {
    // Prepare
    const { fetch } = scriptedFetch(() => errorAnswer(429, 'THROTTLED', 'r-1'));
    const { waits, sleep } = notedSleep();
    const draws = [0.5, 0.25, 0.75, 0.5, 1 - Number.EPSILON];

    // Act
    await fakeApiClient(BASE_URL, {
      fetch,
      sleep,
      retries: 5,
      baseDelayMs: 100,
      maxDelayMs: 500,
      random: () => draws.shift() ?? 0,
    }).POST('/marked', BODY);

    // Assess: ceilings 100, 200, 400, then 500 twice (800 and 1600 capped).
    expect(waits).toEqual([50, 50, 300, 250, 500 * (1 - Number.EPSILON)]);
  });

  it('waits what Retry-After asks, and answers at once when it asks longer than maxDelayMs', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(
      () => errorAnswer(503, 'UNAVAILABLE', 'r-1', { 'Retry-After': '2' }),
      () => errorAnswer(503, 'UNAVAILABLE', 'r-2', { 'Retry-After': '6' }),
    );
    const { waits, sleep } = notedSleep();

    // Act
    const result = await fakeApiClient(BASE_URL, { fetch, sleep, maxDelayMs: 5_000 }).POST('/marked', BODY);

    // Assess
    expect(waits).toEqual([2_000]);
    expect(received).toHaveLength(2);
    expect(requestIdOf(result)).toBe('r-2');
  });

  it('sends each attempt the same request, body included', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(
      () => errorAnswer(502, 'INTEGRATION_FAILURE', 'r-1'),
      () => successAnswer('r-2'),
    );

    // Act
    await fakeApiClient(BASE_URL, { fetch, sleep: notedSleep().sleep }).POST('/marked', BODY);

    // Assess
    expect(received).toEqual([
      { method: 'POST', url: `${BASE_URL}/marked`, body: '{"word":"abides"}' },
      { method: 'POST', url: `${BASE_URL}/marked`, body: '{"word":"abides"}' },
    ]);
  });

  it('never sends again an operation not marked safe to retry', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => errorAnswer(503, 'UNAVAILABLE', 'r-1'));
    const client = fakeApiClient(BASE_URL, { fetch, sleep: notedSleep().sleep });

    // Act
    const { response } = await client.POST('/unmarked');
    const marked = received.length;
    await client.POST('/marked', BODY);

    // Assess: the same client retries the marked operation.
    expect(response.status).toBe(503);
    expect(marked).toBe(1);
    expect(received).toHaveLength(4);
  });

  it('sends nothing again with retries 0', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => errorAnswer(429, 'THROTTLED', 'r-1'));

    // Act
    const { error } = await fakeApiClient(BASE_URL, { fetch, retries: 0 }).POST('/marked', BODY);

    // Assess
    expect(received).toHaveLength(1);
    expect(error?.code).toBe('THROTTLED');
  });

  it('stops waiting for a retry when the request is aborted', async () => {
    // Prepare: a real wait of 10 s, cut short.
    const { fetch } = scriptedFetch(() => errorAnswer(503, 'UNAVAILABLE', 'r-1', { 'Retry-After': '10' }));
    const controller = new AbortController();
    const client = fakeApiClient(BASE_URL, { fetch, maxDelayMs: 20_000, onRetry: () => controller.abort() });
    const startedAt = performance.now();

    // Act / Assess
    await expect(client.POST('/marked', { ...BODY, signal: controller.signal })).rejects.toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
    expect(performance.now() - startedAt).toBeLessThan(1_000);
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['delay-seconds', '3', 3_000],
    ['an HTTP date ahead', 'Wed, 21 Oct 2015 07:28:05 GMT', 5_000],
    ['an HTTP date past', 'Wed, 21 Oct 2015 07:27:00 GMT', 0],
    ['an unreadable value', 'soon', undefined],
  ])('reads %s', (_, value, expected) => {
    expect(retryAfterMs(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(expected);
  });

  it('reads no header as no wait asked', () => {
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
