// What the benchmark sends: the contract's first example request, as the battery plans it
// (generated/battery.ts), whatever operation that is, so that the bench runs unchanged for any
// contract. To the function it is a proxy event, built by the code that builds the runner's and the
// pre-traffic hook's (src/shared/apigateway/proxy-event.ts), with the headers a client's request
// through API Gateway carries; to the runner it is an HTTP request, sent as it is.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { BATTERY } from '../generated/battery.ts';
import { LOCAL_IDENTITY } from '../lib/local-identity.ts';
import type { PlannedRequest } from '../src/shared/battery/plan.ts';
import { plannedRequestEvent } from '../src/shared/battery/senders.ts';

/** The contract's first example request, and the status a correct version answers it. */
export const benchRequest = (): { request: PlannedRequest; status: number } => {
  const example = BATTERY.probes.find(({ kind }) => kind === 'example');
  if (example?.request === undefined)
    throw new Error('the contract has no operation whose example request can be built');
  return { request: example.request, status: example.expect.status };
};

/** What a client's request carries by the time API Gateway hands it on: its own headers, and the edge's. */
const CLIENT_HEADERS = {
  Accept: 'application/json',
  Host: `${LOCAL_IDENTITY.apiId}.execute-api.${LOCAL_IDENTITY.region}.amazonaws.com`,
  'User-Agent': 'curl/8.5.0',
  'X-Amzn-Trace-Id': 'Root=1-6744a1b2-3f0c1e2d4b5a69788796a5b4',
  'X-Forwarded-For': '203.0.113.17',
  'X-Forwarded-Port': '443',
  'X-Forwarded-Proto': 'https',
};

/** The event API Gateway's `stage` would send the function for the bench's request. */
export const benchEvent = (stage: string): APIGatewayProxyEvent =>
  plannedRequestEvent(benchRequest().request, {
    stage,
    identity: LOCAL_IDENTITY,
    sourceIp: '203.0.113.17',
    headers: CLIENT_HEADERS,
  });

/** The bench's request as autocannon sends it to a server at its root (the runner takes the stage prefix as optional). */
export const benchHttpRequest = () => {
  const { request } = benchRequest();
  return {
    method: request.method,
    path: `${request.path}${request.query ? `?${request.query}` : ''}`,
    headers: request.headers,
    ...(request.body !== '' && { body: request.body }),
  };
};
