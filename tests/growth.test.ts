// Growing the API from the contract, as docs/adding-an-operation.md's walk-through says, word for
// word: its snippets are the files of tests/fixtures/growth/, applied to a copy of this project
// (tests/support/growth.ts). The grown project type-checks, the runner serves every operation, the
// new one included, as its contract says, and the consistency check passes. What the check says of
// a missing piece is tests/lib/consistency.test.ts's.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBattery } from '../lib/battery.ts';
import { consistencyProblems } from '../lib/consistency.ts';
import { type Contract, loadContract } from '../lib/contract.ts';
import { publishedContract } from '../lib/docs.ts';
import { DEFINITION_FILE_NAME } from '../lib/gateway-definition.ts';
import { projectFile } from '../lib/project.ts';
import { readTemplate } from '../lib/template.ts';
import { implementations } from '../src/api/operations/index.ts';
import { GROWTH_FIXTURE, grownProject, WALK_THROUGH } from './support/growth.ts';
import { asContractResponse, type RunningApi, send, startTestApi } from './support/http.ts';

/** The fenced code blocks of docs/adding-an-operation.md's walk-through, their list indentation removed. */
const walkThroughSnippets = () => {
  const guide = readFileSync(projectFile('docs', 'adding-an-operation.md'), 'utf8');
  const section = guide.split('\n## The walk-through\n')[1]?.split('\n## ')[0] ?? '';
  return [...section.matchAll(/^( *)```\w+\n([\s\S]*?)^\1```$/gm)].map(([, indent = '', body = '']) =>
    body.replace(new RegExp(`^${indent}`, 'gm'), ''),
  );
};

describe('growth: the walk-through of docs/adding-an-operation.md', () => {
  it('shows exactly the files of tests/fixtures/growth, in order', () => {
    const snippets = walkThroughSnippets();
    expect(snippets).toHaveLength(WALK_THROUGH.length);
    WALK_THROUGH.forEach(({ step, fixture }, index) => {
      expect(snippets[index], `${step} (${fixture})`).toBe(readFileSync(join(GROWTH_FIXTURE, fixture), 'utf8'));
    });
  });
});

describe('growth: the project grown by one operation', () => {
  let directory: string;
  let api: RunningApi;
  let contract: Contract;

  beforeAll(async () => {
    directory = grownProject();
    const { responses } = await import(pathToFileURL(join(directory, 'generated', 'validators.js')).href);
    contract = loadContract(join(directory, 'openapi.yaml'), responses);
    api = await startTestApi({ template: join(directory, 'template.yaml') });
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    ['type-checks, the new test included', 'tsc', ['-p', '.']],
    ['passes Biome, imports sorted', 'biome', ['check', '--error-on-warnings', 'src', 'tests']],
    ["passes the contract's lint rules", 'redocly', ['lint', 'openapi.yaml']],
  ])(
    '%s',
    (_, tool, args) => {
      const result = spawnSync(projectFile('node_modules', '.bin', tool), args, { cwd: directory, encoding: 'utf8' });
      expect(result.status, `${tool} ${args.join(' ')}:\n${result.stdout}${result.stderr}`).toBe(0);
    },
    120_000,
  );

  it("answers each operation's example request with its own implementation, per its contract", async () => {
    // Prepare: the grown contract's example request of each operation, the new one's included.
    const examples = planBattery(contract).plan.probes.filter(({ kind }) => kind === 'example');

    // Act
    const answers = await Promise.all(
      examples.map(({ request }) => {
        const { method, path, query, headers, body } = request!;
        return send(api.url, { method, headers, body, path: `/v1${path}${query ? `?${query}` : ''}` });
      }),
    );

    // Assess
    expect(new Set(examples.map(({ operationId }) => operationId))).toEqual(
      new Set([...Object.keys(implementations), 'getQuote']),
    );
    examples.forEach(({ operationId, expect: { status } }, index) => {
      expect(answers[index]?.statusCode).toBe(status);
      expect(contract.checkResponse(operationId, asContractResponse(answers[index]!))).toEqual({
        valid: true,
        errors: [],
      });
    });
    const read = answers[examples.findIndex(({ operationId }) => operationId === 'getQuote')];
    expect(read?.json()).toEqual({ status: 'success', id: 1, quote: 'Simplicity is prerequisite for reliability.' });
  });

  it('answers an id with no quote 404, as the new operation declares', async () => {
    const response = await send(api.url, { method: 'GET', path: '/v1/quotes/4' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    expect(contract.checkResponse('getQuote', asContractResponse(response))).toEqual({ valid: true, errors: [] });
  });

  it('passes the consistency check: every operation implemented, integrated, permitted and documented', async () => {
    // Act
    const problems = consistencyProblems({
      contract: loadContract(join(directory, 'openapi.yaml')),
      contractFile: 'openapi.yaml',
      template: readTemplate(join(directory, 'template.yaml')),
      templateFile: 'template.yaml',
      definitionFile: `generated/${DEFINITION_FILE_NAME}`,
      implemented: [...new Set([...Object.keys(implementations), 'getQuote'])],
      implementationsFile: 'src/api/operations/index.ts',
      published: await publishedContract(join(directory, 'openapi.yaml')),
    });

    // Assess
    expect(problems).toEqual([]);
  });
});
