// bench/judge.ts: each figure against its budget (a limit, a limit over the floor, a share of the
// floor), sizes always enforced, timings only on a full run on a quiet machine.
import { describe, expect, it } from 'vitest';
import { BUDGETS, type Figure, judge, type RunState, rowOf } from '../../bench/judge.ts';
import { QUIET_BELOW } from '../../bench/machine.ts';

const FULL_QUIET: RunState = { quick: false, busy: { before: 0.05, after: 0.1 } };

/** The outcome of each figure, by name. */
const outcomes = (figures: Figure[], state: RunState) =>
  Object.fromEntries(judge(figures, state).verdicts.map(({ row, outcome }) => [row.figure, outcome]));

describe('judge', () => {
  it('passes a figure at its limit and fails one over it', () => {
    // Prepare
    const figures: Figure[] = [
      { figure: 'at', value: 48, unit: 'KB', budget: 'bundleKb' },
      { figure: 'over', value: 48.1, unit: 'KB', budget: 'bundleKb' },
    ];

    // Act
    const judged = outcomes(figures, FULL_QUIET);

    // Assess
    expect(judged).toEqual({ at: 'pass', over: 'fail' });
  });

  it('judges a budget over the floor against the floor of the same figure plus the margin', () => {
    // Prepare: ≤ floor + 40 MB.
    const figures: Figure[] = [
      { figure: 'within', value: 99, unit: 'MB', floor: 60, budget: 'rssMb' },
      { figure: 'over', value: 101, unit: 'MB', floor: 60, budget: 'rssMb' },
    ];

    // Act
    const judged = outcomes(figures, FULL_QUIET);

    // Assess
    expect(judged).toEqual({ within: 'pass', over: 'fail' });
  });

  it('judges a share of the floor as a multiple at most, or a fraction at least', () => {
    // Prepare: cold ≤ 3.4× the floor; the runner ≥ 0.06× the bare server.
    const figures: Figure[] = [
      { figure: 'cold within', value: 33, unit: 'ms', floor: 10, budget: 'coldP50Ms' },
      { figure: 'cold over', value: 35, unit: 'ms', floor: 10, budget: 'coldP50Ms' },
      { figure: 'runner within', value: 3_100, unit: 'req/s', floor: 50_000, budget: 'runnerThroughput' },
      { figure: 'runner under', value: 2_900, unit: 'req/s', floor: 50_000, budget: 'runnerThroughput' },
    ];

    // Act
    const judged = outcomes(figures, FULL_QUIET);

    // Assess
    expect(judged).toEqual({
      'cold within': 'pass',
      'cold over': 'fail',
      'runner within': 'pass',
      'runner under': 'fail',
    });
  });

  it('fails a budget over the floor when no floor was measured', () => {
    // Prepare
    const figures: Figure[] = [{ figure: 'no floor', value: 1, unit: 'MB', budget: 'rssMb' }];

    // Act
    const judged = outcomes(figures, FULL_QUIET);

    // Assess
    expect(judged).toEqual({ 'no floor': 'fail' });
  });

  it('reports timings over budget on a busy machine without failing the run, and still fails a size', () => {
    // Prepare: busy after the run, quiet before.
    const busy: RunState = { quick: false, busy: { before: 0.05, after: QUIET_BELOW } };
    const figures: Figure[] = [
      { figure: 'warm p99', value: 250, unit: 'µs', floor: 1, budget: 'warmP99Us' },
      { figure: 'first answer', value: 1_500, unit: 'ms', budget: 'firstAnswerMs' },
      { figure: 'SDK modules', value: 3, unit: '', budget: 'noneBundled' },
    ];

    // Act
    const judgement = judge(figures, busy);

    // Assess
    expect(judgement.timingsJudged).toBe(false);
    expect(judgement.verdicts.map(({ outcome }) => outcome)).toEqual(['over', 'pass', 'fail']);
    expect(judgement.failed.map(({ figure }) => figure)).toEqual(['SDK modules']);
  });

  it('judges only the sizes on a quick run, however quiet the machine', () => {
    // Prepare
    const quick: RunState = { quick: true, busy: { before: 0, after: 0 } };
    const figures: Figure[] = [
      { figure: 'bundle', value: 60, unit: 'KB', floor: 1, budget: 'bundleKb' },
      { figure: 'cold p50', value: 100, unit: 'ms', floor: 10, budget: 'coldP50Ms' },
      { figure: 'RSS', value: 200, unit: 'MB', floor: 60, budget: 'rssMb' },
    ];

    // Act
    const judgement = judge(figures, quick);

    // Assess
    expect(judgement.timingsJudged).toBe(false);
    expect(judgement.failed.map(({ figure }) => figure)).toEqual(['bundle']);
    expect(outcomes(figures, quick)).toEqual({ bundle: 'fail', 'cold p50': 'over', RSS: 'over' });
  });

  it('gives a figure without a budget no outcome, and never fails it', () => {
    // Prepare
    const figures: Figure[] = [{ figure: 'gzipped', value: 1_000, unit: 'KB', floor: 1 }];

    // Act
    const judgement = judge(figures, FULL_QUIET);

    // Assess
    expect(judgement.verdicts).toEqual([{ row: { figure: 'gzipped', value: 1_000, unit: 'KB', floor: 1 } }]);
    expect(judgement.failed).toEqual([]);
  });

  it('records a size budget as enforced and a timing budget as a timing, each spelled out', () => {
    // Prepare
    const size: Figure = { figure: 'bundle', value: 40, unit: 'KB', floor: 1, budget: 'bundleKb' };
    const timing: Figure = { figure: 'warm p99', value: 90, unit: 'µs', floor: 1, budget: 'warmP99Us' };

    // Act
    const rows = [rowOf(size), rowOf(timing)];

    // Assess
    expect(rows).toEqual([
      { figure: 'bundle', value: 40, unit: 'KB', floor: 1, budget: BUDGETS.bundleKb, enforced: true },
      { figure: 'warm p99', value: 90, unit: 'µs', floor: 1, budget: BUDGETS.warmP99Us, timing: true },
    ]);
  });
});
