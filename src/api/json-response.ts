// The function's answers as proxy responses: a JSON body and the headers every answer carries.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
import type { APIGatewayProxyResult } from 'aws-lambda';
import { CONTRACT_VERSION, EXPOSED_HEADERS } from '../shared/contract.ts';

// Read once: the origin whose pages may read the answers (template.yaml's AllowedOrigin parameter).
// A Lambda proxy integration passes the function's headers through: API Gateway adds no CORS header.
const { ALLOWED_ORIGIN = '*' } = process.env;

/**
 * Headers on every answer: JSON, never cached (each answer is random), never sniffed, framed or
 * run as a page; HTTPS only (the OWASP REST Security Cheat Sheet's list for a JSON API); the
 * version of the contract served, which API Gateway's own answers carry too (openapi.yaml); and
 * CORS, so that a page on the allowed origin may read the answer, its request id and version.
 */
export const RESPONSE_HEADERS = {
  'Content-Type': 'application/json',
  'Cache-Control': 'no-store',
  'X-Contract-Version': CONTRACT_VERSION,
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Access-Control-Allow-Origin': ALLOWED_ORIGIN,
  'Access-Control-Expose-Headers': EXPOSED_HEADERS,
} as const;

/** A proxy response carrying `body` as JSON. */
export const jsonResponse = (statusCode: number, body: object): APIGatewayProxyResult => ({
  statusCode,
  headers: { ...RESPONSE_HEADERS },
  body: JSON.stringify(body),
});
