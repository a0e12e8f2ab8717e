// Generated from the contract by `npm run generate`; never edit by hand.
import type { operations } from './api.js';

/** Each operation of the contract, by API Gateway's `httpMethod` and `resource`. */
export const OPERATIONS = {
  "POST /": "meditate",
} as const satisfies Record<string, keyof operations>;

/** The operations the contract marks `x-safe-to-retry`, by method and path: a client may send them again. */
export const SAFE_TO_RETRY: readonly string[] = [
  "POST /",
];
