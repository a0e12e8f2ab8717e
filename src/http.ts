// The API Gateway side of every answer: proxy responses, their headers, and the request id.
// Proxy formats: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
import type { APIGatewayProxyResult, Context } from 'aws-lambda';

/** Headers on every answer: JSON, never cached (each answer is random), never sniffed. */
export const RESPONSE_HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

/** A proxy response carrying `body` as JSON. */
export const jsonResponse = (statusCode: number, body: object): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...RESPONSE_HEADERS },
  body: JSON.stringify(body),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** API Gateway's request id, which the client sees in `x-amzn-RequestId`, if the event has one. */
export const gatewayRequestId = (event: unknown): string | undefined => {
  const requestContext = isRecord(event) ? event['requestContext'] : undefined;
  const requestId = isRecord(requestContext) ? requestContext['requestId'] : undefined;
  return typeof requestId === 'string' && requestId !== '' ? requestId : undefined;
};

/**
 * The id a client quotes when reporting a problem: API Gateway's, or, for an event that did not
 * come through API Gateway, Lambda's own.
 */
export const requestIdOf = (event: unknown, context: Partial<Context> | undefined): string =>
  gatewayRequestId(event) ?? (typeof context?.awsRequestId === 'string' ? context.awsRequestId : 'unknown');
