// `npm run smoke -- <base URL> [--timeout <ms>]`: the battery's HTTP view (src/shared/battery/) against a
// running API, local or deployed: every operation of openapi.yaml, and what API Gateway answers on its
// own (an unknown route, a method a path does not serve, a body over its limit). Reports every failed
// check with what was received, and the contract version the stage serves (its X-Contract-Version
// header). Exits 1 when a check fails, 2 when the API cannot be reached or does not answer in time.
import { parseArgs } from 'node:util';
import { requestIdOf, withTimeout } from '../client/src/index.ts';
import { BATTERY } from '../generated/battery.ts';
import { responses } from '../generated/validators.js';
import { readNames } from '../lib/names.ts';
import type { Failure } from '../src/shared/battery/checks.ts';
import { runBattery, type Verdict } from '../src/shared/battery/run.ts';
import { httpProbes, httpSender, notingContractVersions } from '../src/shared/battery/senders.ts';

export interface SmokeOptions {
  /** Each request's limit. @default 10_000 */
  timeoutMs?: number;
}

export interface SmokeReport {
  verdict: Verdict;
  /** The probes sent, by name, in the contract's order. */
  probes: string[];
  /** The X-Contract-Version values the stage answered with; none when it reports no version. */
  servedVersions: string[];
}

/** The whole run's limit: a 10 MB upload and a batch, on a slow link. */
const RUN_DEADLINE_MS = 120_000;

/** An API that answered nothing at all, said plainly. */
export class NoAnswerError extends Error {
  override readonly name = 'NoAnswerError';
}

/** Runs every probe against the API at `baseUrl`; rejects with NoAnswerError when nothing answered. */
export const runSmoke = async (baseUrl: string, { timeoutMs = 10_000 }: SmokeOptions = {}): Promise<SmokeReport> => {
  const probes = httpProbes(BATTERY, { costly: true });
  const served = new Set<string>();
  // Each request as a client of the package sends it: its time limit, its reading of the request id.
  // Not its client, which retries: a 429 or a 503 is what the smoke test is there to see.
  const send = httpSender({
    baseUrl,
    userAgent: `${readNames().service}-smoke`,
    fetch: withTimeout(globalThis.fetch, timeoutMs),
    requestIdOf,
  });
  const verdict = await runBattery({
    battery: { plan: BATTERY, validators: responses },
    probes,
    send: notingContractVersions(send, served),
    deadlineMs: RUN_DEADLINE_MS,
  });
  if (verdict.answered === 0) throw new NoAnswerError(verdict.failures[0]?.problem ?? `${baseUrl} did not answer`);
  return { verdict, probes: probes.map(({ name }) => name), servedVersions: [...served] };
};

/** One failed check, as a line under its probe. */
export const describeFailure = ({ check, problem, status, requestId, received }: Failure): string =>
  [
    `${check}: ${problem}`,
    status === undefined ? '' : ` (status ${status}${requestId ? `, x-amzn-RequestId ${requestId}` : ''})`,
    received ? `; received: ${received}` : '',
  ].join('');

/** What the stage says of its contract, beside the one here. */
export const versionLine = (servedVersions: string[]): string =>
  servedVersions.length === 0
    ? `The stage reports no contract version (no X-Contract-Version header); openapi.yaml here is ${BATTERY.contractVersion}.`
    : `The stage serves contract version ${servedVersions.join(' and ')} (X-Contract-Version); openapi.yaml here is ${BATTERY.contractVersion}.`;

const USAGE =
  'Usage: npm run smoke -- <base URL> [--timeout <ms>]   e.g. http://127.0.0.1:3000 or https://abc123.execute-api.eu-west-1.amazonaws.com/v1';

if (import.meta.main) {
  const parsed = (() => {
    try {
      return parseArgs({
        options: { timeout: { type: 'string', default: '10000' }, help: { type: 'boolean', default: false } },
        allowPositionals: true,
      });
    } catch (error) {
      console.error(`${(error as Error).message}\n${USAGE}`);
      process.exit(2);
    }
  })();
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const { values, positionals } = parsed;
  const [baseUrl] = positionals;
  const timeoutMs = Number(values.timeout);
  if (baseUrl === undefined || !/^https?:\/\//.test(baseUrl) || !Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const { verdict, probes, servedVersions } = await runSmoke(baseUrl, { timeoutMs });
    for (const name of probes) {
      const failures = verdict.failures.filter((failure) => failure.probe === name);
      console.log(`${failures.length === 0 ? '✔' : '✘'} ${name}`);
      for (const failure of failures) console.log(`    ${describeFailure(failure)}`);
    }
    for (const failure of verdict.failures.filter(({ probe }) => !probes.includes(probe)))
      console.log(`✘ ${failure.probe}: ${describeFailure(failure)}`);
    console.log(`\n${verdict.checks} checks, ${verdict.failed} failed. ${versionLine(servedVersions)}`);
    process.exit(verdict.passed ? 0 : 1);
  } catch (error) {
    console.error(`Cannot check ${baseUrl}: ${(error as Error).message}`);
    process.exit(2);
  }
}
