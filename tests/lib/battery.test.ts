// The battery derived from a contract (lib/battery.ts): every operation probed, from the contract's
// own examples, with the refusals the contract implies; an operation added to the contract is probed
// with no code change, and one whose requests cannot be built or judged is named with what it lacks.
// This contract is probed whatever its operations; the rest on a fixture (tests/fixtures/consistency).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Document, parseDocument } from 'yaml';
import { BATTERY } from '../../generated/battery.ts';
import { planBattery } from '../../lib/battery.ts';
import { loadContract } from '../../lib/contract.ts';
import { projectFile } from '../../lib/project.ts';
import type { PlannedProbe } from '../../src/shared/battery/plan.ts';
import { eventProbes, httpProbes } from '../../src/shared/battery/senders.ts';
import { contract } from '../support/contract.ts';

/** The fixture's contract (one operation, getItem: GET /items/{id}), changed by `edit`. */
const fixtureContract = (edit: (document: Document) => void = () => undefined) => {
  const file = join(mkdtempSync(join(tmpdir(), 'guru-battery-')), 'openapi.yaml');
  cpSync(projectFile('tests', 'fixtures', 'consistency', 'openapi.yaml'), file);
  const document = parseDocument(readFileSync(file, 'utf8'));
  edit(document);
  writeFileSync(file, document.toString());
  return loadContract(file);
};

const SHARED = Object.fromEntries(
  ['400', '403', '408', '413', '429', '500', '502', '504'].map((status) => [
    status,
    { $ref: '#/components/responses/Error' },
  ]),
);

/** A second operation: a body and a header, both required, with examples, and every shared answer. */
const ADD_ITEM = {
  operationId: 'addItem',
  summary: 'Add an item',
  description: 'Adds an item.',
  parameters: [{ name: 'X-Tenant', in: 'header', required: true, example: 'ada', schema: { type: 'string' } }],
  requestBody: {
    required: true,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: { name: { type: 'string' } },
        },
        example: { name: 'grown on demand' },
      },
    },
  },
  responses: {
    '201': {
      description: 'Added.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
    },
    ...SHARED,
  },
};

const withAddItem = (operation: object = ADD_ITEM) =>
  fixtureContract((document) => document.setIn(['paths', '/items', 'post'], operation));

const operationsOf = (probes: PlannedProbe[]) =>
  new Set(probes.filter(({ kind }) => kind === 'example').map(({ operationId }) => operationId));
const ofKind = (probes: PlannedProbe[], kind: PlannedProbe['kind']) => probes.filter((probe) => probe.kind === kind);

describe('battery', () => {
  it("probes this contract's every operation in both views, with API Gateway's refusals in the HTTP view", () => {
    // Act
    const { plan, problems } = planBattery(contract);

    // Assess: each operation's example, an unknown route, on each path a method it does not serve
    // and a preflight, all answered as the contract says; a body over the limit for each
    // operation that takes one; and, invoked directly, an event that is no proxy event.
    expect(problems).toEqual([]);
    const operations = contract.functionOperations();
    const everyOperation = new Set(operations.map(({ operationId }) => operationId));
    const paths = new Set(operations.map(({ path }) => path));
    expect(operationsOf(eventProbes(plan))).toEqual(everyOperation);
    expect(operationsOf(httpProbes(plan, { costly: false }))).toEqual(everyOperation);
    const http = httpProbes(plan, { costly: true });
    expect(ofKind(http, 'unknown-route').map(({ expect }) => expect)).toEqual([
      { status: 403, code: 'MISSING_AUTHENTICATION_TOKEN' },
    ]);
    expect(new Set(ofKind(http, 'unserved-method').map(({ request }) => request?.path))).toHaveProperty(
      'size',
      paths.size,
    );
    expect(new Set(ofKind(http, 'preflight').map(({ request }) => request?.resource))).toEqual(paths);
    expect(ofKind(http, 'too-large').map(({ operationId }) => operationId)).toEqual(
      operations.filter(({ method }) => !['GET', 'HEAD'].includes(method)).map(({ operationId }) => operationId),
    );
    expect(eventProbes(plan).map(({ name }) => name)).toContain('an event that is no proxy event');
  });

  it('leaves the costly probes out of the view sent on every run', () => {
    // Prepare
    const { plan } = planBattery(withAddItem());

    // Assess
    expect(httpProbes(BATTERY, { costly: false }).filter(({ costly }) => costly)).toEqual([]);
    expect(httpProbes(plan, { costly: false }).filter(({ costly }) => costly)).toEqual([]);
    const costly = httpProbes(plan, { costly: true }).filter(({ costly }) => costly);
    expect(costly.map(({ kind, expect: { status } }) => [kind, status])).toEqual([['too-large', 413]]);
  });

  it("probes the fixture's operation from the contract's examples, with API Gateway's refusals", () => {
    // Act
    const { plan, problems } = planBattery(fixtureContract());

    // Assess
    expect(problems).toEqual([]);
    expect(plan.probes.map(({ name, expect: { status } }) => [name, status])).toEqual([
      ["getItem: the contract's example request", 200],
      ['an unknown route', 403],
      ['POST /items/1, a method the path does not serve', 403],
      ['an event that is no proxy event', 400],
    ]);
    expect(plan.probes[0]?.request).toMatchObject({
      method: 'GET',
      path: '/items/1',
      query: '',
      resource: '/items/{id}',
    });
  });

  it('probes an operation added to the contract, with no code change', () => {
    // Act
    const { plan, problems } = planBattery(withAddItem());

    // Assess
    expect(problems).toEqual([]);
    expect(operationsOf(eventProbes(plan))).toEqual(new Set(['getItem', 'addItem']));
    const added = plan.probes.filter(({ operationId }) => operationId === 'addItem');
    expect(added.map(({ name, expect: { status, code } }) => [name, status, code])).toEqual([
      ["addItem: the contract's example request", 201, undefined],
      ['addItem: without its required header parameter X-Tenant', 400, 'BAD_REQUEST_PARAMETERS'],
      ['addItem: a body the request validator refuses', 400, 'BAD_REQUEST_BODY'],
      ["addItem: a body over API Gateway's 10 MB limit", 413, 'REQUEST_TOO_LARGE'],
      ['GET /items, a method the path does not serve', 403, 'MISSING_AUTHENTICATION_TOKEN'],
    ]);
    expect(added[0]?.request).toMatchObject({
      method: 'POST',
      path: '/items',
      headers: { 'X-Tenant': 'ada', 'Content-Type': 'application/json' },
      body: '{"name":"grown on demand"}',
    });
    expect(added[2]?.request?.body).toBe('"not the schema"');
  });

  it('names the operation and what it lacks when its request cannot be built from the contract', () => {
    // Prepare: the added operation without its examples.
    const { example: _, ...json } = ADD_ITEM.requestBody.content['application/json'];
    const { plan, problems } = planBattery(
      withAddItem({
        ...ADD_ITEM,
        parameters: [{ name: 'X-Tenant', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': json } },
      }),
      'openapi.yaml',
    );

    // Assess
    expect(problems).toEqual([
      'operation addItem (POST /items) cannot be probed: openapi.yaml lacks an example for its required header parameter X-Tenant, and an example of its required application/json request body: add it there.',
    ]);
    expect(plan.probes.some(({ operationId }) => operationId === 'addItem')).toBe(false);
  });

  it('names an operation without the 403 and 413 its refusals are judged by, rather than leave them unprobed', () => {
    // Prepare: the only operation, without what API Gateway answers an unknown route or a body too large.
    const { plan, problems } = planBattery(
      fixtureContract((document) => {
        document.deleteIn(['paths', '/items/{id}', 'get', 'responses', '403']);
        document.deleteIn(['paths', '/items/{id}', 'get', 'responses', '413']);
      }),
    );

    // Assess
    expect(problems).toEqual([
      "operation getItem (GET /items/{id}) does not list 403 (a path or method the API does not define), 413 (the request is over API Gateway's limits): add them to its responses in openapi.yaml, as $refs to the shared answers in components/responses, as the other operations do.",
    ]);
    expect(ofKind(plan.probes, 'unknown-route')).toEqual([]);
  });
});
