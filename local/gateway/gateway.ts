// API Gateway's side of a request, in the order it applies them: stage throttling, routing,
// request validation, the integration (a Lambda proxy one and its timeout, or a mock one), then
// the gateway responses.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_IDENTITY } from '../../lib/local-identity.ts';
import {
  buildProxyEvent,
  gatewayContext,
  type IncomingRequest,
  incomingRequest,
} from '../../src/shared/apigateway/proxy-event.ts';
import { type HttpResponse, httpResponseOf } from '../../src/shared/apigateway/proxy-response.ts';
import { type ApiDefinition, matchRoute } from '../api-definition.ts';
import { TIMED_OUT, withTimeout } from '../timeout.ts';
import { splitUrl, withoutStage } from '../url.ts';
import { type GatewayErrorType, renderGatewayResponse } from './gateway-responses.ts';
import { tokenBucket } from './throttle.ts';

/** What an invocation came to, as Lambda reports it to API Gateway. */
export type InvokeOutcome =
  | { kind: 'response'; payload: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string; stack?: string }
  | { kind: 'timeout' };

/** Invokes the function a route integrates (by logical id) with the proxy event. */
export type Invoke = (functionId: string, event: APIGatewayProxyEvent) => Promise<InvokeOutcome>;

/** The answer, and the gateway response type when the gateway produced it. */
export type GatewayResult = HttpResponse & { errorType?: GatewayErrorType };

/** A request for `inject`: a path with its query string, headers by name, a body. */
export interface InjectedRequest {
  method?: string;
  /** The path as sent, query string included: `/items/1?x=2`. @default '/' */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export interface Gateway {
  handle: (request: IncomingRequest, requestId: string, receivedAt?: Date) => Promise<GatewayResult>;
  /** The gateway response of this type, as the contract renders it. */
  fail: (type: GatewayErrorType, requestId: string, message?: string) => GatewayResult;
  /** The gateway in process, no socket (as Hono's `app.request()`): a request in, its answer out. */
  inject: (request?: InjectedRequest) => Promise<GatewayResult & { requestId: string }>;
}

/** API Gateway's id for a request, made once per request, whichever way it came in. */
export const newRequestId = (): string => randomUUID();

export const createGateway = (definition: ApiDefinition, invoke: Invoke): Gateway => {
  const bucket = definition.throttling && tokenBucket(definition.throttling);
  const fail = (type: GatewayErrorType, requestId: string, message?: string): GatewayResult => ({
    ...renderGatewayResponse(definition.gatewayResponses, type, requestId, message),
    errorType: type,
  });

  const handle: Gateway['handle'] = async (incoming, requestId, receivedAt = new Date()) => {
    if (bucket && !bucket.tryTake()) return fail('THROTTLED', requestId);
    const request = { ...incoming, path: withoutStage(incoming.path, definition.stage) };
    const matched = matchRoute(definition.routes, request.method, request.path);
    if (matched === undefined) return fail('MISSING_AUTHENTICATION_TOKEN', requestId);
    const { route, pathParameters } = matched;

    const event = buildProxyEvent(
      request,
      gatewayContext({
        resource: route.resource,
        pathParameters,
        stage: definition.stage,
        requestId,
        receivedAt,
        binaryMediaTypes: definition.binaryMediaTypes,
        identity: LOCAL_IDENTITY,
      }),
    );
    const invalid = route.validate(event);
    if (invalid) return fail(invalid.type, requestId, invalid.message);
    // A mock integration (the CORS preflight): API Gateway answers, no function is invoked.
    if (route.functionId === undefined) return route.answer;

    // On a gateway timeout the invocation goes on, as in AWS, until the function's own timeout.
    const outcome = await withTimeout(invoke(route.functionId, event), route.integrationTimeoutMs);
    if (outcome === TIMED_OUT) return fail('INTEGRATION_TIMEOUT', requestId);
    if (outcome.kind !== 'response') return fail('INTEGRATION_FAILURE', requestId);
    return httpResponseOf(outcome.payload) ?? fail('INTEGRATION_FAILURE', requestId);
  };

  const inject: Gateway['inject'] = async ({ method = 'GET', path = '/', headers = {}, body = '' } = {}) => {
    const requestId = newRequestId();
    const answer = await handle(
      incomingRequest({
        method,
        ...splitUrl(path),
        rawHeaders: Object.entries({ Host: '127.0.0.1', ...headers }).flat(),
        body: Buffer.from(body),
      }),
      requestId,
    );
    return { ...answer, requestId };
  };

  return { handle, fail, inject };
};
