// Writing answers: through node:http when there is a request, or as raw bytes on a socket that
// never made one. Every answer written here has headers HTTP can carry: the gateway's httpResponseOf
// refuses any other from the function, and the gateway responses and local pages are fixed.
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpResponse } from '../../src/shared/apigateway/proxy-response.ts';

/** Headers every answer carries. */
const answerHeaders = (answer: HttpResponse, requestId: string, close: boolean) => ({
  ...answer.headers,
  'x-amzn-RequestId': requestId,
  'Content-Length': String(answer.body.length),
  ...(close && { Connection: 'close' }),
});

/**
 * Writes the answer, unless the response is already under way or gone. With `keepOpen` it says
 * `Connection: close` and leaves ending the response to the caller.
 */
export const writeResponse = (response: ServerResponse, answer: HttpResponse, requestId: string, keepOpen = false) => {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(answer.statusCode, answerHeaders(answer, requestId, keepOpen));
  if (keepOpen) response.write(answer.body);
  else response.end(answer.body);
};

/** The answer as raw HTTP/1.1 bytes, closing the connection: for a socket that made no request. */
export const writeRawResponse = (socket: Socket, answer: HttpResponse, requestId: string) => {
  const head = Object.entries(answerHeaders(answer, requestId, true))
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\r\n');
  const statusLine = `HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode] ?? ''}`;
  socket.end(Buffer.concat([Buffer.from(`${statusLine}\r\n${head}\r\n\r\n`), answer.body]));
};
