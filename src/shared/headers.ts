// HTTP headers as API Gateway passes them: looked up by name whatever their case, and the media type
// of a Content-Type. Imports nothing generated, so lib/contract.ts can use it before generated/ exists.
// Proxy formats: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html

/** A header's value by name, whatever the case of either (HTTP header names compare so). */
export const headerValue = <Value>(
  headers: Record<string, Value> | null | undefined,
  name: string,
): Value | undefined => Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

/** The media type of a Content-Type value, its parameters left out: `application/json; charset=utf-8` → `application/json`. */
export const mediaTypeOf = (contentType: unknown): string =>
  String(contentType ?? '')
    .split(';')[0]!
    .trim();
