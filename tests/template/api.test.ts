// The API in template.yaml: the definition it includes (generated from openapi.yaml), what API
// Gateway imports of it, and the stage's settings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { OpenApiDocument } from '../../lib/contract.ts';
import { DEFINITION_FILE_NAME } from '../../lib/gateway-definition.ts';
import { resolvedTemplate } from '../../lib/guard.ts';
import { stackName } from '../../lib/names.ts';
import { projectFile } from '../../lib/project.ts';
import { translatedStack } from '../../lib/translation/stacks.ts';
import { contract } from '../support/contract.ts';
import { apiEvents, resolved, resourcesOfType, template } from '../support/template.ts';

const DEFINITION = `generated/${DEFINITION_FILE_NAME}`;
/** The definition as API Gateway's import reads it: the file itself, never a resolved copy. */
const definitionFile = parseDocument(readFileSync(projectFile(DEFINITION), 'utf8'));

describe('template.yaml', () => {
  describe('API', () => {
    it('points each Api event at the API defined by the definition generated from openapi.yaml', () => {
      const apiIds = new Set(apiEvents.map(({ Properties }) => Properties.RestApiId.Ref));
      for (const apiId of apiIds) {
        const api = template.Resources[apiId];
        expect(api?.Type).toBe('AWS::Serverless::Api');
        expect(api?.Properties?.DefinitionBody).toEqual({
          'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: `./${DEFINITION}` } },
        });
        expect(String(api?.Properties?.OpenApiVersion)).toBe(contract.document.openapi);
      }
    });

    it('includes what API Gateway imports: 3.0.x, $refs to schemas (models) alone, no example inside a schema', () => {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
      const imported = definitionFile.toJS() as typeof contract.document;
      expect(imported.openapi).toMatch(/^3\.0\.\d+$/);
      const refs = [...JSON.stringify(imported).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) expect(ref).toMatch(/^#\/components\/schemas\/[A-Za-z0-9]+$/);
      expect(Object.keys(imported.components ?? {})).toEqual(['schemas']);
      const schemaKeywords = (schema: unknown): string[] =>
        typeof schema === 'object' && schema !== null
          ? Object.entries(schema).flatMap(([key, value]) => [key, ...(key === 'enum' ? [] : schemaKeywords(value))])
          : [];
      const keywords = Object.values(contract.document.components?.schemas ?? {}).flatMap(schemaKeywords);
      for (const unsupported of ['example', 'discriminator', 'oneOf', 'anyOf', 'exclusiveMinimum'])
        expect(keywords).not.toContain(unsupported);
    });

    it('includes no short-form tags, which AWS::Include rejects, and no YAML aliases', () => {
      expect([...definitionFile.errors, ...definitionFile.warnings].map(String)).toEqual([]);
      expect(readFileSync(projectFile(DEFINITION), 'utf8')).not.toMatch(/^\s*[^#\n]*[:-] +[*&][\w-]+\s*$/m);
    });

    it('throttles the stage with the parameters and logs access as JSON carrying the request id', () => {
      const api = resolved<{ MethodSettings: unknown; AccessLogSetting: { Format: string } }>(
        resourcesOfType('AWS::Serverless::Api')[0]?.[1].Properties,
      );
      expect(api.MethodSettings).toEqual([
        expect.objectContaining({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
        }),
      ]);
      const format = String(api.AccessLogSetting.Format);
      expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    });

    it('writes execution logs of failures only, never request or response data', () => {
      const api = resolved<{ MethodSettings: unknown }>(resourcesOfType('AWS::Serverless::Api')[0]?.[1].Properties);
      expect(api.MethodSettings).toEqual([expect.objectContaining({ LoggingLevel: 'ERROR', DataTraceEnabled: false })]);
    });
  });
});

describe('template.yaml: CORS', () => {
  // The stack as CloudFormation runs it (the translated template), its parameters resolved.
  const stack = (parameters: Record<string, string>) =>
    resolvedTemplate(translatedStack('dev'), parameters, stackName('test'));
  type RestApi = { Properties: { Body: OpenApiDocument } };

  it('lets the AllowedOrigin parameter name the one origin whose pages may call the API, any by default', () => {
    const origin = template.Parameters?.AllowedOrigin as { Default: string; AllowedPattern: string };
    expect(origin.Default).toBe('*');
    for (const allowed of ['*', 'https://example.github.io', 'http://localhost:8080'])
      expect(allowed).toMatch(new RegExp(origin.AllowedPattern));
    for (const refused of ['https://example.github.io/docs', 'example.github.io', '*.github.io'])
      expect(refused).not.toMatch(new RegExp(origin.AllowedPattern));
  });

  it("says the origin on the function's answers, API Gateway's own and every path's preflight, which invokes no function", () => {
    // Act
    const resources = stack({ AllowedOrigin: 'https://pages.example' }).Resources;

    // Assess
    const environment = resources.MeditationsFunction?.Properties?.Environment as {
      Variables: Record<string, unknown>;
    };
    expect(environment.Variables.ALLOWED_ORIGIN).toBe('https://pages.example');
    const body = (resources.MeditationsApi as unknown as RestApi).Properties.Body;
    for (const response of Object.values(
      body['x-amazon-apigateway-gateway-responses'] as Record<string, { responseParameters: Record<string, unknown> }>,
    ))
      expect(response.responseParameters['gatewayresponse.header.Access-Control-Allow-Origin']).toBe(
        "'https://pages.example'",
      );
    for (const item of Object.values(body.paths)) {
      const integration = item.options?.['x-amazon-apigateway-integration'] as {
        type: string;
        responses: { default: { responseParameters: Record<string, unknown> } };
      };
      expect(integration.type).toBe('mock');
      expect(
        integration.responses.default.responseParameters['method.response.header.Access-Control-Allow-Origin'],
      ).toBe("'https://pages.example'");
    }
  });
});
