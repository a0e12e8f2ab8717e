// names.json, the one file a person edits to rename the project, and its one typed reader: the
// service's name (also the stacks' prefix), the namespace of the functions' own metrics and the
// client package's name. The API's title is the contract's (openapi.yaml's info.title). What only
// a tool's own file can say, `npm run generate` writes from here (lib/names-sync.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionError } from './errors.ts';
import { PROJECT_ROOT } from './project.ts';

export interface Names {
  /** The service's name and the stacks' prefix: `<service>-dev`, `<service>-prod`, `<service>-pr-<number>`. */
  service: string;
  /** The CloudWatch namespace the functions publish their own metrics in, which the alarms and the dashboard read. */
  metricNamespace: string;
  /** The typed client package's npm name (client/package.json). */
  clientPackage: string;
}

/** What each name may be, and why, as a person reads it in the error. */
const RULES: Record<keyof Names, { pattern: RegExp; expected: string }> = {
  // The bootstrap's StackNamePrefix allows this much (pipeline/bootstrap.yaml), and an npm name no capitals.
  service: {
    pattern: /^[a-z][a-z0-9-]{0,20}$/,
    expected: 'lowercase letters, digits and hyphens, a letter first, 21 at most',
  },
  // The dashboard's SEARCH expression names the namespace unquoted, which only letters and digits survive.
  metricNamespace: { pattern: /^[A-Za-z][A-Za-z0-9]{0,250}$/, expected: 'letters and digits, a letter first' },
  clientPackage: {
    pattern: /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/,
    expected: 'a scoped npm package name, @<scope>/<name>, in lowercase',
  },
};

/** names.json's text as names, checked; throws one line naming the file and the key that is wrong. */
export const parseNames = (text: string, file = 'names.json'): Names => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new DefinitionError(`${file} must be an object of ${Object.keys(RULES).join(', ')}`);
  }
  const names = parsed as Record<string, unknown>;
  for (const key of Object.keys(names)) {
    if (!(key in RULES))
      throw new DefinitionError(`${file}: "${key}" is no name; the names are ${Object.keys(RULES).join(', ')}`);
  }
  for (const [key, { pattern, expected }] of Object.entries(RULES)) {
    const value = names[key];
    if (typeof value !== 'string' || !pattern.test(value)) {
      const found = value === undefined ? 'it is missing' : `it is ${JSON.stringify(value)}`;
      throw new DefinitionError(`${file}: "${key}" must be ${expected}; ${found}`);
    }
  }
  return names as unknown as Names;
};

/** The project's names, from names.json under `root`. */
export const readNames = (root = PROJECT_ROOT): Names => parseNames(readFileSync(join(root, 'names.json'), 'utf8'));

/** A stack's name: `dev`, `prod`, `pr-<number>` (a preview), `local` (the local runner), `test` (the tests). */
export const stackName = (environment: string, names = readNames()): string => `${names.service}-${environment}`;

/**
 * What the tests' Lambda environment calls the service and its metrics (vitest.config.ts): a stack
 * and a namespace of their own, so that nothing a test emits could pass for a deployed stack's.
 */
export const testServiceNames = (names = readNames()) => ({
  POWERTOOLS_SERVICE_NAME: stackName('test', names),
  POWERTOOLS_METRICS_NAMESPACE: `${names.metricNamespace}Test`,
});
