// Runs a battery: its probes sent a few at a time, a batch of each probe whose answers must vary,
// every answer checked, all within a deadline. The pre-traffic gate, `npm run smoke` and the
// monitor differ only in how a probe is sent (src/shared/battery/senders.ts).
import { answerFailures, bodyField, type ContractBattery, type Failure, type Outcome } from './checks.ts';
import type { PlannedProbe } from './plan.ts';

/**
 * Requests in a batch that must show variety: with the contract's seven meditations picked fairly,
 * ten identical answers happen once in 7⁹ (about 4 × 10⁻⁸) runs.
 */
export const VARIETY_BATCH = 10;

/** Every request a run sends, in order: each probe once, a probe whose answers must vary VARIETY_BATCH times. */
export const requestsOf = (probes: PlannedProbe[]): PlannedProbe[] =>
  probes.flatMap((probe) => (probe.varies ? Array<PlannedProbe>(VARIETY_BATCH).fill(probe) : [probe]));

/** The checks a run makes: one per request sent, one per batch's variety. */
export const checksOf = (probes: PlannedProbe[]): number =>
  requestsOf(probes).length + probes.filter(({ varies }) => varies !== undefined).length;

export interface RunOptions {
  battery: ContractBattery;
  /** The probes of the view being run; each with `varies` is sent VARIETY_BATCH times. */
  probes: PlannedProbe[];
  send: (probe: PlannedProbe, signal: AbortSignal) => Promise<Outcome>;
  /** Past this many milliseconds the run stops and fails. */
  deadlineMs: number;
  /** Requests in flight at once. @default 5 */
  parallelism?: number;
}

export interface Verdict {
  passed: boolean;
  /** Answers received and checked. */
  answered: number;
  /** Checks run: one per probe sent, one per batch's variety. */
  checks: number;
  /** Checks that failed (an answer failing several ways counts once); `failures` says each way. */
  failed: number;
  failures: Failure[];
}

/** The values each varying field of each probe took across its batch, by probe and field. */
class Variety {
  readonly #seen = new Map<string, Set<string>>();

  note(probe: PlannedProbe, body: string) {
    for (const field of probe.varies ?? []) {
      const key = `${probe.name} ${field}`;
      this.#seen.set(key, (this.#seen.get(key) ?? new Set<string>()).add(JSON.stringify(bodyField(body, field))));
    }
  }

  /** A failure for each probe whose batch carried the same value of a field that must vary. */
  failures(probes: PlannedProbe[]): Failure[] {
    return probes.flatMap((probe) => {
      const same = (probe.varies ?? []).filter((field) => (this.#seen.get(`${probe.name} ${field}`)?.size ?? 0) < 2);
      if (same.length === 0) return [];
      const problem = `${VARIETY_BATCH} answers all carried the same ${same.join(', ')}`;
      return [{ probe: probe.name, check: 'variety' as const, problem }];
    });
  }
}

/** Sends one probe; what it came to, a send that threw being no answer. Undefined when the deadline cut it short. */
const outcomeOf = async (send: RunOptions['send'], probe: PlannedProbe, deadline: AbortSignal) => {
  try {
    return await send(probe, deadline);
  } catch (error) {
    if (deadline.aborted) return undefined;
    return { failure: { check: 'no answer', problem: (error as Error).message } } satisfies Outcome;
  }
};

/** Sends every probe and checks every answer; never throws for a failed check. */
export const runBattery = async ({
  battery,
  probes,
  send,
  deadlineMs,
  parallelism = 5,
}: RunOptions): Promise<Verdict> => {
  const queue = requestsOf(probes);
  const failures: Failure[] = [];
  const variety = new Variety();
  const deadline = AbortSignal.timeout(deadlineMs);
  let answered = 0;
  let failed = 0;
  let next = 0;

  // An answer failing several ways is one failed check; `failures` says each way.
  const record = (found: Failure[]) => {
    failures.push(...found);
    if (found.length > 0) failed++;
  };
  const work = async () => {
    while (next < queue.length && !deadline.aborted) {
      const probe = queue[next++]!;
      const outcome = await outcomeOf(send, probe, deadline);
      if (outcome === undefined) return;
      if ('failure' in outcome) {
        record([{ probe: probe.name, ...outcome.failure }]);
        continue;
      }
      answered++;
      record(answerFailures(probe, outcome, battery));
      variety.note(probe, outcome.answer.body);
    }
  };
  const expired = new Promise<void>((resolve) => deadline.addEventListener('abort', () => resolve()));
  await Promise.race([Promise.all(Array.from({ length: parallelism }, work)), expired]);

  if (deadline.aborted) {
    const problem = `${answered} of ${queue.length} answers within ${deadlineMs} ms`;
    record([{ probe: '(battery)', check: 'deadline', problem }]);
  } else {
    for (const failure of variety.failures(probes)) record([failure]);
  }
  return { passed: failures.length === 0, answered, checks: checksOf(probes), failed, failures };
};
