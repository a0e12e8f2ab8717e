// A limit on each request: `fetch` never waits longer than `timeoutMs` for an answer and its body.
// The deadline aborts the request with the package's own TimeoutError as its reason: fetch rejects
// with its signal's reason, and fails a body still being read with it too (Fetch standard, "abort
// fetch"), so a caller catches the same error whichever part was late. AbortSignal.timeout keeps
// the timer, as it keeps no Node process alive, and a browser's fetch honours it alike.
// https://fetch.spec.whatwg.org/#abort-fetch
// https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static

/** A request that got no answer, or not all of its body, within its limit. */
export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/** A signal that aborts after `timeoutMs` with a TimeoutError as its reason. */
const deadlineSignal = (timeoutMs: number): AbortSignal => {
  const deadline = new AbortController();
  // Node holds a timeout signal with an abort listener until it fires, so this is never collected early.
  AbortSignal.timeout(timeoutMs).addEventListener(
    'abort',
    () => deadline.abort(new TimeoutError(`no answer within ${timeoutMs} ms`)),
    { once: true },
  );
  return deadline.signal;
};

/**
 * `fetch`, each request cut short after `timeoutMs`: the request, or reading its body, rejects with
 * a TimeoutError. A request's own signal still cancels it, with that signal's reason.
 */
export const withTimeout =
  (fetch: typeof globalThis.fetch, timeoutMs: number): typeof globalThis.fetch =>
  async (input, init) => {
    const deadline = deadlineSignal(timeoutMs);
    const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    // Given to fetch itself, not to a new Request: Node's Request follows a signal through a weak
    // reference, and a Request made only to carry one can be collected, its abort lost with it.
    const signal = own ? AbortSignal.any([own, deadline]) : deadline;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      // The caller's own abort is theirs to report; only the deadline's is a timeout, which a
      // fetch of the caller's may report with an error of its own rather than the signal's reason.
      if (deadline.aborted && !own?.aborted)
        throw error === deadline.reason ? error : new TimeoutError(deadline.reason.message, { cause: error });
      throw error;
    }
  };
