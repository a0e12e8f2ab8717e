// The gateway in process (inject): routing, the stage prefix, the request validator, throttling,
// the gateway responses and what becomes of a function's failures. No socket, thread or bundle.
import { describe, expect, it } from 'vitest';
import { handler } from '../../../src/api/handler.ts';
import { handler as faulty } from '../../fixtures/faulty/faulty.ts';
import { contract } from '../../support/contract.ts';
import { EXAMPLES, exampleHttpRequest, exampleOf, operationListing, preflightOf } from '../../support/examples.ts';
import { FAULTY_TEMPLATE, PROJECT_TEMPLATE, THROTTLED_TEMPLATE } from '../../support/http.ts';
import { inProcessGateway } from '../../support/in-process.ts';

const asResponse = ({ statusCode, headers, body }: { statusCode: number; headers: object; body: Buffer }) => ({
  statusCode,
  headers: headers as Record<string, unknown>,
  body: body.toString(),
});
const json = (answer: { body: Buffer }) => JSON.parse(answer.body.toString());

describe('gateway: this project', () => {
  const gateway = inProcessGateway(
    PROJECT_TEMPLATE,
    { MeditationsFunction: handler },
    { ThrottlingBurstLimit: '1000' },
  );

  it.each(EXAMPLES.map((example) => [example.operationId, example] as const))(
    "answers %s's example request, per the contract",
    async (operationId, example) => {
      // Act
      const answer = await gateway.inject(exampleHttpRequest(example));

      // Assess
      expect(answer.statusCode).toBe(example.status);
      expect(contract.checkResponse(operationId, asResponse(answer))).toEqual({ valid: true, errors: [] });
    },
  );

  it("answers a CORS preflight itself, no function invoked, with the origin the stage's AllowedOrigin names", async () => {
    // Prepare: a stage that allows one origin, and a function that records its invocations.
    let invocations = 0;
    const allowing = inProcessGateway(
      PROJECT_TEMPLATE,
      {
        MeditationsFunction: async (event, context) => {
          invocations++;
          return handler(event, context);
        },
      },
      { AllowedOrigin: 'https://pages.example' },
    );

    // Act: a preflight of an operation's example request, and an unknown route.
    const { method, path } = exampleHttpRequest();
    const preflight = await allowing.inject({
      method: 'OPTIONS',
      path,
      headers: { Origin: 'https://pages.example', 'Access-Control-Request-Method': method },
    });
    const refused = await allowing.inject({ method: 'DELETE', path: '/v1/no-such-route' });

    // Assess
    expect(invocations).toBe(0);
    expect(preflight.statusCode).toBe(204);
    expect(contract.checkResponse(preflightOf(), asResponse(preflight))).toEqual({ valid: true, errors: [] });
    expect(preflight.headers['Access-Control-Allow-Origin']).toBe('https://pages.example');
    expect(refused.headers['Access-Control-Allow-Origin']).toBe('https://pages.example');
    expect(refused.headers['Access-Control-Expose-Headers']).toBe('x-amzn-RequestId, X-Contract-Version');
  });

  it('serves the stage prefix of the invoke URL, and hands the function the path without it', async () => {
    // Prepare: an operation's example request, sent with the stage, without it, and to the stage's
    // root without a slash when its path is the root.
    const seen: { path: string; requestPath: string }[] = [];
    const recording = inProcessGateway(PROJECT_TEMPLATE, {
      MeditationsFunction: async (event, context) => {
        seen.push({ path: event.path, requestPath: event.requestContext.path });
        return handler(event, context);
      },
    });
    const example = exampleOf();
    const request = exampleHttpRequest(example);
    const { path } = example.request;
    // `/v1` alone is the stage's root, as `/v1/` is.
    const paths = [request.path, request.path.replace(/^\/v1/, ''), ...(path === '/' ? ['/v1'] : [])];

    // Act
    const answers = await Promise.all(paths.map((sent) => recording.inject({ ...request, path: sent })));

    // Assess
    expect(answers.map((answer) => answer.statusCode)).toEqual(paths.map(() => example.status));
    expect(seen).toEqual(paths.map(() => ({ path, requestPath: `/v1${path}` })));
  });

  /** An operation's example request sent with each method its path does not serve. */
  const unserved = EXAMPLES.flatMap(({ request }) =>
    ['GET', 'PUT', 'POST', 'DELETE', 'PATCH']
      .filter(
        (method) =>
          !EXAMPLES.some((other) => other.request.resource === request.resource && other.request.method === method),
      )
      .map((method) => [`${method} ${request.path}`, method, `/v1${request.path}`]),
  );

  it.each([
    ['an unknown path', 'POST', '/nope'],
    ['an unknown path under the stage', 'POST', '/v1/nope'],
    ['another stage', exampleHttpRequest().method, exampleHttpRequest().path.replace(/^\/v1/, '/v2')],
    ...unserved,
    ['OPTIONS on an unknown path', 'OPTIONS', '/nope'],
  ])('answers %s with 403 MISSING_AUTHENTICATION_TOKEN in the contract error body', async (_, method, path) => {
    // Act
    const answer = await gateway.inject({ method, path });

    // Assess
    expect(answer.statusCode).toBe(403);
    expect(contract.checkResponse(operationListing(403), asResponse(answer))).toEqual({ valid: true, errors: [] });
    expect(json(answer)).toEqual({
      status: 'error',
      code: 'MISSING_AUTHENTICATION_TOKEN',
      message: 'Missing Authentication Token',
      requestId: answer.requestId,
    });
  });
});

describe('gateway: a function that misbehaves (tests/fixtures/faulty)', () => {
  const gateway = inProcessGateway(FAULTY_TEMPLATE, { FaultyFunction: faulty });

  it('answers 502 INTEGRATION_FAILURE when the handler throws, disclosing nothing', async () => {
    const answer = await gateway.inject({ method: 'POST', path: '/throws' });
    expect(answer.statusCode).toBe(502);
    expect(json(answer)).toEqual({
      status: 'error',
      code: 'INTEGRATION_FAILURE',
      message: 'Internal server error',
      requestId: answer.requestId,
    });
    expect(answer.body.toString()).not.toContain('kaboom');
  });

  it.each([
    ['a malformed proxy response', '/malformed'],
    ['a header value HTTP cannot carry (a CR LF in it)', '/bad-header'],
  ])('answers 502 INTEGRATION_FAILURE to %s', async (_, path) => {
    const answer = await gateway.inject({ method: 'POST', path });
    expect(answer.statusCode).toBe(502);
    expect(json(answer)).toMatchObject({ status: 'error', code: 'INTEGRATION_FAILURE' });
    expect(answer.headers).not.toHaveProperty('Set-Cookie');
  });

  it('answers 504 INTEGRATION_TIMEOUT when no answer comes within the integration timeout', async () => {
    // Act: this route's integration times out after 300 ms; the function answers after 600 ms.
    const answer = await gateway.inject({ method: 'POST', path: '/gateway-timeout?ms=600' });

    // Assess
    expect(answer.statusCode).toBe(504);
    expect(json(answer)).toMatchObject({ code: 'INTEGRATION_TIMEOUT', message: 'Endpoint request timed out' });
  });

  it("checks required parameters as the contract's request validator says", async () => {
    const answer = await gateway.inject({ method: 'POST', path: '/validated', body: '{"count":1}' });
    expect(answer.statusCode).toBe(400);
    expect(json(answer)).toMatchObject({
      code: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [method.request.querystring.name, method.request.header.X-Tenant]',
    });
  });

  it("checks the body against the contract's schema", async () => {
    const headers = { 'Content-Type': 'application/json', 'X-Tenant': 't' };
    const send = (body: string) => gateway.inject({ method: 'POST', path: '/validated?name=x', headers, body });
    const [invalid, malformed, valid] = await Promise.all([
      send('{"count":0}'),
      send('{"count":'),
      send('{"count":2}'),
    ]);
    expect(invalid.statusCode).toBe(400);
    expect(json(invalid)).toMatchObject({ code: 'BAD_REQUEST_BODY', message: 'Invalid request body' });
    expect(malformed.statusCode).toBe(400);
    expect(valid.statusCode).toBe(201);
  });

  it.each([
    ['no integration', '/not-integrated'],
    ['an integration naming no function of the template', '/ghost'],
  ])('answers an operation with %s as the stage would without it: 403', async (_, path) => {
    const answer = await gateway.inject({ method: 'GET', path });
    expect(answer.statusCode).toBe(403);
    expect(json(answer)).toMatchObject({ code: 'MISSING_AUTHENTICATION_TOKEN' });
  });

  it('passes a binary body base64-encoded both ways', async () => {
    const answer = await gateway.inject({
      method: 'POST',
      path: '/binary',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: Buffer.from([1, 2, 3, 255]),
    });
    expect(answer.statusCode).toBe(200);
    expect([...answer.body]).toEqual([255, 3, 2, 1]);
  });
});

describe('gateway: stage throttling', () => {
  it("answers 429 THROTTLED past the burst, in the contract's error body", async () => {
    // Prepare: burst 3, then 1 request per second.
    const gateway = inProcessGateway(THROTTLED_TEMPLATE, { FaultyFunction: faulty });

    // Act
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => gateway.inject({ method: 'POST', path: '/echo/x' })),
    );

    // Assess
    expect(answers.filter((answer) => answer.statusCode === 201)).toHaveLength(3);
    const throttled = answers.filter((answer) => answer.statusCode === 429);
    expect(throttled).toHaveLength(3);
    expect(json(throttled[0]!)).toEqual({
      status: 'error',
      code: 'THROTTLED',
      message: 'Too Many Requests',
      requestId: throttled[0]!.requestId,
    });
  });
});
