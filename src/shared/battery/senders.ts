// The battery's two views. Events for a direct invocation of a version, as API Gateway would hand it
// the requests (built by the code that builds the local runner's events): the pre-traffic gate and
// `npm run verify`. HTTP requests for a deployed or local API, API Gateway's own answers included:
// `npm run smoke` and the monitor.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { type ApiIdentity, buildProxyEvent, gatewayContext, incomingRequest } from '../apigateway/proxy-event.ts';
import { httpResponseOf } from '../apigateway/proxy-response.ts';
import { headerValue } from '../headers.ts';
import type { Outcome } from './checks.ts';
import type { BatteryPlan, PlannedProbe, PlannedRequest } from './plan.ts';

/** What an invocation returned: Lambda's FunctionError, if any, and the payload. */
export interface Invocation {
  functionError?: string | undefined;
  payload: unknown;
}

export type Send = (probe: PlannedProbe, signal: AbortSignal) => Promise<Outcome>;

/** The probes a direct invocation can send: what the function answers, API Gateway's refusals aside. */
export const eventProbes = (plan: BatteryPlan): PlannedProbe[] =>
  plan.probes.filter(({ answeredBy }) => answeredBy === 'function');

/** The probes an HTTP client can send; those that cost on every run only when `costly`. */
export const httpProbes = (plan: BatteryPlan, { costly }: { costly: boolean }): PlannedProbe[] =>
  plan.probes.filter((probe) => probe.request !== undefined && (costly || !probe.costly));

/** The API the battery's events say they come from: none, and it says so. */
const BATTERY_API = { accountId: 'contract-battery', apiId: 'contract-battery', resourceId: 'contract-battery' };

/** What a misdirected invocation sends: no proxy event at all. */
const NOT_A_PROXY_EVENT = { source: 'contract-battery', detail: 'not from API Gateway' };

/** Where a planned request's event comes from: the stage and API it names, its client's address, and the headers that client adds. */
export interface EventOrigin {
  stage: string;
  identity: ApiIdentity;
  sourceIp: string;
  headers: Record<string, string>;
}

/** The event API Gateway would send the function for a planned request (the request's own headers win). */
export const plannedRequestEvent = (
  request: PlannedRequest,
  { stage, identity, sourceIp, headers }: EventOrigin,
): APIGatewayProxyEvent =>
  buildProxyEvent(
    incomingRequest({
      method: request.method,
      path: request.path,
      query: request.query,
      rawHeaders: Object.entries({ ...headers, ...request.headers }).flat(),
      body: Buffer.from(request.body),
      sourceIp,
    }),
    gatewayContext({
      resource: request.resource ?? request.path,
      pathParameters: request.pathParameters ?? {},
      stage,
      identity,
    }),
  );

/** The event API Gateway would send the function for the probe, on `stage`. */
export const eventOf = (probe: PlannedProbe, stage: string, userAgent: string): unknown =>
  probe.request === undefined
    ? NOT_A_PROXY_EVENT
    : plannedRequestEvent(probe.request, {
        stage,
        identity: BATTERY_API,
        sourceIp: '198.51.100.7',
        headers: { Host: 'contract-battery.execute-api.local', 'User-Agent': userAgent },
      });

/** Sends each probe as an event through `invoke`, and reads the answer as API Gateway would pass it on. */
export const invocationSender =
  (
    { stage, userAgent }: { stage: string; userAgent: string },
    invoke: (event: unknown, signal: AbortSignal) => Promise<Invocation>,
  ): Send =>
  async (probe, signal) => {
    const event = eventOf(probe, stage, userAgent);
    const { functionError, payload } = await invoke(event, signal);
    if (functionError !== undefined) {
      const { errorType = '', errorMessage = '' } = (payload ?? {}) as { errorType?: string; errorMessage?: string };
      const problem = `the function failed (${functionError}): ${errorType} ${errorMessage}`.trim();
      return { failure: { check: 'invocation', problem } };
    }
    const answer = httpResponseOf(payload);
    if (answer === undefined)
      return { failure: { check: 'proxy response', problem: 'not a well-formed proxy response' } };
    const headers = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]),
    );
    const requestId = (event as { requestContext?: { requestId?: string } }).requestContext?.requestId;
    return { answer: { statusCode: answer.statusCode, headers, body: answer.body.toString('utf8') }, requestId };
  };

export interface HttpSenderOptions {
  /** The stage's URL: https://…/v1, or the local runner's. */
  baseUrl: string;
  /** Who the requests say they are. */
  userAgent: string;
  /** Each request's limit; leave it out when `fetch` keeps one of its own (the client package's `withTimeout`). */
  timeoutMs?: number;
  /** @default globalThis.fetch */
  fetch?: typeof globalThis.fetch;
  /** The request id of an answer. @default its x-amzn-RequestId header */
  requestIdOf?: (response: Response) => string | undefined;
}

const requestIdHeader = (response: Response) => response.headers.get('x-amzn-requestid') ?? undefined;

/** Sends each probe as an HTTP request to the API at `baseUrl`. */
export const httpSender =
  ({
    baseUrl,
    userAgent,
    timeoutMs,
    fetch = globalThis.fetch,
    requestIdOf = requestIdHeader,
  }: HttpSenderOptions): Send =>
  async (probe, signal) => {
    const request = probe.request;
    if (request === undefined)
      return { failure: { check: 'no answer', problem: 'HTTP cannot send a non-proxy event' } };
    const url = `${baseUrl.replace(/\/+$/, '')}${request.path}${request.query ? `?${request.query}` : ''}`;
    const body = request.bodyBytes === undefined ? request.body : Buffer.alloc(request.bodyBytes, 'a');
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: { ...request.headers, 'User-Agent': userAgent },
        body: body.length > 0 ? body : undefined,
        redirect: 'manual',
        signal: timeoutMs === undefined ? signal : AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      const answer = {
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.text(),
      };
      return { answer, requestId: requestIdOf(response) };
    } catch (error) {
      // The run's deadline passed: the run reports that, not each request it cut short.
      if (signal.aborted) throw error;
      const { name, message, cause } = error as Error;
      // A fetch that keeps its own limit says what it was in its message.
      const reason =
        name === 'TimeoutError'
          ? timeoutMs === undefined
            ? message
            : `no answer within ${timeoutMs} ms`
          : String(cause ?? message);
      return { failure: { check: 'no answer', problem: `${request.method} ${url}: ${reason}` } };
    }
  };

/** `send`, adding the contract version each answer names (its X-Contract-Version header) to `versions`. */
export const notingContractVersions =
  (send: Send, versions: Set<string>): Send =>
  async (probe, signal) => {
    const outcome = await send(probe, signal);
    const version = 'answer' in outcome ? headerValue(outcome.answer.headers, 'x-contract-version') : undefined;
    if (typeof version === 'string') versions.add(version);
    return outcome;
  };
