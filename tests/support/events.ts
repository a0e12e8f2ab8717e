// Proxy events for tests, built by the code that builds the local runner's and the gate's
// (src/shared/apigateway/proxy-event.ts): a test hands the function what API Gateway would.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { LOCAL_IDENTITY } from '../../lib/local-identity.ts';
import { buildProxyEvent, gatewayContext, incomingRequest } from '../../src/shared/apigateway/proxy-event.ts';

/** The stage tests send through: template.yaml's. */
export const STAGE = 'v1';

/** A request as API Gateway routed it. */
export interface RoutedRequest {
  method: string;
  /** The route API Gateway matched, the contract's path: `/quotes/{id}`. */
  resource: string;
  /** The path sent, without the stage: `/quotes/1`. */
  path: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  /** The raw query string, without `?`. */
  query?: string;
}

/** The event API Gateway sends the function for the request, with a fresh request id (or the one given). */
export const proxyEvent = (
  { method, resource, path, pathParameters = {}, headers = {}, body = '', query = '' }: RoutedRequest,
  requestId: string = randomUUID(),
): APIGatewayProxyEvent =>
  buildProxyEvent(
    incomingRequest({
      method,
      path,
      query,
      rawHeaders: Object.entries({
        Host: `${LOCAL_IDENTITY.apiId}.execute-api.${LOCAL_IDENTITY.region}.amazonaws.com`,
        ...headers,
      }).flat(),
      body: Buffer.from(body),
    }),
    gatewayContext({ resource, pathParameters, stage: STAGE, requestId, identity: LOCAL_IDENTITY }),
  );
