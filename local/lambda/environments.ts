// Lambda's execution model for one function: each execution environment runs one invocation at a
// time; a request that finds none idle starts a new one (a cold start), up to the function's
// concurrency, beyond which requests wait their turn. An invocation that runs past the function's
// timeout ends its environment, as Lambda's does. The pool alone knows which environment is busy.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { localFunctionArn } from '../../lib/local-identity.ts';
import type { LocalFunction } from '../api-definition.ts';
import type { InvokeOutcome } from '../gateway/gateway.ts';
import { TIMED_OUT, withTimeout } from '../timeout.ts';
import { ExecutionEnvironment, type FunctionCode, localFunctionName } from './execution-environment.ts';

/**
 * Environments beyond the machine's cores only add thread switching: measured on 2 cores at 50
 * connections, 10 environments served ~30% fewer requests per second than 2.
 */
export const DEFAULT_MAX_ENVIRONMENTS = Math.max(2, availableParallelism());

/**
 * Lambda gives an environment's init (loading the handler's module) 10 s of its own, apart from the
 * function's timeout, which starts with the handler. A function whose timeout is longer (a debugger
 * lifts it) gets as long for its init: Lambda retries an init past 10 s within the invocation.
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html#runtimes-lifecycle-ib
 */
export const INIT_LIMIT_MS = 10_000;

export interface PoolOptions {
  /** @default DEFAULT_MAX_ENVIRONMENTS, or the function's reserved concurrency if lower */
  maxEnvironments?: number;
  /** Where the function's output and the runtime's REPORT lines go, one line at a time. */
  log: (line: string) => void;
}

/** The execution environments of one function. */
export class EnvironmentPool {
  readonly #fn: LocalFunction;
  readonly #log: (line: string) => void;
  readonly #maxEnvironments: number;
  #code: FunctionCode;
  readonly #idle = new Set<ExecutionEnvironment>();
  readonly #busy = new Set<ExecutionEnvironment>();
  /** Environments still running code that a rebuild replaced: they end when their invocation does. */
  readonly #retired = new WeakSet<ExecutionEnvironment>();
  readonly #waiting: ((environment: ExecutionEnvironment) => void)[] = [];

  constructor(fn: LocalFunction, code: FunctionCode, { log, maxEnvironments }: PoolOptions) {
    this.#fn = fn;
    this.#code = code;
    this.#log = log;
    this.#maxEnvironments = maxEnvironments ?? Math.min(fn.reservedConcurrency ?? Infinity, DEFAULT_MAX_ENVIRONMENTS);
  }

  /** How many environments exist now, busy or idle. */
  get size() {
    return this.#idle.size + this.#busy.size;
  }

  /** New code: idle environments end now, busy ones when they finish; the next request is cold. */
  replaceCode(code: FunctionCode) {
    this.#code = code;
    for (const environment of this.#busy) this.#retired.add(environment);
    for (const environment of this.#idle) void this.#end(environment);
  }

  /** Invokes the function once with the event, as Lambda would. */
  async invoke(event: unknown, awsRequestId: string = randomUUID()): Promise<InvokeOutcome> {
    const environment = await this.#acquire();
    if ((await withTimeout(environment.initEnded, Math.max(INIT_LIMIT_MS, this.#fn.timeoutMs))) === TIMED_OUT) {
      this.#log(`${new Date().toISOString()} ${awsRequestId} Init timed out`);
      await this.#end(environment);
      return { kind: 'timeout' };
    }
    const startedAt = performance.now();
    const functionName = localFunctionName(this.#fn);
    const result = await withTimeout(
      environment.run({
        event: JSON.stringify(event),
        traceId: `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${awsRequestId.replaceAll('-', '').slice(0, 24)};Sampled=0`,
        context: {
          awsRequestId,
          functionName,
          functionVersion: '$LATEST',
          invokedFunctionArn: localFunctionArn(functionName),
          memoryLimitInMB: String(this.#fn.memoryMb), // a string in AWS too
          logGroupName: `/aws/lambda/${functionName}`,
          logStreamName: environment.logStreamName,
          callbackWaitsForEmptyEventLoop: true,
          deadline: Date.now() + this.#fn.timeoutMs,
        },
      }),
      this.#fn.timeoutMs,
    );
    this.#report(awsRequestId, performance.now() - startedAt, environment.takeInitMs());

    if (result === TIMED_OUT) {
      const seconds = (this.#fn.timeoutMs / 1000).toFixed(2);
      this.#log(`${new Date().toISOString()} ${awsRequestId} Task timed out after ${seconds} seconds`);
      await this.#end(environment);
      return { kind: 'timeout' };
    }
    this.#release(environment);
    if (!result.ok) {
      this.#log(`${new Date().toISOString()}\t${awsRequestId}\tERROR\tInvoke Error\t${JSON.stringify(result.error)}`);
      return { kind: 'error', ...result.error };
    }
    return { kind: 'response', payload: JSON.parse(result.payload) };
  }

  /** Ends every environment; requests still waiting are never served. */
  async close() {
    this.#waiting.length = 0;
    await Promise.all([...this.#idle, ...this.#busy].map((environment) => this.#end(environment)));
  }

  /** Lambda's REPORT line, with the init duration on a cold start. */
  #report(awsRequestId: string, durationMs: number, initMs: number | undefined) {
    const fields = [
      `REPORT RequestId: ${awsRequestId}`,
      `Duration: ${durationMs.toFixed(2)} ms`,
      `Billed Duration: ${Math.ceil(durationMs)} ms`,
      `Memory Size: ${this.#fn.memoryMb} MB`,
      ...(initMs === undefined ? [] : [`Init Duration: ${initMs.toFixed(2)} ms`]),
    ];
    this.#log(fields.join('\t'));
  }

  #acquire(): Promise<ExecutionEnvironment> {
    const environment = this.#take();
    return environment ? Promise.resolve(environment) : new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** An idle environment, else a new one while under the limit; now busy. */
  #take(): ExecutionEnvironment | undefined {
    const [idle] = this.#idle;
    const environment = idle ?? (this.size < this.#maxEnvironments ? this.#start() : undefined);
    if (environment === undefined) return undefined;
    this.#idle.delete(environment);
    this.#busy.add(environment);
    return environment;
  }

  #start(): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(this.#fn, this.#code, this.#log, () => {
      this.#idle.delete(environment);
      this.#busy.delete(environment);
      this.#handOver();
    });
    return environment;
  }

  #release(environment: ExecutionEnvironment) {
    this.#busy.delete(environment);
    if (this.#retired.has(environment) || environment.exited) {
      void this.#end(environment);
      return;
    }
    this.#idle.add(environment);
    this.#handOver();
  }

  /** Gives waiting requests an idle or new environment, while there is one. */
  #handOver() {
    while (this.#waiting.length > 0) {
      const environment = this.#take();
      if (environment === undefined) return;
      this.#waiting.shift()?.(environment);
    }
  }

  async #end(environment: ExecutionEnvironment) {
    this.#idle.delete(environment);
    this.#busy.delete(environment);
    await environment.terminate();
    this.#handOver();
  }
}
