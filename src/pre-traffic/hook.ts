// The pre-traffic hook, for any contract (src/pre-traffic/handler.ts is this project's): CodeDeploy
// runs it after publishing a new version of the API's function and before shifting any traffic.
// It invokes that version directly with the contract's battery, checks every answer against the
// contract, and reports Succeeded only when all passed; Failed (CodeDeploy then rolls back) otherwise.
// https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html#reference-appspec-file-structure-hooks-section-structure-lambda-sample-function

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
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

/** The report's time, kept after the gate's deadline (GATE_DEADLINE_MS) within the hook's timeout. */
const REPORT_RESERVE_MS = 15_000;

// Read once: the version under test (template.yaml passes `!Ref MeditationsFunction.Version`).
const { TARGET_FUNCTION_VERSION = '', STAGE_NAME = 'v1' } = process.env;
const lambda = new LambdaClient({});
const codeDeploy = new CodeDeployClient({});

const invokeVersion = async (event: unknown, signal: AbortSignal): Promise<Invocation> => {
  const output = await lambda.send(
    new InvokeCommand({ FunctionName: TARGET_FUNCTION_VERSION, Payload: JSON.stringify(event) }),
    { abortSignal: signal },
  );
  const text = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
  let payload: unknown = text;
  try {
    payload = JSON.parse(text);
  } catch {
    // Lambda returned something that is not JSON: the proxy-response check says so.
  }
  return { functionError: output.FunctionError, payload };
};

/** The hook for a contract: give it the contract's generated battery and validators. */
export const preTrafficHook = (battery: ContractBattery) => {
  const gate = async ({ DeploymentId, LifecycleEventHookExecutionId }: LifecycleEvent, context: Context) => {
    const startedAt = Date.now();
    const remaining = context.getRemainingTimeInMillis();
    let status: HookStatus = 'Failed';
    try {
      if (TARGET_FUNCTION_VERSION === '') throw new Error('TARGET_FUNCTION_VERSION is not set');
      const deadlineMs = Math.max(0, Math.min(GATE_DEADLINE_MS, remaining - REPORT_RESERVE_MS));
      const verdict = await runGate({ battery, invoke: invokeVersion, stage: STAGE_NAME, deadlineMs });
      for (const failure of verdict.failures) logger.error('Contract check failed', { ...failure });
      metrics.addMetric(METRICS.preTrafficChecksFailed, MetricUnit.Count, verdict.failed);
      logger.info(verdict.passed ? 'The new version keeps the contract' : 'The new version breaks the contract', {
        version: TARGET_FUNCTION_VERSION,
        checks: verdict.checks,
        failed: verdict.failed,
      });
      if (verdict.passed) status = 'Succeeded';
    } catch (error) {
      logger.error('The gate could not run', error as Error);
      metrics.addMetric(METRICS.preTrafficChecksFailed, MetricUnit.Count, 1);
    }
    await reportStatus(status, {
      send: async (verdict) => {
        await codeDeploy.send(
          new PutLifecycleEventHookExecutionStatusCommand({
            deploymentId: DeploymentId,
            lifecycleEventHookExecutionId: LifecycleEventHookExecutionId,
            status: verdict,
          }),
        );
      },
      until: startedAt + remaining - 1_000,
      onRetry: (attempt, error) =>
        logger.warn('Reporting to CodeDeploy failed; retrying', { attempt, error: error.message }),
    });
    logger.info('Reported to CodeDeploy', { status, deploymentId: DeploymentId });
    return { status };
  };

  return middy(gate)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(logMetrics(metrics));
};
