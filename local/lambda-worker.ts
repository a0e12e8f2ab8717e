// One Lambda execution environment, inside a worker thread: loads the bundle once (the cold
// start), then runs one invocation at a time as the parent asks. Never bundled.
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

export interface WorkerData {
  file: string;
  exportName: string;
}

export interface InvokeMessage {
  id: number;
  event: unknown;
  context: Record<string, unknown> & { deadline: number };
  traceId: string;
}

export type ResultMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'result'; id: number; ok: true; payload: string }
  | { type: 'result'; id: number; ok: false; error: { errorType: string; errorMessage: string; stack?: string } };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const port = parentPort!;
const { file, exportName } = workerData as WorkerData;
// Lambda honours NODE_OPTIONS=--enable-source-maps; a worker thread ignores NODE_OPTIONS.
if (process.env['NODE_OPTIONS']?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

const initStartedAt = performance.now();
const loading: Promise<Handler> = import(pathToFileURL(file).href).then((module: Record<string, unknown>) => {
  const handler = module[exportName];
  if (typeof handler !== 'function') throw Object.assign(new Error(`${file} does not export a function "${exportName}"`), { name: 'Runtime.HandlerNotFound' });
  port.postMessage({ type: 'ready', initMs: performance.now() - initStartedAt } satisfies ResultMessage);
  return handler as Handler;
});
// Reported on the first invocation, as Lambda reports an init error.
loading.catch(() => undefined);

const describe = (error: unknown) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, ...(error.stack !== undefined && { stack: error.stack }) }
    : { errorType: 'Error', errorMessage: String(error) };

port.on('message', async ({ id, event, context, traceId }: InvokeMessage) => {
  process.env['_X_AMZN_TRACE_ID'] = traceId;
  try {
    const handler = await loading;
    const { deadline, ...fields } = context;
    const result = await handler(event, {
      ...fields,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    });
    // Lambda serializes the result as JSON; what does not serialize is an error.
    port.postMessage({ type: 'result', id, ok: true, payload: JSON.stringify(result ?? null) } satisfies ResultMessage);
  } catch (error) {
    port.postMessage({ type: 'result', id, ok: false, error: describe(error) } satisfies ResultMessage);
  }
});
