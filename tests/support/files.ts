// The project's own files, as git sees them: tracked or new, never ignored (node_modules, dist/),
// and there: a tracked file deleted in the work tree (an operation being removed) is no longer one.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { derivedCopies } from '../../lib/names-sync.ts';
import { PROJECT_ROOT, projectFile } from '../../lib/project.ts';

/** The files under `folder` whose names end with `ending`, by their paths from the root. */
export const projectFiles = (folder: string, ending: string): string[] =>
  !existsSync(join(PROJECT_ROOT, folder))
    ? []
    : execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', folder], {
        cwd: PROJECT_ROOT,
        encoding: 'utf8',
      })
        .split('\n')
        .filter((file) => file.endsWith(ending) && existsSync(join(PROJECT_ROOT, file)));

/** What `npm run generate` reads, and the files it writes its copies of the names and the version into (read when asked, not at import). */
export const generateSources = (): string[] => [
  'lib',
  'scripts',
  'src',
  'redocly',
  'generated',
  'openapi.yaml',
  'CHANGELOG-API.md',
  'redocly.yaml',
  'names.json',
  ...derivedCopies().map(({ file }) => file),
];

/** A fresh folder holding a copy of each of the project's `entries` (files or folders), node_modules linked. */
export const copyOfProjectFiles = (entries: string[], prefix: string): string => {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  for (const entry of entries) cpSync(projectFile(entry), join(directory, entry), { recursive: true });
  symlinkSync(projectFile('node_modules'), join(directory, 'node_modules'));
  return directory;
};
