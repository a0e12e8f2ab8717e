// The id a client quotes when reporting a problem: API Gateway's, which the client sees in
// x-amzn-RequestId, or Lambda's own for an event that did not come through API Gateway.
import { isRecord } from './values.ts';

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

/** API Gateway's request id, or, for an event that did not come through API Gateway, Lambda's own. */
export const requestIdOf = (event: unknown, context: unknown): string =>
  gatewayRequestId(event) ?? asRequestId(isRecord(context) ? context.awsRequestId : undefined) ?? 'unknown';
