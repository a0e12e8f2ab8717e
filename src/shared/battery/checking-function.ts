// What the two functions that run the battery share, the pre-traffic hook and the contract monitor:
// the middy wiring (every log line carries the invocation's ids, and the metrics flush on every
// path), and a run that never throws (each failed check logged; a run that could not run at all
// logged and counted as one failed check, so that the metric and the alarm say so).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger, metrics } from '../observability.ts';
import type { Verdict } from './run.ts';

/** A function that runs the battery, wrapped as Lambda runs it: logger context and metrics on every path. */
export const checkingFunction = <Event, Result>(run: (event: Event, context: Context) => Promise<Result>) =>
  middy(run)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));

/** The verdict of a run that could not run: no check made, one failed. */
const COULD_NOT_RUN: Verdict = { passed: false, answered: 0, checks: 0, failed: 1, failures: [] };

/** Runs the checks and logs each failure; when they cannot run, logs why under `couldNotRun`. Never throws. */
export const runChecks = async (checks: () => Promise<Verdict>, couldNotRun: string): Promise<Verdict> => {
  let verdict: Verdict;
  try {
    verdict = await checks();
  } catch (error) {
    logger.error(couldNotRun, error as Error);
    return COULD_NOT_RUN;
  }
  for (const failure of verdict.failures) logger.error('Contract check failed', { ...failure });
  return verdict;
};
