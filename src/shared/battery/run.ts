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
  /** The values each varying field took, by probe and field. */
  const seen = new Map<string, Set<string>>();
  const key = (probe: PlannedProbe, field: string) => `${probe.name} ${field}`;
  const deadline = AbortSignal.timeout(deadlineMs);
  let answered = 0;
  let failed = 0;
  let next = 0;

  const record = (found: Failure[]) => {
    failures.push(...found);
    if (found.length > 0) failed++;
  };
  const work = async () => {
    while (next < queue.length && !deadline.aborted) {
      const probe = queue[next++]!;
      let outcome: Outcome;
      try {
        outcome = await send(probe, deadline);
      } catch (error) {
        if (deadline.aborted) return;
        outcome = { failure: { check: 'no answer', problem: (error as Error).message } };
      }
      if ('failure' in outcome) {
        record([{ probe: probe.name, ...outcome.failure }]);
        continue;
      }
      answered++;
      record(answerFailures(probe, outcome, battery));
      for (const field of probe.varies ?? []) {
        const values = seen.get(key(probe, field)) ?? new Set<string>();
        seen.set(key(probe, field), values.add(JSON.stringify(bodyField(outcome.answer.body, field))));
      }
    }
  };
  const expired = new Promise<void>((resolve) => deadline.addEventListener('abort', () => resolve()));
  await Promise.race([Promise.all(Array.from({ length: parallelism }, work)), expired]);

  if (deadline.aborted) {
    record([
      {
        probe: '(battery)',
        check: 'deadline',
        problem: `${answered} of ${queue.length} answers within ${deadlineMs} ms`,
      },
    ]);
  } else {
    for (const probe of probes.filter(({ varies }) => varies !== undefined)) {
      const sameEverywhere = (probe.varies ?? []).filter((field) => (seen.get(key(probe, field))?.size ?? 0) < 2);
      if (sameEverywhere.length > 0)
        record([
          {
            probe: probe.name,
            check: 'variety',
            problem: `${VARIETY_BATCH} answers all carried the same ${sameEverywhere.join(', ')}`,
          },
        ]);
    }
  }
  return { passed: failures.length === 0, answered, checks: checksOf(probes), failed, failures };
};
