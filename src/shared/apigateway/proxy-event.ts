// An HTTP request as API Gateway (REST, v1) hands it to a Lambda proxy integration: pure, no I/O.
// Shared by the local runner, `npm run event` and the battery's events (the pre-traffic hook), so
// all send the function the same events. Each caller says which API the event comes from
// (`identity`): the runner's is plainly fake, the battery's names itself.
// Format: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-input-format
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { headerValue, mediaTypeOf } from '../headers.ts';

/** What the event is built from: the request as received. */
export interface IncomingRequest {
  method: string;
  /** The path without the query string, as sent (still percent-encoded). */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  /** Header names and values in the order received, names as sent (Node's `rawHeaders`). */
  rawHeaders: string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
}

/** The API an event comes from, as its requestContext names it. */
export interface ApiIdentity {
  accountId: string;
  apiId: string;
  resourceId: string;
}

/** What the gateway knows of the request: its route, its stage, its id. */
export interface GatewayContext {
  resource: string;
  pathParameters: Record<string, string>;
  stage: string;
  requestId: string;
  receivedAt: Date;
  binaryMediaTypes: string[];
  identity: ApiIdentity;
}

/** What a request leaves unsaid: no query, headers or body, from the loopback, over HTTP/1.1. */
const REQUEST_DEFAULTS = {
  query: '',
  rawHeaders: [] as string[],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
};

/** A request, what it leaves out filled in. */
export const incomingRequest = (
  request: Pick<IncomingRequest, 'method' | 'path'> & Partial<IncomingRequest>,
): IncomingRequest => ({ ...REQUEST_DEFAULTS, ...request });

/** The gateway's side, what it leaves out filled in: no path parameters or binary types, a new id, now. */
export const gatewayContext = (
  context: Pick<GatewayContext, 'resource' | 'stage' | 'identity'> & Partial<GatewayContext>,
): GatewayContext => ({
  pathParameters: {},
  requestId: randomUUID(),
  receivedAt: new Date(),
  binaryMediaTypes: [],
  ...context,
});

const nullIfEmpty = <T extends object>(value: T): T | null => (Object.keys(value).length === 0 ? null : value);

/** Header pairs as `headers` (the last value of each name wins) and `multiValueHeaders`. */
const headerMaps = (rawHeaders: string[]) => {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    const value = rawHeaders[i + 1]!;
    headers[name] = value;
    multiValueHeaders[name] = [...(multiValueHeaders[name] ?? []), value];
  }
  return { headers, multiValueHeaders };
};

const decode = (text: string) => {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
};

/** Query parameters as `queryStringParameters` (last value wins) and their multi-value form. */
const queryMaps = (query: string) => {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decode(at === -1 ? pair : pair.slice(0, at));
    const value = at === -1 ? '' : decode(pair.slice(at + 1));
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return { single, multi };
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestTime`: `28/Nov/2026:12:00:00 +0000`. */
export const formatRequestTime = (date: Date): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
};

/** Whether a content type is one of the API's binary media types (`image/*` patterns included). */
export const isBinaryMediaType = (contentType: string | undefined, binaryMediaTypes: string[]): boolean => {
  const type = mediaTypeOf(contentType).toLowerCase();
  if (!type) return false;
  return binaryMediaTypes.some((pattern) => {
    const [major, minor] = pattern.toLowerCase().split('/');
    const [typeMajor, typeMinor] = type.split('/');
    return (major === '*' || major === typeMajor) && (minor === '*' || minor === typeMinor);
  });
};

/** Builds the REST proxy event API Gateway would send for this request. */
export const buildProxyEvent = (request: IncomingRequest, gateway: GatewayContext): APIGatewayProxyEvent => {
  const { headers, multiValueHeaders } = headerMaps(request.rawHeaders);
  const query = queryMaps(request.query);
  const host = headerValue(headers, 'host') ?? '127.0.0.1';
  const binary = isBinaryMediaType(headerValue(headers, 'content-type'), gateway.binaryMediaTypes);
  const hasBody = request.body.length > 0;

  return {
    resource: gateway.resource,
    path: request.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: nullIfEmpty(query.single),
    multiValueQueryStringParameters: nullIfEmpty(query.multi),
    pathParameters: nullIfEmpty(gateway.pathParameters),
    stageVariables: null,
    requestContext: {
      accountId: gateway.identity.accountId,
      apiId: gateway.identity.apiId,
      authorizer: null,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      extendedRequestId: gateway.requestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: headerValue(headers, 'user-agent') ?? null,
        userArn: null,
      },
      path: `/${gateway.stage}${request.path}`,
      protocol: request.protocol,
      requestId: gateway.requestId,
      requestTime: formatRequestTime(gateway.receivedAt),
      requestTimeEpoch: gateway.receivedAt.getTime(),
      resourceId: gateway.identity.resourceId,
      resourcePath: gateway.resource,
      stage: gateway.stage,
    },
    body: hasBody ? request.body.toString(binary ? 'base64' : 'utf8') : null,
    isBase64Encoded: hasBody && binary,
  };
};
