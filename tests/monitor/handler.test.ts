// The contract monitor's handler against the local runner in this process: the project's function,
// whose stage keeps the contract, and the same stage with its function spoiled one way
// (tests/fixtures/spoiled), which the metric counts and the log names.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BATTERY } from '../../generated/battery.ts';
import { stackName } from '../../lib/names.ts';
import { projectFile } from '../../lib/project.ts';
import { handler as correct } from '../../src/api/handler.ts';
import { checksOf, requestsOf } from '../../src/shared/battery/run.ts';
import { httpProbes } from '../../src/shared/battery/senders.ts';
import { type Spoil, type SpoiledFields, spoiled, spoiledFields } from '../fixtures/spoiled/spoils.ts';
import { contract } from '../support/contract.ts';
import { EXAMPLES, exampleEvent, exampleOf } from '../support/examples.ts';
import { withTestApi } from '../support/http.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { type CapturedOutput, captureOutput } from '../support/output.ts';

const SPOILED_TEMPLATE = fileURLToPath(new URL('../fixtures/spoiled/template.yaml', import.meta.url));
/** An operation's example request, and what the spoils break in its answer. */
const EXAMPLE = exampleOf();
const FIELDS = spoiledFields(contract, EXAMPLE.operationId);

type Handler = (event: unknown, context: unknown) => Promise<{ checks: number; failed: number }>;

/** What the monitor sends on every run: the battery's HTTP view without its costly probes. */
const MONITORED = httpProbes(BATTERY, { costly: false });
/** The answers a spoiled function gives: one to each of the contract's example requests, batches included. */
const FUNCTION_ANSWERS = requestsOf(MONITORED.filter(({ answeredBy }) => answeredBy === 'function')).length;
/** The batches whose answers must vary. */
const VARIETY_CHECKS = MONITORED.filter(({ varies }) => varies !== undefined).length;
/** The batches whose answers no longer vary once the field a spoil breaks in each operation's answer is broken. */
const varietyBrokenBy = (field: (fields: SpoiledFields) => string) =>
  MONITORED.filter(({ varies, operationId }) => varies?.includes(field(spoiledFields(contract, operationId)))).length;

describe('contract monitor', () => {
  let output: CapturedOutput;

  /** The monitor as Lambda runs it (JSON logs and EMF on stdout), pointed at `url`, run once. */
  const monitorRun = async (url: string) => {
    vi.stubEnv('API_URL', url);
    vi.resetModules();
    const { handler } = (await import('../../src/monitor/handler.ts')) as { handler: Handler };
    output = captureOutput();
    const result = await handler({ source: 'aws.scheduler' }, lambdaContext({}, 30_000));
    output.restore();
    const emf = output.emf().find((document) => 'ContractChecksFailed' in document) ?? {};
    return {
      result,
      run: Number(emf.ContractChecksRun),
      failed: Number(emf.ContractChecksFailed),
      failures: output.logs().filter((line) => line.message === 'Contract check failed'),
    };
  };

  beforeEach(() => {
    vi.stubEnv('POWERTOOLS_DEV', '');
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
  });

  afterEach(() => {
    output?.restore();
    vi.unstubAllEnvs();
  });

  it('passes every check against the local runner, and publishes ContractChecksFailed 0', async () => {
    // Act
    const { result, run, failed, failures } = await withTestApi({}, (api) => monitorRun(`${api.url}/v1`));

    // Assess: every operation's example request (a batch of each whose answers must vary, and its
    // variety), an unknown route, a method each path does not serve.
    expect(failures).toEqual([]);
    expect(failed).toBe(0);
    expect(run).toBe(checksOf(MONITORED));
    expect(result).toEqual({ checks: checksOf(MONITORED), failed: 0 });
  }, 60_000);

  it.each([
    // Besides every answer of the function, the batches whose variety the spoil breaks fail.
    [
      'a renamed field',
      'renamed-field',
      varietyBrokenBy(({ required }) => required),
      new RegExp(`must have required property '${FIELDS.required}'`),
    ],
    [
      'a value outside its enum',
      'value-outside-enum',
      varietyBrokenBy(({ enumerated }) => enumerated),
      new RegExp(`/${FIELDS.enumerated} must be equal to one of the allowed values`),
    ],
    ['a missing header', 'missing-header', 0, /header Cache-Control is missing/],
    ['a 500', 'internal-error', VARIETY_CHECKS, new RegExp(`status 500, expected ${EXAMPLE.status}`)],
  ])(
    'counts and logs the failures of a stage whose function answers %s',
    async (_, spoil, varietyBroken, problem) => {
      // Prepare: every answer of the function fails, and so does the variety of the batches it breaks.
      const failedChecks = FUNCTION_ANSWERS + varietyBroken;

      // Act
      const { result, run, failed, failures } = await withTestApi(
        { template: SPOILED_TEMPLATE, parameters: { Spoil: spoil, ContractFile: projectFile('openapi.yaml') } },
        (api) => monitorRun(`${api.url}/v1`),
      );

      // Assess: every answer to the batch fails; API Gateway's own answers still pass.
      expect(run).toBe(checksOf(MONITORED));
      expect(failed).toBe(failedChecks);
      expect(result).toEqual({ checks: checksOf(MONITORED), failed: failedChecks });
      expect(failures.map((line) => line.probe)).not.toContain('an unknown route');
      expect(failures.map((line) => String(line.problem))).toContainEqual(expect.stringMatching(problem));
      const example = `${EXAMPLE.operationId}: the contract's example request`;
      expect(failures.find((line) => line.probe === example && line.check !== 'variety')).toMatchObject({
        level: 'ERROR',
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        received: expect.any(String),
        status: expect.any(Number),
      });
    },
    60_000,
  );

  it('says who it is, and counts an unreachable stage as failed checks without throwing', async () => {
    // Prepare: the service name template.yaml gives the monitor, and a server that records each
    // request's User-Agent, then drops the connection.
    const service = `${stackName('prod')}-contract-monitor`;
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', service);
    const agents: (string | undefined)[] = [];
    const server = createServer((request) => {
      agents.push(request.headers['user-agent']);
      request.socket.destroy();
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const { port } = server.address() as { port: number };

    // Act
    const { result, failed, failures } = await monitorRun(`http://127.0.0.1:${port}/v1`).finally(
      () => new Promise((closed) => server.close(closed)),
    );

    // Assess
    expect(new Set(agents)).toEqual(new Set([service]));
    expect(result.failed).toBeGreaterThan(0);
    expect(failed).toBe(result.failed);
    expect(failures[0]).toMatchObject({ check: 'no answer' });
  });
});

describe('the spoiled function (tests/fixtures/spoiled)', () => {
  const SPOILS: Spoil[] = ['renamed-field', 'value-outside-enum', 'missing-header'];

  it.each(EXAMPLES.flatMap((example) => SPOILS.map((spoil) => [example.operationId, spoil, example] as const)))(
    "spoils %s's answer to its example request (%s) so that the contract's check fails it",
    async (operationId, spoil, example) => {
      // Prepare
      const event = exampleEvent(example);

      // Act
      const answer = spoiled(contract, spoil, event, await correct(event, lambdaContext()));

      // Assess
      expect(contract.checkResponse(operationId, answer).valid).toBe(false);
    },
  );
});
