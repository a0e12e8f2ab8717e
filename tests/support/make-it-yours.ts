// docs/make-it-yours.md, rehearsed: a copy of the project turned into a one-operation quotes API as
// the guide says, word for word. Its snippets are the files of tests/fixtures/make-it-yours/, in
// the guide's order, and its step 3 is docs/adding-an-operation.md's walk-through
// (tests/support/growth.ts); what the guide says in words (delete this file, this path, this
// event) is done here as a person would. A step already taken is taken no further, so a project
// already made (a rehearsed copy, or a project made from this one) is left as it is.
//
// The translator is Python, which CI's test machines lack: `npm run translate` translates a
// rehearsed copy too and records its stacks in tests/fixtures/make-it-yours/translated/, which the
// rehearsal then puts where the copy's tests read them, as the guide's `npm run translate` would.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectFile } from '../../lib/project.ts';
import { type StackName, TRANSLATED_STACKS } from '../../lib/translation/stacks.ts';
import { growProject, indented } from './growth.ts';

export const MAKE_IT_YOURS_FIXTURE = projectFile('tests', 'fixtures', 'make-it-yours');

/** The guide's snippets, in its order: where each goes, and its fixture file. */
export const SNIPPETS = [
  { step: 'names.json', fixture: 'names.json' },
  { step: 'the title, in openapi.yaml', fixture: 'openapi.title.yaml' },
  { step: 'the changelog entry', fixture: 'CHANGELOG-API.entry.md' },
  { step: 'src/api/operations/index.ts, whole', fixture: 'src/api/operations/index.ts' },
] as const;

/** The meditation operation's own files: removing the operation is deleting them. */
export const MEDITATION_FILES = [
  'src/api/operations/meditate.ts',
  'src/domain/meditate.ts',
  'tests/api/operations/meditate.test.ts',
  'events/meditate.json',
  'page/index.html',
  'page/app.ts',
  'page/style.css',
  'tests/browser/guru-page.test.ts',
] as const;

/** What the guide deletes, as it says it: the operation's files, and the folders holding only its files. */
const MEDITATION_PATHS = [
  'src/api/operations/meditate.ts',
  'src/domain',
  'tests/api/operations/meditate.test.ts',
  'events',
  'page',
  'tests/browser/guru-page.test.ts',
];

/** The files a person edits, adds or deletes, by the guide; every other change is a command's. */
export const EDITED_FILES = [
  'names.json',
  'openapi.yaml',
  'CHANGELOG-API.md',
  'template.yaml',
  'src/api/operations/index.ts',
  'src/api/operations/get-quote.ts',
  'tests/api/operations/get-quote.test.ts',
  ...MEDITATION_FILES,
] as const;

/** What `npm run generate` and `npm run translate` rewrite after those edits (a folder ends with `/`). */
export const WRITTEN_BY_COMMANDS = [
  'generated/',
  'samconfig.toml',
  'package.json',
  'package-lock.json',
  'client/package.json',
  ...Object.values(TRANSLATED_STACKS).map(({ file }) => file),
] as const;

/** The recorded translation of a rehearsed copy's stack. */
export const recordedTranslation = (stack: StackName) => join(MAKE_IT_YOURS_FIXTURE, 'translated', `${stack}.json`);

const snippet = (fixture: string) => readFileSync(join(MAKE_IT_YOURS_FIXTURE, fixture), 'utf8');

/** `file` of the copy, changed by `change` (a no-op when the change is made already). */
const edit = (directory: string, file: string, change: (text: string) => string) => {
  const path = join(directory, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};

/** `text` without the block `header` opens (that line and the more indented ones under it), if it has one. */
const withoutBlock = (text: string, header: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start === -1) return text;
  const indent = header.length - header.trimStart().length;
  const indentOf = (line: string) => line.length - line.trimStart().length;
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || indentOf(lines[end]!) > indent)) end++;
  // Blank lines that ended the block stay with what follows.
  while (end > start + 1 && lines[end - 1] === '') end--;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
};

/** 1. Rename: names.json, and the API's title, which is the contract's. */
const rename = (directory: string) => {
  writeFileSync(join(directory, 'names.json'), snippet('names.json'));
  edit(directory, 'openapi.yaml', (text) =>
    text.replace(/^ {2}title: .*\n/m, () => indented(snippet('openapi.title.yaml'), 2)),
  );
};

/** 2. Remove the meditation operation: its files, its path, schema and tag, its Api event; 2.0.0 and its entry. */
const removeMeditation = (directory: string) => {
  if (!existsSync(join(directory, 'src/api/operations/meditate.ts'))) return;
  // As the guide says it: three files, and three folders whose files are the operation's.
  for (const path of MEDITATION_PATHS) rmSync(join(directory, path), { recursive: true, force: true });
  edit(directory, 'openapi.yaml', (text) =>
    withoutBlock(withoutBlock(withoutBlock(text, '  /:'), '    Meditation:'), '  - name: meditations').replace(
      /^( {2}version: ).*$/m,
      '$12.0.0',
    ),
  );
  edit(directory, 'template.yaml', (text) => withoutBlock(text, '        Meditate:'));
  edit(directory, 'CHANGELOG-API.md', (text) =>
    text.replace(/\n## /, () => `\n${snippet('CHANGELOG-API.entry.md')}\n## `),
  );
};

/** 3. The first operation: src/api/operations/index.ts whole, in place of the meditation's; then the walk-through. */
const addQuote = (directory: string) => {
  const index = join(directory, 'src/api/operations/index.ts');
  if (readFileSync(index, 'utf8').includes("from './meditate.ts'"))
    writeFileSync(index, snippet('src/api/operations/index.ts'));
  growProject(directory);
};

/** The project's files (tracked, and new ones not ignored) copied to a fresh folder, committed there as a clone's are. */
const copyOfProject = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'made-'));
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  const files = git(projectFile(), 'ls-files', '--cached', '--others', '--exclude-standard').split('\n');
  for (const file of files.filter((name) => name !== '' && existsSync(projectFile(name)))) {
    mkdirSync(dirname(join(directory, file)), { recursive: true });
    cpSync(projectFile(file), join(directory, file));
  }
  symlinkSync(projectFile('node_modules'), join(directory, 'node_modules'));
  git(directory, 'init', '--quiet', '--initial-branch=main');
  git(directory, 'add', '--all');
  git(directory, '-c', 'user.name=A clone', '-c', 'user.email=clone@example.com', 'commit', '--quiet', '-m', 'Cloned');
  return directory;
};

/**
 * A copy of the project (node_modules linked, its own git history of one commit) made into the
 * quotes API by steps 1 to 4 of the guide; returns its folder. With `translated: false` its stacks
 * are left untranslated, for `npm run translate` to translate.
 */
export const madeProject = ({ translated = true } = {}): string => {
  const directory = copyOfProject();
  rename(directory);
  removeMeditation(directory);
  addQuote(directory);
  execFileSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, stdio: 'pipe' });
  if (translated) {
    for (const [stack, { file }] of Object.entries(TRANSLATED_STACKS))
      cpSync(recordedTranslation(stack as StackName), join(directory, file));
  }
  return directory;
};
