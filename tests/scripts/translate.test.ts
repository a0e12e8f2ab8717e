// `npm run translate` where the SAM translator cannot run: one line that says how to get it, exit 2,
// no traceback, and no translated stack touched. (Where it can run, CI on GitHub runs it and fails
// on any difference from the committed stacks: .github/workflows/ci.yml.)
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectFile } from '../../lib/project.ts';
import { pinnedTranslatorVersion, TRANSLATED_STACKS } from '../../lib/translation/stacks.ts';

const work = mkdtempSync(join(tmpdir(), 'guru-translate-'));
const PIN = pinnedTranslatorVersion();
const HINT = `pip install aws-sam-translator==${PIN}`;
const translations = () => Object.values(TRANSLATED_STACKS).map(({ file }) => readFileSync(projectFile(file), 'utf8'));

/** An executable that runs python3 without its site-packages, and with `path` first on its module path. */
const pythonWith = (name: string, path?: string) => {
  const file = join(work, name);
  writeFileSync(file, `#!/bin/sh\n${path ? `PYTHONPATH='${path}' ` : ''}exec python3 -S "$@"\n`);
  chmodSync(file, 0o755);
  return file;
};

const translate = (python: string, args: string[] = []) =>
  spawnSync(process.execPath, ['scripts/translate.ts', ...args], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, SAM_TRANSLATOR_PYTHON: python },
  });

describe('npm run translate', () => {
  const before = translations();
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('says in one line how to install the pinned translator when the Python cannot import it', () => {
    // Act
    const result = translate(pythonWith('python-without-samtranslator'));

    // Assess
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('cannot import samtranslator');
    expect(result.stderr).toContain(HINT);
    expect(result.stderr).not.toMatch(/Traceback|at .*\.ts:\d+/);
    expect(translations()).toEqual(before);
  });

  it('refuses, in one line, a translator of another version than the pinned one', () => {
    // Prepare: a samtranslator package that says it is 0.0.1.
    const packages = join(work, 'other-version');
    mkdirSync(join(packages, 'samtranslator'), { recursive: true });
    writeFileSync(join(packages, 'samtranslator', '__init__.py'), '__version__ = "0.0.1"\n');

    // Act
    const result = translate(pythonWith('python-with-another-version', packages));

    // Assess
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(`has aws-sam-translator 0.0.1, and this project pins ${PIN}`);
    expect(result.stderr).toContain(HINT);
    expect(translations()).toEqual(before);
  });

  it('says in one line when SAM_TRANSLATOR_PYTHON names no program', () => {
    const result = translate(join(work, 'no-such-python'));

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot be run \(ENOENT\).*pip install/)]);
  });

  it('answers an unknown option with one line and its usage', () => {
    const result = translate('python3', ['--stack', 'dev']);

    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^translate: .*--stack.*Usage: npm run translate/),
    ]);
  });
});
