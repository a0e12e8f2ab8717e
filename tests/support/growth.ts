// The walk-through of docs/adding-an-operation.md, applied word for word to a copy of this project:
// each step's snippet is a file of tests/fixtures/growth/, and the guide shows exactly those files.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectFile } from '../../lib/project.ts';

/** The walk-through's snippets, in the guide's order: where each goes, and its fixture file. */
export const WALK_THROUGH = [
  { step: 'the contract, under `paths` in openapi.yaml', fixture: 'openapi.paths.yaml' },
  { step: 'the implementation', fixture: 'src/api/operations/get-meditation.ts' },
  { step: 'its two lines in src/api/operations/index.ts', fixture: 'src/api/operations/index.ts.lines' },
  { step: "the Api event, under MeditationsFunction's Events", fixture: 'template.events.yaml' },
  { step: 'its test', fixture: 'tests/api/operations/get-meditation.test.ts' },
] as const;

export const GROWTH_FIXTURE = projectFile('tests', 'fixtures', 'growth');

/** What the walk-through reads and edits, and what `npm run generate`, tsc and the runner need. */
const PROJECT_FILES = [
  'client/src',
  'lib',
  'local',
  'scripts',
  'src',
  'redocly',
  'generated',
  'tests/support',
  'openapi.yaml',
  'CHANGELOG-API.md',
  'redocly.yaml',
  'template.yaml',
  'package.json',
  // names.json, and the files npm run generate writes its copies into.
  'names.json',
  'samconfig.toml',
  'package-lock.json',
  'client/package.json',
  'tsconfig.json',
  'biome.jsonc',
  '.gitignore',
];

const snippet = (fixture: string) => readFileSync(join(GROWTH_FIXTURE, fixture), 'utf8');
const copy = (directory: string, fixture: string) =>
  cpSync(join(GROWTH_FIXTURE, fixture), join(directory, fixture), { recursive: true });
const indented = (text: string, spaces: number) => text.replace(/^(?=.)/gm, ' '.repeat(spaces));

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

/** Step 1 alone: the walk-through's contract snippet put under `paths` in the openapi.yaml at `file`. */
const growContract = (file: string): void => {
  const contract = indented(snippet('openapi.paths.yaml'), 2);
  apply(file, contract, '\npaths:\n', `\npaths:\n${contract}`);
};

/** A copy of the project (node_modules linked) with the walk-through applied; returns its directory. */
export const grownProject = (): string => {
  const directory = mkdtempSync(join(tmpdir(), 'guru-grown-'));
  for (const entry of PROJECT_FILES) cpSync(projectFile(entry), join(directory, entry), { recursive: true });
  symlinkSync(projectFile('node_modules'), join(directory, 'node_modules'));

  // 1. The contract; 2. npm run generate.
  growContract(join(directory, 'openapi.yaml'));
  execFileSync(process.execPath, ['scripts/generate.ts'], { cwd: directory, stdio: 'pipe' });
  // 3. The implementation, and its two lines in src/api/operations/index.ts.
  copy(directory, 'src/api/operations/get-meditation.ts');
  const [importLine = '', , implementationsLine = ''] = snippet('src/api/operations/index.ts.lines').split('\n');
  const index = join(directory, 'src', 'api', 'operations', 'index.ts');
  placeImport(index, importLine);
  apply(index, implementationsLine, /^export const implementations = .*$/m, implementationsLine);
  // 4. The Api event, first under MeditationsFunction's Events; and the operation's test.
  const template = join(directory, 'template.yaml');
  const [events = ''] = readFileSync(template, 'utf8').match(EVENTS) ?? [];
  const event = indented(snippet('template.events.yaml'), 8);
  apply(template, event, events, `${events}${event}`);
  copy(directory, 'tests/api/operations/get-meditation.test.ts');
  return directory;
};
