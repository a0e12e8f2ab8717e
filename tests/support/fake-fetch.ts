// Fakes for the client's tests, passed in as its options: a fetch that answers from a script and
// keeps what it was sent, and a sleep that notes each wait instead of waiting.

/** An answer as the API gives it: a JSON body and its request id. */
export const answer = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

/** The contract's error body for `status`, with `requestId` in the body and the header alike. */
export const errorAnswer = (status: number, code: string, requestId: string, headers: Record<string, string> = {}) =>
  answer(status, { status: 'error', code, message: code, requestId }, { 'x-amzn-RequestId': requestId, ...headers });

/** A meditation, as POST / answers it. */
export const meditationAnswer = (requestId: string) =>
  answer(200, { status: 'success', meditation: 'off to a regex/' }, { 'x-amzn-RequestId': requestId });

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
