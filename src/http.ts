// The API Gateway side of every answer: proxy responses, their headers, and the request id.
// Proxy formats: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
import type { APIGatewayProxyResult } from 'aws-lambda';
import { CONTRACT_VERSION } from './contract.ts';

/**
 * Headers on every answer: JSON, never cached (each answer is random), never sniffed, framed or
 * run as a page; HTTPS only (the OWASP REST Security Cheat Sheet's list for a JSON API); and the
 * version of the contract served, which API Gateway's own answers carry too (openapi.yaml).
 */
export const RESPONSE_HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Contract-Version': CONTRACT_VERSION,
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
} as const;

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

/** A proxy response carrying `body` as JSON. */
export const jsonResponse = (statusCode: number, body: object): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...RESPONSE_HEADERS },
  body: JSON.stringify(body),
});

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
