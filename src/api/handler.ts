// The Lambda entry point (`Handler: handler.handler`): the middy composition, and nothing else.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { OPERATIONS } from '../shared/contract.ts';
import { INTERNAL_MESSAGE } from '../shared/errors.ts';
import { CORRELATION_ID_PATH, logFailure, logger, metrics } from '../shared/observability.ts';
import { dispatch, type Implementation } from './dispatch.ts';
import { contractError } from './middleware/contract-error.ts';
import { type Dependencies, dependencies as defaultDependencies, implementations } from './operations/index.ts';
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

/** What a test may put in place of the function's own: any operation's implementation, and what they draw on. */
export interface HandlerOverrides {
  /** By operationId, each in place of that operation's own. */
  implementations?: Readonly<Record<string, Implementation<Dependencies>>>;
  dependencies?: Dependencies;
}

/** This API's handler, with what `overrides` puts in place of the function's own. */
export const createHandler = ({
  implementations: replaced = {},
  dependencies = defaultDependencies,
}: HandlerOverrides = {}) =>
  compose(runOperation(dispatch(OPERATIONS, { ...implementations, ...replaced }), dependencies));

/** The function's handler. */
export const handler = createHandler();
