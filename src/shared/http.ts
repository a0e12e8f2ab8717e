// HTTP as API Gateway passes it: header lookup, media types and the request id. Imports nothing
// generated, so the contract library (lib/contract.ts) can use it before generated/ exists.
// Proxy formats: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html

/** A header's value by name, whatever the case of either (HTTP header names compare so). */
export const headerValue = <Value>(
  headers: Record<string, Value> | null | undefined,
  name: string,
): Value | undefined => Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

/** The media type of a Content-Type value, its parameters left out: `application/json; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (contentType: unknown): string =>
  String(contentType ?? '')
    .split(';')[0]!
    .trim();

/** A JSON object: not null, not an array. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * What a request id looks like: API Gateway's and Lambda's are UUIDs. Anything else is not echoed
 * back, so that no caller-chosen text is reflected into an answer.
 */
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

const asRequestId = (value: unknown): string | undefined =>
  typeof value === 'string' && REQUEST_ID.test(value) ? value : undefined;

/** API Gateway's request id, which the client sees in `x-amzn-RequestId`, if the event has one. */
export const gatewayRequestId = (event: unknown): string | undefined => {
  const requestContext = isRecord(event) ? event.requestContext : undefined;
  return asRequestId(isRecord(requestContext) ? requestContext.requestId : undefined);
};

/**
 * The id a client quotes when reporting a problem: API Gateway's, or, for an event that did not
 * come through API Gateway, Lambda's own.
 */
export const requestIdOf = (event: unknown, context: unknown): string =>
  gatewayRequestId(event) ?? asRequestId(isRecord(context) ? context.awsRequestId : undefined) ?? 'unknown';
