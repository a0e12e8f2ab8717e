// The contract gate: the battery's event view (src/shared/battery/) sent to the new version, every answer
// checked against the contract, all within a deadline. Passes only when every check ran and none failed.
import type { ContractBattery } from '../shared/battery/checks.ts';
import { runBattery, type Verdict } from '../shared/battery/run.ts';
import { eventProbes, type Invocation, invocationSender } from '../shared/battery/senders.ts';

/** The gate stops and fails past this; the hook gives it less when its own time is shorter. */
export const GATE_DEADLINE_MS = 30_000;

export interface GateOptions {
  /** The contract the version must keep, and its validators. */
  battery: ContractBattery;
  /** Invokes the version under test with one event. */
  invoke: (event: unknown, signal: AbortSignal) => Promise<Invocation>;
  /** The stage the events name, as API Gateway would send them. */
  stage: string;
  /** Who the events say sent them (their User-Agent), for the version's logs. */
  userAgent: string;
  /** Past this many milliseconds the gate stops and fails. */
  deadlineMs: number;
}

/** Runs the battery against the version `invoke` reaches, and says whether it may take traffic. */
export const runGate = ({ battery, invoke, stage, userAgent, deadlineMs }: GateOptions): Promise<Verdict> =>
  runBattery({
    battery,
    probes: eventProbes(battery.plan),
    send: invocationSender({ stage, userAgent }, invoke),
    deadlineMs,
  });
