// The proxy event API Gateway would send the function for one request to this template's stage,
// as `sam local generate-event apigateway aws-proxy` makes one, but from the template's own routes,
// stage and binary media types, and built by the code that builds the local API's events
// (src/shared/apigateway/proxy-event.ts). `npm run event` prints it (event-cli.ts).
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { DefinitionError } from '../lib/errors.ts';
import { LOCAL_IDENTITY } from '../lib/local-identity.ts';
import { buildProxyEvent, gatewayContext, incomingRequest } from '../src/shared/apigateway/proxy-event.ts';
import { type ApiDefinition, matchRoute } from './api-definition.ts';
import { splitUrl, withoutStage } from './url.ts';

/** A request to build the event for: what a client would send. */
export interface EventRequest {
  method: string;
  /** The path, with or without the stage and a query string. */
  path: string;
  /** `name=value` pairs, as typed: they are percent-encoded here. */
  query?: string[];
  /** `name:value` pairs. */
  headers?: string[];
  body?: Buffer;
}

/** The proxy event for the request, or a DefinitionError naming the routes that exist. */
export const generateEvent = (definition: ApiDefinition, request: EventRequest): APIGatewayProxyEvent => {
  const { path: rawPath, query: pathQuery } = splitUrl(request.path);
  const path = withoutStage(rawPath.startsWith('/') ? rawPath : `/${rawPath}`, definition.stage);
  const method = request.method.toUpperCase();
  const matched = matchRoute(definition.routes, method, path);
  if (matched === undefined) {
    const routes = definition.routes.map((route) => `${route.method} ${route.resource}`).join(', ');
    throw new DefinitionError(`No route of the template matches ${method} ${path}; its routes: ${routes}`);
  }
  const headers = (request.headers ?? []).map((header) => {
    const at = header.indexOf(':');
    if (at <= 0) throw new DefinitionError(`--header takes name:value, not "${header}"`);
    return [header.slice(0, at).trim(), header.slice(at + 1).trim()] as const;
  });
  // Every request carries Host; API Gateway's is the API's own domain.
  const host = `${LOCAL_IDENTITY.apiId}.execute-api.${LOCAL_IDENTITY.region}.amazonaws.com`;
  const hasHost = headers.some(([name]) => name.toLowerCase() === 'host');
  const encoded = (request.query ?? []).map((pair) => {
    const [name = '', value] = pair.split(/=(.*)/s);
    return value === undefined ? encodeURIComponent(name) : `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  });
  const query = [pathQuery, ...encoded].filter((pair) => pair !== '');
  return buildProxyEvent(
    incomingRequest({
      method,
      path,
      query: query.join('&'),
      rawHeaders: [...(hasHost ? [] : ['Host', host]), ...headers.flat()],
      ...(request.body && { body: request.body }),
    }),
    gatewayContext({
      resource: matched.route.resource,
      pathParameters: matched.pathParameters,
      stage: definition.stage,
      binaryMediaTypes: definition.binaryMediaTypes,
      identity: LOCAL_IDENTITY,
    }),
  );
};
