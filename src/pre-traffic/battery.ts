// The requests the gate sends the new version, as API Gateway would hand them to it, built by the
// code that builds the local runner's events (src/apigateway/proxy-event.ts).
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { buildProxyEvent, type IncomingRequest } from '../apigateway/proxy-event.ts';

/** One request of the battery, and what a correct version answers it. */
export interface Probe {
  name: string;
  event: unknown;
  /** The contract's operation the request is for. */
  operationId: string;
  /** The status a correct version answers. */
  expectedStatus: number;
  /** The error code a correct version answers, for a probe meant to be refused. */
  expectedCode?: string;
}

/** How many plain requests go in the batch: enough that a fair pick shows more than one phrase. */
export const BATCH_SIZE = 50;

const REQUEST: IncomingRequest = {
  method: 'POST',
  path: '/',
  query: '',
  rawHeaders: ['Host', 'pre-traffic.execute-api.local', 'User-Agent', 'guru-meditations-pre-traffic-hook'],
  body: Buffer.alloc(0),
  sourceIp: '198.51.100.7',
  protocol: 'HTTP/1.1',
};

const proxyEvent = (stage: string, request: Partial<IncomingRequest> = {}): APIGatewayProxyEvent =>
  buildProxyEvent(
    { ...REQUEST, ...request },
    { resource: '/', pathParameters: {}, stage, requestId: randomUUID(), receivedAt: new Date(), binaryMediaTypes: [] },
  );

/** The battery for `POST /` (operationId `meditate`) on `stage`. */
export const battery = (stage: string): Probe[] => [
  { name: 'a bare POST /', event: proxyEvent(stage), operationId: 'meditate', expectedStatus: 200 },
  {
    name: 'POST / with headers, a query string and a body',
    event: proxyEvent(stage, {
      query: 'utm_source=pre-traffic&tag=a&tag=b',
      rawHeaders: [
        ...REQUEST.rawHeaders,
        'Content-Type',
        'application/json',
        'Accept',
        'application/json',
        'X-Forwarded-For',
        '198.51.100.7',
      ],
      body: Buffer.from('{"meditation":"mine, please"}'),
    }),
    operationId: 'meditate',
    expectedStatus: 200,
  },
  {
    // A misdirected invoke must get the contract's error body, not a crash.
    name: 'an event that is no proxy event',
    event: { source: 'pre-traffic-hook', detail: 'not from API Gateway' },
    operationId: 'meditate',
    expectedStatus: 400,
    expectedCode: 'INVALID_EVENT',
  },
  ...Array.from({ length: BATCH_SIZE }, (_, index) => ({
    name: `batch POST / #${index + 1}`,
    event: proxyEvent(stage),
    operationId: 'meditate',
    expectedStatus: 200,
  })),
];
