// Growing the API from the contract, as docs/adding-an-operation.md's walk-through says, word for
// word: its snippets are the files of tests/fixtures/growth/, applied to a copy of this project
// (tests/support/growth.ts). The grown project type-checks, the runner serves the new operation as
// its contract says, and the consistency check passes, or names the operation and the file when
// any of its pieces (implementation, integration, Api event, docs, statuses) is missing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Document, parseDocument } from 'yaml';
import { consistencyProblems } from '../lib/consistency.ts';
import { type Contract, loadContract } from '../lib/contract.ts';
import { publishedContract } from '../lib/docs.ts';
import { DEFINITION_FILE_NAME } from '../lib/gateway-definition.ts';
import { projectFile } from '../lib/project.ts';
import { readTemplate } from '../lib/template.ts';
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

  it('answers each operation with its own implementation, per its contract', async () => {
    // Act
    const meditate = await send(api.url, { method: 'POST', path: '/v1/' });
    const read = await send(api.url, { method: 'GET', path: '/v1/meditations/1' });

    // Assess
    expect(contract.checkResponse('meditate', asContractResponse(meditate))).toEqual({ valid: true, errors: [] });
    expect(read.json()).toEqual({ status: 'success', meditation: 'the count of machines abides' });
    expect(contract.checkResponse('getMeditation', asContractResponse(read))).toEqual({ valid: true, errors: [] });
  });

  it('answers an index with no meditation 404, as the new operation declares', async () => {
    const response = await send(api.url, { method: 'GET', path: '/v1/meditations/7' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
    expect(contract.checkResponse('getMeditation', asContractResponse(response))).toEqual({ valid: true, errors: [] });
  });

  describe('the consistency check', () => {
    /** The consistency check on a copy of the grown contract and template, after `edit` has changed it. */
    const problemsAfter = async (edit: (copy: string) => void, implemented = ['meditate', 'getMeditation']) => {
      const copy = mkdtempSync(join(tmpdir(), 'guru-growth-'));
      for (const file of ['openapi.yaml', 'template.yaml']) cpSync(join(directory, file), join(copy, file));
      edit(copy);
      try {
        return consistencyProblems({
          contract: loadContract(join(copy, 'openapi.yaml')),
          contractFile: 'openapi.yaml',
          template: readTemplate(join(copy, 'template.yaml')),
          templateFile: 'template.yaml',
          definitionFile: `generated/${DEFINITION_FILE_NAME}`,
          implemented,
          implementationsFile: 'src/api/operations/index.ts',
          published: await publishedContract(join(copy, 'openapi.yaml')),
        });
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    };
    const editYaml = (file: string, edit: (document: Document) => void) => {
      const document = parseDocument(readFileSync(file, 'utf8'));
      edit(document);
      writeFileSync(file, document.toString());
    };
    const rewrite = (file: string, from: string | RegExp, to: string) => {
      const text = readFileSync(file, 'utf8');
      if (!text.match(from)) throw new Error(`${file} has no ${from}`);
      writeFileSync(file, text.replace(from, to));
    };
    const GET = ['paths', '/meditations/{index}', 'get'];

    it('passes when every operation has all its pieces', async () => {
      expect(await problemsAfter(() => undefined)).toEqual([]);
    });

    it('names the operation and the file when its implementation is missing', async () => {
      expect(await problemsAfter(() => undefined, ['meditate'])).toEqual([
        'operation getMeditation (GET /meditations/{index}) has no implementation: implement getMeditation in src/api/operations/index.ts.',
      ]);
    });

    it('names the operation and the file when its integration is missing', async () => {
      const problems = await problemsAfter((copy) =>
        editYaml(join(copy, 'openapi.yaml'), (document) =>
          document.deleteIn([...GET, 'x-amazon-apigateway-integration']),
        ),
      );
      expect(problems).toEqual([
        "operation getMeditation (GET /meditations/{index}) has no x-amazon-apigateway-integration invoking a function: give it one in openapi.yaml, a $ref to its function's in components/x-amazon-apigateway-integrations.",
        "template.yaml: MeditationsFunction's Api event GetMeditation (GET /meditations/{index}) matches no operation of openapi.yaml that integrates MeditationsFunction: remove the event, or add the operation.",
      ]);
    });

    it('names the operation and the file when its Api event is missing', async () => {
      const problems = await problemsAfter((copy) =>
        rewrite(join(copy, 'template.yaml'), /\n {8}GetMeditation:\n(?: {10}.*\n)+/, '\n'),
      );
      expect(problems).toEqual([
        "operation getMeditation (GET /meditations/{index}) has no Api event on MeditationsFunction, so API Gateway may not invoke it: add one under MeditationsFunction's Events in template.yaml (Type: Api, RestApiId: !Ref MeditationsApi, Path: /meditations/{index}, Method: get).",
      ]);
    });

    it('names the operation and the file when its docs entry is missing', async () => {
      const problems = await problemsAfter((copy) =>
        editYaml(join(copy, 'openapi.yaml'), (document) => document.deleteIn([...GET, 'summary'])),
      );
      expect(problems).toEqual([
        "operation getMeditation (GET /meditations/{index}) has no summary for the docs: write one in openapi.yaml (Redoc shows it as the operation's title and text).",
      ]);
    });

    it('names the statuses an operation leaves out that API Gateway or the function answer for any request', async () => {
      const problems = await problemsAfter((copy) =>
        editYaml(join(copy, 'openapi.yaml'), (document) => {
          document.deleteIn([...GET, 'responses', '429']);
          document.deleteIn([...GET, 'responses', '502']);
        }),
      );
      expect(problems).toEqual([
        'operation getMeditation (GET /meditations/{index}) does not list 429 (the stage throttled it), 502 (the function crashed or answered malformed): add them to its responses in openapi.yaml, as $refs to the shared answers in components/responses, as the other operations do.',
      ]);
    });

    it('names a response that does not declare a header every answer carries', async () => {
      // Prepare: the 404 written with its own headers, Cache-Control alone.
      const problems = await problemsAfter((copy) =>
        editYaml(join(copy, 'openapi.yaml'), (document) =>
          document.setIn(
            [...GET, 'responses', '404', 'headers'],
            document.createNode({ 'Cache-Control': { $ref: '#/components/headers/Cache-Control' } }),
          ),
        ),
      );
      expect(problems).toEqual([
        "operation getMeditation (GET /meditations/{index})'s 404 response does not declare X-Contract-Version (the version of the contract served), Access-Control-Allow-Origin (the origin whose pages may read it), Access-Control-Expose-Headers (the headers those pages may read): declare it in openapi.yaml as the other responses do (headers: *answer-headers declares every one).",
      ]);
    });

    it('names the operation and what it lacks when its requests cannot be built from the contract', async () => {
      const problems = await problemsAfter((copy) =>
        editYaml(join(copy, 'openapi.yaml'), (document) => document.deleteIn([...GET, 'parameters', 0, 'example'])),
      );
      expect(problems).toEqual([
        'operation getMeditation (GET /meditations/{index}) cannot be probed: openapi.yaml lacks an example for its required path parameter index: add it there.',
      ]);
    });

    it('names what exists in one place only: an implementation or an Api event without an operation', async () => {
      const problems = await problemsAfter(
        (copy) => rewrite(join(copy, 'template.yaml'), 'Path: /meditations/{index}', 'Path: /meditation/{index}'),
        ['meditate', 'getMeditation', 'forget'],
      );
      expect(problems).toContain(
        'src/api/operations/index.ts implements forget, which openapi.yaml does not define: remove it, or add the operation.',
      );
      expect(problems).toContain(
        "template.yaml: MeditationsFunction's Api event GetMeditation (GET /meditation/{index}) matches no operation of openapi.yaml that integrates MeditationsFunction: remove the event, or add the operation.",
      );
    });
  });
});
