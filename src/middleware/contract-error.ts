// The answer http-error-handler decided (its status, and the message a client may read), put into
// the contract's error body with the request id; and the failure metric the alarms watch.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { ApiError, errorBody } from '../errors.ts';
import { jsonResponse, requestIdOf } from '../http.ts';
import { METRICS, metrics } from '../observability.ts';

/** Goes just before http-error-handler, so that its `onError` runs right after that one decides. */
export const contractError = (): MiddlewareObj<unknown, APIGatewayProxyResult, Error, Context> => ({
  onError: (request) => {
    const { statusCode = 500, body = '' } = request.response ?? {};
    const code = request.error instanceof ApiError ? request.error.code : statusCode < 500 ? 'DEFAULT_4XX' : 'INTERNAL';
    metrics.addMetric(statusCode >= 500 ? METRICS.requestsFailed : METRICS.requestsRejected, MetricUnit.Count, 1);
    request.response = jsonResponse(statusCode, errorBody(code, body, requestIdOf(request.event, request.context)));
  },
});
