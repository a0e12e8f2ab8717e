// Starting the local runner for a test, and talking to it over real HTTP.
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type LocalApi, type LocalApiOptions, startLocalApi } from '../../local/server.ts';

export const PROJECT_TEMPLATE = fileURLToPath(new URL('../../template.yaml', import.meta.url));
export const FAULTY_TEMPLATE = fileURLToPath(new URL('../fixtures/faulty/template.yaml', import.meta.url));
export const THROTTLED_TEMPLATE = fileURLToPath(new URL('../fixtures/faulty/throttled.yaml', import.meta.url));

export interface RunningApi extends LocalApi {
  logs: string[];
}

/** Starts the runner on an ephemeral port, its output collected in `logs`; no docs unless asked. */
export const startTestApi = async (options: LocalApiOptions = {}): Promise<RunningApi> => {
  const logs: string[] = [];
  const api = await startLocalApi({
    port: 0,
    watch: false,
    docs: false,
    template: PROJECT_TEMPLATE,
    log: (line) => logs.push(line),
    ...options,
  });
  return { ...api, logs };
};

export interface RawResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
  json: () => unknown;
}

/** One HTTP request, sent as given: no client-side normalisation of the path. */
export const send = (
  url: string,
  {
    method = 'POST',
    path = '/',
    headers = {},
    body,
  }: { method?: string; path?: string; headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const outgoing = request({ hostname, port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({
          statusCode: response.statusCode ?? 0,
          headers: response.headers,
          body: raw,
          text: raw.toString('utf8'),
          json: () => JSON.parse(raw.toString('utf8')),
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });

/** The response in the shape the contract checker reads. */
export const asContractResponse = (response: RawResponse) => ({
  statusCode: response.statusCode,
  headers: response.headers as Record<string, unknown>,
  body: response.text,
});

/** Runs `body` against a fresh runner, which is closed afterwards whatever happens. */
export const withTestApi = async <T>(options: LocalApiOptions, body: (api: RunningApi) => Promise<T>): Promise<T> => {
  const api = await startTestApi(options);
  try {
    return await body(api);
  } finally {
    await api.close();
  }
};
