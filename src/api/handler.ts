// The Lambda entry point (`Handler: handler.handler`): the middy composition, and nothing else.
import { randomInt } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { OPERATIONS } from '../shared/contract.ts';
import { INTERNAL_MESSAGE } from '../shared/errors.ts';
import { CORRELATION_ID_PATH, logFailure, logger, metrics } from '../shared/observability.ts';
import { dispatch } from './dispatch.ts';
import { contractError } from './middleware/contract-error.ts';
import { type Dependencies, implementations } from './operations/index.ts';
import { runOperation } from './run-operation.ts';

/** The middleware around `answer`, which turns a proxy event into a proxy response. */
export const compose = (answerEvent: (event: unknown) => Promise<APIGatewayProxyResult>) =>
  // `before` runs top-down; `after` and `onError` run bottom-up, so the first .use() is the
  // outermost layer: every log line carries the request ids, and metrics flush on every path.
  middy<unknown, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true, correlationIdPath: CORRELATION_ID_PATH }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(contractError())
    .use(httpErrorHandler({ logger: logFailure, fallbackMessage: INTERNAL_MESSAGE }))
    .handler(answerEvent);

/** This API's handler around the given dependencies. */
export const createHandler = (dependencies: Dependencies = { randomInt }) =>
  compose(runOperation(dispatch(OPERATIONS, implementations), dependencies));

/** The function's handler. */
export const handler = createHandler();
