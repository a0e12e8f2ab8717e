// The floor inside middy with http-error-handler: what the composition itself costs.
import middy from '@middy/core';
import httpErrorHandler from '@middy/http-error-handler';
import { handler as floor } from './floor.ts';

export const handler = middy()
  .use(httpErrorHandler({ logger: false }))
  .handler(floor);
