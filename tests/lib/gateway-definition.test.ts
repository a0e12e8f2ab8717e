// The definition API Gateway imports (generated/openapi.apigateway.yaml) is openapi.yaml with every
// answer written out: proven against Redocly's own resolution of both files, answer by answer, and
// the resolution itself on small contracts that use each kind of $ref.
import { describe, expect, it } from 'vitest';
import { HTTP_METHODS, type OpenApiDocument, type OpenApiSource, readOpenApi } from '../../lib/contract.ts';
import { publishedContract } from '../../lib/docs.ts';
import {
  DEFINITION_FILE_NAME,
  gatewayDefinition,
  generatedHeader,
  sourceOfDefinition,
} from '../../lib/gateway-definition.ts';
import { projectFile } from '../../lib/project.ts';

const SOURCE = projectFile('openapi.yaml');
const DEFINITION = projectFile('generated', DEFINITION_FILE_NAME);

/** Every operation's answers, parameters and request body, by method and path. */
const answersOf = (document: OpenApiDocument) =>
  Object.fromEntries(
    Object.entries(document.paths).flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method]).map((method) => {
        const { responses, parameters = [], requestBody } = item[method]!;
        return [`${method.toUpperCase()} ${path}`, { responses, parameters, requestBody }];
      }),
    ),
  );

const ERROR_BODY = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/** A contract that shares an answer, a header, a parameter and an integration through components. */
const sharing = (): OpenApiSource => ({
  openapi: '3.0.3',
  info: { title: 'Shared', version: '2.3.4' },
  paths: {
    '/items/{id}': {
      get: {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        responses: {
          '200': {
            description: 'An item.',
            headers: { 'X-Contract-Version': { $ref: '#/components/headers/X-Contract-Version' } },
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Item' },
                example: { $ref: 'an example is data, never a reference' },
              },
            },
          },
          '429': { $ref: '#/components/responses/Throttled' },
        },
        'x-amazon-apigateway-integration': { $ref: '#/components/x-amazon-apigateway-integrations/Fn' },
      },
    },
  },
  components: {
    schemas: { Item: { type: 'object' }, Error: { type: 'object' } },
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    headers: { 'X-Contract-Version': { schema: { type: 'string' } } },
    responses: {
      Throttled: {
        description: 'Throttled.',
        headers: { 'X-Contract-Version': { $ref: '#/components/headers/X-Contract-Version' } },
        content: ERROR_BODY,
      },
    },
    'x-amazon-apigateway-integrations': { Fn: { type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:fn' } },
  },
  'x-amazon-apigateway-gateway-responses': {
    DEFAULT_4XX: { responseParameters: { 'gatewayresponse.header.Cache-Control': "'no-store'" } },
  },
});

describe('gatewayDefinition', () => {
  it("is what npm run generate wrote: every operation's answers as Redocly resolves openapi.yaml", async () => {
    // Prepare: both files resolved by Redocly, schemas included, so that nothing of ours resolves either.
    const source = await publishedContract(SOURCE, { dereferenced: true });
    const definition = await publishedContract(DEFINITION, { dereferenced: true });

    // Act: the definition's preflights are its own (lib/cors.ts), proven below.
    const expected = answersOf(source);
    const imported = answersOf(definition);
    const preflights = Object.keys(imported).filter((operation) => operation.startsWith('OPTIONS '));

    // Assess: the same operations, and for each the same statuses, headers, bodies, examples and parameters.
    expect(Object.keys(imported).filter((operation) => !preflights.includes(operation))).toEqual(Object.keys(expected));
    expect(preflights).toEqual(Object.keys(source.paths).map((path) => `OPTIONS ${path}`));
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    for (const [operation, answers] of Object.entries(expected)) {
      expect(Object.keys(imported[operation]!.responses), operation).toEqual(Object.keys(answers.responses));
      for (const [status, response] of Object.entries(answers.responses)) {
        expect(imported[operation]!.responses[status], `${operation} ${status}`).toEqual(response);
      }
      expect(imported[operation]!.parameters, operation).toEqual(answers.parameters);
      expect(imported[operation]!.requestBody, operation).toEqual(answers.requestBody);
    }
  }, 30_000);

  it('writes shared answers, headers, parameters and integrations inline, and keeps schemas as models', () => {
    // Act
    const definition = gatewayDefinition(sharing());

    // Assess
    const get = definition.paths['/items/{id}']!.get!;
    expect(get.parameters).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }]);
    expect(get.responses['429']).toEqual({
      description: 'Throttled.',
      headers: { 'X-Contract-Version': { schema: { type: 'string' } } },
      content: ERROR_BODY,
    });
    expect(get.responses['200']?.headers).toEqual({ 'X-Contract-Version': { schema: { type: 'string' } } });
    expect(get['x-amazon-apigateway-integration']).toEqual({ type: 'aws_proxy', httpMethod: 'POST', uri: 'arn:fn' });
    expect(definition.components).toEqual({ schemas: { Item: { type: 'object' }, Error: { type: 'object' } } });
    expect(JSON.stringify(definition)).toContain('"example":{"$ref":"an example is data, never a reference"}');
  });

  it("sets every gateway response's X-Contract-Version to info.version", () => {
    const definition = gatewayDefinition(sharing());

    expect(definition['x-amazon-apigateway-gateway-responses']).toEqual({
      DEFAULT_4XX: {
        responseParameters: {
          'gatewayresponse.header.Cache-Control': "'no-store'",
          'gatewayresponse.header.X-Contract-Version': "'2.3.4'",
        },
      },
    });
  });

  it('leaves a definition as it is', () => {
    const definition = gatewayDefinition(sharing());

    expect(gatewayDefinition(definition)).toEqual(definition);
  });

  it('names a $ref that names nothing, and one that refers to itself', () => {
    const missing = sharing();
    delete missing.components!.responses!.Throttled;
    const loop = sharing();
    loop.components!.responses!.Throttled = { $ref: '#/components/responses/Throttled' };

    expect(() => gatewayDefinition(missing)).toThrow(
      '$ref #/components/responses/Throttled names nothing in components',
    );
    expect(() => gatewayDefinition(loop)).toThrow('$ref #/components/responses/Throttled refers to itself');
  });

  it('names, in its first line, the source it is made from, relative to its folder', () => {
    expect(generatedHeader('../openapi.yaml')).toMatch(/^# Generated from \.\.\/openapi\.yaml by `npm run generate`/);
    expect(sourceOfDefinition(DEFINITION)).toBe(SOURCE);
    expect(sourceOfDefinition(SOURCE)).toBeUndefined();
    expect(readOpenApi(DEFINITION)).toEqual(gatewayDefinition(readOpenApi(SOURCE)));
  });
});
