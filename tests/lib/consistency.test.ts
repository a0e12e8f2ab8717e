// openapi.yaml, src/api/operations, template.yaml and the published docs agree on every operation:
// lib/consistency.ts says, for any disagreement, what is missing and which file to edit. This
// project is checked as it is; the messages on a fixture of their own (tests/fixtures/consistency),
// one piece taken away at a time.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Document, parseDocument } from 'yaml';
import { consistencyProblems } from '../../lib/consistency.ts';
import { loadContract } from '../../lib/contract.ts';
import { publishedContract } from '../../lib/docs.ts';
import { DEFINITION_FILE_NAME } from '../../lib/gateway-definition.ts';
import { projectFile } from '../../lib/project.ts';
import { readTemplate } from '../../lib/template.ts';
import { implementations } from '../../src/api/operations/index.ts';
import { contract } from '../support/contract.ts';
import { template } from '../support/template.ts';

const FIXTURE = projectFile('tests', 'fixtures', 'consistency');
const DEFINITION_FILE = `generated/${DEFINITION_FILE_NAME}`;

describe('consistency of this project', () => {
  it('finds every operation implemented, integrated, permitted and documented, and nothing else', async () => {
    // Prepare
    const published = await publishedContract(fileURLToPath(new URL('../../openapi.yaml', import.meta.url)));

    // Act
    const problems = consistencyProblems({
      contract,
      contractFile: 'openapi.yaml',
      template,
      templateFile: 'template.yaml',
      definitionFile: DEFINITION_FILE,
      implemented: Object.keys(implementations),
      implementationsFile: 'src/api/operations/index.ts',
      published,
    });

    // Assess: each problem says what is missing and where to add it (docs/adding-an-operation.md).
    expect(problems).toEqual([]);
  });
});

describe("the consistency check's messages", () => {
  /** The check on a copy of the fixture's contract and template after `edit`, with `implemented` implemented. */
  const problemsAfter = async (edit: (copy: string) => void, implemented = ['getItem']) => {
    const copy = mkdtempSync(join(tmpdir(), 'guru-consistency-'));
    for (const file of ['openapi.yaml', 'template.yaml']) cpSync(join(FIXTURE, file), join(copy, file));
    edit(copy);
    try {
      return consistencyProblems({
        contract: loadContract(join(copy, 'openapi.yaml')),
        contractFile: 'openapi.yaml',
        template: readTemplate(join(copy, 'template.yaml')),
        templateFile: 'template.yaml',
        definitionFile: DEFINITION_FILE,
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
    if (typeof from === 'string' ? !text.includes(from) : !from.test(text)) throw new Error(`${file} has no ${from}`);
    writeFileSync(file, text.replace(from, to));
  };
  const GET = ['paths', '/items/{id}', 'get'];
  const OPERATION = 'operation getItem (GET /items/{id})';

  it('passes when every operation has all its pieces', async () => {
    expect(await problemsAfter(() => undefined)).toEqual([]);
  });

  it('names the operation and the file when its implementation is missing', async () => {
    expect(await problemsAfter(() => undefined, [])).toEqual([
      `${OPERATION} has no implementation: implement getItem in src/api/operations/index.ts.`,
    ]);
  });

  it('names the operation and the file when its integration is missing', async () => {
    const problems = await problemsAfter((copy) =>
      editYaml(join(copy, 'openapi.yaml'), (document) =>
        document.deleteIn([...GET, 'x-amazon-apigateway-integration']),
      ),
    );
    expect(problems).toEqual([
      `${OPERATION} has no x-amazon-apigateway-integration invoking a function: give it one in openapi.yaml, a $ref to its function's in components/x-amazon-apigateway-integrations.`,
      "template.yaml: ItemsFunction's Api event GetItem (GET /items/{id}) matches no operation of openapi.yaml that integrates ItemsFunction: remove the event, or add the operation.",
    ]);
  });

  it('names the operation and the file when its Api event is missing', async () => {
    const problems = await problemsAfter((copy) =>
      rewrite(join(copy, 'template.yaml'), /\n {8}GetItem:\n(?: {10}.*\n)+/, '\n'),
    );
    expect(problems).toEqual([
      `${OPERATION} has no Api event on ItemsFunction, so API Gateway may not invoke it: add one under ItemsFunction's Events in template.yaml (Type: Api, RestApiId: !Ref ItemsApi, Path: /items/{id}, Method: get).`,
    ]);
  });

  it('names the operation and the file when it invokes the function by its ARN, not the alias SAM permits', async () => {
    const problems = await problemsAfter((copy) =>
      rewrite(join(copy, 'openapi.yaml'), 'ItemsFunction.Alias}', 'ItemsFunction.Arn}'),
    );
    expect(problems).toEqual([
      `${OPERATION} invokes \${ItemsFunction.Arn}, but SAM grants API Gateway the alias only: use \${ItemsFunction.Alias} in openapi.yaml.`,
    ]);
  });

  it('names the operation and the file when its docs entry is missing', async () => {
    const problems = await problemsAfter((copy) =>
      editYaml(join(copy, 'openapi.yaml'), (document) => document.deleteIn([...GET, 'summary'])),
    );
    expect(problems).toEqual([
      `${OPERATION} has no summary for the docs: write one in openapi.yaml (Redoc shows it as the operation's title and text).`,
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
      `${OPERATION} does not list 429 (the stage throttled it), 502 (the function crashed or answered malformed): add them to its responses in openapi.yaml, as $refs to the shared answers in components/responses, as the other operations do.`,
    ]);
  });

  it("names an operation without API Gateway's 403 and 413, whose refusals the battery could not probe", async () => {
    const problems = await problemsAfter((copy) =>
      editYaml(join(copy, 'openapi.yaml'), (document) => {
        document.deleteIn([...GET, 'responses', '403']);
        document.deleteIn([...GET, 'responses', '413']);
      }),
    );
    expect(problems).toEqual([
      `${OPERATION} does not list 403 (a path or method the API does not define), 413 (the request is over API Gateway's limits): add them to its responses in openapi.yaml, as $refs to the shared answers in components/responses, as the other operations do.`,
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
      `${OPERATION}'s 404 response does not declare X-Contract-Version (the version of the contract served), Access-Control-Allow-Origin (the origin whose pages may read it), Access-Control-Expose-Headers (the headers those pages may read): declare it in openapi.yaml as the other responses do (headers: *answer-headers declares every one).`,
    ]);
  });

  it('names the operation and what it lacks when its requests cannot be built from the contract', async () => {
    const problems = await problemsAfter((copy) =>
      editYaml(join(copy, 'openapi.yaml'), (document) => document.deleteIn([...GET, 'parameters', 0, 'example'])),
    );
    expect(problems).toEqual([
      `${OPERATION} cannot be probed: openapi.yaml lacks an example for its required path parameter id: add it there.`,
    ]);
  });

  it('names an operation without an operationId', async () => {
    const problems = await problemsAfter((copy) =>
      editYaml(join(copy, 'openapi.yaml'), (document) => document.deleteIn([...GET, 'operationId'])),
    );
    expect(problems).toContain('GET /items/{id} has no operationId: give it one in openapi.yaml.');
  });

  it('names an API that does not include the definition generated from the contract', async () => {
    const problems = await problemsAfter((copy) =>
      rewrite(join(copy, 'template.yaml'), 'Location: ./generated/openapi.apigateway.yaml', 'Location: ./openapi.yaml'),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^template\.yaml has no AWS::Serverless::Api whose DefinitionBody includes generated\/openapi\.apigateway\.yaml/,
      ),
    );
  });

  it('names what exists in one place only: an implementation or an Api event without an operation', async () => {
    const problems = await problemsAfter(
      (copy) => rewrite(join(copy, 'template.yaml'), 'Path: /items/{id}', 'Path: /item/{id}'),
      ['getItem', 'forget'],
    );
    expect(problems).toContain(
      'src/api/operations/index.ts implements forget, which openapi.yaml does not define: remove it, or add the operation.',
    );
    expect(problems).toContain(
      "template.yaml: ItemsFunction's Api event GetItem (GET /item/{id}) matches no operation of openapi.yaml that integrates ItemsFunction: remove the event, or add the operation.",
    );
  });
});
