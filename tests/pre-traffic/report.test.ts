// Telling CodeDeploy the gate's verdict (src/pre-traffic/report.ts): retried with back-off while
// attempts and time allow, never past the hook's own deadline.
import { describe, expect, it } from 'vitest';
import { type HookStatus, reportStatus } from '../../src/pre-traffic/report.ts';

const THROTTLED = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

/** A CodeDeploy that refuses the first `refusals` reports, and records every attempt. */
const codeDeploy = (refusals: number) => {
  const sent: HookStatus[] = [];
  const send = async (status: HookStatus) => {
    sent.push(status);
    if (sent.length <= refusals) throw THROTTLED;
  };
  return { sent, send };
};

describe('reportStatus', () => {
  it('reports once when CodeDeploy takes it, and says after how many attempts', async () => {
    const { sent, send } = codeDeploy(0);

    expect(await reportStatus('Succeeded', { send, until: Date.now() + 10_000 })).toBe(1);
    expect(sent).toEqual(['Succeeded']);
  });

  it('retries what CodeDeploy refuses, telling each retry', async () => {
    // Prepare
    const { sent, send } = codeDeploy(2);
    const retries: [number, string][] = [];

    // Act
    const attempts = await reportStatus('Failed', {
      send,
      until: Date.now() + 10_000,
      baseDelayMs: 1,
      onRetry: (attempt, error) => retries.push([attempt, error.message]),
    });

    // Assess
    expect(attempts).toBe(3);
    expect(sent).toEqual(['Failed', 'Failed', 'Failed']);
    expect(retries).toEqual([
      [1, 'Rate exceeded'],
      [2, 'Rate exceeded'],
    ]);
  });

  it('rejects with the last error once its attempts are spent', async () => {
    const { sent, send } = codeDeploy(Number.POSITIVE_INFINITY);

    await expect(
      reportStatus('Failed', { send, until: Date.now() + 10_000, attempts: 3, baseDelayMs: 1 }),
    ).rejects.toBe(THROTTLED);
    expect(sent).toHaveLength(3);
  });

  it('starts no attempt its back-off would put past the deadline', async () => {
    // Prepare: a first wait of 1 s, and 100 ms left.
    const { sent, send } = codeDeploy(Number.POSITIVE_INFINITY);
    const startedAt = performance.now();

    // Act
    const report = reportStatus('Succeeded', { send, until: Date.now() + 100, baseDelayMs: 1_000 });

    // Assess
    await expect(report).rejects.toBe(THROTTLED);
    expect(sent).toHaveLength(1);
    expect(performance.now() - startedAt).toBeLessThan(500);
  });
});
