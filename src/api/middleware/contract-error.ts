// The error http-error-handler decided on, put into the contract's error body with the request id;
// and the failure metric the alarms watch. It reads `request.error`, as http-error-handler leaves
// it: the error itself when a client may see it (`expose`, a status below 500), otherwise its
// fallback (500, the fixed message that discloses nothing).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { ErrorCode } from '../../shared/contract.ts';
import { ApiError, errorBody, INTERNAL_MESSAGE } from '../../shared/errors.ts';
import { METRICS, metrics } from '../../shared/observability.ts';
import { requestIdOf } from '../../shared/request-id.ts';
import { isRecord } from '../../shared/values.ts';
import { jsonResponse } from '../json-response.ts';

/** The status, code and message a client reads for an error. */
const exposedError = (error: unknown): { statusCode: number; code: ErrorCode; message: string } => {
  const { statusCode, expose, message } = isRecord(error) ? error : {};
  if (expose !== true || typeof statusCode !== 'number' || typeof message !== 'string') {
    return { statusCode: 500, code: 'INTERNAL', message: INTERNAL_MESSAGE };
  }
  const code = error instanceof ApiError ? error.code : statusCode < 500 ? 'DEFAULT_4XX' : 'INTERNAL';
  return { statusCode, code, message };
};

/** Goes just before http-error-handler, so that its `onError` runs right after that one decides. */
export const contractError = (): MiddlewareObj<unknown, APIGatewayProxyResult, Error, Context> => ({
  onError: (request) => {
    const { statusCode, code, message } = exposedError(request.error);
    metrics.addMetric(statusCode >= 500 ? METRICS.requestsFailed : METRICS.requestsRejected, MetricUnit.Count, 1);
    request.response = jsonResponse(statusCode, errorBody(code, message, requestIdOf(request.event, request.context)));
  },
});
