// The contract's types and operation table under short names: the only module that imports from
// generated/, which `npm run generate` writes from openapi.yaml.
import type { components, operations } from '../../generated/api.js';
import type { OPERATIONS } from '../../generated/operations.ts';

/** The contract's schemas, by name (components/schemas): `Schemas['Error']`. */
export type Schemas = components['schemas'];

/** The body of every error answer, from the function or from API Gateway. */
export type ErrorBody = components['schemas']['Error'];

/** The stable, machine-readable error codes. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** Every operation a function answers, by operationId: the contract's, but the preflights API Gateway answers itself. */
export type Operations = Pick<operations, (typeof OPERATIONS)[keyof typeof OPERATIONS]>;

/** Every path and operation of the API, for typed clients. */
export type { paths as ApiPaths } from '../../generated/api.js';
/** The contract's version, which every answer carries in the X-Contract-Version header. */
export { CONTRACT_VERSION } from '../../generated/contract-version.ts';
/** The headers a page may read of an answer (Access-Control-Expose-Headers), as the contract lists them. */
export { EXPOSED_HEADERS } from '../../generated/cors.ts';

/** The contract's operations by API Gateway's `httpMethod` and `resource`: `'GET /items/{id}': 'getItem'`. */
export { OPERATIONS } from '../../generated/operations.ts';
