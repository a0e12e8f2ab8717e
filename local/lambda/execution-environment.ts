// One Lambda execution environment: a worker thread running worker.ts, with Lambda's environment
// variables, a heap capped at the function's MemorySize, and the function's output relayed line by
// line. It runs one invocation at a time; the pool (environments.ts) decides which runs what.
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LOCAL_IDENTITY } from '../../lib/local-identity.ts';
import type { LocalFunction } from '../api-definition.ts';
import { runtimeNodePath } from './runtime-modules.ts';
import type { InvokeMessage, ResultMessage, WorkerData } from './worker.ts';

export type InvocationResult = Extract<ResultMessage, { type: 'result' }>;

export interface FunctionCode {
  file: string;
  exportName: string;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url);

/** The stand-in for the function's deployed name, plainly local. */
export const localFunctionName = (fn: LocalFunction) => `local-${fn.logicalId}`;

/** What Lambda sets: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime */
export const lambdaEnvironment = (
  fn: LocalFunction,
  codeDirectory: string,
  logStreamName: string,
): Record<string, string> => {
  const functionName = localFunctionName(fn);
  return {
    AWS_REGION: LOCAL_IDENTITY.region,
    AWS_DEFAULT_REGION: LOCAL_IDENTITY.region,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    LAMBDA_TASK_ROOT: codeDirectory,
    LAMBDA_RUNTIME_DIR: codeDirectory,
    NODE_PATH: runtimeNodePath(),
    _HANDLER: fn.handler,
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    ...fn.environment,
  };
};

const pipeLines = (stream: NodeJS.ReadableStream, write: (line: string) => void) => {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) write(line);
  });
  stream.on('end', () => pending && write(pending));
};

export class ExecutionEnvironment {
  readonly logStreamName: string;
  readonly #worker: Worker;
  readonly #pending = new Map<number, (message: InvocationResult) => void>();
  #nextId = 0;
  #initMs: number | undefined;
  #initReported = false;
  #exited = false;
  readonly #initEnded = Promise.withResolvers<void>();

  constructor(fn: LocalFunction, code: FunctionCode, log: (line: string) => void, onExit: () => void) {
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    this.logStreamName = `${day}/[$LATEST]${randomUUID().replaceAll('-', '')}`;
    this.#worker = new Worker(WORKER_URL, {
      workerData: { file: code.file, exportName: code.exportName } satisfies WorkerData,
      env: lambdaEnvironment(fn, dirname(code.file), this.logStreamName),
      stdout: true,
      stderr: true,
      // The function's MemorySize bounds its heap, so a function that outgrows it fails here too.
      resourceLimits: { maxOldGenerationSizeMb: fn.memoryMb },
    });
    pipeLines(this.#worker.stdout, log);
    pipeLines(this.#worker.stderr, log);
    const writeOutput = (text: string) => {
      for (const line of text.split('\n')) if (line !== '') log(line);
    };
    this.#worker.on('message', (message: ResultMessage) => {
      if (message.type === 'ready') {
        this.#initMs = message.initMs;
        this.#initEnded.resolve();
      } else if (message.type === 'output') writeOutput(message.text);
      else {
        writeOutput(message.output);
        this.#pending.get(message.id)?.(message);
      }
    });
    const fail = (error: Error) => {
      for (const settle of this.#pending.values()) {
        settle({
          type: 'result',
          id: -1,
          output: '',
          ok: false,
          error: { errorType: 'Runtime.ExitError', errorMessage: error.message },
        });
      }
      this.#pending.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => {
      this.#exited = true;
      this.#initEnded.resolve();
      fail(new Error(`The execution environment exited with code ${code}`));
      onExit();
    });
  }

  get exited() {
    return this.#exited;
  }

  /** Settles once the environment's init has ended: the handler loaded, its loading failed, or the environment exited. */
  get initEnded(): Promise<void> {
    return this.#initEnded.promise;
  }

  /** Init duration, reported once: on the environment's first (cold) invocation. */
  takeInitMs(): number | undefined {
    if (this.#initReported || this.#initMs === undefined) return undefined;
    this.#initReported = true;
    return this.#initMs;
  }

  run(message: Omit<InvokeMessage, 'id'>): Promise<InvocationResult> {
    const id = this.#nextId++;
    return new Promise((settle) => {
      this.#pending.set(id, (result) => {
        this.#pending.delete(id);
        settle(result);
      });
      this.#worker.postMessage({ ...message, id } satisfies InvokeMessage);
    });
  }

  async terminate(): Promise<void> {
    await this.#worker.terminate();
  }
}
