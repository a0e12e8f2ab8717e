// The HTTP side of the local runner: node:http in front of the gateway, with API Gateway's limits
// on a request. One path from request to answer, as Hono's dispatch: the precheck (Host, Expect),
// the local pages, the body, the gateway; one place writes the answer, one catch keeps any
// exception from escaping a request, and one access-log line says what became of it.
// Limits: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Gateway, GatewayResult } from '../gateway/gateway.ts';
import { splitUrl } from '../url.ts';
import { beginExchange } from './access-log.ts';
import { answerClientErrors } from './client-errors.ts';
import type { LocalPages } from './pages.ts';
import { discardRest, readBody } from './read-body.ts';
import { writeResponse } from './write-response.ts';

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

/** Why a request is refused before anything else is read, if it is. */
const precheck = (request: IncomingMessage): string | undefined => {
  // RFC 9112 §3.2: an HTTP/1.1 request without Host is answered 400.
  if (request.headers.host === undefined && request.httpVersion === '1.1') return 'Bad Request: no Host header';
  const expect = request.headers.expect;
  if (expect !== undefined && expect.toLowerCase() !== '100-continue') {
    return 'Bad Request: the only expectation served is 100-continue';
  }
  return undefined;
};

/** Where a request is, once received: its id, its target split, and when it came. */
interface Received {
  requestId: string;
  path: string;
  query: string;
  receivedAt: Date;
}

/** The answer to a request; undefined when the client went away before sending it all. */
const answerTo = async (
  request: IncomingMessage,
  { requestId, path, query, receivedAt }: Received,
  { gateway, pages, maxBodyBytes }: HttpServerOptions,
): Promise<GatewayResult | undefined> => {
  const refused = precheck(request);
  if (refused !== undefined) return gateway.fail('MALFORMED_REQUEST', requestId, refused);
  const method = request.method ?? 'GET';
  const page = pages(method, path);
  if (page !== undefined) return page;
  const body = await readBody(request, maxBodyBytes);
  if (body.kind === 'aborted') return undefined;
  if (body.kind === 'too-large') return gateway.fail('REQUEST_TOO_LARGE', requestId);
  const sourceIp = request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
  const incoming = { method, path, query, rawHeaders: request.rawHeaders, body: body.body, sourceIp };
  return gateway.handle({ ...incoming, protocol: `HTTP/${request.httpVersion}` }, requestId, receivedAt);
};

/** Writes the answer; a 413's is followed by draining what is left of the body, so the client reads it. */
const write = async (request: IncomingMessage, response: ServerResponse, answer: GatewayResult, requestId: string) => {
  const tooLarge = answer.errorType === 'REQUEST_TOO_LARGE';
  writeResponse(response, answer, requestId, tooLarge);
  if (!tooLarge) return;
  await discardRest(request, DISCARD_BOUNDS);
  if (!response.destroyed) response.end();
};

/**
 * One request from start to access line: answered, written, and said; any exception becomes a
 * 502 INTEGRATION_FAILURE for that request alone, or a cut connection once the answer is under way.
 */
const serveRequest = async (request: IncomingMessage, response: ServerResponse, options: HttpServerOptions) => {
  const { gateway, log } = options;
  const { requestId, finish } = beginExchange(log, request.socket.remoteAddress);
  const received = { requestId, receivedAt: new Date(), ...splitUrl(request.url ?? '/') };
  let answer: GatewayResult | undefined;
  try {
    answer = await answerTo(request, received, options);
    if (answer !== undefined) await write(request, response, answer, requestId);
  } catch (error) {
    log(`The local runner failed on ${requestId}: ${(error as Error).stack ?? String(error)}`);
    answer = gateway.fail('INTEGRATION_FAILURE', requestId);
    if (response.headersSent) response.destroy();
    else writeResponse(response, answer, requestId);
  }
  finish(
    `${request.method} ${received.path} HTTP/${request.httpVersion}`,
    answer === undefined
      ? { statusCode: '-', bytes: 0, errorType: 'CLIENT_CLOSED' }
      : { statusCode: answer.statusCode, bytes: answer.body.length, errorType: answer.errorType },
  );
};

/** node:http serving the gateway and the local pages. */
export const createHttpServer = (options: HttpServerOptions): Server => {
  const { gateway, maxBodyBytes, requestTimeoutMs, log } = options;
  // The response in progress on each socket, so that a client error does not cut into its answer.
  const responses = new WeakMap<Socket, ServerResponse>();
  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    const { socket } = request;
    responses.set(socket, response);
    response.once('close', () => responses.get(socket) === response && responses.delete(socket));
    void serveRequest(request, response, options);
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
