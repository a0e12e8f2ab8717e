// `npm run bench [-- --quick] [-- --out file.json]`: what the function costs against a raw handler
// (the floor), what each layer costs, and how the local runner compares with a bare server.
// Prints one table, writes the figures as JSON, and exits 1 when a budget fails. --quick runs a
// small version for CI and enforces only the size budget: timings belong to a quiet machine.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildVariants, type Variant } from './build.ts';
import { compareThroughput, timeToFirstAnswer } from './http.ts';
import { buildChild, runChild } from './processes.ts';
import { median, percentile } from './stats.ts';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } },
  strict: true,
});
const QUICK = values.quick;
const OUT = values.out ?? fileURLToPath(new URL('../artifacts/bench.json', import.meta.url));
const SETTINGS = QUICK
  ? { coldRuns: 3, warmInvocations: 2_000, httpSeconds: 1, httpMaxRequests: 50_000, connections: 50 }
  : { coldRuns: 30, warmInvocations: 100_000, httpSeconds: 10, httpMaxRequests: 500_000, connections: 50 };

/** The budgets of BENCHMARKS.md. */
const BUDGETS = {
  bundleKb: 48,
  coldP50Ms: 12,
  warmP50Us: 35,
  rssMb: 100,
  runnerThroughputRatio: 0.5,
  firstAnswerMs: 2000,
} as const;

interface Row {
  figure: string;
  value: number;
  unit: string;
  floor?: number;
  budget?: { limit: number; at: 'most' | 'least' };
  /** Whether this run enforces the budget (--quick enforces only the size). */
  enforced?: boolean;
}

const rows: Row[] = [];
const add = (row: Row) => rows.push(row);
const passes = (row: Row) =>
  row.budget === undefined ||
  (row.budget.at === 'most' ? row.value <= row.budget.limit : row.value >= row.budget.limit);
const log = (text: string) => process.stderr.write(`${text}\n`);

// Size ---------------------------------------------------------------------------------------
log("Building the production bundle, the floor and the layers with the template's BuildProperties…");
const built = await buildVariants();
const production = built.production;
const kb = (bytes: number) => bytes / 1024;
add({
  figure: 'bundle, minified',
  value: kb(production.bytes),
  unit: 'KB',
  floor: kb(built.floor.bytes),
  budget: { limit: BUDGETS.bundleKb, at: 'most' },
  enforced: true,
});
add({
  figure: 'bundle, gzipped',
  value: kb(gzipSync(production.text).length),
  unit: 'KB',
  floor: kb(gzipSync(built.floor.text).length),
});
const awsSdk = production.inputs.filter((input) => /node_modules\/(@aws-sdk\/|aws-sdk\/)/.test(input)).length;
add({ figure: 'AWS SDK modules bundled', value: awsSdk, unit: '', budget: { limit: 0, at: 'most' }, enforced: true });
// ajv (or any code generator) compiling a schema at run time builds functions from strings.
const runtimeCompilation =
  production.inputs.filter((input) => /node_modules\/ajv\//.test(input)).length +
  (production.text.includes('new Function(') ? 1 : 0);
add({
  figure: 'run-time schema compilers bundled',
  value: runtimeCompilation,
  unit: '',
  budget: { limit: 0, at: 'most' },
  enforced: true,
});

// Cold ---------------------------------------------------------------------------------------
log(`Cold starts: ${SETTINGS.coldRuns} fresh processes each, interleaved with the floor…`);
const child = await buildChild();
const cold: Record<'production' | 'floor', { inProcess: number[]; wall: number[] }> = {
  production: { inProcess: [], wall: [] },
  floor: { inProcess: [], wall: [] },
};
for (let i = 0; i < SETTINGS.coldRuns; i++) {
  for (const variant of ['floor', 'production'] as const) {
    const { result, wallMs } = await runChild<{ coldMs: number }>(child, 'cold', built[variant].file);
    cold[variant].inProcess.push(result.coldMs);
    cold[variant].wall.push(wallMs);
  }
}
const enforceTimings = !QUICK;
add({
  figure: 'cold: import + first invocation p50',
  value: median(cold.production.inProcess),
  unit: 'ms',
  floor: median(cold.floor.inProcess),
  budget: { limit: BUDGETS.coldP50Ms, at: 'most' },
  enforced: enforceTimings,
});
add({
  figure: 'cold: import + first invocation p90',
  value: percentile(cold.production.inProcess, 0.9),
  unit: 'ms',
  floor: percentile(cold.floor.inProcess, 0.9),
});
add({
  figure: 'cold: process start to first answer p50',
  value: median(cold.production.wall),
  unit: 'ms',
  floor: median(cold.floor.wall),
});
add({
  figure: 'cold: process start to first answer p90',
  value: percentile(cold.production.wall, 0.9),
  unit: 'ms',
  floor: percentile(cold.floor.wall, 0.9),
});

// Warm ---------------------------------------------------------------------------------------
interface Warm {
  p50Us: number;
  p90Us: number;
  p99Us: number;
  heapUsedMb: number;
  rssMb: number;
}
log(`Warm: ${SETTINGS.warmInvocations} invocations per bundle, yielding between calls, logs to /dev/null…`);
const warm = {} as Record<Variant, Warm>;
for (const variant of ['floor', 'middy', 'logger', 'metrics', 'production'] as const) {
  warm[variant] = (await runChild<Warm>(child, 'warm', built[variant].file, SETTINGS.warmInvocations)).result;
}
add({
  figure: 'warm: invocation p50 (logging + metrics on)',
  value: warm.production.p50Us,
  unit: 'µs',
  floor: warm.floor.p50Us,
  budget: { limit: BUDGETS.warmP50Us, at: 'most' },
  enforced: enforceTimings,
});
add({ figure: 'warm: invocation p99', value: warm.production.p99Us, unit: 'µs', floor: warm.floor.p99Us });
for (const layer of ['middy', 'logger', 'metrics'] as const) {
  add({
    figure: `warm: layer ${layer} (p50, floor included)`,
    value: warm[layer].p50Us,
    unit: 'µs',
    floor: warm.floor.p50Us,
  });
}
add({
  figure: `heap after GC, ${SETTINGS.warmInvocations} invocations`,
  value: warm.production.heapUsedMb,
  unit: 'MB',
  floor: warm.floor.heapUsedMb,
});
add({
  figure: `RSS after ${SETTINGS.warmInvocations} invocations`,
  value: warm.production.rssMb,
  unit: 'MB',
  floor: warm.floor.rssMb,
  budget: { limit: BUDGETS.rssMb, at: 'most' },
  enforced: enforceTimings,
});

// Local runner -------------------------------------------------------------------------------
log(
  `Local runner: POST / at ${SETTINGS.connections} connections for ${SETTINGS.httpSeconds} s (at most ${SETTINGS.httpMaxRequests} requests), against a bare node:http server…`,
);
const { bare, runner } = await compareThroughput(SETTINGS.httpSeconds, SETTINGS.httpMaxRequests, SETTINGS.connections);
if (runner.errors + runner.non2xx + bare.errors + bare.non2xx > 0)
  throw new Error(`load errors: runner ${JSON.stringify(runner)}, bare ${JSON.stringify(bare)}`);
add({
  figure: 'local runner: requests/s',
  value: runner.requestsPerSecond,
  unit: 'req/s',
  floor: bare.requestsPerSecond,
});
add({
  figure: 'local runner: throughput / bare server',
  value: runner.requestsPerSecond / bare.requestsPerSecond,
  unit: '×',
  budget: { limit: BUDGETS.runnerThroughputRatio, at: 'least' },
  enforced: enforceTimings,
});
add({ figure: 'local runner: latency p99', value: runner.p99Ms, unit: 'ms', floor: bare.p99Ms });
add({
  figure: 'local runner: start to first 200',
  value: await timeToFirstAnswer(),
  unit: 'ms',
  budget: { limit: BUDGETS.firstAnswerMs, at: 'most' },
  enforced: enforceTimings,
});

// Report -------------------------------------------------------------------------------------
const format = (value: number | undefined) =>
  value === undefined ? '' : value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
const table = [
  ['figure', 'value', 'unit', 'floor', 'ratio', 'budget', 'result'],
  ...rows.map((row) => [
    row.figure,
    format(row.value),
    row.unit,
    format(row.floor),
    row.floor ? `${format(row.value / row.floor)}×` : '',
    row.budget ? `${row.budget.at === 'most' ? '≤' : '≥'} ${row.budget.limit}` : '',
    row.budget === undefined ? '' : passes(row) ? 'pass' : row.enforced ? 'FAIL' : 'over (not enforced)',
  ]),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
console.log(
  `\nGuru Meditations benchmark${QUICK ? ' (--quick: only the size budget is enforced)' : ''}, Node ${process.versions.node}, ${new Date().toISOString()}\n`,
);
for (const line of table)
  console.log(
    line
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  '),
  );

mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(
  OUT,
  `${JSON.stringify({ node: process.versions.node, quick: QUICK, settings: SETTINGS, budgets: BUDGETS, date: new Date().toISOString(), rows }, null, 2)}\n`,
);
console.log(`\nFigures written to ${OUT}`);

const failed = rows.filter((row) => row.enforced && !passes(row));
if (failed.length > 0) {
  console.log(`\n${failed.length} budget(s) failed: ${failed.map((row) => row.figure).join('; ')}`);
  process.exit(1);
}
