// The HTTP side of the local runner: node:http in front of the gateway, with API Gateway's limits
// on a request, one access-log line per request, and no exception that escapes a request.
// Limits: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { HttpAnswer } from '../../src/apigateway/proxy-response.ts';
import type { Gateway } from '../gateway/gateway.ts';
import type { GatewayErrorType } from '../gateway/gateway-responses.ts';
import { accessLogLine } from './access-log.ts';
import { writeAnswer } from './answers.ts';
import { answerClientErrors } from './client-errors.ts';
import type { LocalPages } from './pages.ts';
import { discardRest, readBody } from './read-body.ts';

/** API Gateway's limit on the request line and headers together. */
export const MAX_HEADER_BYTES = 10 * 1024;

/** What is left of a body past the limit is read and dropped up to this much, for this long. */
const DISCARD_BOUNDS = { maxBytes: 10 * 1024 * 1024, maxMs: 5_000 };

export interface HttpServerOptions {
  gateway: Gateway;
  pages: LocalPages;
  maxBodyBytes: number;
  /** A client that has not sent its whole request by then is answered 408 and cut off. */
  requestTimeoutMs: number;
  log: (line: string) => void;
}

type Answered = (HttpAnswer & { errorType?: GatewayErrorType | undefined }) | undefined;

/** node:http serving the gateway and the local pages. */
export const createHttpServer = ({
  gateway,
  pages,
  maxBodyBytes,
  requestTimeoutMs,
  log,
}: HttpServerOptions): Server => {
  const responses = new WeakMap<Socket, ServerResponse>();

  const serve = async (request: IncomingMessage, response: ServerResponse, requestId: string): Promise<Answered> => {
    const receivedAt = new Date();
    const write = (answer: HttpAnswer, keepOpen = false) =>
      writeAnswer(response, answer, requestId, {
        keepOpen,
        fallback: () => gateway.fail('INTEGRATION_FAILURE', requestId),
        onRefused: (error) => log(`${requestId}: the answer could not be written as given (${error.message})`),
      });
    const rejected = (type: GatewayErrorType, message?: string) => {
      const answer = gateway.fail(type, requestId, message);
      return { ...write(answer), errorType: answer.errorType };
    };

    // RFC 9112 §3.2: an HTTP/1.1 request without Host is answered 400.
    if (request.headers.host === undefined && request.httpVersion === '1.1') {
      return rejected('MALFORMED_REQUEST', 'Bad Request: no Host header');
    }
    const expect = request.headers.expect;
    if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
      return rejected('MALFORMED_REQUEST', 'Bad Request: the only expectation served is 100-continue');
    }
    const [path = '/', query = ''] = (request.url ?? '/').split(/\?(.*)/s);
    const page = pages(request.method ?? 'GET', path);
    if (page !== undefined) return write(await page);

    const body = await readBody(request, maxBodyBytes);
    if (body.kind === 'aborted') return undefined;
    if (body.kind === 'too-large') {
      const answer = gateway.fail('REQUEST_TOO_LARGE', requestId);
      const written = write(answer, true);
      await discardRest(request, DISCARD_BOUNDS);
      if (!response.destroyed) response.end();
      return { ...written, errorType: answer.errorType };
    }
    const answer = await gateway.handle(
      {
        method: request.method ?? 'GET',
        path,
        query,
        rawHeaders: request.rawHeaders,
        body: body.body,
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        protocol: `HTTP/${request.httpVersion}`,
      },
      requestId,
      receivedAt,
    );
    return { ...write(answer), errorType: answer.errorType };
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const startedAt = performance.now();
    const { socket } = request;
    responses.set(socket, response);
    response.once('close', () => responses.get(socket) === response && responses.delete(socket));
    const requestLine = `${request.method} ${(request.url ?? '/').split('?')[0]} HTTP/${request.httpVersion}`;
    serve(request, response, requestId)
      .catch((error: Error) => {
        log(`The local runner failed on ${requestId}: ${error.stack ?? error.message}`);
        return writeAnswer(response, gateway.fail('INTEGRATION_FAILURE', requestId), requestId, {
          fallback: () => gateway.fail('INTEGRATION_FAILURE', requestId),
          onRefused: () => undefined,
        });
      })
      .then((answer: Answered) => {
        const entry = { remoteAddress: socket.remoteAddress, requestLine, startedAt, requestId };
        log(
          answer === undefined
            ? accessLogLine({ ...entry, statusCode: '-', bytes: 0, errorType: 'CLIENT_CLOSED' })
            : accessLogLine({
                ...entry,
                statusCode: answer.statusCode,
                bytes: answer.body.length,
                errorType: answer.errorType,
              }),
        );
      });
  };

  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // Node checks for timed-out requests this often; its default (30 s) is too coarse.
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
      maxHeaderSize: MAX_HEADER_BYTES,
      // Answered with the contract's body here rather than with Node's bare 400.
      requireHostHeader: false,
    },
    onRequest,
  );
  // 100-continue is sent only for a body that may be read; any other expectation is answered 400.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (Number(request.headers['content-length'] ?? 0) <= maxBodyBytes) response.writeContinue();
    onRequest(request, response);
  });
  server.on('checkExpectation', onRequest);
  answerClientErrors(server, { fail: gateway.fail, log, responseOn: (socket) => responses.get(socket) });
  return server;
};
