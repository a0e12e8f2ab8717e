// The local API: template.yaml's API served as API Gateway and Lambda would, on node:http. Wiring
// only: the definition, one host per function, the gateway, the local pages, the HTTP server.
// `npm start` runs it through cli.ts; tests call startLocalApi().
import { createServer, type Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import { GURU_PAGE_SOURCE } from '../lib/page.ts';
import { type ApiDefinition, readApiDefinition } from './api-definition.ts';
import type { EnvVars } from './env-vars.ts';
import { ListenError } from './errors.ts';
import { createGateway } from './gateway/gateway.ts';
import { type PublishedDocs, publishDocs } from './http/docs.ts';
import { localPages } from './http/pages.ts';
import { createHttpServer } from './http/serve.ts';
import { FunctionHost } from './lambda/function-host.ts';
import { createLambdaEndpoint } from './lambda-endpoint/server.ts';
import { withRunSettings } from './run-settings.ts';
import { batchedLines } from './terminal.ts';

/** Every option, with its default: the one list of what startLocalApi accepts. */
export const DEFAULTS = {
  /** 0 picks a free port. */
  port: 3000,
  host: '127.0.0.1',
  /** From the working directory. */
  template: 'template.yaml',
  /** Template parameters, as `sam deploy --parameter-overrides` takes them; each defaults to its Default. */
  parameters: {} as Record<string, string>,
  /** Rebuild the function when its sources change, and the docs when openapi.yaml does. */
  watch: true,
  /** Serve /docs and /openapi.yaml. */
  docs: true,
  /** With the docs, the "Ask the guru" page built from this folder at /guru/; none if it does not exist. */
  page: GURU_PAGE_SOURCE,
  /** API Gateway's payload limit. */
  maxBodyBytes: 10 * 1024 * 1024,
  /** A client that has not sent its whole request by then is answered 408 and cut off. */
  requestTimeoutMs: 30_000,
  /** Execution environments per function; undefined: the machine's cores (at least 2), or the reserved concurrency if lower. */
  concurrency: undefined as number | undefined,
  /** Where the function's logs and the access log go; undefined: stdout, in batches. */
  log: undefined as ((line: string) => void) | undefined,
  /** An env-vars file's content (env-vars.ts): values for the variables the template declares. */
  envVars: undefined as EnvVars | undefined,
  /** A debugger may hold invocations: the function's and the integration's timeouts are lifted. */
  debugging: false,
  /** Also serve Lambda's Invoke API, for every function of the template, on this port; 0 picks a free one. */
  lambdaPort: undefined as number | undefined,
};

export type LocalApiOptions = Partial<typeof DEFAULTS>;

export interface LocalApi {
  url: string;
  /** The Lambda endpoint's URL, when `lambdaPort` is given. */
  lambdaUrl: string | undefined;
  /** The "Ask the guru" page's URL, when it is served: with the docs, and only if the project has a page. */
  pageUrl: string | undefined;
  definition: ApiDefinition;
  functions: Map<string, FunctionHost>;
  close: () => Promise<void>;
}

/** Why listening failed, in a line that says what to do. */
const listenError = (error: NodeJS.ErrnoException, host: string, port: number) => {
  const where = `${host}:${port}`;
  const reasons: Record<string, string> = {
    EADDRINUSE: `Port ${port} on ${host} is already in use. Stop what uses it, or choose another: npm start -- --port 8080 (or PORT=8080 npm start).`,
    EADDRNOTAVAIL: `Cannot listen on ${where}: ${host} is not an address of this machine (--host / HOST).`,
    ENOTFOUND: `Cannot listen on ${where}: no address is known for the host "${host}" (--host / HOST).`,
    EAI_AGAIN: `Cannot listen on ${where}: the host "${host}" could not be resolved (--host / HOST).`,
    EACCES: `Cannot listen on ${where}: permission denied (ports below 1024 need privileges).`,
  };
  const reason = reasons[error.code ?? ''];
  return reason ? new ListenError(reason) : error;
};

const settingsOf = (options: LocalApiOptions) => {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(DEFAULTS, key));
  if (unknown.length > 0) throw new TypeError(`Unknown option(s): ${unknown.join(', ')}`);
  const settings = { ...DEFAULTS, ...options };
  return { ...settings, log: settings.log ?? batchedLines() };
};

type Settings = ReturnType<typeof settingsOf>;

/**
 * A host for each function the runner serves, and the docs: only what a route invokes, unless the
 * Lambda endpoint serves them all (a function no route reaches, the pre-traffic hook, is not served
 * otherwise). What started is closed again when something fails to.
 */
const startHosts = async (definition: ApiDefinition, templatePath: string, settings: Settings) => {
  const functions = new Map<string, FunctionHost>();
  let docs: PublishedDocs | undefined;
  const close = async () => {
    await Promise.all([...functions.values()].map((host) => host.close()));
    await docs?.close();
  };
  try {
    const served = new Set(
      settings.lambdaPort === undefined
        ? definition.routes.flatMap(({ functionId }) => functionId ?? [])
        : definition.functions.keys(),
    );
    for (const fn of [...definition.functions.values()].filter(({ logicalId }) => served.has(logicalId))) {
      const { watch, concurrency, log } = settings;
      functions.set(
        fn.logicalId,
        await FunctionHost.start(fn, { templateDir: dirname(templatePath), watch, concurrency, log }),
      );
    }
    if (settings.docs)
      docs = await publishDocs(definition.openapiPath, {
        watchChanges: settings.watch,
        // The page's calls go to the stage on its own origin: no CORS needed when served here.
        page: { source: settings.page, apiUrl: `/${definition.stage}` },
        log: (line) => settings.log(`[docs] ${line}`),
      });
  } catch (error) {
    await close();
    throw error;
  }
  return { functions, docs, close };
};

/** Listens on `host:port` and stops again at once: whether the API could listen there, said as listenError says it. */
const probeListen = async (host: string, port: number) => {
  const probe = createServer();
  try {
    await new Promise<void>((ready, failed) => {
      probe.once('error', failed);
      probe.listen(port, host, ready);
    });
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, host, port);
  } finally {
    await new Promise((closed) => probe.close(closed));
  }
};

/** Servers that listen together and stop together. */
const listeners = (servers: Server[], host: string) => {
  const stop = async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))));
  };
  /** Listens, and says where; on failure stops every server and says why in a line. */
  const listen = async (server: Server, port: number) => {
    try {
      await new Promise<void>((ready, failed) => {
        server.once('error', failed);
        server.listen(port, host, ready);
      });
    } catch (error) {
      await stop();
      throw listenError(error as NodeJS.ErrnoException, host, port);
    }
    const address = server.address();
    const shown = host.includes(':') ? `[${host}]` : host;
    return `http://${shown}:${typeof address === 'object' && address !== null ? address.port : port}`;
  };
  return { listen, stop };
};

/** Starts the local API and resolves once it listens. */
export const startLocalApi = async (options: LocalApiOptions = {}): Promise<LocalApi> => {
  const settings = settingsOf(options);
  const templatePath = resolve(settings.template);
  const { log } = settings;
  const definition = withRunSettings(readApiDefinition(templatePath, settings.parameters), settings, log);
  for (const notice of definition.notices) log(`[gateway] ${notice}`);
  // A port in use or a host that is not this machine's is said before the functions are built.
  for (const port of [settings.port, settings.lambdaPort]) if (port) await probeListen(settings.host, port);

  const hosts = await startHosts(definition, templatePath, settings);
  const gateway = createGateway(definition, (functionId, event) => {
    const host = hosts.functions.get(functionId);
    if (host === undefined) throw new Error(`${functionId} is not a function of the template`);
    return host.invoke(event);
  });
  const { maxBodyBytes, requestTimeoutMs, lambdaPort } = settings;
  const server = createHttpServer({ gateway, pages: localPages(hosts.docs), maxBodyBytes, requestTimeoutMs, log });
  const lambdaEndpoint =
    lambdaPort === undefined
      ? undefined
      : createLambdaEndpoint(
          new Map([...hosts.functions].map(([id, host]) => [id, { fn: definition.functions.get(id)!, host }])),
          log,
        );
  const { listen, stop } = listeners(lambdaEndpoint ? [server, lambdaEndpoint] : [server], settings.host);
  const close = async () => {
    await stop();
    await hosts.close();
  };
  try {
    const url = await listen(server, settings.port);
    const lambdaUrl = lambdaEndpoint && (await listen(lambdaEndpoint, lambdaPort ?? 0));
    const pageUrl = hosts.docs?.page === undefined ? undefined : `${url}/guru/`;
    return { url, lambdaUrl, pageUrl, definition, functions: hosts.functions, close };
  } catch (error) {
    await hosts.close();
    throw error;
  }
};
