// Growing the API from the contract, on a fixture stack with two operations (tests/fixtures/growth):
// the runner serves each with its own implementation, the request validator guards the new one,
// and the consistency check passes, or fails naming the operation and the file when any of its
// four pieces (implementation, integration, Api event, docs) is missing.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Document, parseDocument } from 'yaml';
import { consistencyProblems } from '../lib/consistency.ts';
import { loadContract } from '../lib/contract.ts';
import { publishedContract } from '../lib/docs.ts';
import { readTemplate } from '../lib/template.ts';
import { responses as growthValidators } from './fixtures/growth/generated/validators.js';
import { implementations } from './fixtures/growth/operations.ts';
import { asContractResponse, type RunningApi, send, startTestApi } from './support/http.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/growth/', import.meta.url));
const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const contract = loadContract(join(FIXTURE, 'openapi.yaml'), growthValidators);

/** The consistency check on a copy of the fixture, after `edit` has changed it. */
const problemsAfter = async (edit: (directory: string) => void, implemented = Object.keys(implementations)) => {
  const directory = mkdtempSync(join(tmpdir(), 'guru-growth-'));
  cpSync(FIXTURE, directory, { recursive: true });
  edit(directory);
  return consistencyProblems({
    contract: loadContract(join(directory, 'openapi.yaml')),
    contractFile: 'openapi.yaml',
    template: readTemplate(join(directory, 'template.yaml')),
    templateFile: 'template.yaml',
    implemented,
    implementationsFile: 'operations.ts',
    published: await publishedContract(join(directory, 'openapi.yaml')),
  });
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

describe('growth: the runner serves two operations', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await startTestApi({ template: join(FIXTURE, 'template.yaml') });
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers each operation with its own implementation, per its contract', async () => {
    // Act
    const meditate = await send(api.url, { method: 'POST', path: '/v1/' });
    const read = await send(api.url, { method: 'GET', path: '/v1/meditations/1?case=upper' });

    // Assess
    expect(meditate.json()).toEqual({ status: 'success', meditation: 'grown, not built' });
    expect(read.json()).toEqual({ status: 'success', meditation: 'THE COUNT OF MACHINES ABIDES' });
    expect(contract.checkResponse('meditate', asContractResponse(meditate))).toEqual({ valid: true, errors: [] });
    expect(contract.checkResponse('getMeditation', asContractResponse(read))).toEqual({ valid: true, errors: [] });
  });

  it("rejects a request without the required query parameter with the contract's 400", async () => {
    const response = await send(api.url, { method: 'GET', path: '/v1/meditations/1' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'BAD_REQUEST_PARAMETERS',
      message: 'Missing required request parameters: [method.request.querystring.case]',
    });
    expect(contract.checkResponse('getMeditation', asContractResponse(response)).valid).toBe(true);
  });

  it('answers an index with no meditation 404, as the new operation declares', async () => {
    const response = await send(api.url, { method: 'GET', path: '/v1/meditations/9?case=lower' });
    expect(response.statusCode).toBe(404);
    expect(contract.checkResponse('getMeditation', asContractResponse(response)).valid).toBe(true);
  });
});

describe('growth: the consistency check', () => {
  it('passes when every operation has its four pieces', async () => {
    expect(await problemsAfter(() => undefined)).toEqual([]);
  });

  it('names the operation and the file when its implementation is missing', async () => {
    expect(await problemsAfter(() => undefined, ['meditate'])).toEqual([
      'operation getMeditation (GET /meditations/{index}) has no implementation: implement getMeditation in operations.ts.',
    ]);
  });

  it('names the operation and the file when its integration is missing', async () => {
    const problems = await problemsAfter((directory) =>
      editYaml(join(directory, 'openapi.yaml'), (document) =>
        document.deleteIn(['paths', '/meditations/{index}', 'get', 'x-amazon-apigateway-integration']),
      ),
    );
    expect(problems).toEqual([
      "operation getMeditation (GET /meditations/{index}) has no x-amazon-apigateway-integration invoking a function: give it one in openapi.yaml (copy another operation's).",
      "template.yaml: GrowthFunction's Api event GetMeditation (GET /meditations/{index}) matches no operation of openapi.yaml that integrates GrowthFunction: remove the event, or add the operation.",
    ]);
  });

  it('names the operation and the file when its Api event is missing', async () => {
    const problems = await problemsAfter((directory) =>
      rewrite(join(directory, 'template.yaml'), /\n {8}GetMeditation:\n(?: {10}.*\n)+/, '\n'),
    );
    expect(problems).toEqual([
      "operation getMeditation (GET /meditations/{index}) has no Api event on GrowthFunction, so API Gateway may not invoke it: add one under GrowthFunction's Events in template.yaml (Type: Api, RestApiId: !Ref GrowthApi, Path: /meditations/{index}, Method: get).",
    ]);
  });

  it('names the operation and the file when its docs entry is missing', async () => {
    const problems = await problemsAfter((directory) =>
      rewrite(join(directory, 'openapi.yaml'), '      summary: Read one meditation\n', ''),
    );
    expect(problems).toEqual([
      "operation getMeditation (GET /meditations/{index}) has no summary for the docs: write one in openapi.yaml (Redoc shows it as the operation's title and text).",
    ]);
  });

  it('names the operation and what it lacks when its requests cannot be built from the contract', async () => {
    const problems = await problemsAfter((directory) =>
      rewrite(join(directory, 'openapi.yaml'), 'required: true, example: upper,', 'required: true,'),
    );
    expect(problems).toEqual([
      'operation getMeditation (GET /meditations/{index}) cannot be probed: openapi.yaml lacks an example for its required query parameter case: add it there.',
    ]);
  });

  it('names what exists in one place only: an implementation or an Api event without an operation', async () => {
    const problems = await problemsAfter(
      (directory) =>
        rewrite(join(directory, 'template.yaml'), 'Path: /meditations/{index}', 'Path: /meditation/{index}'),
      [...Object.keys(implementations), 'forget'],
    );
    expect(problems).toContain(
      'operations.ts implements forget, which openapi.yaml does not define: remove it, or add the operation.',
    );
    expect(problems).toContain(
      "template.yaml: GrowthFunction's Api event GetMeditation (GET /meditation/{index}) matches no operation of openapi.yaml that integrates GrowthFunction: remove the event, or add the operation.",
    );
  });

  it("keeps the fixture's generated/ in step with its contract", () => {
    const args = ['--check', '--contract', join(FIXTURE, 'openapi.yaml'), '--out', join(FIXTURE, 'generated')];
    expect(() => execFileSync(process.execPath, ['scripts/generate.ts', ...args], { cwd: PROJECT })).not.toThrow();
  });
});
