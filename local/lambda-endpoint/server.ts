// The local Lambda endpoint on node:http: what the AWS SDK (`endpoint`, or AWS_ENDPOINT_URL_LAMBDA)
// and integration tests call instead of Lambda. One access-log line per request, prefixed [lambda].
import { createServer, type Server } from 'node:http';
import { accessLogLine } from '../http/access-log.ts';
import { readBody } from '../http/read-body.ts';
import { splitUrl } from '../url.ts';
import {
  createInvokeApi,
  type InvokeResponse,
  MAX_PAYLOAD_BYTES,
  type ServedFunction,
  serviceError,
  tooLarge,
} from './invoke-api.ts';

const LARGEST_PAYLOAD = Math.max(...Object.values(MAX_PAYLOAD_BYTES));

/** node:http answering Lambda's Invoke API for the functions given, by logical id. */
export const createLambdaEndpoint = (functions: Map<string, ServedFunction>, log: (line: string) => void): Server => {
  const invokeApi = createInvokeApi(functions, (line) => log(`[lambda] ${line}`));
  return createServer(async (request, response) => {
    const startedAt = performance.now();
    const body = await readBody(request, LARGEST_PAYLOAD);
    if (body.kind === 'aborted') return;
    let answer: InvokeResponse;
    try {
      answer =
        body.kind === 'too-large'
          ? tooLarge(LARGEST_PAYLOAD)
          : await invokeApi({
              method: request.method ?? 'GET',
              url: request.url ?? '/',
              header: (name) => [request.headers[name]].flat()[0],
              body: body.body,
            });
    } catch (error) {
      log(`[lambda] The local endpoint failed: ${(error as Error).stack ?? String(error)}`);
      answer = serviceError(500, 'ServiceException', 'ServiceException', 'Message');
    }
    const close = body.kind === 'too-large';
    response.writeHead(answer.statusCode, { ...answer.headers, ...(close && { Connection: 'close' }) });
    response.end(answer.body);
    const line = accessLogLine(
      {
        remoteAddress: request.socket.remoteAddress,
        requestLine: `${request.method} ${splitUrl(request.url ?? '/').path} HTTP/${request.httpVersion}`,
        requestId: answer.headers['X-Amzn-RequestId'] ?? '-',
        startedAt,
      },
      { statusCode: answer.statusCode, bytes: Buffer.byteLength(answer.body) },
    );
    log(`[lambda] ${line}`);
  });
};
