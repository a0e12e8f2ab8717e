// The client package as it ships: built once (lib/client-package.ts), packed by npm, installed from
// its tarball into a fresh project, type-checked there by tsc (a misspelled field must fail), and
// run there by Node against the local runner. The call is the contract's first example request,
// and the field one its answer requires, whatever the operation.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, CLIENT_DIR } from '../../lib/client-package.ts';
import { readNames } from '../../lib/names.ts';
import { installedConsumer, type Ran, runCommand, typeCheck } from '../support/consumer-project.ts';
import { contract } from '../support/contract.ts';
import { type Example, firstExample, initOf, requiredField } from '../support/examples.ts';
import { type RunningApi, startTestApi } from '../support/http.ts';

interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

/** The example request sent as the README shows a call, reading `field` of the answer and printing the rest. */
const callOf = (
  baseUrl: string,
  example: Example,
  field: string,
) => `import { createMeditationsClient, requestIdOf } from '${readNames().clientPackage}';

const client = createMeditationsClient('${baseUrl}');
const { data, error, response } = await client.${example.request.method}('${example.request.resource}', ${JSON.stringify(initOf(example))});
if (error) throw new Error(\`\${error.code}: \${error.message} (request \${error.requestId})\`);
const field = data.${field};
const headers: Record<string, string> = {};
response.headers.forEach((value, name) => {
  headers[name] = value;
});
console.log(JSON.stringify({ field, status: response.status, headers, body: data, requestId: requestIdOf(response) }));
`;

/** `field` misspelled: its last two letters swapped, or a letter added to a field of one. */
const misspelled = (field: string) =>
  field.length < 2 ? `${field}x` : `${field.slice(0, -2)}${field.at(-1)}${field.at(-2)}`;

const manifest = JSON.parse(await readFile(join(CLIENT_DIR, 'package.json'), 'utf8')) as PackageJson;

describe('the client package', () => {
  let workDir: string;
  let api: RunningApi;
  let packed: { filename: string; files: { path: string }[] };
  let installed: Ran;
  const consumerDir = () => join(workDir, 'consumer');
  const example = firstExample();
  const field = requiredField(example);

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'guru-client-'));
    [api] = await Promise.all([startTestApi(), buildClient()]);
    const pack = await runCommand('npm', ['pack', '--json', '--pack-destination', workDir], CLIENT_DIR);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    [packed] = JSON.parse(pack.stdout) as [typeof packed];
    installed = await installedConsumer(
      consumerDir(),
      join(workDir, packed.filename),
      Object.keys(manifest.dependencies),
    );
    await writeFile(join(consumerDir(), 'call.ts'), callOf(api.url, example, field));
    await writeFile(join(consumerDir(), 'misspelled.ts'), callOf(api.url, example, misspelled(field)));
  });

  afterAll(async () => {
    await api?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("has the contract's version, info.version", () => {
    expect(manifest.version).toBe(
      (contract.document as typeof contract.document & { info: { version: string } }).info.version,
    );
  });

  it('has openapi-fetch for its one dependency, at the range the project tests with', async () => {
    // Prepare
    const root = JSON.parse(await readFile(join(CLIENT_DIR, '..', 'package.json'), 'utf8'));

    // Assess
    expect(manifest.dependencies).toEqual({ 'openapi-fetch': root.devDependencies['openapi-fetch'] });
  });

  it('packs only the built files, the README and package.json', () => {
    // Act
    const paths = packed.files.map(({ path }) => path).sort();

    // Assess
    expect(paths.filter((path) => !/^dist\/[\w-]+\.(js|d\.ts)$/.test(path))).toEqual(['README.md', 'package.json']);
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.d.ts', 'dist/api.d.ts']));
  });

  it("installs offline in a fresh project, whose tsc accepts a call and rejects a field the contract doesn't name", async () => {
    // Act
    const checked = await typeCheck(consumerDir());

    // Assess: one error, and none in call.ts or in the package's declarations.
    expect(installed.code, installed.stderr).toBe(0);
    expect(checked.code).not.toBe(0);
    expect(checked.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^misspelled\\.ts\\(6,\\d+\\): error TS(2339|2551): Property '${misspelled(field)}' does not exist on type `,
        ),
      ),
    ]);
  });

  it('runs in that project with Node, calling the local runner', async () => {
    // Act
    const ran = await runCommand(process.execPath, ['call.ts'], consumerDir());

    // Assess
    expect(ran.code, ran.stderr).toBe(0);
    const printed = JSON.parse(ran.stdout);
    const answer = { statusCode: printed.status, headers: printed.headers, body: JSON.stringify(printed.body) };
    expect(printed.status).toBe(example.status);
    expect(contract.checkResponse(example.operationId, answer).errors).toEqual([]);
    expect(printed.field).toEqual(printed.body[field]);
    expect(printed.field).toBeDefined();
    expect(printed.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
