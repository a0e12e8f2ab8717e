// The pre-traffic hook against the real bundle of the function (built as sam build builds it),
// invoked in process through a fake Lambda invoke; a fake CodeDeploy report records the verdict.
// The SDK calls themselves (src/pre-traffic/aws.ts) run in npm run verify (tests/scripts/verify.test.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATTERY } from '../../generated/battery.ts';
import { responses } from '../../generated/validators.js';
import { bundleFunction } from '../../lib/bundle.ts';
import { stackName } from '../../lib/names.ts';
import type { HookOptions, LifecycleEvent } from '../../src/pre-traffic/hook.ts';
import { requestsOf } from '../../src/shared/battery/run.ts';
import type { Invocation } from '../../src/shared/battery/senders.ts';
import { eventProbes } from '../../src/shared/battery/senders.ts';
import { type Spoil, spoiled, spoiledFields } from '../fixtures/spoiled/spoils.ts';
import { contract } from '../support/contract.ts';
import { exampleOf } from '../support/examples.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type CapturedOutput, captureOutput } from '../support/output.ts';
import { fn } from '../support/template.ts';

type ProxyResult = { statusCode: number; headers?: Record<string, string>; body: string };
type Handler = (event: unknown, context: unknown) => Promise<ProxyResult>;

const VERSION = `arn:aws:lambda:eu-west-1:123456789012:function:${stackName('test')}-MeditationsFunction:7`;
/** The hook's service name, which template.yaml gives it: its events' User-Agent. */
const USER_AGENT = `${stackName('test')}-pre-traffic`;
const LIFECYCLE = { DeploymentId: 'd-TEST12345', LifecycleEventHookExecutionId: 'hook-execution-1' };
let realFunction: Handler;

/** A fake Lambda: each Invoke runs `answer` on the event, as Lambda would run the version, and is recorded. */
const invokeRunning =
  (answer: (event: unknown) => Promise<unknown>, invoked: string[]): HookOptions['invoke'] =>
  async (functionName, event): Promise<Invocation> => {
    invoked.push(functionName);
    try {
      return { payload: JSON.parse(JSON.stringify(await answer(event))) };
    } catch (error) {
      return {
        functionError: 'Unhandled',
        payload: { errorType: (error as Error).name, errorMessage: (error as Error).message },
      };
    }
  };

/** The real function's answer, spoiled `spoil`'s way where the contract declares what it breaks (tests/fixtures/spoiled). */
const spoiledBy = (spoil: Spoil) => async (event: unknown) =>
  spoiled(contract, spoil, event, await realFunction(event, lambdaContext()));

/** What the spoils break in the answer to an operation's example request. */
const FIELDS = spoiledFields(contract, exampleOf().operationId);

describe('pre-traffic hook', () => {
  let output: CapturedOutput;
  let invoked: string[];
  let reported: { event: LifecycleEvent; status: string }[];
  /** What the fake CodeDeploy does with each report, in turn; it takes every report after these. */
  let reportOutcomes: (() => Promise<void>)[];
  let contractFailures: () => Record<string, unknown>[];

  /** A fresh hook (a new execution environment's logger and metrics) reaching the version through `invoke`. */
  const hookInvoking = async (invoke: HookOptions['invoke']) => {
    vi.resetModules();
    const { preTrafficHook } = await import('../../src/pre-traffic/hook.ts');
    return preTrafficHook({
      battery: { plan: BATTERY, validators: responses },
      targetVersion: VERSION,
      stage: 'v1',
      userAgent: USER_AGENT,
      invoke,
      report: async (event, status) => {
        reported.push({ event, status });
        await reportOutcomes.shift()?.();
      },
    });
  };

  beforeAll(async () => {
    // The real function as Lambda runs it (EMF on), its own log lines silenced.
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    const bundle = await bundleFunction(fn, mkdtempSync(join(tmpdir(), 'guru-hook-')));
    realFunction = (await import(bundle.file))[bundle.exportName] as Handler;
    vi.unstubAllEnvs();
  });

  beforeEach(() => {
    // Prepare: JSON logs and EMF on stdout, as in Lambda.
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    invoked = [];
    reported = [];
    reportOutcomes = [];
    output = captureOutput();
    contractFailures = () => output.logs().filter((line) => line.message === 'Contract check failed');
  });

  afterEach(() => {
    output.restore();
    vi.unstubAllEnvs();
  });

  it('reports Succeeded for the real function, having invoked the new version, never the alias', async () => {
    // Prepare: the function, noting who each event says sent it.
    const agents = new Set<unknown>();
    const answer = (event: unknown) => {
      agents.add((event as { headers?: Record<string, string> }).headers?.['User-Agent']);
      return realFunction(event, lambdaContext());
    };
    const hook = await hookInvoking(invokeRunning(answer, invoked));

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Succeeded');
    // The contract's example requests (a batch of each whose answers must vary), and an event that is no proxy event.
    expect(invoked).toHaveLength(requestsOf(eventProbes(BATTERY)).length);
    expect(new Set(invoked)).toEqual(new Set([VERSION]));
    expect(agents).toContain(USER_AGENT);
    expect(contractFailures()).toEqual([]);
    expect(reported).toEqual([{ event: LIFECYCLE, status: 'Succeeded' }]);
  });

  it.each([
    [
      'a success body with a required field renamed',
      spoiledBy('renamed-field'),
      new RegExp(`must have required property '${FIELDS.required}'`),
    ],
    [
      'a value outside its enum',
      spoiledBy('value-outside-enum'),
      new RegExp(`/${FIELDS.enumerated} must be equal to one of the allowed values`),
    ],
    ['no Cache-Control', spoiledBy('missing-header'), /header Cache-Control is missing/],
    [
      'a Cache-Control other than no-store',
      async (event: unknown) => {
        const { headers, ...result } = await realFunction(event, lambdaContext());
        return { ...result, headers: { ...headers, 'Cache-Control': 'max-age=60' } };
      },
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
    const hook = await hookInvoking(invokeRunning(answer, invoked));

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Failed');
    expect(reported.map(({ status: sent }) => sent)).toEqual(['Failed']);
    const failures = contractFailures();
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.map((line) => String(line.problem))).toContainEqual(expect.stringMatching(problem));
    expect(failures[0]).toMatchObject({ level: 'ERROR', probe: expect.any(String), check: expect.any(String) });
    const emf = output.emf().find((document) => 'PreTrafficChecksFailed' in document);
    expect(Number(emf?.PreTrafficChecksFailed)).toBeGreaterThan(0);
  });

  it('retries a report CodeDeploy throttles, and reports once it is taken', async () => {
    // Prepare
    const hook = await hookInvoking(invokeRunning((event) => realFunction(event, lambdaContext()), invoked));
    const throttled = async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    };
    reportOutcomes = [throttled, throttled];

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Succeeded');
    expect(reported.map(({ status: sent }) => sent)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    expect(output.logs().filter((line) => line.message === 'Reporting to CodeDeploy failed; retrying')).toHaveLength(2);
  });

  it('reports Failed at its deadline when the version does not answer', async () => {
    // Prepare: invocations that never end, and 15.4 s left: the gate keeps 15 s to report, so it
    // has 400 ms.
    const hook = await hookInvoking(() => new Promise(() => undefined));
    const startedAt = performance.now();

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 15_400));

    // Assess
    expect(status).toBe('Failed');
    expect(reported.map(({ status: sent }) => sent)).toEqual(['Failed']);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(contractFailures().map((line) => line.check)).toContain('deadline');
  });

  it('reports Failed, and says why, when it does not know which version to check', async () => {
    // Prepare: TARGET_FUNCTION_VERSION unset.
    vi.resetModules();
    const { preTrafficHook } = await import('../../src/pre-traffic/hook.ts');
    const hook = preTrafficHook({
      battery: { plan: BATTERY, validators: responses },
      targetVersion: '',
      stage: 'v1',
      userAgent: USER_AGENT,
      invoke: invokeRunning((event) => realFunction(event, lambdaContext()), invoked),
      report: async (event, status) => void reported.push({ event, status }),
    });

    // Act
    const { status } = await hook(LIFECYCLE, lambdaContext({}, 60_000));

    // Assess
    expect(status).toBe('Failed');
    expect(invoked).toEqual([]);
    expect(reported.map(({ status: sent }) => sent)).toEqual(['Failed']);
    expect(output.logs().find((line) => line.message === 'The gate could not run')).toMatchObject({
      level: 'ERROR',
      error: expect.objectContaining({ message: 'TARGET_FUNCTION_VERSION is not set' }),
    });
  });
});
