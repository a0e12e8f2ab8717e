// The client package's entry: a typed client for the API, made from its contract.
export { createMeditationsClient, type MeditationsClient } from './client.ts';
export type { components, ErrorBody, operations, paths } from './contract.ts';
export type { MeditationsClientOptions } from './options.ts';
export { requestIdOf } from './request-id.ts';
export type { Retry } from './retry.ts';
export { TimeoutError, withTimeout } from './timeout.ts';
