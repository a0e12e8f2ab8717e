// The Lambda entry point (`Handler: handler.handler`): the middy composition, and nothing else.
import { randomInt } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RandomInt } from './domain/meditate.ts';
import { INTERNAL_MESSAGE } from './errors.ts';
import { contractError } from './middleware/contract-error.ts';
import { CORRELATION_ID_PATH, logFailure, logger, metrics } from './observability.ts';
import { meditateOperation } from './operations/meditate.ts';

/** What the handler draws on; tests pass their own. */
export interface HandlerDependencies {
  /** @default crypto.randomInt */
  randomInt: RandomInt;
}

/** Builds the handler around the given dependencies. */
export const createHandler = ({ randomInt: pick }: HandlerDependencies = { randomInt }) =>
  // `before` runs top-down; `after` and `onError` run bottom-up, so the first .use() is the
  // outermost layer: every log line carries the request ids, and metrics flush on every path.
  middy<unknown, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true, correlationIdPath: CORRELATION_ID_PATH }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(contractError())
    .use(httpErrorHandler({ logger: logFailure, fallbackMessage: INTERNAL_MESSAGE }))
    .handler(meditateOperation(pick));

/** The function's handler. */
export const handler = createHandler();
