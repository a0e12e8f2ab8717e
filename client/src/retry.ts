// Sending a request again when the contract says it may be: an operation marked x-safe-to-retry,
// answered 429, 502, 503 or 504, a bounded number of times with a jittered back-off (back-off.ts).
// Anything else, a timeout or a network error included, goes back to the caller at once.
import { type BackOff, delayBefore } from './back-off.ts';

/** A retry about to happen: which attempt was answered what, and the wait before the next. */
export interface Retry {
  /** The attempt that was answered, 1 for the first. */
  attempt: number;
  /** Its answer: its status and headers, for its body has been cancelled and cannot be read. */
  response: Response;
  /** The wait before the next attempt. */
  delayMs: number;
}

export interface RetryPolicy extends BackOff {
  /** The most times a request is sent again. */
  retries: number;
  /** Whether the request may be sent again: the exact object the caller passed to fetch. */
  isSafe: (request: Request) => boolean;
  /** Waits `ms`, rejecting with the signal's reason if it aborts first. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told of each retry before its wait. */
  onRetry: (retry: Retry) => void;
}

/** `fetch`, sending again what `policy` allows when the answer says the API was busy or its integration failed. */
export const withRetries =
  (fetch: typeof globalThis.fetch, policy: RetryPolicy): typeof globalThis.fetch =>
  async (input, init) => {
    if (policy.retries === 0 || !(input instanceof Request) || !policy.isSafe(input)) return fetch(input, init);
    // Passed along as it is: a clone's own signal follows the original's only as long as Node keeps
    // the link, which it holds weakly.
    const signal = init?.signal ?? input.signal;
    for (let attempt = 1; ; attempt++) {
      // Each attempt sends a clone: a body can be read once, and the original keeps it for the next.
      const response = await fetch(input.clone(), { ...init, signal });
      const delayMs = attempt <= policy.retries ? delayBefore(attempt, response, policy) : undefined;
      if (delayMs === undefined) return response;
      // Read to the end or cancelled, an answer frees its connection; this one is never read.
      await response.body?.cancel();
      policy.onRetry({ attempt, response, delayMs });
      await policy.sleep(delayMs, signal);
    }
  };

/** A timer's wait, cut short by `signal`. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', abort);
      resolve();
    }, ms);
    signal.addEventListener('abort', abort, { once: true });
  });
