// Running a battery (src/shared/battery/run.ts) with fake senders: every probe sent and checked, a
// batch for a probe whose answers must vary, failures counted per check, all within a deadline.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../../src/shared/battery/checks.ts';
import type { PlannedProbe } from '../../../src/shared/battery/plan.ts';
import { runBattery, VARIETY_BATCH } from '../../../src/shared/battery/run.ts';
import { answered, ECHO_BATTERY, echoProbe } from '../../support/battery.ts';

const VARYING = echoProbe({ name: 'echo: varying', varies: ['word'] });
const REFUSAL = echoProbe({ kind: 'refused-body', name: 'echo: refused', expect: { status: 400, code: 'BAD' } });

/** A sender that answers each probe as `answer` says, and records what it sent. */
const sender = (answer: (probe: PlannedProbe, index: number) => Promise<Outcome> | Outcome) => {
  const sent: string[] = [];
  const send = async (probe: PlannedProbe) => answer(probe, sent.push(probe.name) - 1);
  return { sent, send };
};

const run = (
  probes: PlannedProbe[],
  send: (probe: PlannedProbe, signal: AbortSignal) => Promise<Outcome>,
  deadlineMs = 5_000,
) => runBattery({ battery: ECHO_BATTERY, probes, send, deadlineMs });

describe('runBattery', () => {
  it('sends every probe, a batch of each whose answers must vary, and passes when every answer is right', async () => {
    // Prepare
    const { sent, send } = sender((probe, index) =>
      probe === REFUSAL ? answered(400, { code: 'BAD' }) : answered(200, { word: `word ${index % 3}` }),
    );

    // Act
    const verdict = await run([VARYING, REFUSAL], send);

    // Assess
    expect(sent.filter((name) => name === VARYING.name)).toHaveLength(VARIETY_BATCH);
    expect(sent.filter((name) => name === REFUSAL.name)).toHaveLength(1);
    expect(verdict).toEqual({
      passed: true,
      answered: VARIETY_BATCH + 1,
      checks: VARIETY_BATCH + 2,
      failed: 0,
      failures: [],
    });
  });

  it('fails a batch whose answers all carry the same value of a field that must vary', async () => {
    const { send } = sender(() => answered(200, { word: 'always' }));

    const verdict = await run([VARYING], send);

    expect(verdict.passed).toBe(false);
    expect(verdict.failed).toBe(1);
    expect(verdict.failures).toEqual([
      { probe: VARYING.name, check: 'variety', problem: `${VARIETY_BATCH} answers all carried the same word` },
    ]);
  });

  it('counts an answer that fails several ways as one failed check, and a send that throws as no answer', async () => {
    // Prepare: the refusal answered 200 with a broken body; the example's send throws.
    const { send } = sender((probe) => {
      if (probe === REFUSAL) return answered(200, { said: 'hi' }, { headers: { 'Cache-Control': 'public' } });
      throw new Error('connection reset');
    });

    // Act
    const verdict = await run([echoProbe(), REFUSAL], send);

    // Assess
    expect(verdict).toMatchObject({ passed: false, answered: 1, checks: 2, failed: 2 });
    expect(verdict.failures.map(({ check }) => check).sort()).toEqual([
      'contract',
      'expected answer',
      'headers',
      'no answer',
    ]);
  });

  it('stops at its deadline, failing with how many answers came in time', async () => {
    // Prepare: answers that never come.
    const startedAt = performance.now();

    // Act
    const verdict = await run([echoProbe(), REFUSAL], () => new Promise<Outcome>(() => undefined), 50);

    // Assess
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toEqual([
      { probe: '(battery)', check: 'deadline', problem: '0 of 2 answers within 50 ms' },
    ]);
  });
});
