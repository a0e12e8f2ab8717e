// How long to wait before sending a request again, as the contract advises (openapi.yaml,
// info.description): only after a 429, 502, 503 or 504, with exponential back-off and full jitter
// (a wait drawn uniformly between 0 and the ceiling, which doubles with each retry, as AWS's
// "Exponential Backoff And Jitter" finds spreads a throttled crowd best). A Retry-After header
// (RFC 9110, section 10.2.3) names the wait itself.
// https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

/** The statuses after which the contract says an operation marked x-safe-to-retry may be sent again. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

export interface BackOff {
  /** The first retry's ceiling, doubled for each retry after it. */
  baseDelayMs: number;
  /** The longest wait: the ceiling never passes it, and a Retry-After asking longer ends the retries. */
  maxDelayMs: number;
  /** A number in [0, 1). */
  random: () => number;
}

/** The Retry-After header's wait in milliseconds: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export const retryAfterMs = (value: string | null, now: number = Date.now()): number | undefined => {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
};

/** The wait before retry number `retry` (1 for the first) after `response`; undefined when it must not be retried. */
export const delayBefore = (
  retry: number,
  response: Response,
  { baseDelayMs, maxDelayMs, random }: BackOff,
): number | undefined => {
  if (!RETRIED_STATUSES.has(response.status)) return undefined;
  const asked = retryAfterMs(response.headers.get('retry-after'));
  if (asked !== undefined) return asked <= maxDelayMs ? asked : undefined;
  return random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
};
