// The project's own files, as git sees them: tracked or new, never ignored (node_modules, dist/),
// and there: a tracked file deleted in the work tree (an operation being removed) is no longer one.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/project.ts';

/** The files under `folder` whose names end with `ending`, by their paths from the root. */
export const projectFiles = (folder: string, ending: string): string[] =>
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', folder], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file.endsWith(ending) && existsSync(join(PROJECT_ROOT, file)));
