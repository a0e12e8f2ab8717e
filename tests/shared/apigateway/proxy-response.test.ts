import { describe, expect, it } from 'vitest';
import { httpResponseOf } from '../../../src/shared/apigateway/proxy-response.ts';

describe('httpResponseOf', () => {
  it('turns a proxy result into an HTTP answer, defaulting Content-Type to JSON', () => {
    const answer = httpResponseOf({ statusCode: 200, body: '{"a":1}' });
    expect(answer).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.from('{"a":1}'),
    });
  });

  it('decodes a base64 body', () => {
    const answer = httpResponseOf({
      statusCode: 200,
      headers: { 'Content-Type': 'image/png' },
      body: 'AP8=',
      isBase64Encoded: true,
    });
    expect([...answer!.body]).toEqual([0, 255]);
  });

  it('keeps every value of a multi-value header', () => {
    const answer = httpResponseOf({
      statusCode: 200,
      headers: { 'Set-Cookie': 'x=0' },
      multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] },
      body: '',
    });
    expect(answer!.headers['Set-Cookie']).toEqual(['a=1', 'b=2']);
  });

  it('accepts a missing body and a numeric string status', () => {
    expect(httpResponseOf({ statusCode: '204' })).toMatchObject({ statusCode: 204, body: Buffer.alloc(0) });
  });

  it.each([
    ['not an object', 'hello'],
    ['null', null],
    ['an array', [200]],
    ['no status', { body: '' }],
    ['a status out of range', { statusCode: 99, body: '' }],
    ['a fractional status', { statusCode: 200.5, body: '' }],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
    ['a header value that is an object', { statusCode: 200, headers: { a: { b: 1 } }, body: '' }],
    ['multiValueHeaders that are not lists', { statusCode: 200, multiValueHeaders: { a: 'b' }, body: '' }],
    ['isBase64Encoded that is not a boolean', { statusCode: 200, body: '', isBase64Encoded: 'yes' }],
    ['a header value with CR LF', { statusCode: 200, headers: { 'X-A': 'a\r\nSet-Cookie: x=1' }, body: '' }],
    ['a header value with NUL', { statusCode: 200, headers: { 'X-A': 'a\u0000b' }, body: '' }],
    ['a header name that is not a token', { statusCode: 200, headers: { 'X A': 'b' }, body: '' }],
    [
      'a multi-value header with LF',
      { statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b\n=2'] }, body: '' },
    ],
  ])('calls %s malformed', (_, result) => {
    expect(httpResponseOf(result)).toBeUndefined();
  });
});
