// `npm run generate` on a clone whose generated/ is missing or behind the contract: generating must
// not depend on what it generates (lib/contract.ts reads nothing at import).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { PROJECT_ROOT, projectFile } from '../../lib/project.ts';
import { contract } from '../support/contract.ts';
import { copyOfProjectFiles, generateSources } from '../support/files.ts';

const GENERATED = readdirSync(projectFile('generated')).sort();

/** A copy of what `npm run generate` reads, node_modules linked, with generated/ as `prepare` leaves it. */
const projectCopy = (prepare: (generated: string) => void) => {
  const directory = copyOfProjectFiles([...generateSources(), 'package.json'], 'generate-test-');
  prepare(join(directory, 'generated'));
  return directory;
};

const generateIn = (directory: string) =>
  spawnSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, encoding: 'utf8', timeout: 60_000 });

const expectSameAsCommitted = (directory: string) => {
  for (const file of GENERATED) {
    expect(readFileSync(join(directory, 'generated', file), 'utf8'), file).toBe(
      readFileSync(join(PROJECT_ROOT, 'generated', file), 'utf8'),
    );
  }
};

describe('generate', () => {
  let directory: string | undefined;

  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('makes generated/ again, byte for byte, once it is deleted', () => {
    // Prepare: rm -rf generated
    directory = projectCopy((generated) => rmSync(generated, { recursive: true }));

    // Act
    const result = generateIn(directory);

    // Assess
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(join(directory, 'generated')).sort()).toEqual(GENERATED);
    expectSameAsCommitted(directory);
  }, 60_000);

  it('replaces a stale generated/, even validators that no longer load, and removes what it no longer makes', () => {
    // Prepare: validators.js without the export everything else imports, api.d.ts a contract behind,
    // and a file an older version generated.
    directory = projectCopy((generated) => {
      writeFileSync(join(generated, 'validators.js'), 'export const stale = true;\n');
      writeFileSync(join(generated, 'api.d.ts'), 'export interface paths {}\n');
      writeFileSync(join(generated, 'routes.ts'), 'export const ROUTES = {};\n');
    });

    // Act
    const result = generateIn(directory);

    // Assess
    expect(result.status).toBe(0);
    expect(readdirSync(join(directory, 'generated')).sort()).toEqual(GENERATED);
    expectSameAsCommitted(directory);
  }, 60_000);

  it('fails the drift check on a file it no longer makes, naming it', () => {
    // Prepare
    directory = projectCopy((generated) => writeFileSync(join(generated, 'routes.ts'), 'export {};\n'));

    // Act
    const result = spawnSync(process.execPath, ['scripts/generate.ts', '--check'], {
      cwd: directory,
      encoding: 'utf8',
      timeout: 60_000,
    });

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(join('generated', 'routes.ts'));
    expect(result.stderr).toContain('npm run generate');
  }, 60_000);

  it("fails naming an operation that does not list API Gateway's 403, whose refusals the battery would leave out", () => {
    // Prepare: the first operation's 403 taken out of the contract.
    directory = projectCopy(() => undefined);
    const file = join(directory, 'openapi.yaml');
    const { path, method, operationId } = contract.functionOperations()[0]!;
    const document = parseDocument(readFileSync(file, 'utf8'));
    document.deleteIn(['paths', path, method.toLowerCase(), 'responses', '403']);
    writeFileSync(file, document.toString());

    // Act
    const result = generateIn(directory);

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `operation ${operationId} (${method} ${path}) does not list 403 (a path or method the API does not define)`,
    );
  }, 60_000);
});
