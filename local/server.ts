// The local API: node:http on 127.0.0.1 in front of the gateway, serving template.yaml's API the way
// API Gateway and Lambda would. `npm start` runs it through cli.ts; tests call startLocalApi().
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { Duplex } from 'node:stream';
import { type ApiDefinition, readApiDefinition } from './api-definition.ts';
import { publishDocs } from './docs.ts';
import { createGateway, type GatewayResult } from './gateway.ts';
import type { GatewayErrorType, HttpAnswer } from './gateway-responses.ts';
import { FunctionEnvironments } from './lambda-environments.ts';
import { type LiveBundle, liveBundle } from './live-bundle.ts';
import { batchedLines } from './terminal.ts';

/** Every default in one place. */
export const DEFAULTS = {
  port: 3000,
  host: '127.0.0.1',
  template: 'template.yaml',
  /** API Gateway's payload limit: https://docs.aws.amazon.com/apigateway/latest/developerguide/limits.html */
  maxBodyBytes: 10 * 1024 * 1024,
  /** A client that has not sent its whole request by then is answered 408 and cut off. */
  requestTimeoutMs: 30_000,
  /** API Gateway's limit on the request line and headers together. */
  maxHeaderBytes: 10 * 1024,
  watch: true,
  docs: true,
} as const;

export interface LocalApiOptions {
  /** @default DEFAULTS.port; 0 picks a free port */
  port?: number;
  /** @default DEFAULTS.host */
  host?: string;
  /** @default DEFAULTS.template, from the working directory */
  template?: string;
  /** Rebuild the function when its sources change, and the docs when openapi.yaml does. @default true */
  watch?: boolean;
  /** Serve /docs and /openapi.yaml. @default true */
  docs?: boolean;
  /** @default DEFAULTS.maxBodyBytes */
  maxBodyBytes?: number;
  /** @default DEFAULTS.requestTimeoutMs */
  requestTimeoutMs?: number;
  /** Environments per function. @default the machine's cores (at least 2), or the reserved concurrency if lower */
  concurrency?: number;
  /** Template parameters, as `sam deploy --parameter-overrides` takes them. @default each parameter's Default */
  parameters?: Record<string, string>;
  /** Where the function's logs and the access log go. @default stdout, in batches */
  log?: (line: string) => void;
}

export interface LocalApi {
  url: string;
  definition: ApiDefinition;
  environments: Map<string, FunctionEnvironments>;
  close: () => Promise<void>;
}

/** A port that is taken, told plainly. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

const KNOWN_OPTIONS = new Set([
  'port',
  'host',
  'template',
  'watch',
  'docs',
  'parameters',
  'maxBodyBytes',
  'requestTimeoutMs',
  'concurrency',
  'log',
]);

/** What the HTTP layer answers when Node cannot even parse a request. */
const CLIENT_ERRORS: Record<string, GatewayErrorType> = {
  HPE_HEADER_OVERFLOW: 'REQUEST_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  ERR_HTTP_HEADERS_TIMEOUT: 'REQUEST_TIMEOUT',
};

/** An answer written straight to a socket, for requests that never became an IncomingMessage. */
const rawAnswer = (answer: HttpAnswer, requestId: string) => {
  const headers = {
    ...answer.headers,
    'x-amzn-RequestId': requestId,
    'Content-Length': String(answer.body.length),
    Connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${String(value)}`)
    .join('\r\n');
  return Buffer.concat([
    Buffer.from(`HTTP/1.1 ${answer.statusCode} ${STATUS_CODES[answer.statusCode]}\r\n${head}\r\n\r\n`),
    answer.body,
  ]);
};

const send = (response: ServerResponse, answer: GatewayResult, requestId: string) => {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(answer.statusCode, {
    ...answer.headers,
    'x-amzn-RequestId': requestId,
    'Content-Length': answer.body.length,
  });
  response.end(answer.body);
};

/** Starts the local API and resolves once it listens. */
export const startLocalApi = async (options: LocalApiOptions = {}): Promise<LocalApi> => {
  const unknown = Object.keys(options).filter((key) => !KNOWN_OPTIONS.has(key));
  if (unknown.length > 0) throw new TypeError(`Unknown option(s): ${unknown.join(', ')}`);
  const settings = { ...DEFAULTS, log: batchedLines(), ...options };
  const templatePath = resolve(settings.template);
  const definition = readApiDefinition(templatePath, settings.parameters);

  const environments = new Map<string, FunctionEnvironments>();
  const bundles: LiveBundle[] = [];
  for (const fn of definition.functions.values()) {
    const prefix = `[${fn.logicalId}] `;
    const log = (line: string) => settings.log(prefix + line);
    const bundle = await liveBundle(fn, dirname(templatePath), {
      log,
      ...(settings.watch && { onRebuild: (code) => environments.get(fn.logicalId)?.replaceCode(code) }),
    });
    bundles.push(bundle);
    environments.set(
      fn.logicalId,
      new FunctionEnvironments(fn, bundle.code, {
        log,
        ...(settings.concurrency !== undefined && { maxEnvironments: settings.concurrency }),
      }),
    );
  }
  const gateway = createGateway(definition, environments);
  const docs = settings.docs
    ? await publishDocs(definition.openapiPath, {
        watchChanges: settings.watch,
        log: (line) => settings.log(`[docs] ${line}`),
      })
    : undefined;
  /** Local-only pages, answered before the gateway: the contract and its docs. */
  const pages: Record<string, { type: string; load: () => Promise<Buffer> }> = docs
    ? {
        '/docs': { type: 'text/html; charset=utf-8', load: docs.html },
        '/docs/': { type: 'text/html; charset=utf-8', load: docs.html },
        '/openapi.yaml': { type: 'application/yaml', load: docs.contract },
        // Browsers ask for it when showing /docs; an empty one beats a 403 in their console.
        '/favicon.ico': { type: 'image/x-icon', load: async () => Buffer.alloc(0) },
      }
    : {};
  const servePage = async (page: { type: string; load: () => Promise<Buffer> }): Promise<GatewayResult> => {
    try {
      return {
        statusCode: 200,
        headers: { 'Content-Type': page.type, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' },
        body: await page.load(),
      };
    } catch {
      return {
        statusCode: 503,
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        body: Buffer.from('The docs could not be built from openapi.yaml: see the terminal.\n'),
      };
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const requestId = randomUUID();
    const receivedAt = new Date();
    const startedAt = performance.now();
    const [path = '/', query = ''] = (request.url ?? '/').split(/\?(.*)/s);
    const accessLog = (answer: GatewayResult) =>
      settings.log(
        `${request.socket.remoteAddress ?? '-'} "${request.method} ${path} HTTP/${request.httpVersion}" ${answer.statusCode} ${answer.body.length} ${(performance.now() - startedAt).toFixed(1)}ms ${requestId}${answer.errorType ? ` ${answer.errorType}` : ''}`,
      );
    const finish = (answer: GatewayResult) => {
      send(response, answer, requestId);
      accessLog(answer);
    };

    const page = request.method === 'GET' || request.method === 'HEAD' ? pages[path] : undefined;
    if (page !== undefined) {
      void servePage(page).then(finish);
      return;
    }

    const declared = Number(request.headers['content-length'] ?? 0);
    const tooLarge = () => {
      // Stop reading, answer, and close: the rest of the body is not wanted.
      finish(gateway.fail('REQUEST_TOO_LARGE', requestId));
      response.once('finish', () => request.destroy());
    };
    if (declared > settings.maxBodyBytes) return tooLarge();

    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > settings.maxBodyBytes) {
        request.removeAllListeners('data');
        request.pause();
        return tooLarge();
      }
      chunks.push(chunk);
    });
    request.on('end', () => {
      if (received > settings.maxBodyBytes) return;
      const incoming = {
        method: request.method ?? 'GET',
        path,
        query,
        rawHeaders: request.rawHeaders,
        body: Buffer.concat(chunks),
        sourceIp: request.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        protocol: `HTTP/${request.httpVersion}`,
      };
      gateway.handle(incoming, requestId, receivedAt).then(finish, (error: unknown) => {
        settings.log(`Gateway error for ${requestId}: ${(error as Error).message}`);
        finish(gateway.fail('INTEGRATION_FAILURE', requestId));
      });
    });
    request.on('error', () => undefined);
  };

  const server: Server = createServer(
    {
      requestTimeout: settings.requestTimeoutMs,
      headersTimeout: settings.requestTimeoutMs,
      // Node checks for timed-out requests this often; the default (30 s) is too coarse.
      connectionsCheckingInterval: Math.min(1000, settings.requestTimeoutMs),
      maxHeaderSize: DEFAULTS.maxHeaderBytes,
    },
    handle,
  );
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away (ECONNRESET) or a socket already answering gets nothing more.
    const answering = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage?.headersSent === true;
    if (error.code === 'ECONNRESET' || !socket.writable || answering) return socket.destroy();
    const type = CLIENT_ERRORS[error.code ?? ''] ?? 'MALFORMED_REQUEST';
    const requestId = randomUUID();
    const answer = gateway.fail(type, requestId);
    socket.end(rawAnswer(answer, requestId));
    settings.log(
      `${(socket as Duplex & { remoteAddress?: string }).remoteAddress ?? '-'} "-" ${answer.statusCode} ${answer.body.length} ${requestId} ${type}`,
    );
  });
  const closeAll = async () => {
    await docs?.close();
    await Promise.all([...environments.values()].map((pool) => pool.close()));
    await Promise.all(bundles.map((bundle) => bundle.close()));
  };
  await new Promise<void>((listening, failed) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      void closeAll();
      failed(
        error.code === 'EADDRINUSE'
          ? new PortInUseError(
              `Port ${settings.port} on ${settings.host} is already in use. Stop what uses it, or choose another: npm start -- --port 8080 (or PORT=8080 npm start).`,
            )
          : error,
      );
    });
    server.listen(settings.port, settings.host, () => listening());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  const host = settings.host.includes(':') ? `[${settings.host}]` : settings.host;

  return {
    url: `http://${host}:${port}`,
    definition,
    environments,
    close: async () => {
      server.closeAllConnections();
      await new Promise((closed) => server.close(closed));
      await closeAll();
    },
  };
};
