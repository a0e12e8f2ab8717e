// The contract's types and its retry advice: the one module of the client that reads generated/,
// which `npm run generate` writes from openapi.yaml. The build inlines SAFE_TO_RETRY and ships
// api.d.ts beside the declarations (lib/client-package.ts), so the package stands alone.
import type { components } from '../../generated/api.js';
import { SAFE_TO_RETRY } from '../../generated/operations.ts';

/**
 * The contract's types, as openapi-typescript writes them: every path, every operation by its
 * operationId, and every schema under `components['schemas']`, named as the contract names it.
 */
export type { components, operations, paths } from '../../generated/api.js';

/** The body of every error answer, from the function or from API Gateway. */
export type ErrorBody = components['schemas']['Error'];

const SAFE = new Set(SAFE_TO_RETRY);

/** Whether the contract marks the operation at `method` and `schemaPath` (`GET`, `/items/{id}`) `x-safe-to-retry`. */
export const isSafeToRetry = (method: string, schemaPath: string): boolean => SAFE.has(`${method} ${schemaPath}`);
