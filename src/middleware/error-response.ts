// Finishes the answer http-error-handler chose: the contract's error body with the request id
// (which no body serialized ahead of time can carry), the usual headers, and the failure metric
// that the alarms watch.

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { ApiError, errorBody, INTERNAL_ERROR } from '../errors.ts';
import { jsonResponse, requestIdOf } from '../http.ts';
import { METRICS, metrics } from '../observability.ts';

/**
 * Must sit just before http-error-handler in the chain, so that its `onError` runs right after
 * it: by then, an error that is not an exposed ApiError has been replaced by the fallback.
 */
export const errorResponse = (): MiddlewareObj<unknown, APIGatewayProxyResult, Error, Context> => ({
  onError: (request) => {
    metrics.addMetric(METRICS.requestsFailed, MetricUnit.Count, 1);
    const { error } = request;
    const requestId = requestIdOf(request.event, request.context);
    request.response =
      error instanceof ApiError && error.expose
        ? jsonResponse(error.statusCode, errorBody(error.code, error.message, requestId))
        : jsonResponse(500, errorBody(INTERNAL_ERROR.code, INTERNAL_ERROR.message, requestId));
  },
});
