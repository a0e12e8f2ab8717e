// docs/make-it-yours.md, rehearsed: a copy of the project turned into the one-operation Quotes API
// as the guide says, word for word. Its snippets are the files of tests/fixtures/make-it-yours/,
// in the guide's order (tests/make-it-yours.test.ts holds the two equal); what the guide says in
// words (delete this file, this path, this event) is done here the way a person would. `npm run
// translate` translates the rehearsed copy too, so that its translated stacks can be committed
// beside this project's (tests/fixtures/make-it-yours/translated/).
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { projectFile } from './project.ts';

export const MAKE_IT_YOURS_FIXTURE = projectFile('tests', 'fixtures', 'make-it-yours');

/** The guide's snippets, in its order: where each goes, and its fixture file. */
export const SNIPPETS = [
  { step: 'names.json', fixture: 'names.json' },
  { step: 'the title, in openapi.yaml', fixture: 'openapi.title.yaml' },
  { step: 'the changelog entry', fixture: 'CHANGELOG-API.entry.md' },
  { step: 'the tag, in openapi.yaml', fixture: 'openapi.tags.yaml' },
  { step: 'the operation, under paths', fixture: 'openapi.paths.yaml' },
  { step: 'its body, under components/schemas', fixture: 'openapi.schemas.yaml' },
  { step: 'the implementation', fixture: 'src/api/operations/get-quote.ts' },
  { step: 'src/api/operations/index.ts', fixture: 'src/api/operations/index.ts' },
  { step: 'the Api event', fixture: 'template.events.yaml' },
  { step: 'its test', fixture: 'tests/api/operations/get-quote.test.ts' },
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

/** What `npm run generate` and `npm run translate` rewrite after those edits. */
export const WRITTEN_BY_COMMANDS = [
  'generated/',
  'samconfig.toml',
  'package.json',
  'package-lock.json',
  'client/package.json',
  'tests/fixtures/guard/processed-template.json',
  'tests/fixtures/permissions/processed-template-prod.json',
] as const;

export const snippet = (fixture: string) => readFileSync(join(MAKE_IT_YOURS_FIXTURE, fixture), 'utf8');
const indented = (text: string, spaces: number) => text.replace(/^(?=.)/gm, ' '.repeat(spaces));

/** `file` of the copy, changed by `change`, which must change it. */
const edit = (directory: string, file: string, change: (text: string) => string) => {
  const path = join(directory, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`make-it-yours: ${file} did not change: the guide no longer fits it`);
  writeFileSync(path, after);
};

/** `text` without the block `header` opens: that line and the more indented ones under it. */
const withoutBlock = (text: string, header: string) => {
  const lines = text.split('\n');
  const start = lines.indexOf(header);
  if (start === -1) throw new Error(`make-it-yours: no "${header.trim()}" block`);
  const indent = header.length - header.trimStart().length;
  let end = start + 1;
  while (end < lines.length && (lines[end] === '' || lines[end]!.length - lines[end]!.trimStart().length > indent))
    end++;
  // Blank lines that ended the block stay with what follows.
  while (end > start + 1 && lines[end - 1] === '') end--;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
};

/** `text` with `snippetText` (indented by `spaces`) put right after the line `header`. */
const under = (text: string, header: string, snippetText: string, spaces: number) => {
  if (text.split(`\n${header}\n`).length !== 2) throw new Error(`make-it-yours: "${header}" is not there once`);
  return text.replace(`\n${header}\n`, () => `\n${header}\n${indented(snippetText, spaces)}`);
};

/** 1. Rename: names.json, and the API's title, which is the contract's. */
const rename = (directory: string) => {
  writeFileSync(join(directory, 'names.json'), snippet('names.json'));
  edit(directory, 'openapi.yaml', (text) =>
    text.replace(/^ {2}title: .*\n/m, indented(snippet('openapi.title.yaml'), 2)),
  );
};

/** 2. Remove the meditation operation: its files, its path, schema and tag, its Api event; 2.0.0 and its entry. */
const removeMeditation = (directory: string) => {
  for (const file of MEDITATION_FILES) rmSync(join(directory, file));
  // The folders they leave empty go too, as git does (page/ is the page's, src/domain/ the meditations').
  for (const folder of ['page', 'src/domain'])
    if (readdirSync(join(directory, folder)).length === 0) rmSync(join(directory, folder), { recursive: true });
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

/** 3. Add the first operation, as docs/adding-an-operation.md's walk-through does. */
const addQuote = (directory: string) => {
  edit(directory, 'openapi.yaml', (text) =>
    under(
      under(under(text, 'tags:', snippet('openapi.tags.yaml'), 2), 'paths:', snippet('openapi.paths.yaml'), 2),
      '  schemas:',
      snippet('openapi.schemas.yaml'),
      4,
    ),
  );
  for (const file of [
    'src/api/operations/get-quote.ts',
    'src/api/operations/index.ts',
    'tests/api/operations/get-quote.test.ts',
  ]) {
    mkdirSync(dirname(join(directory, file)), { recursive: true });
    cpSync(join(MAKE_IT_YOURS_FIXTURE, file), join(directory, file));
  }
  edit(directory, 'template.yaml', (text) => under(text, '      Events:', snippet('template.events.yaml'), 8));
};

/** The project's files (tracked, and new ones not ignored) copied to a fresh folder, committed there as a clone's would be. */
export const copyOfProject = (prefix: string): string => {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: 'pipe' });
  const files = git(projectFile(), 'ls-files', '--cached', '--others', '--exclude-standard').split('\n');
  for (const file of files.filter((name) => name !== '' && existsSync(projectFile(name)))) {
    mkdirSync(dirname(join(directory, file)), { recursive: true });
    cpSync(projectFile(file), join(directory, file));
  }
  symlinkSync(projectFile('node_modules'), join(directory, 'node_modules'));
  git(directory, 'init', '--quiet', '--initial-branch=main');
  git(directory, 'add', '--all');
  git(
    directory,
    '-c',
    'user.name=A clone',
    '-c',
    'user.email=clone@example.com',
    'commit',
    '--quiet',
    '-m',
    'As cloned',
  );
  return directory;
};

/** Steps 1 to 3 of the guide, and `npm run generate` (step 4 but for the translation), applied to `directory`. */
export const makeItYours = (directory: string): void => {
  rename(directory);
  removeMeditation(directory);
  addQuote(directory);
  execFileSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, stdio: 'pipe' });
};
