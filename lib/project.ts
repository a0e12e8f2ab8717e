// Where the project's own files are, for lib/, scripts/, bench/ and tests/ (never shipped to Lambda).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root directory, with a trailing separator. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A file of the project, by its path from the root: `projectFile('openapi.yaml')`. */
export const projectFile = (...path: string[]) => join(PROJECT_ROOT, ...path);
