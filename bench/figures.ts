// What each measurement says: bundles, samples and load results summed up as the figures of the table and the JSON.
import { gzipSync } from 'node:zlib';
import type { Variant } from './build.ts';
import type { LoadFigures } from './http.ts';
import type { Figure } from './judge.ts';
import { median, percentile } from './stats.ts';

export interface Bundle {
  bytes: number;
  inputs: string[];
  text: string;
}

/** One cold run, timed inside the fresh process. */
export interface Cold {
  coldMs: number;
  importMs: number;
}

export interface ColdSamples {
  production: Cold[];
  floor: Cold[];
  /** Production runs without NODE_OPTIONS; none on a quick run. */
  withoutSourceMaps: Cold[];
  /** From spawn to the first answer, timed outside the process. */
  wall: { production: number[]; floor: number[] };
}

export interface Warm {
  p50Us: number;
  p90Us: number;
  p99Us: number;
  heapUsedMb: number;
  rssMb: number;
}

export interface RunnerLoad {
  bare: LoadFigures;
  runner: LoadFigures;
  firstAnswerMs: number;
}

const kb = (bytes: number) => bytes / 1024;

// ajv (or any code generator) compiling a schema at run time builds functions from strings.
const runtimeCompilers = ({ inputs, text }: Bundle) =>
  inputs.filter((input) => /node_modules\/ajv\//.test(input)).length + (text.includes('new Function(') ? 1 : 0);
const sdkModules = ({ inputs }: Bundle) =>
  inputs.filter((input) => /node_modules\/(@aws-sdk\/|aws-sdk\/|@smithy\/)/.test(input)).length;

export const sizeFigures = (production: Bundle, floor: Bundle, hook: Bundle): Figure[] => [
  {
    figure: 'bundle, minified',
    value: kb(production.bytes),
    unit: 'KB',
    floor: kb(floor.bytes),
    budget: 'bundleKb',
  },
  {
    figure: 'bundle, gzipped',
    value: kb(gzipSync(production.text).length),
    unit: 'KB',
    floor: kb(gzipSync(floor.text).length),
  },
  { figure: 'AWS SDK modules bundled', value: sdkModules(production), unit: '', budget: 'noneBundled' },
  {
    figure: 'run-time schema compilers bundled',
    value: runtimeCompilers(production),
    unit: '',
    budget: 'noneBundled',
  },
  { figure: 'pre-traffic hook bundle, minified', value: kb(hook.bytes), unit: 'KB' },
  { figure: 'pre-traffic hook: AWS SDK modules bundled', value: sdkModules(hook), unit: '', budget: 'noneBundled' },
  {
    figure: 'pre-traffic hook: run-time schema compilers',
    value: runtimeCompilers(hook),
    unit: '',
    budget: 'noneBundled',
  },
];

const total = (runs: Cold[]) => runs.map(({ coldMs }) => coldMs);
const imports = (runs: Cold[]) => runs.map(({ importMs }) => importMs);
const invocations = (runs: Cold[]) => runs.map(({ coldMs, importMs }) => coldMs - importMs);

export const coldFigures = (cold: ColdSamples): Figure[] => {
  const [production, floor] = [cold.production, cold.floor];
  const withoutSourceMaps: Figure = {
    figure: 'cold: p50 without --enable-source-maps',
    value: median(total(cold.withoutSourceMaps)),
    unit: 'ms',
    floor: median(total(floor)),
  };
  return [
    {
      figure: 'cold: import + first invocation p50',
      value: median(total(production)),
      unit: 'ms',
      floor: median(total(floor)),
      budget: 'coldP50Ms',
    },
    {
      figure: 'cold: import + first invocation p90',
      value: percentile(total(production), 0.9),
      unit: 'ms',
      floor: percentile(total(floor), 0.9),
    },
    {
      figure: 'cold: of which import p50',
      value: median(imports(production)),
      unit: 'ms',
      floor: median(imports(floor)),
    },
    {
      figure: 'cold: of which first invocation p50',
      value: median(invocations(production)),
      unit: 'ms',
      floor: median(invocations(floor)),
    },
    ...(cold.withoutSourceMaps.length > 0 ? [withoutSourceMaps] : []),
    {
      figure: 'cold: process start to first answer p50',
      value: median(cold.wall.production),
      unit: 'ms',
      floor: median(cold.wall.floor),
    },
  ];
};

/** `invocations`: how many each warm process answered, which the memory figures are after. */
export const warmFigures = (warm: Record<Variant, Warm>, invocations: number): Figure[] => {
  const invocationsRun = invocations.toLocaleString('en');
  const layers = (['middy', 'logger', 'metrics'] as const).map(
    (layer): Figure => ({
      figure: `warm: layer ${layer} (p50, floor included)`,
      value: warm[layer].p50Us,
      unit: 'µs',
      floor: warm.floor.p50Us,
    }),
  );
  return [
    {
      figure: 'warm: invocation p50 (logging + metrics on)',
      value: warm.production.p50Us,
      unit: 'µs',
      floor: warm.floor.p50Us,
    },
    {
      figure: 'warm: invocation p99',
      value: warm.production.p99Us,
      unit: 'µs',
      floor: warm.floor.p99Us,
      budget: 'warmP99Us',
    },
    ...layers,
    {
      figure: `heap after GC, ${invocationsRun} invocations`,
      value: warm.production.heapUsedMb,
      unit: 'MB',
      floor: warm.floor.heapUsedMb,
    },
    {
      figure: `RSS after ${invocationsRun} invocations`,
      value: warm.production.rssMb,
      unit: 'MB',
      floor: warm.floor.rssMb,
      budget: 'rssMb',
    },
  ];
};

export const runnerFigures = ({ bare, runner, firstAnswerMs }: RunnerLoad): Figure[] => [
  {
    figure: 'local runner: requests/s (floor: bare server)',
    value: runner.requestsPerSecond,
    unit: 'req/s',
    floor: bare.requestsPerSecond,
    budget: 'runnerThroughput',
  },
  { figure: 'local runner: latency p99', value: runner.p99Ms, unit: 'ms', floor: bare.p99Ms },
  { figure: 'local runner: npm start to first 200', value: firstAnswerMs, unit: 'ms', budget: 'firstAnswerMs' },
];

/** The "Ask the guru" page as a browser downloads it: its script, and all its files gzipped, as static hosts serve them. */
export const pageFigures = (files: Record<string, Buffer>): Figure[] => {
  const script = files['app.js'] ?? Buffer.alloc(0);
  const gzipped = Object.values(files).reduce((total, content) => total + gzipSync(content).length, 0);
  return [
    { figure: '"Ask the guru" page script, minified', value: kb(script.length), unit: 'KB' },
    { figure: '"Ask the guru" page, gzipped', value: kb(gzipped), unit: 'KB', budget: 'pageKb' },
  ];
};
