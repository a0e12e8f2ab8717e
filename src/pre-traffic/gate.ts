// The contract gate: the battery sent to the new version a few at a time, every answer checked,
// all within a deadline. Passes only when every check ran and none failed.
import { BATCH_SIZE, battery } from './battery.ts';
import { bodyField, checkAnswer, type Failure, type Invocation } from './checks.ts';

/** The gate stops and fails past this; the hook gives it less when its own time is shorter. */
export const GATE_DEADLINE_MS = 30_000;

export interface GateOptions {
  /** Invokes the version under test with one event. */
  invoke: (event: unknown, signal: AbortSignal) => Promise<Invocation>;
  /** The stage the events name, as API Gateway would send them. */
  stage: string;
  /** Past this many milliseconds the gate stops and fails. */
  deadlineMs: number;
  /** Invocations in flight at once. @default 5 */
  parallelism?: number;
}

export interface Verdict {
  passed: boolean;
  /** Every probe sent and answered. */
  answered: number;
  failures: Failure[];
}

/** Runs the battery against the version `invoke` reaches, and says whether it may take traffic. */
export const runGate = async ({ invoke, stage, deadlineMs, parallelism = 5 }: GateOptions): Promise<Verdict> => {
  const probes = battery(stage);
  const failures: Failure[] = [];
  const meditations = new Set<unknown>();
  const deadline = AbortSignal.timeout(deadlineMs);
  let answered = 0;
  let next = 0;

  const work = async () => {
    while (next < probes.length && !deadline.aborted) {
      const probe = probes[next++] as (typeof probes)[number];
      try {
        const invocation = await invoke(probe.event, deadline);
        failures.push(...checkAnswer(probe, invocation));
        if (probe.name.startsWith('batch ')) {
          meditations.add(bodyField((invocation.payload as { body?: unknown } | null)?.body, 'meditation'));
        }
        answered++;
      } catch (error) {
        if (!deadline.aborted)
          failures.push({
            probe: probe.name,
            check: 'invocation',
            problem: `could not invoke: ${(error as Error).message}`,
          });
      }
    }
  };
  const expired = new Promise<'expired'>((resolve) => deadline.addEventListener('abort', () => resolve('expired')));
  await Promise.race([Promise.all(Array.from({ length: parallelism }, work)), expired]);

  if (deadline.aborted) {
    failures.push({
      probe: '(gate)',
      check: 'deadline',
      problem: `${answered} of ${probes.length} answers within ${deadlineMs} ms`,
    });
  } else if (meditations.size < 2) {
    failures.push({
      probe: '(gate)',
      check: 'variety',
      problem: `${BATCH_SIZE} answers all carried the same meditation`,
    });
  }
  return { passed: failures.length === 0, answered, failures };
};
