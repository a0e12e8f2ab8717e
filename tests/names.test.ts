// The project's names are written once: names.json (the service, which is also the stacks' prefix,
// the metric namespace, the client package) and openapi.yaml's info.title. Every other file reads
// them, or is a copy `npm run generate` owns (lib/names-sync.ts): renaming the project is editing
// names.json and running `npm run generate`.
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractTitle } from '../lib/contract.ts';
import { readNames } from '../lib/names.ts';
import { derivedCopies } from '../lib/names-sync.ts';
import { PROJECT_ROOT, projectFile } from '../lib/project.ts';
import { readSamconfig } from '../lib/samconfig.ts';
import { readTemplate } from '../lib/template.ts';
import { TRANSLATED_STACKS } from '../lib/translation/stacks.ts';
import { copyOfProjectFiles, generateSources, projectFiles } from './support/files.ts';

const names = readNames();
const title = contractTitle(projectFile('openapi.yaml'));
/** Each name as it could be written again: the names themselves, and the title without its " API". */
const NAME_LITERALS = [names.service, names.metricNamespace, names.clientPackage];
const TITLE_LITERALS = [title, title.replace(/ API$/, '')];
/** Names a renamed project would have. */
const OTHER = { service: 'acme-orders', metricNamespace: 'AcmeOrders', clientPackage: '@acme/orders-client' };

/** Prose about this project, which may name it: the README, the guides, the changelog. */
const PROSE = /^(README\.md|CHANGELOG-API\.md|SECURITY\.md|BENCHMARKS\.md|client\/README\.md|docs\/.*\.md)$/;
/** Made from names.json, the contract or the template, and checked for staleness by the tests. */
const DERIVED = new Set([
  'names.json',
  ...derivedCopies().map(({ file }) => file),
  ...Object.values(TRANSLATED_STACKS).map(({ file }) => file),
]);
/** The names of another project: the one docs/make-it-yours.md makes of this one, rehearsed. */
const ANOTHER_PROJECT = 'tests/fixtures/make-it-yours/';

/** The names `text` writes literally, by line. A GitHub Pages origin names its owner's GitHub account, not the project. */
const literalsIn = (text: string, literals: string[]) =>
  text.split('\n').flatMap((line, index) => {
    const read = line.replaceAll(/https:\/\/[\w-]+\.github\.io/g, '');
    return literals.filter((literal) => read.includes(literal)).map((literal) => ({ line: index + 1, literal }));
  });

describe('names', () => {
  it('are written literally nowhere but in names.json and the contract, the files made from them, and prose', () => {
    // Prepare: every file of the project, tracked or new, but for its binaries.
    const files = projectFiles('.', '').filter(
      (file) =>
        file !== '' &&
        !file.startsWith('generated/') &&
        !DERIVED.has(file) &&
        !file.startsWith(ANOTHER_PROJECT) &&
        !PROSE.test(file) &&
        lstatSync(projectFile(file), { throwIfNoEntry: false })?.isFile() === true,
    );

    // Act
    const found = files.flatMap((file) => {
      const content = readFileSync(projectFile(file));
      if (content.includes(0)) return [];
      const literals = file === 'openapi.yaml' ? NAME_LITERALS : [...NAME_LITERALS, ...TITLE_LITERALS];
      return literalsIn(content.toString('utf8'), literals).map(({ line, literal }) => `${file}:${line}: ${literal}`);
    });

    // Assess
    expect(files.length).toBeGreaterThan(200);
    expect(found, 'read the name from lib/names.ts (names.json) or the contract instead').toEqual([]);
  });

  it('are owned entirely by npm run generate in the copies it writes: renamed, no old name remains', () => {
    // Act
    const renamed = derivedCopies(PROJECT_ROOT, OTHER);

    // Assess
    expect(renamed.map(({ file }) => file).sort()).toEqual([
      'client/package.json',
      'package-lock.json',
      'package.json',
      'samconfig.toml',
      'template.yaml',
    ]);
    for (const { file, text } of renamed) {
      expect(literalsIn(text, [...NAME_LITERALS, ...TITLE_LITERALS]), file).toEqual([]);
    }
  });

  describe('renamed in names.json, then npm run generate', () => {
    let directory: string;
    let generated: SpawnSyncReturns<string>;
    const copied = (file: string) => readFileSync(join(directory, file), 'utf8');
    const json = (file: string) => JSON.parse(copied(file));
    /** The lines of a file that the rename changed, as they are now; every other line is as it was. */
    const changedLines = (file: string) => {
      const before = readFileSync(projectFile(file), 'utf8').split('\n');
      const after = copied(file).split('\n');
      expect(after, file).toHaveLength(before.length);
      return after.filter((line, index) => line !== before[index]);
    };

    beforeAll(() => {
      directory = copyOfProjectFiles(generateSources(), 'renamed-');
      writeFileSync(join(directory, 'names.json'), `${JSON.stringify(OTHER, null, 2)}\n`);
      generated = spawnSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, encoding: 'utf8' });
    }, 60_000);

    afterAll(() => {
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    it('writes the new names where the tools read them, and nothing else', () => {
      // Assess
      expect(generated.stderr).toBe('');
      expect(generated.status).toBe(0);
      const samconfig = readSamconfig(join(directory, 'samconfig.toml')) as Record<
        string,
        { global: { parameters: { stack_name: string } }; deploy: { parameters: { s3_prefix: string } } }
      >;
      for (const [environment, stack] of Object.entries({
        default: 'acme-orders-dev',
        'pipeline-dev': 'acme-orders-dev',
        prod: 'acme-orders-prod',
        'pipeline-prod': 'acme-orders-prod',
      })) {
        expect(samconfig[environment]?.global.parameters.stack_name, environment).toBe(stack);
        expect(samconfig[environment]?.deploy.parameters.s3_prefix, environment).toBe(stack);
      }
      expect(readTemplate(join(directory, 'template.yaml')).Parameters?.MetricNamespace?.Default).toBe('AcmeOrders');
      // Those lines only: every comment and every other setting is kept.
      expect(changedLines('samconfig.toml')).toHaveLength(8);
      expect(new Set(changedLines('samconfig.toml'))).toEqual(
        new Set([
          'stack_name = "acme-orders-dev"',
          's3_prefix = "acme-orders-dev"',
          'stack_name = "acme-orders-prod"',
          's3_prefix = "acme-orders-prod"',
        ]),
      );
      expect(changedLines('template.yaml')).toEqual(['    Default: AcmeOrders']);
      expect(json('package.json').name).toBe('acme-orders');
      expect([json('package-lock.json').name, json('package-lock.json').packages[''].name]).toEqual([
        'acme-orders',
        'acme-orders',
      ]);
      expect(json('client/package.json').name).toBe('@acme/orders-client');
    });

    it('leaves nothing stale for npm run generate:check', () => {
      // Act
      const checked = spawnSync(process.execPath, ['scripts/generate.ts', '--check'], {
        cwd: directory,
        encoding: 'utf8',
      });

      // Assess
      expect(checked.stderr).toBe('');
      expect(checked.status).toBe(0);
    });
  });
});
