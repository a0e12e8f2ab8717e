// The budgets of BENCHMARKS.md, and each figure's verdict against its budget in the run that measured it.
import { QUIET_BELOW } from './machine.ts';

/** A limit, or a limit over (or a share of) the floor of the same run. */
export type Budget =
  | { at: 'most' | 'least'; limit: number }
  | { at: 'most'; overFloor: number }
  | { at: 'most' | 'least'; shareOfFloor: number };

export const BUDGETS = {
  bundleKb: { at: 'most', limit: 48 },
  /** AWS SDK modules (Lambda's runtime ships the SDK) and run-time schema compilers (they build code from strings). */
  noneBundled: { at: 'most', limit: 0 },
  /**
   * A multiple of the floor, not milliseconds over it: how fast Node starts and loads code differs
   * twofold between machines of one kind (the floor's p50 was 6.2 ms on one, 11–12 ms on another),
   * and the bundle's cost scales with it. 3.4× is floor + 15 ms where the floor is 6.2 ms.
   */
  coldP50Ms: { at: 'most', shareOfFloor: 3.4 },
  /** 10× under Lambda's 1 ms billing step. */
  warmP99Us: { at: 'most', limit: 100 },
  rssMb: { at: 'most', overFloor: 40 },
  /** A regression guard: the runner does Lambda's handoffs on purpose (BENCHMARKS.md). */
  runnerThroughput: { at: 'least', shareOfFloor: 0.06 },
  firstAnswerMs: { at: 'most', limit: 2000 },
  /** The page's HTML, script (the client and openapi-fetch inside) and style, gzipped: a first visit on a slow phone. */
  pageKb: { at: 'most', limit: 8 },
} as const satisfies Record<string, Budget>;

export type BudgetName = keyof typeof BUDGETS;

/**
 * Budgets on figures that other work on the machine moves (memory included: a starved process
 * collects garbage late). Every other budget is on a size, which no load changes.
 */
const TIMINGS: ReadonlySet<BudgetName> = new Set([
  'coldP50Ms',
  'warmP99Us',
  'rssMb',
  'runnerThroughput',
  'firstAnswerMs',
]);

/** One measured figure, beside the floor measured in the same run, and the budget it answers to. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  floor?: number;
  budget?: BudgetName;
}

/** A figure as the JSON report records it: its budget spelled out, and of which kind. */
export interface Row {
  figure: string;
  value: number;
  unit: string;
  floor?: number;
  budget?: Budget;
  /** Whether this run enforces the budget: sizes always. */
  enforced?: true;
  /** A timing, whose budget is enforced on a full run on a quiet machine only. */
  timing?: true;
}

/** What the run was: --quick or full, and how busy other work kept the machine before and after. */
export interface RunState {
  quick: boolean;
  busy: { before: number; after: number };
}

/** pass; fail (over an enforced budget); over (over a budget this run does not enforce). */
export type Outcome = 'pass' | 'fail' | 'over';

export interface Verdict {
  row: Row;
  /** None for a figure without a budget. */
  outcome?: Outcome;
}

export interface Judgement {
  timingsJudged: boolean;
  verdicts: Verdict[];
  failed: Row[];
}

export const rowOf = ({ budget, ...figure }: Figure): Row => {
  if (budget === undefined) return figure;
  return { ...figure, budget: BUDGETS[budget], ...(TIMINGS.has(budget) ? { timing: true } : { enforced: true }) };
};

/** Timings mean something on a full run on a quiet machine only; a quick run is too short to judge them. */
export const judgesTimings = ({ quick, busy }: RunState) => !quick && Math.max(busy.before, busy.after) < QUIET_BELOW;

export const limitOf = ({ budget, floor = Number.NaN }: Row): number | undefined => {
  if (budget === undefined) return undefined;
  if ('limit' in budget) return budget.limit;
  return 'overFloor' in budget ? floor + budget.overFloor : floor * budget.shareOfFloor;
};

const withinBudget = (row: Row) => {
  const limit = limitOf(row);
  if (limit === undefined) return true;
  return row.budget?.at === 'most' ? row.value <= limit : row.value >= limit;
};

export const judge = (figures: Figure[], state: RunState): Judgement => {
  const timingsJudged = judgesTimings(state);
  const verdicts = figures.map(rowOf).map((row): Verdict => {
    if (row.budget === undefined) return { row };
    if (withinBudget(row)) return { row, outcome: 'pass' };
    const enforced = row.timing ? timingsJudged : row.enforced === true;
    return { row, outcome: enforced ? 'fail' : 'over' };
  });
  const failed = verdicts.filter(({ outcome }) => outcome === 'fail').map(({ row }) => row);
  return { timingsJudged, verdicts, failed };
};
