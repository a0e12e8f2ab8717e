// Generated from the contract by `npm run generate`; never edit by hand.
import type { operations } from './api.js';

/** Each operation of the contract, by API Gateway's `httpMethod` and `resource`. */
export const OPERATIONS = {
  "POST /": "meditate",
} as const satisfies Record<string, keyof operations>;
