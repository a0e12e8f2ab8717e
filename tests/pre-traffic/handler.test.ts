// The pre-traffic hook against the real bundle of the function (built as sam build builds it),
// invoked in process through a stub Lambda client; a stub CodeDeploy client records the verdict.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeDeployClient, PutLifecycleEventHookExecutionStatusCommand } from '@aws-sdk/client-codedeploy';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATTERY } from '../../generated/battery.ts';
import { bundleFunction } from '../../lib/bundle.ts';
import { requestsOf } from '../../src/shared/battery/run.ts';
import { eventProbes } from '../../src/shared/battery/senders.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type CapturedOutput, captureOutput } from '../support/output.ts';
import { fn } from '../support/template.ts';

type ProxyResult = { statusCode: number; headers?: Record<string, string>; body: string };
type Handler = (event: unknown, context: unknown) => Promise<ProxyResult>;

const VERSION = 'arn:aws:lambda:eu-west-1:123456789012:function:guru-meditations-test-MeditationsFunction:7';
const LIFECYCLE = { DeploymentId: 'd-TEST12345', LifecycleEventHookExecutionId: 'hook-execution-1' };
const lambda = mockClient(LambdaClient);
const codeDeploy = mockClient(CodeDeployClient);
let realFunction: Handler;

/** The Lambda stub: each Invoke runs `answer` on the event, as Lambda would run the version. */
const versionAnswers = (answer: (event: unknown) => Promise<unknown>) =>
  lambda.on(InvokeCommand).callsFake(async ({ Payload }: { Payload: Uint8Array }) => {
    try {
      const result = await answer(JSON.parse(Buffer.from(Payload).toString('utf8')));
      return { StatusCode: 200, Payload: Buffer.from(JSON.stringify(result)) };
    } catch (error) {
      const failure = { errorType: (error as Error).name, errorMessage: (error as Error).message };
      return { StatusCode: 200, FunctionError: 'Unhandled', Payload: Buffer.from(JSON.stringify(failure)) };
    }
  });

/** The real function's answer, changed by `tamper` when it is a 200. */
const tampered = (tamper: (result: ProxyResult) => ProxyResult) => async (event: unknown) => {
  const result = await realFunction(event, lambdaContext());
  return result.statusCode === 200 ? tamper(result) : result;
};

const reported = () =>
  codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand).map(({ args }) => args[0].input.status);

describe('pre-traffic hook', () => {
  let output: CapturedOutput;
  let hook: (event: unknown, context: unknown) => Promise<{ status: string }>;
  let contractFailures: () => Record<string, unknown>[];

  beforeAll(async () => {
    // The real function as Lambda runs it (EMF on), its own log lines silenced.
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    const bundle = await bundleFunction(fn, mkdtempSync(join(tmpdir(), 'guru-hook-')));
    realFunction = (await import(bundle.file))[bundle.exportName] as Handler;
    vi.unstubAllEnvs();
  });

  beforeEach(async () => {
    // Prepare: JSON logs on stdout, as in Lambda; the version under test named as template.yaml does.
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('TARGET_FUNCTION_VERSION', VERSION);
    vi.resetModules();
    hook = (await import('../../src/pre-traffic/handler.ts')).handler as typeof hook;
    lambda.reset();
    codeDeploy.reset();
    codeDeploy.on(PutLifecycleEventHookExecutionStatusCommand).resolves({});
    output = captureOutput();
    contractFailures = () => output.logs().filter((line) => line.message === 'Contract check failed');
  });

  afterEach(() => {
    output.restore();
    vi.unstubAllEnvs();
  });

  it('reports Succeeded for the real function, having invoked the new version, never the alias', async () => {
    // Prepare
    versionAnswers((event) => realFunction(event, lambdaContext()));

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Succeeded');
    expect(reported()).toEqual(['Succeeded']);
    const invoked = lambda.commandCalls(InvokeCommand).map(({ args }) => args[0].input.FunctionName);
    // The contract's example requests (a batch of each whose answers must vary), and an event that is no proxy event.
    expect(invoked).toHaveLength(requestsOf(eventProbes(BATTERY)).length);
    expect(new Set(invoked)).toEqual(new Set([VERSION]));
    expect(contractFailures()).toEqual([]);
    const [report] = codeDeploy.commandCalls(PutLifecycleEventHookExecutionStatusCommand);
    expect(report?.args[0].input).toEqual({
      deploymentId: 'd-TEST12345',
      lifecycleEventHookExecutionId: 'hook-execution-1',
      status: 'Succeeded',
    });
  });

  it.each([
    [
      'a 200 body with a renamed field',
      tampered((result) => ({ ...result, body: result.body.replace('"meditation"', '"phrase"') })),
      /must have required property 'meditation'|must NOT have additional properties/,
    ],
    [
      'a phrase outside the seven',
      tampered((result) => ({
        ...result,
        body: JSON.stringify({ status: 'success', meditation: 'an eighth phrase' }),
      })),
      /\/meditation must be equal to one of the allowed values/,
    ],
    [
      'no Cache-Control: no-store',
      tampered(({ headers, ...result }) => ({ ...result, headers: { ...headers, 'Cache-Control': 'max-age=60' } })),
      /header Cache-Control is "max-age=60": must be equal to one of the allowed values/,
    ],
    [
      'a function that throws',
      async () => {
        throw new TypeError('Cannot read properties of undefined');
      },
      /the function failed \(Unhandled\): TypeError Cannot read properties of undefined/,
    ],
    [
      'a function that times out',
      async () => {
        throw Object.assign(new Error('Task timed out after 3.00 seconds'), { name: 'Sandbox.Timedout' });
      },
      /Task timed out after 3\.00 seconds/,
    ],
    [
      'a malformed proxy response',
      async () => ({ statusCode: 'two hundred', body: { not: 'a string' } }),
      /not a well-formed proxy response/,
    ],
  ])('reports Failed for %s, logging the check that failed and why', async (_, answer, problem) => {
    // Prepare
    versionAnswers(answer);

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Failed');
    expect(reported()).toEqual(['Failed']);
    const failures = contractFailures();
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((line) => String(line.problem))).toContainEqual(expect.stringMatching(problem));
    expect(failures[0]).toMatchObject({ level: 'ERROR', probe: expect.any(String), check: expect.any(String) });
    const emf = output.emf().find((document) => 'PreTrafficChecksFailed' in document);
    expect(Number(emf?.PreTrafficChecksFailed)).toBeGreaterThan(0);
  });

  it('retries a report CodeDeploy throttles, and reports once it is taken', async () => {
    // Prepare
    versionAnswers((event) => realFunction(event, lambdaContext()));
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    codeDeploy
      .on(PutLifecycleEventHookExecutionStatusCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .resolves({});

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Succeeded');
    expect(reported()).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(output.logs().filter((line) => line.message === 'Reporting to CodeDeploy failed; retrying')).toHaveLength(2);
  });

  it('reports Failed at its deadline when the version does not answer', async () => {
    // Prepare: invocations that never end, and 15.4 s left: the gate keeps 15 s to report, so it
    // has 400 ms.
    lambda.on(InvokeCommand).callsFake(() => new Promise(() => undefined));
    const startedAt = performance.now();

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 15_400));

    // Assess
    expect(status).toBe('Failed');
    expect(reported()).toEqual(['Failed']);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(contractFailures().map((line) => line.check)).toContain('deadline');
  });
});
