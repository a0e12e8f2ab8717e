// The battery derived from a contract (lib/battery.ts): every operation probed, from the contract's
// own examples, with the refusals the contract implies; an operation added to the contract is probed
// with no code change, and one whose request cannot be built is named with what it lacks.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { BATTERY } from '../../generated/battery.ts';
import { planBattery } from '../../lib/battery.ts';
import { loadContract } from '../../lib/contract.ts';
import { projectFile } from '../../lib/project.ts';
import type { PlannedProbe } from '../../src/shared/battery/plan.ts';
import { eventProbes, httpProbes } from '../../src/shared/battery/senders.ts';
import { contract } from '../support/contract.ts';
import { growContract } from '../support/growth.ts';

/** This contract grown by the walk-through of docs/adding-an-operation.md (tests/fixtures/growth/), then by `edit`. */
const grownContract = (edit: (document: ReturnType<typeof parseDocument>) => void = () => undefined) => {
  const directory = mkdtempSync(join(tmpdir(), 'guru-battery-'));
  const file = join(directory, 'openapi.yaml');
  cpSync(projectFile('openapi.yaml'), file);
  growContract(file);
  const document = parseDocument(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, document.toString());
  return loadContract(file);
};

/** A third operation: a body and a header, both required, with examples. */
const REMEMBER = {
  operationId: 'remember',
  summary: 'Remember a meditation',
  description: 'Adds a meditation to the list.',
  parameters: [{ name: 'X-Guru', in: 'header', required: true, example: 'ada', schema: { type: 'string' } }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['meditation'],
          additionalProperties: false,
          properties: { meditation: { type: 'string' } },
        },
        example: { meditation: 'grown on demand' },
      },
    },
  },
  responses: {
    '201': {
      description: 'Remembered.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Meditation' } } },
    },
    '400': {
      description: 'Refused.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    },
  },
};

const operationsOf = (probes: PlannedProbe[]) =>
  new Set(probes.filter(({ kind }) => kind === 'example').map(({ operationId }) => operationId));

describe('battery', () => {
  it("probes this contract's every operation in both views, with API Gateway's refusals in the HTTP view", () => {
    // Act
    const { plan, problems } = planBattery(contract);

    // Assess
    expect(problems).toEqual([]);
    const everyOperation = new Set(contract.functionOperations().map(({ operationId }) => operationId));
    expect(operationsOf(eventProbes(plan))).toEqual(everyOperation);
    expect(operationsOf(httpProbes(plan, { costly: false }))).toEqual(everyOperation);
    // meditate's probes, and API Gateway's refusals; an operation added to the contract adds its own.
    expect(
      httpProbes(plan, { costly: true }).map(({ name, expect: { status, code } }) => [name, status, code]),
    ).toEqual(
      expect.arrayContaining([
        ["meditate: the contract's example request", 200, undefined],
        ["meditate: a body over API Gateway's 10 MB limit", 413, 'REQUEST_TOO_LARGE'],
        ['an unknown route', 403, 'MISSING_AUTHENTICATION_TOKEN'],
        ['GET /, a method the path does not serve', 403, 'MISSING_AUTHENTICATION_TOKEN'],
        ['a CORS preflight of POST /', 204, undefined],
      ]),
    );
    expect(eventProbes(plan).map(({ name }) => name)).toEqual(
      expect.arrayContaining(["meditate: the contract's example request", 'an event that is no proxy event']),
    );
    expect(plan.probes.find(({ operationId }) => operationId === 'meditate')?.varies).toEqual(['meditation']);
  });

  it('leaves the costly probes out of the view sent on every run', () => {
    expect(httpProbes(BATTERY, { costly: false }).filter(({ costly }) => costly)).toEqual([]);
    const costly = httpProbes(BATTERY, { costly: true }).filter(({ costly }) => costly);
    expect(costly.map(({ expect: { status } }) => status)).toContain(413);
    expect(costly.every(({ kind }) => kind === 'too-large')).toBe(true);
  });

  it("probes the two operations of the walk-through from the contract's examples", () => {
    // Act
    const { plan, problems } = planBattery(grownContract());

    // Assess
    expect(problems).toEqual([]);
    expect(operationsOf(eventProbes(plan))).toEqual(new Set(['meditate', 'getMeditation']));
    const read = plan.probes.find(({ kind, operationId }) => kind === 'example' && operationId === 'getMeditation');
    expect(read?.request).toMatchObject({ method: 'GET', path: '/meditations/1', query: '' });
    expect(read?.expect.status).toBe(200);
  });

  it('probes a third operation added to the contract, with no code change', () => {
    // Prepare
    const grown = grownContract((document) => document.setIn(['paths', '/meditations', 'post'], REMEMBER));

    // Act
    const { plan, problems } = planBattery(grown);

    // Assess
    expect(problems).toEqual([]);
    expect(operationsOf(eventProbes(plan))).toEqual(new Set(['meditate', 'getMeditation', 'remember']));
    const remember = plan.probes.filter(({ operationId }) => operationId === 'remember');
    expect(remember.map(({ name, expect: { status, code } }) => [name, status, code])).toEqual([
      ["remember: the contract's example request", 201, undefined],
      ['remember: without its required header parameter X-Guru', 400, 'BAD_REQUEST_PARAMETERS'],
      ['remember: a body the request validator refuses', 400, 'BAD_REQUEST_BODY'],
    ]);
    expect(remember[0]?.request).toMatchObject({
      method: 'POST',
      path: '/meditations',
      headers: { 'X-Guru': 'ada', 'Content-Type': 'application/json' },
      body: '{"meditation":"grown on demand"}',
    });
    expect(remember[2]?.request?.body).toBe('"not the schema"');
  });

  it('names the operation and what it lacks when its request cannot be built from the contract', () => {
    // Prepare: the third operation without its examples.
    const { example: _, ...json } = REMEMBER.requestBody.content['application/json'];
    const withoutExamples = {
      ...REMEMBER,
      parameters: [{ name: 'X-Guru', in: 'header', required: true, schema: { type: 'string' } }],
      requestBody: { required: true, content: { 'application/json': json } },
    };
    const grown = grownContract((document) => document.setIn(['paths', '/meditations', 'post'], withoutExamples));

    // Act
    const { plan, problems } = planBattery(grown, 'openapi.yaml');

    // Assess
    expect(problems).toEqual([
      'operation remember (POST /meditations) cannot be probed: openapi.yaml lacks an example for its required header parameter X-Guru, and an example of its required application/json request body: add it there.',
    ]);
    expect(plan.probes.some(({ operationId }) => operationId === 'remember')).toBe(false);
  });
});
