// A typed client for the API: its paths, bodies and statuses come from the generated types.
import createClient from 'openapi-fetch';
import type { ApiPaths } from '../src/shared/contract.ts';

/** A client for the API at `baseUrl` (a deployed stage URL such as https://…/v1, or the local runner). */
export const createMeditationsClient = (baseUrl: string, fetch: typeof globalThis.fetch = globalThis.fetch) =>
  createClient<ApiPaths>({ baseUrl: baseUrl.replace(/\/+$/, ''), fetch });
