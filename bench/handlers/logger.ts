// The middy layer plus the Powertools Logger: context injection and one INFO line per request.

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { CORRELATION_ID_PATH, logger } from '../../src/shared/observability.ts';
import { handler as floor } from './floor.ts';

export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true, correlationIdPath: CORRELATION_ID_PATH }))
  .use(httpErrorHandler({ logger: false }))
  .handler(async () => {
    logger.info('Received request');
    return floor();
  });
