// The client: openapi-fetch over the contract's paths, each request limited in time (timeout.ts)
// and sent again when the contract allows it (retry.ts). openapi-fetch builds a Request and
// tells its middleware which path template it is for; the middleware marks the requests the
// contract calls safe to retry, and the retrying fetch below it retries only those.
// https://openapi-ts.dev/openapi-fetch/middleware-auth
import createClient, { type Client } from 'openapi-fetch';
import { isSafeToRetry, type paths } from './contract.ts';
import { type MeditationsClientOptions, resolveOptions } from './options.ts';
import { withRetries } from './retry.ts';
import { withTimeout } from './timeout.ts';

/** The client for the API: openapi-fetch's, typed by the contract. */
export type MeditationsClient = Client<paths>;

/** A client over any `Paths`, retrying the requests `isSafe` names by method and path template. */
export const createRetryingClient = <Paths extends object>(
  baseUrl: string,
  options: MeditationsClientOptions | undefined,
  isSafe: (method: string, schemaPath: string) => boolean,
): Client<Paths> => {
  const { fetch, timeoutMs, ...policy } = resolveOptions(options);
  // Requests are marked by identity: a middleware of the caller's that replaces one is not retried.
  const safe = new WeakSet<Request>();
  const client = createClient<Paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    fetch: withRetries(withTimeout(fetch, timeoutMs), { ...policy, isSafe: (request) => safe.has(request) }),
  });
  client.use({
    onRequest: ({ request, schemaPath }) => {
      if (isSafe(request.method, schemaPath)) safe.add(request);
    },
  });
  return client;
};

/**
 * A client for the API at `baseUrl` (a stage's URL, such as https://abc123.execute-api.eu-west-1.amazonaws.com/v1,
 * or the local runner's): each operation called by its method and path template, as openapi-fetch
 * does, `const { data, error, response } = await client.GET('/items/{id}', { params: { path: { id } } })`.
 */
export const createMeditationsClient = (baseUrl: string, options?: MeditationsClientOptions): MeditationsClient =>
  createRetryingClient<paths>(baseUrl, options, isSafeToRetry);
