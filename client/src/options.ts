// The client's options: one defaults object, merged once, and an unknown key refused rather than
// ignored, since it is most likely a typo.
import type { Retry } from './retry.ts';
import { sleep } from './retry.ts';

export interface MeditationsClientOptions {
  /** The most times a request the contract marks safe to retry is sent again after a 429, 502, 503 or 504. @default 2 */
  retries?: number;
  /** The first retry's longest wait; it doubles with each retry, and the wait is drawn below it. @default 200 */
  baseDelayMs?: number;
  /** The longest wait before a retry; a Retry-After header asking longer ends the retries. @default 5000 */
  maxDelayMs?: number;
  /** Each attempt's limit, from sending the request to reading the body; a retry has its own. @default 10000 */
  timeoutMs?: number;
  /** What sends the requests. @default globalThis.fetch, looked up at each request */
  fetch?: typeof globalThis.fetch;
  /** The jitter's source: a number in [0, 1). @default Math.random */
  random?: () => number;
  /** How a retry waits; it rejects with the signal's reason if the request is aborted. @default a timer */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Told of each retry before its wait, with the answer that caused it: read its headers (its
   * request id among others), not its body, which is cancelled already. @default nothing
   */
  onRetry?: (retry: Retry) => void;
}

export type Settings = Required<MeditationsClientOptions>;

const DEFAULTS: Settings = {
  retries: 2,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  timeoutMs: 10_000,
  // Looked up at each request, not at load: a fetch installed or replaced later is the one used.
  fetch: (input, init) => globalThis.fetch(input, init),
  random: Math.random,
  sleep,
  onRetry: () => undefined,
};

const NUMBERS = [
  ['retries', (value: number) => Number.isInteger(value) && value >= 0],
  ['baseDelayMs', (value: number) => Number.isFinite(value) && value >= 0],
  ['maxDelayMs', (value: number) => Number.isFinite(value) && value >= 0],
  ['timeoutMs', (value: number) => Number.isFinite(value) && value > 0],
] as const;

/** The options over the defaults; throws on an unknown key or a number out of range. */
export const resolveOptions = (options: MeditationsClientOptions = {}): Settings => {
  const unknown = Object.keys(options).filter((key) => !(key in DEFAULTS));
  if (unknown.length > 0) throw new TypeError(`Unknown option(s): ${unknown.join(', ')}`);
  // An option given as undefined keeps its default, as leaving it out would.
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  const settings: Settings = { ...DEFAULTS, ...given };
  for (const [key, valid] of NUMBERS)
    if (!valid(settings[key])) throw new RangeError(`Option ${key} is out of range: ${settings[key]}`);
  return settings;
};
