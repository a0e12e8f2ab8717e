// CORS as a REST API takes it (lib/cors.ts): the contract's x-amazon-apigateway-cors made into a
// preflight on every path and CORS headers on API Gateway's own answers.
import { describe, expect, it } from 'vitest';
import type { OpenApiSource } from '../../lib/contract.ts';
import { gatewayDefinition } from '../../lib/gateway-definition.ts';

const ANSWER = { description: 'An answer.' };

/** A contract with two paths: one serving GET and PUT with a header parameter, one serving POST. */
const contract = (
  cors: unknown = { allowOrigins: [{ 'Fn::Sub': '${AllowedOrigin}' }], allowHeaders: ['Content-Type'], maxAge: 600 },
): OpenApiSource => ({
  openapi: '3.0.3',
  info: { title: 'Items', version: '1.0.0' },
  paths: {
    '/items/{id}': {
      get: {
        operationId: 'readItem',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': ANSWER, '429': ANSWER },
      },
      put: {
        operationId: 'writeItem',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'If-Match', in: 'header', schema: { type: 'string' } },
        ],
        responses: { '204': ANSWER },
      },
    },
    '/items': { post: { operationId: 'addItem', responses: { '201': ANSWER } } },
  },
  components: {
    headers: { 'Access-Control-Expose-Headers': { schema: { type: 'string', enum: ['x-amzn-RequestId'] } } },
  },
  'x-amazon-apigateway-cors': cors,
  'x-amazon-apigateway-gateway-responses': {
    DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Cache-Control': "'no-store'" } },
  },
});

type Preflight = {
  parameters?: unknown[];
  responses: Record<string, { headers?: Record<string, { schema: { enum?: string[] } }> }>;
  'x-amazon-apigateway-integration': {
    type: string;
    responses: { default: { responseParameters: Record<string, unknown> } };
  };
};
const preflightOf = (definition: ReturnType<typeof gatewayDefinition>, path: string) =>
  definition.paths[path]?.options as unknown as Preflight;

describe('CORS in the definition', () => {
  it('answers a preflight on every path from API Gateway itself, allowing exactly what the path serves', () => {
    // Act
    const definition = gatewayDefinition(contract());

    // Assess
    const item = preflightOf(definition, '/items/{id}');
    expect(item['x-amazon-apigateway-integration'].type).toBe('mock');
    expect(item['x-amazon-apigateway-integration'].responses.default.responseParameters).toMatchObject({
      'method.response.header.Access-Control-Allow-Origin': { 'Fn::Sub': "'${AllowedOrigin}'" },
      'method.response.header.Access-Control-Allow-Methods': "'GET,OPTIONS,PUT'",
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type,If-Match'",
      'method.response.header.Access-Control-Max-Age': "'600'",
      'method.response.header.Cache-Control': "'no-store'",
    });
    expect(item.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(Object.keys(item.responses)).toEqual(['204', '429']);
    expect(item.responses['204']?.headers?.['Access-Control-Allow-Methods']?.schema.enum).toEqual(['GET,OPTIONS,PUT']);
    const items = preflightOf(definition, '/items');
    expect(items['x-amazon-apigateway-integration'].responses.default.responseParameters).toMatchObject({
      'method.response.header.Access-Control-Allow-Methods': "'OPTIONS,POST'",
      'method.response.header.Access-Control-Allow-Headers': "'Content-Type'",
    });
  });

  it("gives API Gateway's own answers the allowed origin and the headers a page may read", () => {
    const definition = gatewayDefinition(contract());

    expect(definition['x-amazon-apigateway-gateway-responses']).toEqual({
      DEFAULT_4XX: {
        responseParameters: {
          'gatewayresponse.header.Cache-Control': "'no-store'",
          'gatewayresponse.header.X-Contract-Version': "'1.0.0'",
          'gatewayresponse.header.Access-Control-Allow-Origin': { 'Fn::Sub': "'${AllowedOrigin}'" },
          'gatewayresponse.header.Access-Control-Expose-Headers': "'x-amzn-RequestId'",
        },
      },
    });
  });

  it('leaves out the extension, which a REST API does not take, and stays as it is once made', () => {
    const definition = gatewayDefinition(contract());

    expect(definition).not.toHaveProperty('x-amazon-apigateway-cors');
    expect(gatewayDefinition(definition)).toEqual(definition);
  });

  it('adds nothing to a contract without it', () => {
    const { 'x-amazon-apigateway-cors': _cors, ...withoutCors } = contract();

    expect(Object.keys(gatewayDefinition(withoutCors).paths['/items'] ?? {})).toEqual(['post']);
  });

  it('names an allowed origin it cannot put in a header', () => {
    expect(() => gatewayDefinition(contract({ allowOrigins: [42] }))).toThrow(
      'x-amazon-apigateway-cors: allowOrigins takes a string or an Fn::Sub, not 42',
    );
  });
});
