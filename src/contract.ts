// The contract's types under short names: the only module that imports from generated/.
import type { components } from '../generated/api.js';

/** The 200 body of `meditate`. */
export type Meditation = components['schemas']['Meditation'];

/** The body of every error answer, from the function or from API Gateway. */
export type ErrorBody = components['schemas']['Error'];

/** The stable, machine-readable error codes. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** Every path and operation of the API, for typed clients. */
export type { paths as ApiPaths } from '../generated/api.js';
