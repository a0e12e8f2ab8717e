// The runner over HTTP against a function that misbehaves on purpose (tests/fixtures/faulty): what
// only threads and sockets show (a timeout ending an environment, what the function receives in
// its worker). The gateway's own cases, a header HTTP cannot carry among them, are in
// gateway/gateway.test.ts.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localFunctionArn } from '../../lib/local-identity.ts';
import { stackName } from '../../lib/names.ts';
import { FAULTY_TEMPLATE, type RunningApi, send, startTestApi } from '../support/http.ts';

describe('local runner: faults', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ template: FAULTY_TEMPLATE });
  });

  afterAll(async () => {
    await api.close();
  });

  const expectStillServing = async () => {
    const response = await send(api.url, { path: '/echo/after' });
    expect(response.statusCode).toBe(201);
  };

  it('says once at start which operations it will not serve, and why', () => {
    const said = api.logs.filter((line) => line.startsWith('[gateway] '));
    expect(said).toEqual([
      '[gateway] operation notIntegrated (GET /not-integrated) has no integration invoking a function: API Gateway would not deploy it, so it is not served.',
      '[gateway] operation ghost (GET /ghost) integrates GhostFunction, which template.yaml does not define: CloudFormation would refuse the template, so it is not served.',
    ]);
  });

  it('answers 502 when the function runs past its timeout, and replaces that environment', async () => {
    // Act: the function's Timeout is 1 s; it sleeps 1.5 s.
    const response = await send(api.url, { path: '/slow?ms=1500' });

    // Assess
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ status: 'error', code: 'INTEGRATION_FAILURE' });
    expect(api.logs.some((line) => /Task timed out after 1\.00 seconds/.test(line))).toBe(true);
    await expectStillServing();
  });

  it("gives a cold start's init its own time, as Lambda does: the function's timeout starts with the handler", async () => {
    // Prepare: the module takes 1.5 s to load, past the function's 1 s timeout.
    const slowInit = await startTestApi({ template: FAULTY_TEMPLATE, parameters: { InitDelayMs: '1500' } });

    try {
      // Act
      const response = await send(slowInit.url, { path: '/echo/cold' });

      // Assess
      expect(response.statusCode).toBe(201);
      const report = slowInit.logs.find((line) => line.includes('REPORT RequestId:')) ?? '';
      expect(Number(/Init Duration: ([\d.]+) ms/.exec(report)?.[1])).toBeGreaterThanOrEqual(1500);
      expect(Number(/\tDuration: ([\d.]+) ms/.exec(report)?.[1])).toBeLessThan(1000);
    } finally {
      await slowInit.close();
    }
  });

  describe('the event and context the function receives', () => {
    let received: {
      event: APIGatewayProxyEvent & { multiValueHeaders: Record<string, string[]> };
      context: Context & { remainingMs: number };
      env: Record<string, string>;
    };
    let requestId: string;

    beforeAll(async () => {
      const response = await send(api.url, {
        path: '/echo/ada%20lovelace?tag=a&tag=b&single=1',
        headers: { 'User-Agent': 'vitest', 'X-Multi': ['one', 'two'], 'Content-Type': 'text/plain' },
        body: 'hello',
      });
      received = response.json() as typeof received;
      requestId = String(response.headers['x-amzn-requestid']);
    });

    it('is a REST proxy event for the matched resource', () => {
      expect(received.event).toMatchObject({
        resource: '/echo/{name}',
        path: '/echo/ada%20lovelace',
        httpMethod: 'POST',
        pathParameters: { name: 'ada%20lovelace' },
        queryStringParameters: { tag: 'b', single: '1' },
        multiValueQueryStringParameters: { tag: ['a', 'b'], single: ['1'] },
        stageVariables: null,
        body: 'hello',
        isBase64Encoded: false,
      });
      expect(received.event.headers['X-Multi']).toBe('two');
      expect(received.event.multiValueHeaders['X-Multi']).toEqual(['one', 'two']);
    });

    it('carries a full requestContext with the request id the client sees', () => {
      expect(received.event.requestContext).toMatchObject({
        requestId,
        stage: 'test',
        resourcePath: '/echo/{name}',
        httpMethod: 'POST',
        path: '/test/echo/ada%20lovelace',
        protocol: 'HTTP/1.1',
        identity: { sourceIp: '127.0.0.1', userAgent: 'vitest' },
      });
      expect(received.event.requestContext.requestTime).toMatch(
        /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/,
      );
      expect(typeof received.event.requestContext.requestTimeEpoch).toBe('number');
    });

    it('comes with a Lambda context whose remaining time counts down from the timeout', () => {
      expect(received.context).toMatchObject({
        functionName: 'local-FaultyFunction',
        functionVersion: '$LATEST',
        memoryLimitInMB: '128',
        invokedFunctionArn: localFunctionArn('local-FaultyFunction'),
        logGroupName: '/aws/lambda/local-FaultyFunction',
      });
      expect(received.context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(received.context.remainingMs).toBeGreaterThan(0);
      expect(received.context.remainingMs).toBeLessThanOrEqual(1000);
    });

    it("runs in Lambda's environment plus the template's variables (Globals and its own)", () => {
      expect(received.env).toMatchObject({
        AWS_LAMBDA_FUNCTION_NAME: 'local-FaultyFunction',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
        _HANDLER: 'faulty.handler',
        TZ: ':UTC',
        FROM_GLOBALS: 'globals',
        FROM_FUNCTION: `${stackName('local')}-own`,
      });
      expect(received.env.AWS_REGION).toBeTruthy();
      expect(received.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    });
  });
});
