// The translated stacks the permission proofs, the guard and the template tests read: each must be
// what `npm run translate` makes of today's template.yaml, openapi.yaml and parameters, or the tests
// that read it fail with one line naming the file and the command. Checked here on copies of the
// sources changed as a user changes them; the translator itself runs on GitHub (ci.yml).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, projectFile } from '../../../lib/project.ts';
import { readTemplate } from '../../../lib/template.ts';
import { includedFiles } from '../../../lib/translation/includes.ts';
import {
  pinnedTranslatorVersion,
  type StackName,
  TRANSLATED_STACKS,
  TRANSLATOR_REQUIREMENTS,
  translatedStack,
  translationProblem,
} from '../../../lib/translation/stacks.ts';
import { withSummaryEdited } from '../../support/contract.ts';

const STACKS = Object.keys(TRANSLATED_STACKS) as StackName[];
const SOURCES = [
  'template.yaml',
  'openapi.yaml',
  ...includedFiles(readTemplate(), PROJECT_ROOT),
  'samconfig.toml',
  TRANSLATOR_REQUIREMENTS,
];

/** A copy of what the translations are made from, and the translations. */
const copyOfSources = () => {
  const root = mkdtempSync(join(tmpdir(), 'guru-translation-'));
  for (const file of [...SOURCES, ...STACKS.map((stack) => TRANSLATED_STACKS[stack].file)]) {
    cpSync(projectFile(file), join(root, file), { recursive: true });
  }
  return root;
};

const editIn = (root: string, file: string, edit: (text: string) => string) => {
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = edit(before);
  expect(after, `the edit changes ${file}`).not.toBe(before);
  writeFileSync(path, after);
};

describe('the translated stacks', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it.each(STACKS)('has %s translated from today’s template.yaml, openapi.yaml and parameters', (stack) => {
    expect(translationProblem(stack)).toBeUndefined();
  });

  it("is stale once the pre-traffic hook's role loses a permission in template.yaml", () => {
    // Prepare
    root = copyOfSources();
    editIn(root, 'template.yaml', (text) =>
      text.replace('Action: codedeploy:PutLifecycleEventHookExecutionStatus', 'Action: codedeploy:GetDeployment'),
    );

    // Act
    const problems = STACKS.map((stack) => translationProblem(stack, root));

    // Assess
    expect(problems).toEqual([
      `${TRANSLATED_STACKS.dev.file} is stale: template.yaml changed since it was translated: run npm run translate and commit ${TRANSLATED_STACKS.dev.file}.`,
      `${TRANSLATED_STACKS.prod.file} is stale: template.yaml changed since it was translated: run npm run translate and commit ${TRANSLATED_STACKS.prod.file}.`,
    ]);
    expect(() => translatedStack('dev', root)).toThrow(problems[0] as string);
  });

  it('is stale once openapi.yaml changes, since the API definition includes it', () => {
    root = copyOfSources();
    editIn(root, 'openapi.yaml', withSummaryEdited);

    expect(translationProblem('dev', root)).toMatch(
      / is stale: openapi\.yaml changed since it was translated: run npm run translate /,
    );
  });

  it("is stale for prod alone once samconfig.toml changes prod's parameters", () => {
    root = copyOfSources();
    editIn(root, 'samconfig.toml', (text) =>
      text.replace(/(\[prod\.deploy\.parameters\][^[]*?)LogRetentionInDays=400/, '$1LogRetentionInDays=731'),
    );

    expect(translationProblem('prod', root)).toMatch(/ is stale: parameters changed since it was translated/);
    expect(translationProblem('dev', root)).toBeUndefined();
  });

  it('is refused when edited by hand, even with its inputs unchanged', () => {
    // Prepare: what a hand could do to make a proof pass.
    root = copyOfSources();
    editIn(root, TRANSLATED_STACKS.dev.file, (text) =>
      text.replace('"codedeploy:PutLifecycleEventHookExecutionStatus"', '"codedeploy:*"'),
    );

    // Assess
    expect(translationProblem('dev', root)).toBe(
      `${TRANSLATED_STACKS.dev.file} was edited by hand since it was translated: run npm run translate and commit ${TRANSLATED_STACKS.dev.file}.`,
    );
  });

  it('is stale when the pinned translator is not the one that translated it', () => {
    root = copyOfSources();
    editIn(root, TRANSLATOR_REQUIREMENTS, (text) => text.replace(/==\S+/, '==9.9.9'));

    expect(translationProblem('prod', root)).toBe(
      `${TRANSLATED_STACKS.prod.file} was translated by aws-sam-translator ${pinnedTranslatorVersion()}, not aws-sam-translator 9.9.9: run npm run translate and commit ${TRANSLATED_STACKS.prod.file}.`,
    );
  });

  it('says which file is missing, and the command that makes it', () => {
    root = copyOfSources();
    rmSync(join(root, TRANSLATED_STACKS.prod.file));

    expect(translationProblem('prod', root)).toBe(
      `${TRANSLATED_STACKS.prod.file} cannot be read (ENOENT): run npm run translate and commit ${TRANSLATED_STACKS.prod.file}.`,
    );
  });
});
