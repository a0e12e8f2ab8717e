// The walk-through of docs/adding-an-operation.md, applied word for word to a copy of this project:
// each step's snippet is a file of tests/fixtures/growth/, and the guide shows exactly those files.
import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectFile } from '../../lib/project.ts';
import { copyOfProjectFiles, generateSources } from './files.ts';

/** The walk-through's snippets, in the guide's order: where each goes, and its fixture file. */
export const WALK_THROUGH = [
  { step: 'its tag, under `tags` in openapi.yaml', fixture: 'openapi.tags.yaml' },
  { step: 'the operation, under `paths`', fixture: 'openapi.paths.yaml' },
  { step: 'its body, under `components/schemas`', fixture: 'openapi.schemas.yaml' },
  { step: 'the implementation', fixture: 'src/api/operations/get-quote.ts' },
  { step: 'its two lines in src/api/operations/index.ts', fixture: 'src/api/operations/index.ts.lines' },
  { step: "the Api event, under MeditationsFunction's Events", fixture: 'template.events.yaml' },
  { step: 'its test', fixture: 'tests/api/operations/get-quote.test.ts' },
] as const;

export const GROWTH_FIXTURE = projectFile('tests', 'fixtures', 'growth');

/** What the walk-through reads and edits, and what `npm run generate`, tsc and the runner need. */
const copiedFiles = () => [
  ...generateSources(),
  'client/src',
  'local',
  'tests/support',
  'tsconfig.json',
  'biome.jsonc',
  '.gitignore',
];

const snippet = (fixture: string) => readFileSync(join(GROWTH_FIXTURE, fixture), 'utf8');
const copy = (directory: string, fixture: string) =>
  cpSync(join(GROWTH_FIXTURE, fixture), join(directory, fixture), { recursive: true });
/** `text` with each of its lines that holds anything moved `spaces` to the right, as a snippet sits in its file. */
export const indented = (text: string, spaces: number) => text.replace(/^(?=.)/gm, ' '.repeat(spaces));

/**
 * Puts `snippet` in a file of the copy in place of `anchor`, which it must hold once, unless the
 * file holds the snippet already: a project that followed the walk-through grows no further.
 */
const apply = (file: string, snippetText: string, anchor: string | RegExp, replacement: string) => {
  const text = readFileSync(file, 'utf8');
  if (text.includes(snippetText)) return;
  if (text.split(anchor).length !== 2) throw new Error(`${file} holds ${anchor} not exactly once`);
  writeFileSync(
    file,
    text.replace(anchor, () => replacement),
  );
};

/** Puts the import `line` in `file` among the imports of sibling modules (`./…`), in the order Biome keeps. */
const placeImport = (file: string, line: string) => {
  const siblings = readFileSync(file, 'utf8').match(/^import .* from '\.\/.*';$/gm) ?? [];
  const specifier = (importLine: string) => importLine.match(/from '(.*)'/)?.[1] ?? '';
  const next = siblings.find((sibling) => specifier(sibling) > specifier(line));
  const last = siblings.at(-1);
  if (next !== undefined) apply(file, line, `${next}\n`, `${line}\n${next}\n`);
  else if (last !== undefined) apply(file, line, `${last}\n`, `${last}\n${line}\n`);
  else throw new Error(`${file} imports no sibling module to put ${line} beside`);
};

/** Where an Api event goes: the start of MeditationsFunction's Events in template.yaml. */
const EVENTS = /\n {2}MeditationsFunction:\n(?:(?! {2}\S).*\n)*? {6}Events:\n/;

/** The walk-through's operation, listed among the implementations of the index.ts at `file`, unless it is already. */
const listImplementation = (file: string, line: string): void => {
  const listed = /^export const implementations = \{[^}]*\bgetQuote\b/m.test(readFileSync(file, 'utf8'));
  if (!listed) apply(file, line, /^export const implementations = .*$/m, line);
};

/**
 * The walk-through applied to the project at `directory`, word for word; a step already taken is
 * taken no further, so a project that followed it (or "Make it yours") is left as it is.
 */
export const growProject = (directory: string): void => {
  // 1. The contract: its tag, its path, its body; 2. npm run generate.
  const contract = join(directory, 'openapi.yaml');
  const tag = indented(snippet('openapi.tags.yaml'), 2);
  apply(contract, tag, '\ntags:\n', `\ntags:\n${tag}`);
  const path = indented(snippet('openapi.paths.yaml'), 2);
  apply(contract, path, '\npaths:\n', `\npaths:\n${path}`);
  const schema = indented(snippet('openapi.schemas.yaml'), 4);
  apply(contract, schema, '\n  schemas:\n', `\n  schemas:\n${schema}`);
  execFileSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, stdio: 'pipe' });
  // 3. The implementation, and its two lines in src/api/operations/index.ts.
  copy(directory, 'src/api/operations/get-quote.ts');
  const [importLine = '', , implementationsLine = ''] = snippet('src/api/operations/index.ts.lines').split('\n');
  const index = join(directory, 'src', 'api', 'operations', 'index.ts');
  placeImport(index, importLine);
  listImplementation(index, implementationsLine);
  // 4. The Api event, first under MeditationsFunction's Events; 5. the operation's test.
  const template = join(directory, 'template.yaml');
  const [events = ''] = readFileSync(template, 'utf8').match(EVENTS) ?? [];
  const event = indented(snippet('template.events.yaml'), 8);
  apply(template, event, events, `${events}${event}`);
  copy(directory, 'tests/api/operations/get-quote.test.ts');
};

/** A copy of the project (node_modules linked) with the walk-through applied; returns its directory. */
export const grownProject = (): string => {
  const directory = copyOfProjectFiles(copiedFiles(), 'grown-');
  growProject(directory);
  return directory;
};
