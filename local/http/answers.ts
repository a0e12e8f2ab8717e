// Writing answers: through node:http when there is a request, or as raw bytes on a socket that
// never made one. The one guarded path: no exception while writing ever escapes.
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpAnswer } from '../../src/apigateway/proxy-response.ts';

/** Headers every answer carries. */
const answerHeaders = (answer: HttpAnswer, requestId: string, close: boolean) => ({
  ...answer.headers,
  'x-amzn-RequestId': requestId,
  'Content-Length': String(answer.body.length),
  ...(close && { Connection: 'close' }),
});

export interface WriteOptions {
  /** Send `Connection: close`, and leave ending the response to the caller. */
  keepOpen?: boolean;
  /** What to write instead when Node refuses the answer (a header it will not send). */
  fallback: () => HttpAnswer;
  /** Told when the answer could not be written as given. */
  onRefused: (error: Error) => void;
}

/**
 * Writes the answer; returns the one actually written. If Node refuses it before anything was
 * sent, the fallback is written instead; if it fails later, the connection is cut.
 */
export const writeAnswer = (
  response: ServerResponse,
  answer: HttpAnswer,
  requestId: string,
  { keepOpen = false, fallback, onRefused }: WriteOptions,
): HttpAnswer => {
  if (response.headersSent || response.destroyed) return answer;
  try {
    response.writeHead(answer.statusCode, answerHeaders(answer, requestId, keepOpen));
    if (keepOpen) response.write(answer.body);
    else response.end(answer.body);
    return answer;
  } catch (error) {
    onRefused(error as Error);
    if (response.headersSent) {
      response.destroy();
      return answer;
    }
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    const replacement = fallback();
    response.writeHead(replacement.statusCode, answerHeaders(replacement, requestId, keepOpen));
    response.end(replacement.body);
    return replacement;
  }
};

/** The answer as raw HTTP/1.1 bytes, closing the connection: for a socket that made no request. */
export const writeRawAnswer = (socket: Socket, answer: HttpAnswer, requestId: string) => {
  const head = Object.entries(answerHeaders(answer, requestId, true))
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\r\n');
  const statusLine = `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode] ?? ''}`;
  socket.end(Buffer.concat([Buffer.from(`${statusLine}\r\n${head}\r\n\r\n`), answer.body]));
};
