// The request id of an answer: what a user quotes when reporting a problem, and what finds the
// request in the API's access logs and its function's logs (openapi.yaml, info.description).

/**
 * The header API Gateway sets on every answer, the function's and its own. CORS names it in
 * Access-Control-Expose-Headers, so a page may read it too.
 */
const REQUEST_ID_HEADER = 'x-amzn-RequestId';

/** The request id of an answer: a `Response`, or what a client call resolves to (`{ data, error, response }`). */
export const requestIdOf = (answer: Response | { response: Response }): string | undefined =>
  ('headers' in answer ? answer : answer.response).headers.get(REQUEST_ID_HEADER) ?? undefined;
