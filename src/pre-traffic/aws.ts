// The two AWS calls the hook makes, through the SDK the nodejs24.x runtime provides: Lambda's Invoke
// of the version under test, and CodeDeploy's PutLifecycleEventHookExecutionStatus. The hook takes
// them as functions (hook.ts), so that its tests pass fakes.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Invocation } from '../shared/battery/senders.ts';
import type { LifecycleEvent } from './hook.ts';
import type { HookStatus } from './report.ts';

/** Invokes a function version with one event and reads its payload as JSON (as text when it is not). */
export const lambdaInvoke =
  (lambda = new LambdaClient({})) =>
  async (functionName: string, event: unknown, signal: AbortSignal): Promise<Invocation> => {
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: functionName, Payload: JSON.stringify(event) }),
      {
        abortSignal: signal,
      },
    );
    const text = Buffer.from(output.Payload ?? new Uint8Array()).toString('utf8');
    try {
      return { functionError: output.FunctionError, payload: JSON.parse(text) };
    } catch {
      // Lambda returned something that is not JSON: the proxy-response check says so.
      return { functionError: output.FunctionError, payload: text };
    }
  };

/** Tells CodeDeploy the verdict on the hook execution it handed over. */
export const codeDeployReport =
  (codeDeploy = new CodeDeployClient({})) =>
  async ({ DeploymentId, LifecycleEventHookExecutionId }: LifecycleEvent, status: HookStatus): Promise<void> => {
    await codeDeploy.send(
      new PutLifecycleEventHookExecutionStatusCommand({
        deploymentId: DeploymentId,
        lifecycleEventHookExecutionId: LifecycleEventHookExecutionId,
        status,
      }),
    );
  };
