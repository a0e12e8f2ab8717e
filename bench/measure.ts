// Runs the benchmark's measurements, each against its floor in the same run, and returns their figures.

import { buildGuruPage, hasGuruPage } from '../lib/page.ts';
import { type BuiltVariant, buildHook, buildVariants, type Variant } from './build.ts';
import { benchHttpRequest } from './example.ts';
import {
  type Cold,
  type ColdSamples,
  coldFigures,
  pageFigures,
  type RunnerLoad,
  runnerFigures,
  sizeFigures,
  type Warm,
  warmFigures,
} from './figures.ts';
import { compareThroughput, timeToFirstAnswer } from './http.ts';
import type { Figure } from './judge.ts';
import { buildChild, runChild } from './processes.ts';

export interface Settings {
  coldRuns: number;
  warmInvocations: number;
  httpSeconds: number;
  httpMaxRequests: number;
  connections: number;
}

export const settingsFor = (quick: boolean): Settings =>
  quick
    ? { coldRuns: 3, warmInvocations: 2_000, httpSeconds: 1, httpMaxRequests: 50_000, connections: 50 }
    : { coldRuns: 30, warmInvocations: 100_000, httpSeconds: 10, httpMaxRequests: 500_000, connections: 50 };

type Built = Record<Variant, BuiltVariant>;

// Progress goes to stderr, so that stdout is the report alone.
const log = (text: string) => process.stderr.write(`${text}\n`);

/** The floor and production interleaved, so that a change in the machine's pace moves both alike. */
const measureCold = async (child: string, built: Built, runs: number, withSourceMapRuns: boolean) => {
  const cold: ColdSamples = { production: [], floor: [], withoutSourceMaps: [], wall: { production: [], floor: [] } };
  for (let i = 0; i < runs; i++) {
    for (const variant of ['floor', 'production'] as const) {
      const { result, wallMs } = await runChild<Cold>(child, 'cold', built[variant].file);
      cold[variant].push(result);
      cold.wall[variant].push(wallMs);
    }
    if (withSourceMapRuns) {
      const options = { withoutVariables: ['NODE_OPTIONS'] };
      cold.withoutSourceMaps.push((await runChild<Cold>(child, 'cold', built.production.file, options)).result);
    }
  }
  return cold;
};

const measureWarm = async (child: string, built: Built, count: number) => {
  const warm = {} as Record<Variant, Warm>;
  for (const variant of ['floor', 'middy', 'logger', 'metrics', 'production'] as const) {
    warm[variant] = (await runChild<Warm>(child, 'warm', built[variant].file, { count })).result;
  }
  return warm;
};

const measureRunner = async (settings: Settings): Promise<RunnerLoad> => {
  const { httpSeconds, httpMaxRequests, connections } = settings;
  const { bare, runner } = await compareThroughput(httpSeconds, httpMaxRequests, connections);
  // A throughput that includes failed requests measures the failure, not the runner.
  if (runner.errors + runner.non2xx + bare.errors + bare.non2xx > 0) {
    throw new Error(`load errors: runner ${JSON.stringify(runner)}, bare ${JSON.stringify(bare)}`);
  }
  return { bare, runner, firstAnswerMs: await timeToFirstAnswer() };
};

/** The "Ask the guru" page's sizes; none for a project without page/. */
const measurePage = async (): Promise<Figure[]> => {
  if (!hasGuruPage()) {
    log('No page/: no page to measure.');
    return [];
  }
  log('Building the "Ask the guru" page as the deploy publishes it (lib/page.ts)…');
  return pageFigures(await buildGuruPage('https://abc123defg.execute-api.eu-west-1.amazonaws.com/v1'));
};

/** A full run adds cold starts without source maps, to show what they cost. */
export const measure = async (settings: Settings, quick: boolean): Promise<Figure[]> => {
  log('Building the production bundle, the floor and the layers as sam build does (lib/bundle.ts)…');
  const built = await buildVariants();
  const sizes = sizeFigures(built.production, built.floor, await buildHook());
  const page = await measurePage();

  log(`Cold starts: ${settings.coldRuns} fresh processes each, the floor interleaved…`);
  const child = await buildChild();
  const cold = coldFigures(await measureCold(child, built, settings.coldRuns, !quick));

  log(`Warm: ${settings.warmInvocations} invocations per bundle, yielding between calls, logs to /dev/null…`);
  const warm = warmFigures(await measureWarm(child, built, settings.warmInvocations), settings.warmInvocations);

  const { method, path } = benchHttpRequest();
  log(
    `Local runner: ${method} ${path} at ${settings.connections} connections for ${settings.httpSeconds} s, against a bare node:http server…`,
  );
  const runner = runnerFigures(await measureRunner(settings));
  return [...sizes, ...page, ...cold, ...warm, ...runner];
};
