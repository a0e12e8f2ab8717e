// The Lambda entry point: the middy composition of the `meditate` operation, and nothing else.
import './environment.ts';
import { randomInt } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RandomInt } from './domain/meditate.ts';
import { FALLBACK_BODY } from './errors.ts';
import { errorResponse } from './middleware/error-response.ts';
import { CORRELATION_ID_PATH, logger, metrics } from './observability.ts';
import { meditateOperation } from './operations/meditate.ts';

/** What the handler draws on; tests pass their own. */
export interface HandlerDependencies {
  /** @default crypto.randomInt */
  randomInt: RandomInt;
}

const logFailure = (error: unknown) => logger.error('Request failed', error as Error);

/** Builds the handler around the given dependencies. */
export const createHandler = ({ randomInt: pick }: HandlerDependencies = { randomInt }) =>
  // `before` runs top-down; `after` and `onError` run bottom-up,
  // so the first .use() is the outermost layer.
  middy<unknown, APIGatewayProxyResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true, correlationIdPath: CORRELATION_ID_PATH })) // outermost: every log line, the error's too, carries both request ids
    .use(logMetrics(metrics, { captureColdStartMetric: true })) // flushes EMF on success, error and early return
    .use(errorResponse()) // the contract's error body and the failure metric, right after http-error-handler decides
    .use(httpErrorHandler({ logger: logFailure, fallbackMessage: FALLBACK_BODY })) // last, so it maps the error first; hides anything ≥ 500
    .handler(meditateOperation(pick));

/** The function's handler (`Handler: handler.handler` in template.yaml). */
export const handler = createHandler();
