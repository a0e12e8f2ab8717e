// The client package as it ships: built once (lib/client-package.ts), packed by npm, installed from
// its tarball into a fresh project, type-checked there by tsc (a misspelled field must fail), and
// run there by Node against the local runner.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClient, CLIENT_DIR } from '../../lib/client-package.ts';
import { readNames } from '../../lib/names.ts';
import { MEDITATIONS } from '../../src/domain/meditate.ts';
import { installedConsumer, type Ran, runCommand, typeCheck } from '../support/consumer-project.ts';
import { contract } from '../support/contract.ts';
import { type RunningApi, startTestApi } from '../support/http.ts';

interface PackageJson {
  name: string;
  version: string;
  dependencies: Record<string, string>;
}

/** A call as the README shows it, printing the meditation and the answer's request id. */
const callOf = (
  baseUrl: string,
  field: string,
) => `import { createMeditationsClient, requestIdOf } from '${readNames().clientPackage}';

const client = createMeditationsClient('${baseUrl}');
const { data, error, response } = await client.POST('/');
if (error) throw new Error(\`\${error.code}: \${error.message} (request \${error.requestId})\`);
console.log(JSON.stringify({ meditation: data.${field}, requestId: requestIdOf(response) }));
`;

const manifest = JSON.parse(await readFile(join(CLIENT_DIR, 'package.json'), 'utf8')) as PackageJson;

describe('the client package', () => {
  let workDir: string;
  let api: RunningApi;
  let packed: { filename: string; files: { path: string }[] };
  let installed: Ran;
  const consumerDir = () => join(workDir, 'consumer');

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
    await writeFile(join(consumerDir(), 'call.ts'), callOf(api.url, 'meditation'));
    await writeFile(join(consumerDir(), 'misspelled.ts'), callOf(api.url, 'meditaton'));
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
      expect.stringMatching(/^misspelled\.ts\(6,\d+\): error TS2551: Property 'meditaton' does not exist on type /),
    ]);
  });

  it('runs in that project with Node, calling the local runner', async () => {
    // Act
    const ran = await runCommand(process.execPath, ['call.ts'], consumerDir());

    // Assess
    expect(ran.code, ran.stderr).toBe(0);
    const { meditation, requestId } = JSON.parse(ran.stdout);
    expect(MEDITATIONS).toContain(meditation);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
