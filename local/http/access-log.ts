// One request id and one access-log line per request, whatever became of it, made in one place for
// the requests node:http parses (serve.ts) and for the bytes it cannot (client-errors.ts); the local
// Lambda endpoint writes its lines in the same form, with Lambda's request ids:
// `<ip> "<method> <path> HTTP/<version>" <status> <bytes> <ms>ms <request id> [<gateway error type>]`
import { newRequestId } from '../gateway/gateway.ts';

/** What became of a request: its answer's status and size, and the gateway's error type if it made the answer. */
export interface Outcome {
  statusCode: number | string;
  bytes: number;
  errorType?: string | undefined;
}

/** A request under way: its id, and the line to say once it is over. */
export interface Exchange {
  requestId: string;
  /** Says the access-log line: `requestLine` is `POST /v1/ HTTP/1.1`, or `-` for bytes that never made a request. */
  finish: (requestLine: string, outcome: Outcome) => void;
}

/** The line, for a request that began at `startedAt` (performance.now()). */
export const accessLogLine = (
  {
    remoteAddress,
    requestLine,
    requestId,
    startedAt,
  }: { remoteAddress: string | undefined; requestLine: string; requestId: string; startedAt: number },
  { statusCode, bytes, errorType }: Outcome,
) =>
  [
    remoteAddress ?? '-',
    `"${requestLine}"`,
    statusCode,
    bytes,
    `${(performance.now() - startedAt).toFixed(1)}ms`,
    requestId,
    ...(errorType ? [errorType] : []),
  ].join(' ');

/** Starts a request's exchange now: a new request id, its clock started. */
export const beginExchange = (log: (line: string) => void, remoteAddress: string | undefined): Exchange => {
  const requestId = newRequestId();
  const startedAt = performance.now();
  return {
    requestId,
    finish: (requestLine, outcome) => log(accessLogLine({ remoteAddress, requestLine, requestId, startedAt }, outcome)),
  };
};
