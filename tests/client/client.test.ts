// The client's surface: openapi-fetch's, typed by the contract and sending what it describes, each
// operation's example request as the test; its options, checked once; which operations it retries,
// the ones the contract marks; and the request id of every answer. How it retries is in
// retry.test.ts, over an API of the tests' own; timeouts in timeout.test.ts.
import type { Client } from 'openapi-fetch';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type components,
  createMeditationsClient,
  type ErrorBody,
  type MeditationsClient,
  type operations,
  type paths,
  requestIdOf,
} from '../../client/src/index.ts';
import type * as Generated from '../../generated/api.js';
import { EXAMPLES, firstExample, isMarkedSafe, sendExample, targetOf } from '../support/examples.ts';
import { errorAnswer, fakeApiClient, notedSleep, scriptedFetch, successAnswer } from '../support/fake-fetch.ts';

const BASE_URL = 'https://api.example.test/v1';

describe('createMeditationsClient', () => {
  it("is openapi-fetch's client over the contract's paths, and exports the contract's types", () => {
    expectTypeOf<MeditationsClient>().toEqualTypeOf<Client<Generated.paths>>();
    expectTypeOf<paths>().toEqualTypeOf<Generated.paths>();
    expectTypeOf<operations>().toEqualTypeOf<Generated.operations>();
    expectTypeOf<components>().toEqualTypeOf<Generated.components>();
    expectTypeOf<ErrorBody>().toEqualTypeOf<Generated.components['schemas']['Error']>();
  });

  it("sends each operation's example request as the contract describes it, and answers with its body", async () => {
    for (const example of EXAMPLES) {
      // Prepare
      const { fetch, received } = scriptedFetch(() => successAnswer('r-1'));

      // Act
      const { data, error } = await sendExample(createMeditationsClient(BASE_URL, { fetch }), example);

      // Assess
      const { method, body } = example.request;
      expect(received, example.operationId).toEqual([{ method, url: targetOf(example, BASE_URL), body }]);
      expect(data).toEqual({ status: 'success' });
      expect(error).toBeUndefined();
    }
  });

  it('answers an error with its body, whose requestId is the one the answer carries', async () => {
    // Prepare
    const { fetch } = scriptedFetch(() => errorAnswer(403, 'MISSING_AUTHENTICATION_TOKEN', 'r-1'));

    // Act
    const result = await sendExample(createMeditationsClient(BASE_URL, { fetch }), firstExample());

    // Assess
    expect(result.error?.code).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(result.error?.requestId).toBe(requestIdOf(result));
  });

  it('sends to the base URL however many slashes end it', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => successAnswer('r-1'));

    // Act
    await sendExample(createMeditationsClient(`${BASE_URL}//`, { fetch }), firstExample());

    // Assess
    expect(received[0]?.url).toBe(targetOf(firstExample(), BASE_URL));
  });

  it('sends again, after a 503, exactly the operations the contract marks x-safe-to-retry', async () => {
    // Prepare
    const attempts: [string, number][] = [];

    // Act
    for (const example of EXAMPLES) {
      const { fetch, received } = scriptedFetch(
        () => errorAnswer(503, 'UNAVAILABLE', 'r-1'),
        () => successAnswer('r-2'),
      );
      await sendExample(createMeditationsClient(BASE_URL, { fetch, sleep: notedSleep().sleep }), example);
      attempts.push([example.operationId, received.length]);
    }

    // Assess
    expect(attempts).toEqual(EXAMPLES.map((example) => [example.operationId, isMarkedSafe(example) ? 2 : 1]));
  });

  it('refuses an unknown option, which is likely a typo', () => {
    expect(() => createMeditationsClient(BASE_URL, { retires: 3 } as never)).toThrow('Unknown option(s): retires');
  });

  it.each([
    ['retries', -1],
    ['retries', 1.5],
    ['baseDelayMs', Number.NaN],
    ['maxDelayMs', -5],
    ['timeoutMs', 0],
  ])('refuses %s %d', (option, value) => {
    expect(() => createMeditationsClient(BASE_URL, { [option]: value })).toThrow(`Option ${option} is out of range`);
  });

  it('keeps the default of an option given as undefined', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(
      () => errorAnswer(503, 'UNAVAILABLE', 'r-1'),
      () => successAnswer('r-2'),
    );

    // Act
    await fakeApiClient(BASE_URL, { fetch, retries: undefined, sleep: async () => undefined }).POST('/marked', {
      body: { word: 'abides' },
    });

    // Assess
    expect(received).toHaveLength(2);
  });
});

describe('requestIdOf', () => {
  it("reads the x-amzn-RequestId header of an answer, or of a client call's result", () => {
    // Prepare
    const response = new Response(null, { headers: { 'X-Amzn-RequestId': 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef' } });

    // Act / Assess
    expect(requestIdOf(response)).toBe('c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
    expect(requestIdOf({ response })).toBe('c6af9ac6-7b61-11e6-9a41-93e8deadbeef');
  });

  it('reads nothing from an answer without one', () => {
    expect(requestIdOf(new Response(null))).toBeUndefined();
  });
});
