// The answers API Gateway gives on its own (no route, throttled, too large, integration failed),
// rendered from the contract's x-amazon-apigateway-gateway-responses as API Gateway renders them.
// Types and defaults: https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html

import type { GatewayResponse } from '../../lib/contract.ts';
import { staticValue } from '../../lib/gateway-responses.ts';
import type { HttpResponse } from '../../src/shared/apigateway/proxy-response.ts';

/** The response types the runner raises, with API Gateway's default status and message. */
export const GATEWAY_ERRORS = {
  MISSING_AUTHENTICATION_TOKEN: { statusCode: 403, message: 'Missing Authentication Token' },
  THROTTLED: { statusCode: 429, message: 'Too Many Requests' },
  REQUEST_TOO_LARGE: { statusCode: 413, message: 'Request Too Long' },
  BAD_REQUEST_BODY: { statusCode: 400, message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { statusCode: 400, message: 'Missing required request parameters' },
  // A Lambda proxy integration that fails (the function threw, timed out or answered a malformed
  // response) gets a 502; one that does not answer within the integration timeout, a 504.
  INTEGRATION_FAILURE: { statusCode: 502, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { statusCode: 504, message: 'Endpoint request timed out' },
  // The HTTP layer in front of API Gateway: a request that is not HTTP, or not sent in time.
  MALFORMED_REQUEST: { statusCode: 400, message: 'Bad Request' },
  REQUEST_TIMEOUT: { statusCode: 408, message: 'Request Timeout' },
} as const;

export type GatewayErrorType = keyof typeof GATEWAY_ERRORS;

/** Renders the few `$context` variables a gateway response template may use. */
const renderTemplate = (template: string, variables: Record<string, string>) =>
  template.replace(/\$context\.[A-Za-z.]+/g, (name) => variables[name] ?? '');

/** The answer API Gateway gives for a response type, using the contract's gateway responses. */
export const renderGatewayResponse = (
  responses: Record<string, GatewayResponse>,
  type: GatewayErrorType,
  requestId: string,
  message: string = GATEWAY_ERRORS[type].message,
): HttpResponse => {
  const defaults = GATEWAY_ERRORS[type];
  const configured = responses[type] ?? responses[defaults.statusCode < 500 ? 'DEFAULT_4XX' : 'DEFAULT_5XX'] ?? {};
  const template = configured.responseTemplates?.['application/json'] ?? '{"message":$context.error.messageString}';
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  for (const [key, value] of Object.entries(configured.responseParameters ?? {})) {
    const name = key.match(/^gatewayresponse\.header\.(.+)$/)?.[1];
    // Static values are single-quoted: "'no-store'"; the runner has resolved those a stage parameter sets.
    if (name !== undefined) headers[name] = staticValue(value) ?? String(value);
  }
  const body = renderTemplate(template, {
    '$context.requestId': requestId,
    '$context.error.responseType': type,
    '$context.error.message': message,
    '$context.error.messageString': JSON.stringify(message),
  });
  return { statusCode: configured.statusCode ?? defaults.statusCode, headers, body: Buffer.from(body) };
};
