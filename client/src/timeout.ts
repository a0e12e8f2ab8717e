// A limit on each request: `fetch` never waits longer than `timeoutMs` for an answer and its body.
// AbortSignal.timeout keeps no Node process alive, and a browser's fetch honours it alike.
// https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static

/** A request that got no answer within its limit. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * `fetch`, each request cut short after `timeoutMs`: it rejects with a TimeoutError, or, when the
 * answer came but its body did not, reading the body rejects with an error named `TimeoutError`.
 * A request's own signal still cancels it.
 */
export const withTimeout =
  (fetch: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch =>
  async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    // Given to fetch itself, not to a new Request: Node's Request follows a signal through a weak
    // reference, and a Request made only to carry one can be collected, its abort lost with it.
    const signal = own ? AbortSignal.any([own, deadline]) : deadline;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      // The caller's own abort is theirs to report; only the deadline's is a timeout.
      if (deadline.aborted && !own?.aborted)
        throw new TimeoutError(`no answer within ${timeoutMs} ms`, { cause: error });
      throw error;
    }
  };
