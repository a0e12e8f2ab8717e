// The copies of names.json in files whose tools read nothing else: samconfig.toml's stack names
// (SAM CLI), template.yaml's MetricNamespace default (CloudFormation), the name of the project
// (package.json, and package-lock.json for `npm ci`) and of the client package; and the copies of
// the contract's version there: the version the stack says it serves (template.yaml) and the client
// package's (client/package.json). `npm run generate` writes them and `npm run generate:check`
// fails when one is stale (scripts/generate.ts); only the lines that hold a name are rewritten.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readOpenApi } from './contract.ts';
import { DefinitionError } from './errors.ts';
import { type Names, readNames, stackName } from './names.ts';
import { PROJECT_ROOT } from './project.ts';

/** A file as names.json (and the contract) would have it. */
export interface DerivedCopy {
  /** Its path from the root. */
  file: string;
  /** What it is made from, as the stale check names it. */
  from: string;
  text: string;
}

/** The stack each samconfig.toml environment deploys: `sam deploy`'s and the pipeline's. */
const SAMCONFIG_STACKS: Record<string, string> = {
  default: 'dev',
  prod: 'prod',
  'pipeline-dev': 'dev',
  'pipeline-prod': 'prod',
};

/** samconfig.toml with each environment's stack_name and s3_prefix (its artifacts' folder) set to its stack's name. */
export const samconfigWithNames = (text: string, names: Names): string => {
  let environment = '';
  return text
    .split('\n')
    .map((line) => {
      const table = /^\[([\w-]+)\.[\w-]+\.parameters\]\s*$/.exec(line);
      if (table) environment = table[1]!;
      const setting = /^(stack_name|s3_prefix) = /.exec(line)?.[1];
      if (setting === undefined) return line;
      const stack = SAMCONFIG_STACKS[environment];
      if (stack === undefined) {
        throw new DefinitionError(
          `samconfig.toml: ${setting} of the environment "${environment}", which lib/names-sync.ts has no stack for`,
        );
      }
      // SAM CLI's own default prefix is none, not the stack's name, outside `sam deploy --guided`.
      return `${setting} = ${JSON.stringify(stackName(stack, names))}`;
    })
    .join('\n');
};

/** `text` with the value after `line`'s start replaced, or a one-line error saying where it should be. */
const rewriteLine = (text: string, line: RegExp, value: string, where: string) => {
  if (!line.test(text)) throw new DefinitionError(`template.yaml: ${where} has no line to write ${value} in`);
  return text.replace(line, (_line, start: string) => `${start}${value}`);
};

/**
 * template.yaml with its MetricNamespace parameter's Default set to names.json's metricNamespace,
 * and the contract version the stack says it serves (Mappings.Contract.Served.Version) to `version`.
 */
export const templateWithNames = (text: string, names: Names, version: string): string =>
  rewriteLine(
    rewriteLine(
      text,
      /^( {2}MetricNamespace:\n(?: {4}.*\n)*? {4}Default: ).*$/m,
      names.metricNamespace,
      'Parameters.MetricNamespace.Default',
    ),
    /^( {2}Contract:\n {4}Served:\n {6}Version: ).*$/m,
    version,
    'Mappings.Contract.Served.Version',
  );

/** A JSON file changed by `change`, written as npm writes package.json and package-lock.json. */
const changedJson = (text: string, change: (value: Record<string, unknown>) => void) => {
  const value = JSON.parse(text) as Record<string, unknown>;
  change(value);
  return `${JSON.stringify(value, null, 2)}\n`;
};

/** Every derived copy as `names` and the contract under `root` would have it, from the files as they are. */
export const derivedCopies = (root = PROJECT_ROOT, names = readNames(root)): DerivedCopy[] => {
  const read = (file: string) => readFileSync(join(root, file), 'utf8');
  const { version } = readOpenApi(join(root, 'openapi.yaml')).info ?? {};
  if (typeof version !== 'string') throw new DefinitionError('openapi.yaml has no info.version');
  return [
    { file: 'samconfig.toml', from: 'names.json', text: samconfigWithNames(read('samconfig.toml'), names) },
    {
      file: 'template.yaml',
      from: 'names.json and openapi.yaml',
      text: templateWithNames(read('template.yaml'), names, version),
    },
    {
      file: 'package.json',
      from: 'names.json',
      text: changedJson(read('package.json'), (manifest) => Object.assign(manifest, { name: names.service })),
    },
    {
      file: 'package-lock.json',
      from: 'names.json',
      text: changedJson(read('package-lock.json'), (lock) => {
        // The lock names the project twice: at its top, and as its root package ("").
        lock.name = names.service;
        Object.assign((lock.packages as Record<string, object>)[''] as object, { name: names.service });
      }),
    },
    {
      file: 'client/package.json',
      from: 'names.json and openapi.yaml',
      text: changedJson(read('client/package.json'), (manifest) =>
        Object.assign(manifest, { name: names.clientPackage, version }),
      ),
    },
  ];
};
