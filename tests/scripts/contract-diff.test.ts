// `npm run contract:diff` as developers and CI run it: with a file or a git ref as the base, with
// the default branch's merge base, and in clones that have no default branch to reach.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/contract-diff.ts', import.meta.url));
const BASE = readFileSync(new URL('../fixtures/contract-diff/base.yaml', import.meta.url), 'utf8');
/** The base with `meditation` made optional in the answer (breaking), at a version of choice. */
const breakingAt = (version: string) =>
  BASE.replace('required: [status, meditation]', 'required: [status]').replace('version: 1.4.2', `version: ${version}`);
/** The base with an optional query parameter added to POST / (compatible). */
const compatibleAt = (version: string) =>
  BASE.replace(
    'operationId: meditate\n',
    `operationId: meditate\n      parameters:\n        - { name: lang, in: query, schema: { type: string } }\n`,
  ).replace('version: 1.4.2', `version: ${version}`);

const directories: string[] = [];
const scratch = () => {
  const directory = mkdtempSync(join(tmpdir(), 'guru-contract-diff-'));
  directories.push(directory);
  return directory;
};
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_IDENTITY }, stdio: 'pipe', encoding: 'utf8' });

/** A repository whose main holds the base contract, with a branch from it checked out. */
const repository = () => {
  const directory = scratch();
  git(directory, 'init', '--quiet', '--initial-branch', 'main');
  writeFileSync(join(directory, 'openapi.yaml'), BASE);
  git(directory, 'add', 'openapi.yaml');
  git(directory, 'commit', '--quiet', '-m', 'contract');
  git(directory, 'checkout', '--quiet', '-b', 'feature');
  return directory;
};

const contractDiff = (cwd: string, ...args: string[]) => {
  const { status, stdout, stderr } = spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });
  return { status, stdout, stderr };
};

describe('contract:diff with a named base', () => {
  it('exits 0 and lists the change when the version carries it', () => {
    // Prepare
    const directory = scratch();
    writeFileSync(join(directory, 'base.yaml'), BASE);
    writeFileSync(join(directory, 'openapi.yaml'), compatibleAt('1.5.0'));

    // Act
    const { status, stdout } = contractDiff(directory, '--base', 'base.yaml');

    // Assess
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /compatible +POST \/ \(meditate\) +\/paths\/~1\/post\/parameters\/0 +\[Added\] query parameter `lang`/,
    );
    expect(stdout).toContain('✔ Allowed');
  });

  it('exits 1 naming each breaking change and the version it needs', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'base.yaml'), BASE);
    writeFileSync(join(directory, 'openapi.yaml'), breakingAt('1.5.0'));

    const { status, stderr } = contractDiff(directory, '--base', 'base.yaml');

    expect(status).toBe(1);
    expect(stderr).toMatch(/✘ breaking: POST \/ \(meditate\) \/paths\/~1\/post\/responses\/200\/.*required/);
    expect(stderr).toContain(
      '✘ Not allowed: a breaking change needs info.version 2.0.0 or higher (major bump); it is 1.5.0.',
    );
  });

  it("takes the project's version bump alone as no change: no answer is fixed to the version", () => {
    // Prepare: this project's contract, its CORS preflights included, at the next patch version.
    const directory = scratch();
    const contract = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8');
    writeFileSync(join(directory, 'base.yaml'), contract);
    writeFileSync(
      join(directory, 'openapi.yaml'),
      contract.replace(/^( {2}version: \d+\.\d+\.)(\d+)$/m, (_, start, patch) => `${start}${Number(patch) + 1}`),
    );

    const { status, stdout } = contractDiff(directory, '--base', 'base.yaml');

    expect(status).toBe(0);
    expect(stdout).toContain('0 changes (0 breaking, 0 compatible, 0 docs).');
  });

  it('reads `paths:` with nothing under it as no operation: every one removed, a break', () => {
    // Prepare: the base with its every operation deleted, as when the last is removed before the next is added.
    const directory = scratch();
    writeFileSync(join(directory, 'base.yaml'), BASE);
    writeFileSync(join(directory, 'openapi.yaml'), BASE.replace(/\npaths:\n(?:(?: .*)?\n)*/, '\npaths:\n'));

    const { status, stderr } = contractDiff(directory, '--base', 'base.yaml');

    expect(status).toBe(1);
    expect(stderr).toContain('✘ breaking: POST / (meditate) /paths/~1/post: [Removed] operation POST /');
    expect(stderr).toContain('needs info.version 2.0.0 or higher (major bump)');
  });

  it('compares with a git ref, and appends the change list to a summary file', () => {
    const directory = repository();
    writeFileSync(join(directory, 'openapi.yaml'), breakingAt('2.0.0'));

    const { status } = contractDiff(directory, '--base', 'main', '--summary', 'summary.md');

    expect(status).toBe(0);
    const summary = readFileSync(join(directory, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^### Contract openapi\.yaml 2\.0\.0 against main@[0-9a-f]{7} 1\.4\.2/);
    expect(summary).toContain(
      '| breaking | POST / (meditate) | `/paths/~1/post/responses/200/content/application~1json/schema/required/1` |',
    );
  });

  it.each([
    [
      'an unknown ref',
      ['--base', 'no-such-branch'],
      'contract:diff: no-such-branch is neither a file nor a git ref here',
    ],
    [
      'an unreadable head',
      ['--base', 'main', '--head', 'missing.yaml'],
      'contract:diff: cannot read missing.yaml: ENOENT',
    ],
    ['a ref without the contract', ['--base', 'empty'], 'contract:diff: empty@'],
    ['an unknown option', ['--bsae', 'main'], "contract:diff: Unknown option '--bsae'"],
  ])('exits 2 with one clear line on %s', (_, args, message) => {
    const directory = repository();
    git(directory, 'checkout', '--quiet', '--orphan', 'empty');
    git(directory, 'rm', '--quiet', '--cached', 'openapi.yaml');
    git(directory, 'commit', '--quiet', '--allow-empty', '-m', 'nothing');

    const { status, stderr } = contractDiff(directory, ...args);

    expect(status).toBe(2);
    expect(stderr.split('\n')[0]).toContain(message);
  });
});

describe('contract:diff with the default branch', () => {
  it('compares the work tree with the merge base, so an unversioned break fails before the push', () => {
    const directory = repository();
    writeFileSync(join(directory, 'openapi.yaml'), breakingAt('1.4.2'));

    const { status, stdout } = contractDiff(directory);

    expect(status).toBe(1);
    expect(stdout).toMatch(/against main@[0-9a-f]{7} \(merge base\) 1\.4\.2/);
  });

  it('passes in a clean clone of main, whose merge base is itself', () => {
    // Prepare: a clone, as CI makes of main.
    const origin = repository();
    git(origin, 'checkout', '--quiet', 'main');
    const clone = scratch();
    git(clone, 'clone', '--quiet', '--depth', '1', `file://${origin}`, '.');

    // Act
    const { status, stdout } = contractDiff(clone);

    // Assess
    expect(status).toBe(0);
    expect(stdout).toMatch(/against origin\/main@[0-9a-f]{7} \(merge base\)/);
    expect(stdout).toContain('0 changes');
  });

  it('checks nothing and passes where no default branch is reachable (no git history)', () => {
    const directory = scratch();
    writeFileSync(join(directory, 'openapi.yaml'), breakingAt('1.4.2'));

    const { status, stdout } = contractDiff(directory);

    expect(status).toBe(0);
    expect(stdout).toContain('no default branch to compare with here');
  });

  it('says git cannot run, rather than that the base has no openapi.yaml, on a machine without git', () => {
    // Prepare: a clone whose machine has no git on PATH (Node is run by its full path).
    const directory = repository();
    const withoutGit = { ...process.env, PATH: scratch() };
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [SCRIPT, ...args], { cwd: directory, encoding: 'utf8', env: withoutGit });

    // Act
    const named = run('--base', 'main');
    const byDefault = run();

    // Assess: a base named by git ref cannot be read (usage error); the default one checks nothing.
    expect(named.status).toBe(2);
    expect(named.stderr.trim()).toBe('contract:diff: git cannot be run here (ENOENT): pass --base <file>');
    expect(byDefault.status).toBe(0);
    expect(byDefault.stdout).toContain('git cannot be run here (ENOENT): nothing checked');
  });
});
