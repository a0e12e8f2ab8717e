// API Gateway's request validator, as the contract configures it: required parameters and a body
// that matches the operation's schema, compiled once per route when the definition is read.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-request-validation.html
import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { Contract, Operation, Parameter } from '../../lib/contract.ts';
import { headerValue, mediaTypeOf } from '../../src/shared/headers.ts';
import type { GatewayErrorType } from './gateway-responses.ts';

export interface ValidationFailure {
  type: GatewayErrorType;
  message: string;
}

/** A route's request validator: undefined when the event passes. */
export type RequestValidator = (event: APIGatewayProxyEvent) => ValidationFailure | undefined;

/** Which checks the route's `x-amazon-apigateway-request-validator` turns on. */
export interface Validation {
  body: boolean;
  parameters: boolean;
}

const INVALID_BODY: ValidationFailure = { type: 'BAD_REQUEST_BODY', message: 'Invalid request body' };

/** Where a required parameter is looked for in the event, and how API Gateway names it when missing. */
const PARAMETER_PLACES = {
  query: { values: (event: APIGatewayProxyEvent) => event.queryStringParameters, named: 'querystring' },
  header: { values: (event: APIGatewayProxyEvent) => event.headers, named: 'header' },
  path: { values: (event: APIGatewayProxyEvent) => event.pathParameters, named: 'path' },
} as const;

const missingParameters = (required: Parameter[]) => (event: APIGatewayProxyEvent) =>
  required.flatMap(({ in: location, name }) => {
    if (location === 'cookie') return [];
    const place = PARAMETER_PLACES[location];
    const values = place.values(event) ?? {};
    // Header names compare without case (RFC 9110 §5.1); query and path names with it.
    const present = location === 'header' ? headerValue(values, name) !== undefined : Object.hasOwn(values, name);
    return present ? [] : [`method.request.${place.named}.${name}`];
  });

const decodedBody = (event: APIGatewayProxyEvent): unknown =>
  event.body === null
    ? undefined
    : JSON.parse(event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body);

/** Compiles the request validator of one operation: its parameters' and its body's checks. */
export const compileRequestValidator = (
  contract: Contract,
  operation: Operation,
  parameters: Parameter[],
  validation: Validation,
): RequestValidator => {
  const missing = validation.parameters ? missingParameters(parameters.filter(({ required }) => required)) : undefined;
  const { requestBody } = operation;
  const content = validation.body ? requestBody?.content : undefined;
  const bodyValidators = Object.fromEntries(
    Object.entries(content ?? {}).flatMap(([mediaType, { schema }]) =>
      schema === undefined ? [] : [[mediaType, contract.validator(schema)] as const],
    ),
  );

  return (event) => {
    const absent = missing?.(event) ?? [];
    if (absent.length > 0) {
      return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${absent.join(', ')}]` };
    }
    if (content === undefined) return undefined;
    const contentType = mediaTypeOf(headerValue(event.headers, 'content-type') ?? 'application/json');
    const validate = bodyValidators[contentType] ?? bodyValidators['application/json'];
    if (validate === undefined) return undefined;
    let body: unknown;
    try {
      body = decodedBody(event);
    } catch {
      return INVALID_BODY;
    }
    if (body === undefined ? requestBody?.required === true : !validate(body)) return INVALID_BODY;
    return undefined;
  };
};
