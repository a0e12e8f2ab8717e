// The API in template.yaml: the contract it includes, what API Gateway imports of it, and the stage's settings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { contract } from '../support/contract.ts';
import { apiEvents, resolved, resourcesOfType, template } from '../support/template.ts';

describe('template.yaml', () => {
  describe('API', () => {
    it('points each Api event at the API defined by openapi.yaml', () => {
      const apiIds = new Set(apiEvents.map(({ Properties }) => Properties.RestApiId.Ref));
      for (const apiId of apiIds) {
        const api = template.Resources[apiId];
        expect(api?.Type).toBe('AWS::Serverless::Api');
        expect(api?.Properties?.DefinitionBody).toEqual({
          'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: './openapi.yaml' } },
        });
        expect(String(api?.Properties?.OpenApiVersion)).toBe(contract.document.openapi);
      }
    });

    it('keeps openapi.yaml to what API Gateway imports: 3.0.x, no response $refs, no example inside a schema', () => {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
      expect(contract.document.openapi).toMatch(/^3\.0\.\d+$/);
      for (const operation of contract.operations()) {
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.$ref, `${operation.method} ${operation.path} ${status}`).toBeUndefined();
        }
      }
      const schemaKeywords = (schema: unknown): string[] =>
        typeof schema === 'object' && schema !== null
          ? Object.entries(schema).flatMap(([key, value]) => [key, ...(key === 'enum' ? [] : schemaKeywords(value))])
          : [];
      const keywords = Object.values(contract.document.components?.schemas ?? {}).flatMap(schemaKeywords);
      for (const unsupported of ['example', 'discriminator', 'oneOf', 'anyOf', 'exclusiveMinimum'])
        expect(keywords).not.toContain(unsupported);
    });

    it('keeps openapi.yaml free of short-form tags, which AWS::Include rejects', () => {
      const document = parseDocument(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'));
      expect([...document.errors, ...document.warnings].map(String)).toEqual([]);
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
