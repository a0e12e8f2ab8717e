// What the function writes for CloudWatch: JSON logs with both request ids, and EMF metrics.
// Each test imports a fresh copy of the handler, as a new Lambda execution environment would.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { testServiceNames } from '../../lib/names.ts';
import type { createHandler } from '../../src/api/handler.ts';
import { proxyEvent } from '../support/events.ts';
import { exampleEvent, exampleOf } from '../support/examples.ts';
import { failingImplementations } from '../support/failures.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type CapturedOutput, captureOutput } from '../support/output.ts';

// What vitest.config.ts gives the tests' Lambda environment.
const { POWERTOOLS_METRICS_NAMESPACE: NAMESPACE, POWERTOOLS_SERVICE_NAME: SERVICE } = testServiceNames();
/** The operation every test but one sends the example request of. */
const OPERATION = exampleOf().operationId;

const freshModule = async () => {
  vi.resetModules();
  return import('../../src/api/handler.ts');
};

/** The metric names of every EMF document, in order. */
const metricNames = (emf: Record<string, unknown>[]) =>
  emf.flatMap((document) =>
    (document as { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } })._aws.CloudWatchMetrics.flatMap(
      (directive) => directive.Metrics.map((metric) => metric.Name),
    ),
  );

describe('observability', () => {
  let output: CapturedOutput;

  beforeEach(() => {
    // Prepare: JSON logs and real EMF on stdout, as in Lambda.
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    output = captureOutput();
  });

  afterEach(() => {
    output.restore();
    vi.unstubAllEnvs();
  });

  it('logs one INFO line per request carrying both request ids and the operation, not the event', async () => {
    // Prepare
    const { handler } = await freshModule();
    const context = lambdaContext({ awsRequestId: 'lambda-req-42' });

    // Act
    await handler(exampleEvent(exampleOf(), 'gateway-req-42'), context);

    // Assess
    const infos = output.logs().filter((line) => line.level === 'INFO');
    expect(infos).toHaveLength(1);
    expect(infos[0]).toMatchObject({
      message: 'Received request',
      service: SERVICE,
      function_request_id: 'lambda-req-42',
      correlation_id: 'gateway-req-42',
      operation: OPERATION,
    });
    expect(JSON.stringify(infos[0])).not.toContain('X-Forwarded-For');
  });

  it('emits RequestsServed under the namespace with the service and operation dimensions', async () => {
    // Prepare
    const { handler } = await freshModule();

    // Act
    await handler(exampleEvent(), lambdaContext());

    // Assess
    const served = output.emf().find((document) => 'RequestsServed' in document);
    expect(served).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: NAMESPACE,
            Dimensions: [['service', 'operation']],
            Metrics: [{ Name: 'RequestsServed', Unit: 'Count' }],
          },
        ],
      },
      service: SERVICE,
      operation: OPERATION,
      RequestsServed: 1,
    });
  });

  it('publishes a metric on every call of an operation that adds none of its own, never an empty set', async () => {
    // Prepare: the project's composition around an operation that records nothing.
    vi.resetModules();
    const { compose } = await import('../../src/api/handler.ts');
    const { runOperation } = await import('../../src/api/run-operation.ts');
    const { dispatch } = await import('../../src/api/dispatch.ts');
    const quiet = { quiet: async () => ({ statusCode: 200, body: { status: 'success' } }) };
    const handler = compose(runOperation(dispatch({ 'POST /quiet': 'quiet' }, quiet), undefined));
    const event = () => proxyEvent({ method: 'POST', resource: '/quiet', path: '/quiet' });

    // Act
    await handler(event(), lambdaContext());
    await handler(event(), lambdaContext());

    // Assess
    expect(output.lines().filter((line) => line.includes('No application metrics to publish'))).toEqual([]);
    const served = output.emf().filter((document) => 'RequestsServed' in document);
    expect(served.map((document) => document.operation)).toEqual(['quiet', 'quiet']);
  });

  it('reports a cold start on the first invocation of a fresh module only', async () => {
    // Prepare
    const { handler } = await freshModule();

    // Act
    await handler(exampleEvent(), lambdaContext());
    const afterFirst = metricNames(output.emf());
    await handler(exampleEvent(), lambdaContext());
    const afterSecond = metricNames(output.emf());

    // Assess
    expect(afterFirst.filter((name) => name === 'ColdStart')).toHaveLength(1);
    expect(afterSecond.filter((name) => name === 'ColdStart')).toHaveLength(1);
    expect(afterSecond.filter((name) => name === 'RequestsServed')).toHaveLength(2);
    const coldStartLogs = output.logs().map((line) => line.cold_start);
    expect(coldStartLogs).toEqual([true, false]);
  });

  it('emits RequestsFailed and an ERROR log with the stack and request id when the handler fails', async () => {
    // Prepare
    const { createHandler: create } = await freshModule();
    const failing = (create as typeof createHandler)(failingImplementations(new Error('implementation broke')));

    // Act
    const response = await failing(
      exampleEvent(exampleOf(), 'gateway-req-500'),
      lambdaContext({ awsRequestId: 'lambda-req-500' }),
    );

    // Assess
    expect(response.statusCode).toBe(500);
    const failed = output.emf().find((document) => 'RequestsFailed' in document);
    expect(failed).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          { Namespace: NAMESPACE, Dimensions: [['service']], Metrics: [{ Name: 'RequestsFailed', Unit: 'Count' }] },
        ],
      },
      service: SERVICE,
      RequestsFailed: 1,
    });
    expect(metricNames(output.emf())).not.toContain('RequestsServed');
    const errors = output.logs().filter((line) => line.level === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      correlation_id: 'gateway-req-500',
      function_request_id: 'lambda-req-500',
      operation: OPERATION,
      error: { name: 'Error', message: 'implementation broke', stack: expect.stringContaining('implementation broke') },
    });
  });

  it('counts a rejected request (4xx) as RequestsRejected, not RequestsFailed, and logs it at WARN', async () => {
    // Prepare
    const { handler } = await freshModule();

    // Act
    const response = await handler({ not: 'a proxy event' }, lambdaContext({ awsRequestId: 'lambda-req-400' }));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(metricNames(output.emf())).toContain('RequestsRejected');
    expect(metricNames(output.emf())).not.toContain('RequestsFailed');
    const levels = output.logs().map((line) => line.level);
    expect(levels).toContain('WARN');
    expect(levels).not.toContain('ERROR');
  });
});
