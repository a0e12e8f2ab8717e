// The growth fixture's pre-traffic hook (tests/fixtures/growth/pre-traffic.ts), which names no
// operation: its gate probes both operations of the fixture's contract, from the battery generated
// from it, and lets a version through only when both keep the contract.
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handler as growthFunction } from '../fixtures/growth/handler.ts';
import { lambdaContext } from '../support/lambda-context.ts';

const LIFECYCLE = { DeploymentId: 'd-GROWTH1', LifecycleEventHookExecutionId: 'hook-execution-1' };
const lambda = mockClient(LambdaClient);
const codeDeploy = mockClient(CodeDeployClient);

type Answer = (event: APIGatewayProxyEvent) => Promise<unknown>;

/** The Lambda stub: each Invoke runs `answer` on the event, as Lambda would run the version. */
const versionAnswers = (answer: Answer) =>
  lambda.on(InvokeCommand).callsFake(async ({ Payload }: { Payload: Uint8Array }) => {
    const result = await answer(JSON.parse(Buffer.from(Payload).toString('utf8')));
    return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(result)) };
  });
const invokedResources = () =>
  lambda
    .commandCalls(InvokeCommand)
    .map(
      ({ args }) =>
        (JSON.parse(Buffer.from(args[0].input.Payload as Uint8Array).toString('utf8')) as { resource?: string })
          .resource,
    );

describe('growth: the pre-traffic hook', () => {
  let hook: (event: unknown, context: unknown) => Promise<{ status: string }>;

  beforeEach(async () => {
    // Prepare
    vi.stubEnv('TARGET_FUNCTION_VERSION', 'arn:aws:lambda:eu-west-1:123456789012:function:growth:3');
    vi.resetModules();
    hook = (await import('../fixtures/growth/pre-traffic.ts')).handler as typeof hook;
    lambda.reset();
    codeDeploy.reset();
    codeDeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
  });

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('probes both operations and reports Succeeded for the fixture function', async () => {
    // Prepare
    versionAnswers((event) => growthFunction(event, lambdaContext()));

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Succeeded');
    expect(new Set(invokedResources())).toEqual(new Set(['/', '/meditations/{index}', undefined]));
  });

  it('reports Failed when only the second operation breaks the contract', async () => {
    // Prepare: GET /meditations/{index} answers a body the contract does not allow.
    versionAnswers(async (event) => {
      const result = (await growthFunction(event, lambdaContext())) as { body: string };
      return event.resource === '/meditations/{index}' ? { ...result, body: '{"status":"success"}' } : result;
    });

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Failed');
    expect(codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand)[0]?.args[0].input.status).toBe(
      'Failed',
    );
  });
});
