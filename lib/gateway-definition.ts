// openapi.yaml as API Gateway imports it, the one resolved form every reader of the contract reads:
// the source writes shared answers, headers and integrations once, in `components`, and `$ref`s
// them; API Gateway's import refuses a response given as a `$ref` ("Response definitions of the
// $ref form are not supported … replace the reference by the inline schema",
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html), so
// here every response, header, parameter, request body, example and integration stands inline.
//
// Schemas stay `$ref`s to components/schemas: API Gateway imports each as a named model (Meditation,
// Error, ErrorCode) and a `$ref` between them as a model reference, as it did when the source wrote
// them so; inlined, every response would carry a model of its own, Error nine times over. SAM's
// translator passes components/schemas into the RestApi's Body unchanged (npm run translate).
//
// The gateway responses also say which contract version they serve (X-Contract-Version), from
// info.version, so that the version is written once; and the contract's CORS becomes what a REST API
// takes (lib/cors.ts).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { OpenApiDocument, OpenApiSource } from './contract.ts';
import { withCors } from './cors.ts';

/** The components a definition keeps as `$ref`s: the schemas, which API Gateway imports as models. */
const KEPT_AS_REFERENCES = new Set(['schemas', 'securitySchemes']);

const REFERENCE = /^#\/components\/([^/]+)\/([^/]+)$/;

/** A `$ref` the source may use, pointing at components; anything else cannot be resolved. */
const target = (document: OpenApiSource, ref: string): { section: string; value: unknown } => {
  const [, section = '', name = ''] = ref.match(REFERENCE) ?? [];
  const value = document.components?.[section]?.[name.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (value === undefined) throw new Error(`$ref ${ref} names nothing in components`);
  return { section, value };
};

/** `node` with every `$ref` to a component other than a schema replaced by a copy of what it names. */
const inlined = (document: OpenApiSource, node: unknown, seen: string[] = []): unknown => {
  if (Array.isArray(node)) return node.map((item) => inlined(document, item, seen));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref: ref } = node as { $ref?: unknown };
  if (typeof ref === 'string') {
    const { section, value } = target(document, ref);
    if (KEPT_AS_REFERENCES.has(section)) return node;
    if (seen.includes(ref)) throw new Error(`$ref ${ref} refers to itself`);
    return inlined(document, value, [...seen, ref]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      // An example is a literal value: what looks like a $ref in one is data.
      key === 'example' ? value : inlined(document, value, seen),
    ]),
  );
};

/** The gateway responses with X-Contract-Version set to info.version on each. */
const versioned = (responses: unknown, version: string) =>
  Object.fromEntries(
    Object.entries((responses ?? {}) as Record<string, { responseParameters?: Record<string, string> }>).map(
      ([type, response]) => [
        type,
        {
          ...response,
          responseParameters: {
            ...response.responseParameters,
            'gatewayresponse.header.X-Contract-Version': `'${version}'`,
          },
        },
      ],
    ),
  );

/** The contract as API Gateway imports it (see the top of this file). Pure; a definition stays as it is. */
export const gatewayDefinition = (source: OpenApiSource): OpenApiDocument => {
  const { components = {}, ...rest } = source;
  const definition = inlined(source, rest) as OpenApiDocument;
  const kept = Object.fromEntries(Object.entries(components).filter(([section]) => KEPT_AS_REFERENCES.has(section)));
  const version = source.info?.version;
  const gatewayResponses = source['x-amazon-apigateway-gateway-responses'];
  const resolved = {
    ...definition,
    ...(gatewayResponses !== undefined && typeof version === 'string'
      ? { 'x-amazon-apigateway-gateway-responses': versioned(gatewayResponses, version) }
      : {}),
    ...(Object.keys(kept).length > 0 ? { components: kept } : {}),
  };
  return withCors(resolved, source);
};

/** The file `npm run generate` writes the definition to, in generated/; template.yaml includes it. */
export const DEFINITION_FILE_NAME = 'openapi.apigateway.yaml';

/** The first line of a generated definition: what it was made from, by which command. */
export const generatedHeader = (source: string) =>
  `# Generated from ${source} by \`npm run generate\`; never edit by hand. API Gateway imports this file.`;

/** The source a generated definition names in its first line, resolved from its folder; undefined for a source itself. */
export const sourceOfDefinition = (path: string): string | undefined => {
  const [firstLine = ''] = readFileSync(path, 'utf8').split('\n', 1);
  const source = firstLine.match(/^# Generated from (\S+) by `npm run generate`/)?.[1];
  return source === undefined ? undefined : resolve(dirname(path), source);
};
