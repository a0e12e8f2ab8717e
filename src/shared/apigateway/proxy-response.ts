// What API Gateway makes of a Lambda proxy result: the HTTP answer, or a malformed-response failure.
// Shared by the local runner and the pre-traffic hook, which check answers as API Gateway passes them on.
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
import { validateHeaderName, validateHeaderValue } from 'node:http';
import { headerValue } from '../headers.ts';
import { isRecord, isScalar } from '../values.ts';

/** An HTTP answer: status, headers (a list per name where several lines go out), body. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

type HeaderValue = string | number | boolean;

/** A header HTTP can carry: a token for a name; a value without CR, LF, NUL or other control characters. */
const isSendable = (name: string, value: HeaderValue) => {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, String(value));
    return true;
  } catch {
    return false;
  }
};

/**
 * Converts a proxy result into the HTTP answer, or returns undefined when API Gateway would call it
 * malformed ("Malformed Lambda proxy response"): not an object, a status that is not an HTTP
 * status, a header that is not a scalar or that HTTP cannot carry, or a body that is not a string.
 */
export const httpResponseOf = (result: unknown): HttpResponse | undefined => {
  if (!isRecord(result)) return undefined;
  const { statusCode, headers = {}, multiValueHeaders = {}, body, isBase64Encoded = false } = result;
  const status = typeof statusCode === 'string' && /^\d+$/.test(statusCode) ? Number(statusCode) : statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (!isRecord(headers) || !isRecord(multiValueHeaders)) return undefined;
  if (body !== undefined && body !== null && typeof body !== 'string') return undefined;
  if (typeof isBase64Encoded !== 'boolean') return undefined;

  // multiValueHeaders and headers merge; a name in both keeps the multi-value list, sent as one
  // header line per value (Set-Cookie must never be joined).
  const merged: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isScalar(value) || !isSendable(name, value)) return undefined;
    merged[name] = String(value);
  }
  for (const [name, values] of Object.entries(multiValueHeaders)) {
    if (!Array.isArray(values) || !values.every((value) => isScalar(value) && isSendable(name, value)))
      return undefined;
    merged[name] = values.map(String);
  }
  if (headerValue(merged, 'content-type') === undefined) merged['Content-Type'] = 'application/json';

  const text = typeof body === 'string' ? body : '';
  return { statusCode: status, headers: merged, body: Buffer.from(text, isBase64Encoded ? 'base64' : 'utf8') };
};
