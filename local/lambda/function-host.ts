// One function of the template, served locally: its live bundle and the execution environments
// that run it, started, rebuilt and closed together.
import type { LocalFunction } from '../api-definition.ts';
import type { InvokeOutcome } from '../gateway/gateway.ts';
import { EnvironmentPool } from './environments.ts';
import { buildLiveBundle, type LiveBundle } from './live-bundle.ts';

export interface FunctionHostOptions {
  /** Where template.yaml is: CodeUri is relative to it. */
  templateDir: string;
  /** Rebuild on every source change; the next request is then a cold start. */
  watch: boolean;
  /** Environments at most. @default the pool's */
  concurrency: number | undefined;
  log: (line: string) => void;
}

export class FunctionHost {
  readonly #bundle: LiveBundle;
  readonly #pool: EnvironmentPool;

  private constructor(bundle: LiveBundle, pool: EnvironmentPool) {
    this.#bundle = bundle;
    this.#pool = pool;
  }

  /** Builds the function, and starts watching its sources when asked. */
  static async start(fn: LocalFunction, { templateDir, watch, concurrency, log }: FunctionHostOptions) {
    const prefixed = (line: string) => log(`[${fn.logicalId}] ${line}`);
    const bundle = await buildLiveBundle(fn, templateDir, prefixed);
    const pool = new EnvironmentPool(fn, bundle.code, {
      log: prefixed,
      ...(concurrency !== undefined && { maxEnvironments: concurrency }),
    });
    if (watch) bundle.watch((code) => pool.replaceCode(code));
    return new FunctionHost(bundle, pool);
  }

  /** How many execution environments exist now. */
  get environments() {
    return this.#pool.size;
  }

  invoke(event: unknown, awsRequestId?: string): Promise<InvokeOutcome> {
    return this.#pool.invoke(event, awsRequestId);
  }

  async close() {
    await this.#pool.close();
    await this.#bundle.close();
  }
}
