// The errors a client may see: ApiError for the ones we expose, and the body every error gets.
import type { ErrorBody, ErrorCode } from './contract.ts';

/** What a client reads when the function fails; nothing of the failure itself is disclosed. */
export const INTERNAL_MESSAGE = 'The meditation could not be served. Quote the requestId when reporting this.';

/** The answer to any error the client may not see: the contract's error body but the request id. */
export const INTERNAL_ERROR = { status: 'error', code: 'INTERNAL', message: INTERNAL_MESSAGE } as const satisfies Omit<
  ErrorBody,
  'requestId'
>;

/**
 * http-error-handler's fallback for any error it does not expose: INTERNAL_ERROR, serialized once
 * at module load. The request id is added per request (middleware/error-response).
 */
export const FALLBACK_BODY = JSON.stringify(INTERNAL_ERROR);

/**
 * An error whose status and code the client may see. As in middy's http-error-handler,
 * `expose` follows the status: a 4xx message is shown, a 5xx one is replaced by INTERNAL_MESSAGE.
 */
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
