// The pre-traffic hook, for any contract (src/pre-traffic/handler.ts is this project's): CodeDeploy
// runs it after publishing a new version of the API's function and before shifting any traffic.
// It invokes that version directly with the contract's battery, checks every answer against the
// contract, and reports Succeeded only when all passed; Failed (CodeDeploy then rolls back) otherwise.
// https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#reference-appspec-file-structure-hooks-section-structure-lambda-sample-function
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { checkingFunction, runChecks } from '../shared/battery/checking-function.ts';
import type { ContractBattery } from '../shared/battery/checks.ts';
import type { Invocation } from '../shared/battery/senders.ts';
import { logger, METRICS, metrics } from '../shared/observability.ts';
import { GATE_DEADLINE_MS, runGate } from './gate.ts';
import { type HookStatus, reportStatus } from './report.ts';

/** What CodeDeploy sends the hook. */
export interface LifecycleEvent {
  DeploymentId: string;
  LifecycleEventHookExecutionId: string;
}

export interface HookOptions {
  /** The contract the version must keep, and its validators. */
  battery: ContractBattery;
  /** The version under test (template.yaml's `!Ref <Function>.Version`), never the alias: it is what must pass. */
  targetVersion: string;
  /** The stage the events name, as API Gateway would send them. */
  stage: string;
  /** Who the events say sent them (their User-Agent): the hook's service name. */
  userAgent: string;
  /** Invokes a version of the function with one event: Lambda's Invoke (src/pre-traffic/aws.ts). */
  invoke: (functionName: string, event: unknown, signal: AbortSignal) => Promise<Invocation>;
  /** Tells CodeDeploy the verdict; rejects when it is not taken (src/pre-traffic/aws.ts). */
  report: (event: LifecycleEvent, status: HookStatus) => Promise<void>;
}

/** The report's time, kept after the gate's deadline (GATE_DEADLINE_MS) within the hook's timeout. */
const REPORT_RESERVE_MS = 15_000;

/** The hook for a contract, reaching Lambda and CodeDeploy through the functions it is given. */
export const preTrafficHook = ({ battery, targetVersion, stage, userAgent, invoke, report }: HookOptions) => {
  const gate = async (event: LifecycleEvent, context: Context) => {
    const startedAt = Date.now();
    const remaining = context.getRemainingTimeInMillis();
    const verdict = await runChecks(async () => {
      if (targetVersion === '') throw new Error('TARGET_FUNCTION_VERSION is not set');
      const deadlineMs = Math.max(0, Math.min(GATE_DEADLINE_MS, remaining - REPORT_RESERVE_MS));
      return runGate({
        battery,
        invoke: (probe, signal) => invoke(targetVersion, probe, signal),
        stage,
        userAgent,
        deadlineMs,
      });
    }, 'The gate could not run');
    metrics.addMetric(METRICS.preTrafficChecksFailed, MetricUnit.Count, verdict.failed);
    logger.info(verdict.passed ? 'The new version keeps the contract' : 'The new version breaks the contract', {
      version: targetVersion,
      checks: verdict.checks,
      failed: verdict.failed,
    });
    const status: HookStatus = verdict.passed ? 'Succeeded' : 'Failed';
    await reportStatus(status, {
      send: (verdictStatus) => report(event, verdictStatus),
      until: startedAt + remaining - 1_000,
      onRetry: (attempt, error) =>
        logger.warn('Reporting to CodeDeploy failed; retrying', { attempt, error: error.message }),
    });
    logger.info('Reported to CodeDeploy', { status, deploymentId: event.DeploymentId });
    return { status };
  };

  return checkingFunction(gate);
};
