// Lambda's execution model for one function: each execution environment (a worker thread here)
// runs one invocation at a time; a request that finds none idle starts a new one, which is a cold
// start, up to the function's concurrency, beyond which requests wait their turn. An invocation
// that runs past the function's timeout ends its environment, as Lambda's does.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { LocalFunction } from './api-definition.ts';
import { ExecutionEnvironment, type FunctionCode, localFunctionName } from './execution-environment.ts';

export type InvokeOutcome =
  | { kind: 'response'; payload: unknown }
  | { kind: 'error'; errorType: string; errorMessage: string }
  | { kind: 'timeout' };

export interface EnvironmentOptions {
  /** At most this many environments at once. @default DEFAULT_MAX_ENVIRONMENTS, or the reserved concurrency if lower */
  maxEnvironments?: number;
  /** Where the function's output and the runtime's REPORT lines go, one line at a time. */
  log?: (line: string) => void;
  /** Added to the function's environment, after the template's variables. */
  extraEnvironment?: Record<string, string>;
}

/**
 * Environments beyond the machine's cores only add thread switching: measured on 2 cores at 50
 * connections, 10 environments served ~30% fewer requests per second than 2.
 */
export const DEFAULT_MAX_ENVIRONMENTS = Math.max(2, availableParallelism());

/** The execution environments of one function. */
export class FunctionEnvironments {
  readonly fn: LocalFunction;
  #code: FunctionCode;
  readonly #options: Required<Pick<EnvironmentOptions, 'log' | 'maxEnvironments'>> & EnvironmentOptions;
  readonly #environments = new Set<ExecutionEnvironment>();
  readonly #waiting: ((environment: ExecutionEnvironment) => void)[] = [];

  constructor(fn: LocalFunction, code: FunctionCode, options: EnvironmentOptions = {}) {
    this.fn = fn;
    this.#code = code;
    this.#options = {
      log: console.log,
      maxEnvironments: Math.min(fn.reservedConcurrency ?? Infinity, DEFAULT_MAX_ENVIRONMENTS),
      ...options,
    };
  }

  /** How many environments exist now (busy or idle). */
  get size() {
    return this.#environments.size;
  }

  /** New code: idle environments end now, busy ones when they finish; the next request is cold. */
  replaceCode(code: FunctionCode) {
    this.#code = code;
    for (const environment of this.#environments) {
      environment.retired = true;
      if (!environment.busy) void this.#remove(environment);
    }
  }

  /** Invokes the function once with the event, as Lambda would. */
  async invoke(event: unknown, awsRequestId: string = randomUUID()): Promise<InvokeOutcome> {
    const environment = await this.#acquire();
    const startedAt = performance.now();
    const deadline = Date.now() + this.fn.timeoutMs;
    const functionName = localFunctionName(this.fn);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.fn.timeoutMs);
    });
    const result = await Promise.race([
      environment.run({
        event: JSON.stringify(event),
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)};Sampled=0`,
        context: {
          awsRequestId,
          functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: `arn:aws:lambda:local-region-1:local-account-id:function:${functionName}`,
          memoryLimitInMB: String(this.fn.memoryMb), // a string in AWS too
          logGroupName: `/aws/lambda/${functionName}`,
          logStreamName: environment.logStreamName,
          callbackWaitsForEmptyEventLoop: true,
          deadline,
        },
      }),
      timedOut,
    ]);
    clearTimeout(timer);
    const durationMs = performance.now() - startedAt;
    const initMs = environment.takeInitMs();
    this.#options.log(
      `REPORT RequestId: ${awsRequestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${this.fn.memoryMb} MB${initMs === undefined ? '' : `\tInit Duration: ${initMs.toFixed(2)} ms`}`,
    );

    if (result === 'timeout') {
      this.#options.log(
        `${new Date().toISOString()} ${awsRequestId} Task timed out after ${(this.fn.timeoutMs / 1000).toFixed(2)} seconds`,
      );
      await this.#remove(environment);
      return { kind: 'timeout' };
    }
    this.#release(environment);
    if (!result.ok) {
      this.#options.log(
        `${new Date().toISOString()}\t${awsRequestId}\tERROR\tInvoke Error\t${JSON.stringify(result.error)}`,
      );
      return { kind: 'error', ...result.error };
    }
    return { kind: 'response', payload: JSON.parse(result.payload) };
  }

  /** Ends every environment. */
  async close() {
    this.#waiting.length = 0;
    await Promise.all([...this.#environments].map((environment) => this.#remove(environment)));
  }

  #acquire(): Promise<ExecutionEnvironment> {
    const environment = this.#take();
    return environment === undefined
      ? new Promise((resolve) => this.#waiting.push(resolve))
      : Promise.resolve(environment);
  }

  /** An idle environment, else a new one while under the limit; marked busy. */
  #take(): ExecutionEnvironment | undefined {
    const idle = [...this.#environments].find(
      (environment) => !environment.busy && !environment.retired && !environment.exited,
    );
    const environment = idle ?? (this.#environments.size < this.#options.maxEnvironments ? this.#create() : undefined);
    if (environment !== undefined) environment.busy = true;
    return environment;
  }

  #create(): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(this.fn, this.#code, this.#options, (exited) => {
      this.#environments.delete(exited);
      this.#handOver();
    });
    this.#environments.add(environment);
    return environment;
  }

  #release(environment: ExecutionEnvironment) {
    environment.busy = false;
    if (environment.retired || environment.exited) void this.#remove(environment);
    else this.#handOver();
  }

  /** Gives a waiting request an idle or new environment. */
  #handOver() {
    while (this.#waiting.length > 0) {
      const environment = this.#take();
      if (environment === undefined) return;
      this.#waiting.shift()!(environment);
    }
  }

  async #remove(environment: ExecutionEnvironment) {
    this.#environments.delete(environment);
    environment.busy = false;
    await environment.terminate();
    this.#handOver();
  }
}
