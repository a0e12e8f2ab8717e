// The benchmark's verdicts as words: the table it prints, the line that names failed budgets, and the JSON it writes.
import { contractTitle } from '../lib/contract.ts';
import { projectFile } from '../lib/project.ts';
import {
  BUDGETS,
  type Budget,
  type Judgement,
  judgesTimings,
  type Outcome,
  type RunState,
  type Verdict,
} from './judge.ts';
import type { Settings } from './measure.ts';

/** The API's name in the heading: the contract's title. */
const TITLE = contractTitle(projectFile('openapi.yaml'));

const threeDigits = (value: number) =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Whole numbers (counts, autocannon's milliseconds) as they are; others to three significant digits or so. */
export const formatNumber = (value: number | undefined) =>
  value === undefined ? '' : Number.isInteger(value) ? value.toFixed(0) : threeDigits(value);

// Two significant digits below 1, so that a ratio just under its budget (0.095×) never reads as 0.10×;
// a ratio is a quotient, not a count, so a whole one keeps its decimals (8.00×).
export const formatRatio = (ratio: number) => (ratio < 1 ? ratio.toPrecision(2) : threeDigits(ratio));

export const describeBudget = (budget: Budget | undefined) => {
  if (budget === undefined) return '';
  const sign = budget.at === 'most' ? '≤' : '≥';
  if ('limit' in budget) return `${sign} ${budget.limit}`;
  return 'overFloor' in budget ? `${sign} floor + ${budget.overFloor}` : `${sign} ${budget.shareOfFloor}× floor`;
};

const RESULTS: Record<Outcome, string> = { pass: 'pass', fail: 'FAIL', over: 'over (not enforced)' };

const cells = ({ row, outcome }: Verdict) => [
  row.figure,
  formatNumber(row.value),
  row.unit,
  formatNumber(row.floor),
  row.floor ? `${formatRatio(row.value / row.floor)}×` : '',
  describeBudget(row.budget),
  outcome === undefined ? '' : RESULTS[outcome],
];

/** The figure's column aligned left, every other column right. */
export const formatTable = (verdicts: Verdict[]): string[] => {
  const table = [['figure', 'value', 'unit', 'floor', 'ratio', 'budget', 'result'], ...verdicts.map(cells)];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  return table.map((line) =>
    line
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  '),
  );
};

/** What the run was, beside what it measured. */
export interface Run {
  state: RunState;
  settings: Settings;
  node: string;
  date: Date;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Says when budgets went unenforced, and why. */
export const formatHeading = ({ state, node, date }: Run) => {
  const busy = `${percent(state.busy.before)} before, ${percent(state.busy.after)} after`;
  const mode = state.quick
    ? ' (--quick: only the size budgets are enforced)'
    : judgesTimings(state)
      ? ''
      : ` (the machine was busy with other work: ${busy} of its CPU; timings reported, their budgets not enforced)`;
  return `${TITLE} benchmark${mode}, Node ${node}, ${date.toISOString()}`;
};

export const formatFailures = ({ failed }: Judgement) =>
  failed.length === 0 ? undefined : `${failed.length} budget(s) failed: ${failed.map((row) => row.figure).join('; ')}`;

/** The figures to compare two commits by: every row, with what the run was and the budgets it had. */
export const jsonReport = ({ state, settings, node, date }: Run, judgement: Judgement) => ({
  node,
  quick: state.quick,
  busy: { before: state.busy.before, after: state.busy.after, timingsJudged: judgement.timingsJudged },
  settings,
  budgets: BUDGETS,
  date: date.toISOString(),
  rows: judgement.verdicts.map(({ row }) => row),
});
