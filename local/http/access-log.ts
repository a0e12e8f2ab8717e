// One access-log line per request, whatever became of it:
// `<ip> "<method> <path> HTTP/<version>" <status> <bytes> <ms>ms <request id> [<gateway error type>]`

export interface AccessLogEntry {
  remoteAddress: string | undefined;
  /** `POST /v1/ HTTP/1.1`, or `-` for bytes that never made a request. */
  requestLine: string;
  statusCode: number | string;
  bytes: number;
  startedAt: number;
  requestId: string;
  errorType?: string | undefined;
}

export const accessLogLine = ({
  remoteAddress,
  requestLine,
  statusCode,
  bytes,
  startedAt,
  requestId,
  errorType,
}: AccessLogEntry) =>
  [
    remoteAddress ?? '-',
    `"${requestLine}"`,
    statusCode,
    bytes,
    `${(performance.now() - startedAt).toFixed(1)}ms`,
    requestId,
    ...(errorType ? [errorType] : []),
  ].join(' ');
