// How busy the machine is with work other than the benchmark's: the share of all its CPU time that
// is not idle over a second sampled while the benchmark runs nothing. Timings taken while other
// processes keep the CPUs busy measure those processes, not this project.
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** A timing budget is judged only when less than this share of the CPU was busy before and after. */
export const QUIET_BELOW = 0.25;

const cpuTimes = () =>
  cpus().reduce(
    (sum, { times }) => ({
      idle: sum.idle + times.idle,
      total: sum.total + times.user + times.nice + times.sys + times.irq + times.idle,
    }),
    { idle: 0, total: 0 },
  );

/** The share of the machine's CPU time spent busy over `ms`. */
export const busyShare = async (ms = 1000): Promise<number> => {
  const before = cpuTimes();
  await sleep(ms);
  const after = cpuTimes();
  const total = after.total - before.total;
  return total === 0 ? 0 : 1 - (after.idle - before.idle) / total;
};
