// CORS for a REST API, from the contract's `x-amazon-apigateway-cors` (API Gateway's own extension,
// which its HTTP APIs take and its REST APIs do not): what a REST API needs instead, written into
// the definition API Gateway imports. Every path gets a preflight, OPTIONS answered by API Gateway
// itself through a mock integration (no function invoked), allowing exactly the methods the path
// serves and the headers its operations take; API Gateway's own error answers get the CORS
// headers, so that a page can read their bodies. https://fetch.spec.whatwg.org/#http-cors-protocol
// https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-cors.html
import type { OpenApiDocument, OpenApiSource, Operation, Parameter } from './contract.ts';
import { fixedGatewayHeaders } from './gateway-responses.ts';

/** The contract's CORS settings: `x-amazon-apigateway-cors`, in HTTP API's names. */
export interface CorsSettings {
  /** The one origin allowed, `*` or a template parameter's (`Fn::Sub: ${AllowedOrigin}`). */
  allowOrigins: unknown[];
  /** Request headers always allowed; each path adds its operations' header parameters. */
  allowHeaders?: string[];
  /** How long a browser may keep a preflight's answer, in seconds. */
  maxAge?: number;
}

export const CORS_EXTENSION = 'x-amazon-apigateway-cors';
/** Where the contract lists the headers a page may read: that header's one allowed value. */
const EXPOSE_HEADERS = 'Access-Control-Expose-Headers';
const PREFLIGHT_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head'] as const;

type ResponseParameters = Record<string, unknown>;

/** A static value as responseParameters take it, quoted; an Fn::Sub stays one, its text quoted. */
const quoted = (value: unknown): unknown => {
  if (typeof value === 'string') return `'${value}'`;
  const sub = (value as { 'Fn::Sub'?: unknown } | null)?.['Fn::Sub'];
  if (typeof sub === 'string') return { 'Fn::Sub': `'${sub}'` };
  throw new Error(`${CORS_EXTENSION}: allowOrigins takes a string or an Fn::Sub, not ${JSON.stringify(value)}`);
};

/** The value of Access-Control-Expose-Headers the contract declares (the schema's one enum value). */
export const exposedHeaders = (source: OpenApiSource): string | undefined => {
  const header = source.components?.headers?.[EXPOSE_HEADERS] as { schema?: { enum?: unknown[] } } | undefined;
  const [value] = header?.schema?.enum ?? [];
  return typeof value === 'string' ? value : undefined;
};

/** The preflight's operationId: `preflight` and the path's segments, `/orders/{id}` → `preflightOrdersId`. */
const preflightId = (path: string) =>
  `preflight${path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')}`;

/** The preflight of one path: a mock integration answering 204 with the CORS headers and the `fixed` ones, unquoted. */
const preflight = (
  path: string,
  item: Record<string, Operation> & { parameters?: Parameter[] },
  cors: CorsSettings,
  fixed: Record<string, string>,
  shared: Record<string, unknown>,
): Operation => {
  const operations = PREFLIGHT_METHODS.filter((method) => item[method] !== undefined).map((method) => item[method]!);
  const methods = [...PREFLIGHT_METHODS.filter((method) => item[method] !== undefined), 'options']
    .map((method) => method.toUpperCase())
    .sort();
  const parameters = [...(item.parameters ?? []), ...operations.flatMap(({ parameters = [] }) => parameters)];
  const allowHeaders = [
    ...new Set([...(cors.allowHeaders ?? []), ...parameters.filter((p) => p.in === 'header').map((p) => p.name)]),
  ];
  const cors204: Record<string, unknown> = {
    'Access-Control-Allow-Origin': cors.allowOrigins[0],
    'Access-Control-Allow-Methods': methods.join(','),
    'Access-Control-Allow-Headers': allowHeaders.join(','),
    'Access-Control-Max-Age': String(cors.maxAge ?? 600),
  };
  const responseParameters = Object.fromEntries([
    ...Object.entries(cors204).map(([name, value]) => [`method.response.header.${name}`, quoted(value)]),
    ...Object.entries(fixed).map(([name, value]) => [`method.response.header.${name}`, quoted(value)]),
  ]);
  // A header the contract declares once (components/headers) is declared so here too: the contract
  // version's is a pattern, since a value fixed to this version would make every bump a change.
  const declared = (name: string, value: unknown) =>
    shared[name] ??
    (typeof value === 'string' ? { schema: { type: 'string', enum: [value] } } : { schema: { type: 'string' } });
  const headers = Object.fromEntries(
    [...Object.entries(cors204), ...Object.entries(fixed)].map(([name, value]) => [name, declared(name, value)]),
  );
  // The preflight is throttled with the stage: it answers 429 as the path's operations do.
  const throttled = operations.find(({ responses }) => responses['429'])?.responses['429'];
  // A path's parameters are every method's, the preflight's too (OpenAPI asks each operation to declare them).
  const pathParameters = [
    ...new Map(parameters.filter((p) => p.in === 'path').map((parameter) => [parameter.name, parameter])).values(),
  ];
  return {
    operationId: preflightId(path),
    ...(pathParameters.length > 0 && { parameters: pathParameters }),
    summary: 'CORS preflight',
    description: "A browser's question before a cross-origin request, answered by API Gateway itself.",
    responses: {
      '204': { description: 'What browsers may send this path, and from which origin.', headers },
      ...(throttled && { '429': throttled }),
    },
    'x-amazon-apigateway-integration': {
      type: 'mock',
      requestTemplates: { 'application/json': '{"statusCode": 204}' },
      passthroughBehavior: 'when_no_match',
      responses: { default: { statusCode: '204', responseParameters } },
    },
  } as Operation;
};

/** The definition with the contract's CORS written as a REST API takes it (see the top of this file). */
export const withCors = (definition: OpenApiDocument, source: OpenApiSource): OpenApiDocument => {
  const cors = source[CORS_EXTENSION] as CorsSettings | undefined;
  const { [CORS_EXTENSION]: _settings, ...rest } = definition;
  if (cors === undefined) return definition;
  const exposed = exposedHeaders(source);
  const gatewayResponses = Object.fromEntries(
    Object.entries(
      (definition['x-amazon-apigateway-gateway-responses'] ?? {}) as Record<
        string,
        { responseParameters?: ResponseParameters }
      >,
    ).map(([type, response]) => [
      type,
      {
        ...response,
        responseParameters: {
          ...response.responseParameters,
          'gatewayresponse.header.Access-Control-Allow-Origin': quoted(cors.allowOrigins[0]),
          ...(exposed && { 'gatewayresponse.header.Access-Control-Expose-Headers': quoted(exposed) }),
        },
      },
    ]),
  );
  const fixed = fixedGatewayHeaders(gatewayResponses);
  delete fixed['Access-Control-Allow-Origin'];
  const paths = Object.fromEntries(
    Object.entries(definition.paths).map(([path, item]) => [
      path,
      item.options ? item : { ...item, options: preflight(path, item, cors, fixed, source.components?.headers ?? {}) },
    ]),
  );
  return { ...rest, paths, 'x-amazon-apigateway-gateway-responses': gatewayResponses } as OpenApiDocument;
};
