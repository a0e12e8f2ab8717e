// What the HTTP layer answers for bytes that never became a request the gateway can see: a
// request Node cannot parse, one not sent in time, one too large in its head, and CONNECT.
// Each gets the contract's error body, a request id and an access-log line, as every answer does.
// https://nodejs.org/api/http.html#event-clienterror
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpResponse } from '../../src/shared/apigateway/proxy-response.ts';
import type { GatewayErrorType } from '../gateway/gateway-responses.ts';
import { beginExchange } from './access-log.ts';
import { writeRawResponse } from './write-response.ts';

/** Node's parser errors, as the gateway response a client gets for them. */
const CLIENT_ERRORS: Record<string, GatewayErrorType> = {
  HPE_HEADER_OVERFLOW: 'REQUEST_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  ERR_HTTP_HEADERS_TIMEOUT: 'REQUEST_TIMEOUT',
};

export interface ClientErrorOptions {
  fail: (type: GatewayErrorType, requestId: string) => HttpResponse;
  log: (line: string) => void;
  /** The response in progress on a socket, if any: its answer must not be cut into. */
  responseOn: (socket: Socket) => ServerResponse | undefined;
}

/** Answers client errors and CONNECT on `server`. */
export const answerClientErrors = (server: Server, { fail, log, responseOn }: ClientErrorOptions) => {
  const answer = (socket: Socket, type: GatewayErrorType, requestLine: string) => {
    const { requestId, finish } = beginExchange(log, socket.remoteAddress);
    const written = fail(type, requestId);
    writeRawResponse(socket, written, requestId);
    finish(requestLine, { statusCode: written.statusCode, bytes: written.body.length, errorType: type });
  };

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // A client that went away, or a socket already carrying an answer, gets nothing more.
    if (error.code === 'ECONNRESET' || !socket.writable || responseOn(socket)?.headersSent) {
      socket.destroy();
      return;
    }
    answer(socket, CLIENT_ERRORS[error.code ?? ''] ?? 'MALFORMED_REQUEST', '-');
  });

  // CONNECT asks for a tunnel, a method the API does not define, as API Gateway answers any such.
  server.on('connect', (request, socket: Socket) => {
    answer(socket, 'MISSING_AUTHENTICATION_TOKEN', `${request.method} ${request.url} HTTP/${request.httpVersion}`);
  });
};
