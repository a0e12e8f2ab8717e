// `POST /` (operationId `meditate`): a proxy event in, a proxy response out.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { meditate, type RandomInt } from '../domain/meditate.ts';
import { ApiError } from '../errors.ts';
import { gatewayRequestId, jsonResponse } from '../http.ts';
import { logger, METRICS, metrics } from '../observability.ts';

/** Answers `meditate` with meditations drawn from `randomInt`. The request body is ignored. */
export const meditateOperation =
  (randomInt: RandomInt) =>
  async (event: unknown): Promise<APIGatewayProxyResult> => {
    // Only API Gateway's proxy events carry a request id; anything else is a misdirected invoke.
    if (gatewayRequestId(event) === undefined) {
      throw new ApiError(400, 'INVALID_EVENT', 'The function expects an API Gateway REST proxy event.');
    }
    logger.info('Received request');
    const meditation = meditate(randomInt);
    metrics.addMetric(METRICS.meditationsServed, MetricUnit.Count, 1);
    return jsonResponse(200, meditation);
  };
