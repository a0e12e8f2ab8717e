import { describe, expect, it } from 'vitest';
import {
  buildProxyEvent,
  formatRequestTime,
  type GatewayContext,
  type IncomingRequest,
  isBinaryMediaType,
} from '../../../src/shared/apigateway/proxy-event.ts';

const IDENTITY = { accountId: '123456789012', apiId: 'abc123defg', resourceId: 'root12' };

const request = (overrides: Partial<IncomingRequest> = {}): IncomingRequest => ({
  method: 'POST',
  path: '/',
  query: '',
  rawHeaders: ['Host', '127.0.0.1:3000', 'User-Agent', 'curl/8.5.0'],
  body: Buffer.alloc(0),
  sourceIp: '127.0.0.1',
  protocol: 'HTTP/1.1',
  ...overrides,
});

const gateway = (overrides: Partial<GatewayContext> = {}): GatewayContext => ({
  resource: '/',
  pathParameters: {},
  stage: 'v1',
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  receivedAt: new Date(Date.UTC(2026, 10, 28, 9, 5, 7)),
  binaryMediaTypes: [],
  identity: IDENTITY,
  ...overrides,
});

describe('buildProxyEvent', () => {
  it('has the resource, path and method', () => {
    const event = buildProxyEvent(
      request({ path: '/items/42' }),
      gateway({ resource: '/items/{id}', pathParameters: { id: '42' } }),
    );
    expect(event).toMatchObject({
      resource: '/items/{id}',
      path: '/items/42',
      httpMethod: 'POST',
      pathParameters: { id: '42' },
    });
  });

  it('has null pathParameters, query strings and stageVariables when there are none, as in AWS', () => {
    const event = buildProxyEvent(request(), gateway());
    expect(event.pathParameters).toBeNull();
    expect(event.queryStringParameters).toBeNull();
    expect(event.multiValueQueryStringParameters).toBeNull();
    expect(event.stageVariables).toBeNull();
  });

  it('keeps the last value of a repeated header in headers and all of them in multiValueHeaders', () => {
    const event = buildProxyEvent(
      request({ rawHeaders: ['Accept', 'text/plain', 'accept', 'application/json'] }),
      gateway(),
    );
    expect(event.headers).toEqual({ Accept: 'text/plain', accept: 'application/json' });
    const repeated = buildProxyEvent(request({ rawHeaders: ['X-A', '1', 'X-A', '2'] }), gateway());
    expect(repeated.headers).toEqual({ 'X-A': '2' });
    expect(repeated.multiValueHeaders).toEqual({ 'X-A': ['1', '2'] });
  });

  it('decodes query parameters, single (last wins) and multi-valued', () => {
    const event = buildProxyEvent(request({ query: 'a=1&a=2&b=hello%20world&c=x+y&flag' }), gateway());
    expect(event.queryStringParameters).toEqual({ a: '2', b: 'hello world', c: 'x y', flag: '' });
    expect(event.multiValueQueryStringParameters).toEqual({
      a: ['1', '2'],
      b: ['hello world'],
      c: ['x y'],
      flag: [''],
    });
  });

  it('keeps a malformed percent-encoding as sent instead of failing', () => {
    const event = buildProxyEvent(request({ query: 'bad=%E0%A4%A' }), gateway());
    expect(event.queryStringParameters).toEqual({ bad: '%E0%A4%A' });
  });

  it('has a null body and isBase64Encoded false without a body', () => {
    const event = buildProxyEvent(request(), gateway());
    expect(event.body).toBeNull();
    expect(event.isBase64Encoded).toBe(false);
  });

  it('passes a text body as UTF-8 text', () => {
    const event = buildProxyEvent(request({ body: Buffer.from('{"a":"é"}') }), gateway());
    expect(event.body).toBe('{"a":"é"}');
    expect(event.isBase64Encoded).toBe(false);
  });

  it('base64-encodes a body whose content type is a binary media type', () => {
    const event = buildProxyEvent(
      request({ body: Buffer.from([0, 255]), rawHeaders: ['Content-Type', 'image/png'] }),
      gateway({ binaryMediaTypes: ['image/*'] }),
    );
    expect(event.body).toBe('AP8=');
    expect(event.isBase64Encoded).toBe(true);
  });

  it('fills requestContext as API Gateway does', () => {
    const event = buildProxyEvent(request(), gateway());
    expect(event.requestContext).toMatchObject({
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      stage: 'v1',
      path: '/v1/',
      resourcePath: '/',
      httpMethod: 'POST',
      protocol: 'HTTP/1.1',
      domainName: '127.0.0.1:3000',
      requestTime: '28/Nov/2026:09:05:07 +0000',
      requestTimeEpoch: Date.UTC(2026, 10, 28, 9, 5, 7),
      identity: { sourceIp: '127.0.0.1', userAgent: 'curl/8.5.0' },
    });
    expect(event.requestContext).toMatchObject({
      accountId: '123456789012',
      apiId: 'abc123defg',
      resourceId: 'root12',
    });
  });
});

describe('formatRequestTime', () => {
  it('pads every field', () => {
    expect(formatRequestTime(new Date(Date.UTC(2026, 0, 2, 3, 4, 5)))).toBe('02/Jan/2026:03:04:05 +0000');
  });
});

describe('isBinaryMediaType', () => {
  it('matches exact types, wildcards, and ignores parameters and case', () => {
    expect(isBinaryMediaType('image/PNG', ['image/*'])).toBe(true);
    expect(isBinaryMediaType('application/octet-stream; charset=x', ['application/octet-stream'])).toBe(true);
    expect(isBinaryMediaType('application/json', ['image/*'])).toBe(false);
    expect(isBinaryMediaType(undefined, ['*/*'])).toBe(false);
    expect(isBinaryMediaType('text/plain', ['*/*'])).toBe(true);
  });
});
