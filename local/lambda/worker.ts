// One Lambda execution environment, inside a worker thread: loads the bundle once (the cold
// start), then runs one invocation at a time as the parent asks. Never bundled.

import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { formatFunctionOutput } from './log-format.ts';

export interface WorkerData {
  file: string;
  exportName: string;
}

export interface InvokeMessage {
  id: number;
  /** The event as JSON, the form Lambda's runtime receives it in (and far cheaper to post than an object). */
  event: string;
  context: Record<string, unknown> & { deadline: number };
  traceId: string;
}

export type ResultMessage =
  | { type: 'ready'; initMs: number }
  | { type: 'output'; text: string }
  | { type: 'result'; id: number; output: string; ok: true; payload: string }
  | {
      type: 'result';
      id: number;
      output: string;
      ok: false;
      error: { errorType: string; errorMessage: string; stack?: string };
    };

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const port = parentPort!;
const { file, exportName } = workerData as WorkerData;

// What the function writes travels with its result, in one message, rather than one message per
// write through the worker's stdout; output written between invocations is sent shortly after.
// It is made readable here, off the thread that serves HTTP.
const OUTPUT_FLUSH_MS = 50;
let output = '';
let flushTimer: NodeJS.Timeout | undefined;
const takeOutput = () => {
  const text =
    output === ''
      ? ''
      : output
          .split('\n')
          .filter((line) => line !== '')
          .map(formatFunctionOutput)
          .join('\n');
  output = '';
  clearTimeout(flushTimer);
  flushTimer = undefined;
  return text;
};
const capture = (chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void) => {
  output +=
    typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString(typeof encoding === 'string' ? encoding : 'utf8');
  flushTimer ??= setTimeout(
    () => port.postMessage({ type: 'output', text: takeOutput() } satisfies ResultMessage),
    OUTPUT_FLUSH_MS,
  );
  (typeof encoding === 'function' ? encoding : callback)?.();
  return true;
};
process.stdout.write = capture as typeof process.stdout.write;
process.stderr.write = capture as typeof process.stderr.write;
// Lambda honours NODE_OPTIONS=--enable-source-maps; a worker thread ignores NODE_OPTIONS.
if (process.env.NODE_OPTIONS?.includes('--enable-source-maps')) process.setSourceMapsEnabled(true);

const initStartedAt = performance.now();
const loading: Promise<Handler> = import(pathToFileURL(file).href).then((module: Record<string, unknown>) => {
  const handler = module[exportName];
  if (typeof handler !== 'function')
    throw Object.assign(new Error(`${file} does not export a function "${exportName}"`), {
      name: 'Runtime.HandlerNotFound',
    });
  return handler as Handler;
});
// Init ends here, the handler loaded or not: an init error is reported on the first invocation, as
// Lambda reports it.
const initEnded = () =>
  port.postMessage({ type: 'ready', initMs: performance.now() - initStartedAt } satisfies ResultMessage);
loading.then(initEnded, initEnded);

const describe = (error: unknown) =>
  error instanceof Error
    ? { errorType: error.name, errorMessage: error.message, ...(error.stack !== undefined && { stack: error.stack }) }
    : { errorType: 'Error', errorMessage: String(error) };

port.on('message', async ({ id, event, context, traceId }: InvokeMessage) => {
  process.env._X_AMZN_TRACE_ID = traceId;
  try {
    const handler = await loading;
    const { deadline, ...fields } = context;
    const result = await handler(JSON.parse(event), {
      ...fields,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => undefined,
      fail: () => undefined,
      succeed: () => undefined,
    });
    // Lambda serializes the result as JSON; what does not serialize is an error.
    const payload = JSON.stringify(result ?? null);
    port.postMessage({ type: 'result', id, output: takeOutput(), ok: true, payload } satisfies ResultMessage);
  } catch (error) {
    port.postMessage({
      type: 'result',
      id,
      output: takeOutput(),
      ok: false,
      error: describe(error),
    } satisfies ResultMessage);
  }
});
