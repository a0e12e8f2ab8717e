// bench/report.ts: the table the benchmark prints, its heading and failure line, and the JSON it writes.
import { describe, expect, it } from 'vitest';
import { BUDGETS, type Figure, judge, type RunState } from '../../bench/judge.ts';
import { settingsFor } from '../../bench/measure.ts';
import {
  describeBudget,
  formatFailures,
  formatHeading,
  formatNumber,
  formatRatio,
  formatTable,
  jsonReport,
  type Run,
} from '../../bench/report.ts';
import { contractTitle } from '../../lib/contract.ts';
import { projectFile } from '../../lib/project.ts';

const DATE = new Date('2026-12-01T17:16:00.000Z');
const TITLE = contractTitle(projectFile('openapi.yaml'));
const runOf = (state: RunState): Run => ({ state, settings: settingsFor(state.quick), node: '24.21.0', date: DATE });
const QUIET = runOf({ quick: false, busy: { before: 0.02, after: 0.04 } });

describe('report', () => {
  it('prints a column per part of a figure, the figure left-aligned and the rest right-aligned', () => {
    // Prepare
    const figures: Figure[] = [
      { figure: 'bundle, minified', value: 41.94, unit: 'KB', floor: 0.958, budget: 'bundleKb' },
      { figure: 'pre-traffic hook bundle, minified', value: 91.6, unit: 'KB' },
      { figure: 'RSS after 100,000 invocations', value: 110, unit: 'MB', floor: 60, budget: 'rssMb' },
    ];

    // Act
    const lines = formatTable(judge(figures, QUIET.state).verdicts);

    // Assess
    expect(lines).toEqual([
      'figure                             value  unit  floor  ratio        budget  result',
      'bundle, minified                    41.9    KB   0.96  43.8×          ≤ 48    pass',
      'pre-traffic hook bundle, minified   91.6    KB                                    ',
      'RSS after 100,000 invocations        110    MB     60  1.83×  ≤ floor + 40    FAIL',
    ]);
  });

  it('words a timing over its budget on a run that does not enforce it', () => {
    // Prepare
    const quick = runOf({ quick: true, busy: { before: 0, after: 0 } });
    const figures: Figure[] = [{ figure: 'warm p99', value: 145, unit: 'µs', floor: 3, budget: 'warmP99Us' }];

    // Act
    const [, line] = formatTable(judge(figures, quick.state).verdicts);

    // Assess
    expect(line?.split(/ {2,}/).slice(-2)).toEqual(['≤ 100', 'over (not enforced)']);
  });

  it('prints counts and other whole numbers without decimals, and others to about three digits', () => {
    // Prepare
    const values = [0, 32, 0.958, 5.123, 41.94, 145.4, 44_813.2];

    // Act
    const printed = values.map(formatNumber);

    // Assess
    expect(printed).toEqual(['0', '32', '0.96', '5.12', '41.9', '145', '44813']);
  });

  it('gives a ratio under 1 two significant digits, and a whole ratio its decimals', () => {
    // Prepare
    const ratios = [0.0951, 0.082, 3.456, 8, 43.8];

    // Act
    const printed = ratios.map(formatRatio);

    // Assess
    expect(printed).toEqual(['0.095', '0.082', '3.46', '8.00', '43.8']);
  });

  it('describes a limit, a limit over the floor and a share of the floor', () => {
    // Prepare
    const budgets = [BUDGETS.bundleKb, BUDGETS.rssMb, BUDGETS.coldP50Ms, BUDGETS.runnerThroughput, undefined];

    // Act
    const described = budgets.map(describeBudget);

    // Assess
    expect(described).toEqual(['≤ 48', '≤ floor + 40', '≤ 3.4× floor', '≥ 0.06× floor', '']);
  });

  it('heads a quick run, a busy machine and a quiet one each with what was enforced', () => {
    // Prepare
    const quick = runOf({ quick: true, busy: { before: 0, after: 0 } });
    const busy = runOf({ quick: false, busy: { before: 0.1, after: 0.996 } });

    // Act
    const headings = [quick, busy, QUIET].map(formatHeading);

    // Assess
    expect(headings).toEqual([
      `${TITLE} benchmark (--quick: only the size budgets are enforced), Node 24.21.0, 2026-12-01T17:16:00.000Z`,
      `${TITLE} benchmark (the machine was busy with other work: 10% before, 100% after of its CPU; timings reported, their budgets not enforced), Node 24.21.0, 2026-12-01T17:16:00.000Z`,
      `${TITLE} benchmark, Node 24.21.0, 2026-12-01T17:16:00.000Z`,
    ]);
  });

  it('names every failed budget on one line, and has no line when none failed', () => {
    // Prepare
    const figures: Figure[] = [
      { figure: 'bundle, minified', value: 50, unit: 'KB', budget: 'bundleKb' },
      { figure: 'AWS SDK modules bundled', value: 2, unit: '', budget: 'noneBundled' },
      { figure: 'bundle, gzipped', value: 50, unit: 'KB' },
    ];

    // Act
    const failing = formatFailures(judge(figures, QUIET.state));
    const passing = formatFailures(judge(figures.slice(2), QUIET.state));

    // Assess
    expect(failing).toBe('2 budget(s) failed: bundle, minified; AWS SDK modules bundled');
    expect(passing).toBeUndefined();
  });

  it('writes what the run was, its settings, the budgets and every row to the JSON', () => {
    // Prepare
    const figures: Figure[] = [
      { figure: 'warm: invocation p99', value: 90, unit: 'µs', floor: 1, budget: 'warmP99Us' },
      { figure: 'bundle, gzipped', value: 13.8, unit: 'KB', floor: 0.63 },
    ];

    // Act
    const report = jsonReport(QUIET, judge(figures, QUIET.state));

    // Assess
    expect(report).toEqual({
      node: '24.21.0',
      quick: false,
      busy: { before: 0.02, after: 0.04, timingsJudged: true },
      settings: settingsFor(false),
      budgets: BUDGETS,
      date: '2026-12-01T17:16:00.000Z',
      rows: [
        { figure: 'warm: invocation p99', value: 90, unit: 'µs', floor: 1, budget: BUDGETS.warmP99Us, timing: true },
        { figure: 'bundle, gzipped', value: 13.8, unit: 'KB', floor: 0.63 },
      ],
    });
  });
});
