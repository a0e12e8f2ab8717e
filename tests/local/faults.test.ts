// What API Gateway and Lambda do that `sam local` does not, against a function that misbehaves on
// purpose (tests/fixtures/faulty): each failure gets the contract's error body, and serving goes on.
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAULTY_TEMPLATE,
  type RunningApi,
  send,
  startTestApi,
  THROTTLED_TEMPLATE,
  withTestApi,
} from '../support/http.ts';

const ERROR_BODY = {
  status: 'error',
  code: expect.any(String),
  message: expect.any(String),
  requestId: expect.any(String),
};

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

  it('answers 502 INTEGRATION_FAILURE when the handler throws, disclosing nothing', async () => {
    const response = await send(api.url, { path: '/throws' });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toEqual({
      ...ERROR_BODY,
      code: 'INTEGRATION_FAILURE',
      message: 'Internal server error',
      requestId: response.headers['x-amzn-requestid'],
    });
    expect(response.text).not.toContain('kaboom');
    await expectStillServing();
  });

  it('answers 502 when the handler returns a malformed proxy response', async () => {
    const response = await send(api.url, { path: '/malformed' });
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ status: 'error', code: 'INTEGRATION_FAILURE' });
    await expectStillServing();
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

  it('answers 504 INTEGRATION_TIMEOUT when no answer comes within the integration timeout', async () => {
    // Act: this route's integration times out after 300 ms; the function answers after 600 ms.
    const response = await send(api.url, { path: '/gateway-timeout?ms=600' });

    // Assess
    expect(response.statusCode).toBe(504);
    expect(response.json()).toEqual({
      ...ERROR_BODY,
      code: 'INTEGRATION_TIMEOUT',
      message: 'Endpoint request timed out',
    });
    await expectStillServing();
  });

  it("validates required parameters as the contract's request validator says", async () => {
    const response = await send(api.url, {
      path: '/validated',
      body: '{"count":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [method.request.querystring.name, method.request.header.X-Tenant]',
    });
  });

  it("validates the body against the contract's schema", async () => {
    const headers = { 'Content-Type': 'application/json', 'X-Tenant': 't' };
    const invalid = await send(api.url, { path: '/validated?name=x', body: '{"count":0}', headers });
    const malformed = await send(api.url, { path: '/validated?name=x', body: '{"count":', headers });
    const valid = await send(api.url, { path: '/validated?name=x', body: '{"count":2}', headers });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'BAD_REQUEST_BODY', message: 'Invalid request body' });
    expect(malformed.statusCode).toBe(400);
    expect(valid.statusCode).toBe(201);
  });

  it('does not serve an operation whose integration names no function', async () => {
    const response = await send(api.url, { method: 'GET', path: '/not-integrated' });
    expect(response.statusCode).toBe(403);
  });

  it('honours statusCode, headers, multiValueHeaders and adds x-amzn-RequestId', async () => {
    const response = await send(api.url, { path: '/echo/headers' });
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-single']).toBe('one');
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(response.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes binary bodies base64-encoded both ways for the API's binary media types", async () => {
    const response = await send(api.url, {
      path: '/binary',
      body: Buffer.from([1, 2, 3, 255]),
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    expect(response.statusCode).toBe(200);
    expect([...response.body]).toEqual([255, 3, 2, 1]);
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
        invokedFunctionArn: 'arn:aws:lambda:local-region-1:local-account-id:function:local-FaultyFunction',
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
        FROM_FUNCTION: 'guru-meditations-local-own',
      });
      expect(received.env.AWS_REGION).toBeTruthy();
      expect(received.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$/);
    });
  });
});

describe('local runner: stage throttling', () => {
  it("answers 429 THROTTLED past the burst, in the contract's error body", async () => {
    // Prepare: burst 3, then 1 request per second.
    await withTestApi({ template: THROTTLED_TEMPLATE }, async (api) => {
      // Act
      const responses = await Promise.all(Array.from({ length: 6 }, () => send(api.url, { path: '/echo/x' })));

      // Assess
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(3);
      const throttled = responses.filter((response) => response.statusCode === 429);
      expect(throttled).toHaveLength(3);
      expect(throttled[0]!.json()).toEqual({
        status: 'error',
        code: 'THROTTLED',
        message: 'Too Many Requests',
        requestId: throttled[0]!.headers['x-amzn-requestid'],
      });
    });
  });
});
