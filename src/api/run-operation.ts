// An event run by its operation: routed (src/api/dispatch.ts), said in the logs, run, and counted
// served by operation, so that every operation publishes the metric a dashboard charts.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { logger, METRICS, metrics } from '../shared/observability.ts';
import type { Routed } from './dispatch.ts';
import { jsonResponse } from './json-response.ts';

/** Runs an event through the operation `route` finds for it, given the dependencies: its proxy result. */
export const runOperation =
  <Dependencies>(route: (event: unknown) => Routed<Dependencies>, dependencies: Dependencies) =>
  async (event: unknown): Promise<APIGatewayProxyResult> => {
    const routed = route(event);
    // Every later line of this invocation, a failure's included, says which operation it was.
    logger.appendKeys({ operation: routed.operation });
    logger.info('Received request');
    const { statusCode, body } = await routed.implementation(routed.event, dependencies);
    // Under the service and the operation; a failure never gets here, so RequestsFailed and
    // RequestsRejected keep the service dimension alone, as the alarms watch them.
    metrics.addDimensions({ operation: routed.operation });
    metrics.addMetric(METRICS.requestsServed, MetricUnit.Count, 1);
    return jsonResponse(statusCode, body);
  };
