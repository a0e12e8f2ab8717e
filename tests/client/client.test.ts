// The client's surface: openapi-fetch's, typed by the contract; its options, checked once; and the
// request id of every answer. Retries are in retry.test.ts, timeouts in timeout.test.ts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createMeditationsClient, type ErrorBody, type Meditation, requestIdOf } from '../../client/src/index.ts';
import type { ErrorBody as ContractErrorBody, Schemas } from '../../src/shared/contract.ts';
import { errorAnswer, meditationAnswer, scriptedFetch } from '../support/fake-fetch.ts';

const BASE_URL = 'https://api.example.test/v1';

describe('createMeditationsClient', () => {
  it("answers POST / with the contract's types: data a Meditation, error the Error body", async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => meditationAnswer('r-1'));

    // Act
    const { data, error } = await createMeditationsClient(BASE_URL, { fetch }).POST('/');

    // Assess
    expect(received).toEqual([{ method: 'POST', url: `${BASE_URL}/`, body: '' }]);
    expect(data).toEqual({ status: 'success', meditation: 'off to a regex/' });
    expect(error).toBeUndefined();
    expectTypeOf(data).toEqualTypeOf<Meditation | undefined>();
    expectTypeOf(error).toEqualTypeOf<ErrorBody | undefined>();
    expectTypeOf<Meditation>().toEqualTypeOf<Schemas['Meditation']>();
    expectTypeOf<ErrorBody>().toEqualTypeOf<ContractErrorBody>();
  });

  it('answers an error with its body, whose requestId is the one the answer carries', async () => {
    // Prepare
    const { fetch } = scriptedFetch(() => errorAnswer(403, 'MISSING_AUTHENTICATION_TOKEN', 'r-1'));

    // Act
    const result = await createMeditationsClient(BASE_URL, { fetch }).POST('/');

    // Assess
    expect(result.error?.code).toBe('MISSING_AUTHENTICATION_TOKEN');
    expect(result.error?.requestId).toBe(requestIdOf(result));
  });

  it('sends to the base URL however many slashes end it', async () => {
    // Prepare
    const { fetch, received } = scriptedFetch(() => meditationAnswer('r-1'));

    // Act
    await createMeditationsClient(`${BASE_URL}//`, { fetch }).POST('/');

    // Assess
    expect(received[0]?.url).toBe(`${BASE_URL}/`);
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
      () => meditationAnswer('r-2'),
    );

    // Act
    await createMeditationsClient(BASE_URL, { fetch, retries: undefined, sleep: async () => undefined }).POST('/');

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
