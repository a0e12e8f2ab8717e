// The errors a client may see, and the message it reads when anything else fails.
import type { ErrorBody, ErrorCode } from './contract.ts';

/** http-error-handler's fallback: what a client reads when the function fails, and nothing of why. */
export const INTERNAL_MESSAGE = 'The meditation could not be served. Quote the requestId when reporting this.';

/** An error whose status, code and message a client may see; `expose` follows middy's rule (< 500). */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly expose: boolean;

  constructor(statusCode: number, code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.code = code;
    this.expose = statusCode < 500;
  }
}

/** The contract's error body. */
export const errorBody = (code: ErrorCode, message: string, requestId: string): ErrorBody =>
  ({ status: 'error', code, message, requestId }) satisfies ErrorBody;
