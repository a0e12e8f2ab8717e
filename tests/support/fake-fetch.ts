// Fakes for the client's tests: an API of their own (its `paths`, as openapi-typescript would write
// them, and the client over it), and, passed in as the client's options, a fetch that answers from
// a script and keeps what it was sent, and a sleep that notes each wait instead of waiting.
import type { Client } from 'openapi-fetch';
import { createRetryingClient } from '../../client/src/client.ts';
import type { ErrorBody, MeditationsClientOptions } from '../../client/src/index.ts';

/** What the fake API answers: a word, or the contract's error body. */
interface FakeResponses {
  200: { content: { 'application/json': { status: 'success'; word?: string } } };
  default: { content: { 'application/json': ErrorBody } };
}

/** The fake API's paths: an operation marked safe to retry that takes a body, and one that is not marked. */
export interface FakePaths {
  '/marked': {
    post: { requestBody: { content: { 'application/json': { word: string } } }; responses: FakeResponses };
  };
  '/unmarked': { post: { responses: FakeResponses } };
}

/** A client of the fake API at `baseUrl`, retrying POST /marked as the package retries what a contract marks x-safe-to-retry. */
export const fakeApiClient = (baseUrl: string, options?: MeditationsClientOptions): Client<FakePaths> =>
  createRetryingClient<FakePaths>(baseUrl, options, (method, path) => method === 'POST' && path === '/marked');

/** An answer as the API gives it: a JSON body and its request id. */
export const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** The contract's error body for `status`, with `requestId` in the body and the header alike. */
export const errorAnswer = (status: number, code: string, requestId: string, headers: Record<string, string> = {}) =>
  answer(status, { status: 'error', code, message: code, requestId }, { 'x-amzn-RequestId': requestId, ...headers });

/** A success, `body` (`{"status":"success"}` unless given), with its request id. */
export const successAnswer = (requestId: string, body: object = { status: 'success' }) =>
  answer(200, body, { 'x-amzn-RequestId': requestId });

export interface ScriptedFetch {
  fetch: typeof globalThis.fetch;
  /** Each request received, in order, with its body read. */
  received: { method: string; url: string; body: string }[];
}

/** A fetch answering each request with the next of `answers` (the last one again once they run out). */
export const scriptedFetch = (...answers: (() => Response)[]): ScriptedFetch => {
  const received: ScriptedFetch['received'] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    received.push({ method: request.method, url: request.url, body: await request.text() });
    const next = answers[Math.min(received.length, answers.length) - 1];
    if (next === undefined) throw new Error('scriptedFetch: no answer scripted');
    return next();
  };
  return { fetch, received };
};

/** A sleep that notes each wait and returns at once. */
export const notedSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};
