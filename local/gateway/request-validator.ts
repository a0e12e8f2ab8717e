// API Gateway's request validator, as the contract configures it: required parameters and a body
// that matches the operation's schema. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Contract } from '../../lib/contract.ts';
import { headerValue, mediaTypeOf } from '../../src/http.ts';
import type { Route } from '../api-definition.ts';
import type { GatewayErrorType } from './gateway-responses.ts';

export interface ValidationFailure {
  type: GatewayErrorType;
  message: string;
}

const present = (values: Record<string, unknown> | null, name: string, caseInsensitive = false) =>
  Object.keys(values ?? {}).some((key) => (caseInsensitive ? key.toLowerCase() === name.toLowerCase() : key === name));

/** Checks an event against its route's validator; undefined when it passes. */
export const validateRequest = (
  contract: Contract,
  route: Route,
  event: APIGatewayProxyEvent,
): ValidationFailure | undefined => {
  if (route.validation.parameters) {
    const missing = route.parameters
      .filter((parameter) => parameter.required)
      .filter(({ in: location, name }) =>
        location === 'query'
          ? !present(event.queryStringParameters, name)
          : location === 'header'
            ? !present(event.headers, name, true)
            : location === 'path'
              ? !present(event.pathParameters, name)
              : false,
      )
      .map(({ in: location, name }) => `method.request.${location === 'query' ? 'querystring' : location}.${name}`);
    if (missing.length > 0)
      return {
        type: 'BAD_REQUEST_PARAMETERS',
        message: `Missing required request parameters: [${missing.join(', ')}]`,
      };
  }
  const requestBody = route.operation.requestBody && contract.resolve(route.operation.requestBody);
  if (route.validation.body && requestBody?.content !== undefined) {
    const contentType = mediaTypeOf(headerValue(event.headers, 'content-type') ?? 'application/json');
    const schema = requestBody.content[contentType]?.schema ?? requestBody.content['application/json']?.schema;
    if (schema === undefined) return undefined;
    let body: unknown;
    try {
      body =
        event.body === null
          ? undefined
          : JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);
    } catch {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
    }
    if (body === undefined ? requestBody.required === true : !contract.validator(schema)(body)) {
      return { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };
    }
  }
  return undefined;
};
