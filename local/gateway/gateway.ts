// API Gateway's side of a request, in the order it applies them: stage throttling, routing,
// request validation, the Lambda proxy integration and its timeout, then the gateway responses.
import type { ApiDefinition } from './api-definition.ts';
import { matchRoute } from './api-definition.ts';
import { buildProxyEvent, type IncomingRequest } from './event.ts';
import { type GatewayErrorType, gatewayAnswer, type HttpAnswer } from './gateway-responses.ts';
import type { FunctionEnvironments } from './lambda-environments.ts';
import { proxyAnswer } from './proxy-response.ts';
import { validateRequest } from './request-validator.ts';
import { tokenBucket } from './throttle.ts';

/** The answer, and the gateway response type when the gateway produced it. */
export type GatewayResult = HttpAnswer & { errorType?: GatewayErrorType };

export interface Gateway {
  handle: (request: IncomingRequest, requestId: string, receivedAt?: Date) => Promise<GatewayResult>;
  /** The gateway response of this type, as the contract renders it. */
  fail: (type: GatewayErrorType, requestId: string, message?: string) => GatewayResult;
}

export const createGateway = (definition: ApiDefinition, environments: Map<string, FunctionEnvironments>): Gateway => {
  const bucket = definition.throttling && tokenBucket(definition.throttling);
  const fail = (type: GatewayErrorType, requestId: string, message?: string): GatewayResult => ({
    ...gatewayAnswer(definition.gatewayResponses, type, requestId, message),
    errorType: type,
  });

  return {
    fail,
    handle: async (request, requestId, receivedAt = new Date()) => {
      if (bucket && !bucket.tryTake()) return fail('THROTTLED', requestId);
      const matched = matchRoute(definition.routes, request.method, request.path);
      if (matched === undefined) return fail('MISSING_AUTHENTICATION_TOKEN', requestId);
      const { route, pathParameters } = matched;

      const event = buildProxyEvent(request, {
        resource: route.resource,
        pathParameters,
        stage: definition.stage,
        requestId,
        receivedAt,
        binaryMediaTypes: definition.binaryMediaTypes,
      });
      const invalid = validateRequest(definition.contract, route, event);
      if (invalid) return fail(invalid.type, requestId, invalid.message);

      let gatewayTimer: NodeJS.Timeout | undefined;
      const gatewayTimeout = new Promise<'gateway-timeout'>((resolve) => {
        gatewayTimer = setTimeout(() => resolve('gateway-timeout'), route.integrationTimeoutMs);
      });
      // The invocation goes on after a gateway timeout, as in AWS, until the function's own timeout.
      const outcome = await Promise.race([environments.get(route.functionId)!.invoke(event), gatewayTimeout]);
      clearTimeout(gatewayTimer);
      if (outcome === 'gateway-timeout') return fail('INTEGRATION_TIMEOUT', requestId);
      if (outcome.kind !== 'response') return fail('INTEGRATION_FAILURE', requestId);
      return proxyAnswer(outcome.payload) ?? fail('INTEGRATION_FAILURE', requestId);
    },
  };
};
