// Hostile clients against the local runner: each gets a correct status and, for an error, the
// contract's error body; and an operation's example request right after still succeeds.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../support/contract.ts';
import { exampleHttpRequest, exampleOf, operationListing } from '../support/examples.ts';
import { asContractResponse, type RawResponse, type RunningApi, send, startTestApi } from '../support/http.ts';

/** Raw bytes to the server, and whatever comes back until it closes (or `waitMs` passes). */
const rawExchange = (url: string, write: (socket: Socket) => void, waitMs = 5000) =>
  new Promise<string>((resolve) => {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    const timer = setTimeout(() => {
      socket.destroy();
      done();
    }, waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => {
      clearTimeout(timer);
      done();
    });
    socket.on('error', () => undefined);
    socket.on('connect', () => write(socket));
  });

/** A raw HTTP answer parsed enough to check it against the contract. */
const parseRaw = (raw: string) => {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = Object.fromEntries(
    headerLines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { statusCode: Number(statusLine.split(' ')[1]), headers, body };
};

const expectErrorBody = (
  response: { statusCode: number; headers: Record<string, unknown>; body: string },
  code: string,
) => {
  expect(contract.checkResponse(operationListing(response.statusCode), response)).toEqual({ valid: true, errors: [] });
  expect(JSON.parse(response.body)).toMatchObject({ status: 'error', code });
};

describe('local runner: hostile input', () => {
  let api: RunningApi;

  beforeAll(async () => {
    // High limits, so that throttling does not hide what each case does.
    api = await startTestApi({
      parameters: { ThrottlingRateLimit: '10000', ThrottlingBurstLimit: '10000' },
      requestTimeoutMs: 1500,
    });
  });

  afterAll(async () => {
    await api.close();
  });

  const example = exampleOf();
  const expectStillServing = async () => {
    const after = await send(api.url, exampleHttpRequest(example));
    expect(after.statusCode).toBe(example.status);
    expect(contract.checkResponse(example.operationId, asContractResponse(after)).valid).toBe(true);
  };

  it('answers HEAD / with 403 and no body', async () => {
    const response = await send(api.url, { method: 'HEAD' });
    expect(response.statusCode).toBe(403);
    expect(response.body.length).toBe(0);
    expect(response.headers['content-type']).toBe('application/json');
    await expectStillServing();
  });

  it.each([
    ['dot segments', '/%2e%2e/'],
    ['raw dot segments', '/../'],
    ['an empty segment', '//'],
    ['an encoded slash', '/%2F'],
    ['a NUL byte', '/%00'],
    ['invalid percent-encoding', '/%E0%A4%A'],
    ['invalid UTF-8', '/%C3%28'],
    ['a long path', `/${'a'.repeat(8000)}`],
  ])('answers a path with %s with 403 and the error body', async (_, path) => {
    const response = await send(api.url, { path });
    expect(response.statusCode).toBe(403);
    expectErrorBody(asContractResponse(response), 'MISSING_AUTHENTICATION_TOKEN');
    await expectStillServing();
  });

  it('answers a request line and headers over 10 KB with 413 REQUEST_TOO_LARGE', async () => {
    const longPath = await rawExchange(api.url, (socket) =>
      socket.write(`POST /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`),
    );
    const bigHeader = await rawExchange(api.url, (socket) =>
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`),
    );
    for (const raw of [longPath, bigHeader]) {
      const response = parseRaw(raw);
      expect(response.statusCode).toBe(413);
      expectErrorBody(response, 'REQUEST_TOO_LARGE');
      expect(response.headers['x-amzn-requestid']).toBe(JSON.parse(response.body).requestId);
    }
    await expectStillServing();
  });

  it('answers a body over 10 MB sent without Expect (as fetch sends it) with 413, every time', async () => {
    // Act: fetch writes the whole body before it reads; closing early would reset the connection.
    const responses = [];
    for (let i = 0; i < 10; i++) {
      responses.push(await fetch(`${api.url}/`, { method: 'POST', body: Buffer.alloc(11 * 1024 * 1024, 'z') }));
    }

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(413);
      expect(response.headers.get('connection')).toBe('close');
      const body = await response.text();
      expectErrorBody({ statusCode: 413, headers: Object.fromEntries(response.headers), body }, 'REQUEST_TOO_LARGE');
    }
    await expectStillServing();
  });

  it('answers 413 to a body over 10 MB announced with Expect: 100-continue, before it is sent', async () => {
    // Act: the head only; a client waiting for 100 Continue sends nothing more.
    const raw = await rawExchange(api.url, (socket) =>
      socket.write(`POST / HTTP/1.1\r\nHost: x\r\nContent-Length: ${11 * 1024 * 1024}\r\nExpect: 100-continue\r\n\r\n`),
    );

    // Assess
    expect(raw).not.toContain('100 Continue');
    const response = parseRaw(raw);
    expect(response.statusCode).toBe(413);
    expectErrorBody(response, 'REQUEST_TOO_LARGE');
    await expectStillServing();
  });

  it.each([
    [
      'without a Host header',
      'POST / HTTP/1.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      400,
      'MALFORMED_REQUEST',
    ],
    [
      'with an Expect other than 100-continue',
      'POST / HTTP/1.1\r\nHost: x\r\nExpect: foo\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
      400,
      'MALFORMED_REQUEST',
    ],
    [
      'with the CONNECT method',
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
      403,
      'MISSING_AUTHENTICATION_TOKEN',
    ],
  ])(
    'answers a request %s with the error body, a request id and an access-log line',
    async (_, request, status, code) => {
      // Act
      const response = parseRaw(await rawExchange(api.url, (socket) => socket.write(request), 1000));

      // Assess
      expect(response.statusCode).toBe(status);
      expectErrorBody(response, code);
      const requestId = response.headers['x-amzn-requestid'];
      expect(JSON.parse(response.body).requestId).toBe(requestId);
      await expect.poll(() => api.logs.filter((line) => line.includes(String(requestId)))).toHaveLength(1);
      await expectStillServing();
    },
  );

  it('answers a request that is not HTTP with 400 MALFORMED_REQUEST', async () => {
    const response = parseRaw(await rawExchange(api.url, (socket) => socket.write('HELLO / WORLD\r\n\r\n')));
    expect(response.statusCode).toBe(400);
    expectErrorBody(response, 'MALFORMED_REQUEST');
    await expectStillServing();
  });

  it('answers a client that sends its body slowly and never finishes with 408, then closes', async () => {
    // Act: promise 100 bytes, send 10, then nothing; the runner's request timeout here is 1.5 s.
    const raw = await rawExchange(
      api.url,
      (socket) => socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789'),
      6000,
    );

    // Assess
    const response = parseRaw(raw);
    expect(response.statusCode).toBe(408);
    expectErrorBody(response, 'REQUEST_TIMEOUT');
    await expectStillServing();
  });

  it('survives clients that disconnect mid-request', async () => {
    // Act: headers only; half a body; a whole request whose answer is never read.
    await Promise.all([
      rawExchange(api.url, (socket) => socket.end('POST / HTTP/1.1\r\nHost: x\r\n'), 500),
      rawExchange(
        api.url,
        (socket) => {
          socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nhalf');
          setTimeout(() => socket.destroy(), 50);
        },
        500,
      ),
      rawExchange(
        api.url,
        (socket) => {
          socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n');
          socket.destroy();
        },
        500,
      ),
    ]);

    // Assess
    await expectStillServing();
  });

  it('answers a burst of 300 concurrent connections, every answer per the contract', async () => {
    // Act
    const responses: RawResponse[] = await Promise.all(
      Array.from({ length: 300 }, () => send(api.url, exampleHttpRequest(example))),
    );

    // Assess
    for (const response of responses) {
      expect(response.statusCode).toBe(example.status);
      expect(contract.checkResponse(example.operationId, asContractResponse(response)).valid).toBe(true);
    }
    await expectStillServing();
  });
});

describe('local runner: security headers and CORS', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  /** An operation's example request, which the function answers. */
  const request = exampleHttpRequest();

  it('sends the headers a scanner expects of a JSON API, and no X-Powered-By', async () => {
    // Act: the function's answer, and API Gateway's own (an unknown route).
    const answers = [await send(api.url, request), await send(api.url, { method: 'GET', path: '/v1/no-such-route' })];

    // Assess
    for (const response of answers) {
      expect(response.headers).toMatchObject({
        'content-type': 'application/json',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
    expect(answers[0]?.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('lets pages of the allowed origin (any, by default) read every answer, its request id and version', async () => {
    // Act: the function's answer, API Gateway's own (an unknown route), and a preflight.
    const answers = await Promise.all([
      send(api.url, { ...request, headers: { ...request.headers, Origin: 'https://pages.example' } }),
      send(api.url, { path: '/nowhere', headers: { Origin: 'https://pages.example' } }),
    ]);
    const preflight = await send(api.url, {
      method: 'OPTIONS',
      path: request.path,
      headers: { Origin: 'https://pages.example', 'Access-Control-Request-Method': request.method },
    });

    // Assess: the preflight allows the methods the contract serves on the path, and OPTIONS.
    const served = contract.operations().filter(({ path }) => path === exampleOf().request.resource);
    expect(answers.map(({ statusCode }) => statusCode)).toEqual([exampleOf().status, 403]);
    for (const { headers } of answers) {
      expect(headers['access-control-allow-origin']).toBe('*');
      expect(headers['access-control-expose-headers']).toBe('x-amzn-RequestId, X-Contract-Version');
    }
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': [...new Set([...served.map(({ method }) => method), 'OPTIONS'])].sort().join(','),
      'access-control-allow-headers': 'Content-Type',
      'access-control-max-age': '7200',
    });
    expect(preflight.body.length).toBe(0);
  });
});
