// The middy layer plus Powertools Metrics: one metric per request under the operation, flushed as EMF.

import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { METRICS, metrics } from '../../src/shared/observability.ts';
import { handler as floor } from './floor.ts';

export const handler = middy()
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(httpErrorHandler({ logger: false }))
  .handler(async () => {
    // One operation's dimension, as the function counts each request under its operation's name.
    metrics.addDimensions({ operation: 'floor' });
    metrics.addMetric(METRICS.requestsServed, MetricUnit.Count, 1);
    return floor();
  });
