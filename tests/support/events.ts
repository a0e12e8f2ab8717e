// Proxy events for tests, built from the sample events in events/ (also used by `sam local invoke -e`).
import { readFileSync } from 'node:fs';
import type { APIGatewayProxyEvent } from 'aws-lambda';

const SAMPLE: APIGatewayProxyEvent = JSON.parse(
  readFileSync(new URL('../../events/meditate.json', import.meta.url), 'utf8'),
);

/** events/meditate.json with a fresh API Gateway request id (or the one given). */
export const meditateEvent = (requestId: string = crypto.randomUUID()): APIGatewayProxyEvent => {
  const event = structuredClone(SAMPLE);
  event.requestContext.requestId = requestId;
  return event;
};
