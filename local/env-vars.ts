// `--env-vars <file>`: local values for the functions' environment variables, in the file format
// and by the rule of `sam local --env-vars` (samcli/commands/local/lib/local_lambda.py,
// samcli/local/lambdafn/env_vars.py). The file is JSON, `{"Parameters": {…}, "<LogicalId>": {…}}`
// (Parameters for every function, a logical id for that function alone, which wins), or a .env file,
// whose variables count as Parameters. A file sets only the variables the template declares for the
// function (Globals included); any other name is left out, as SAM leaves it out, and said so.
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { DefinitionError } from '../lib/errors.ts';
import type { LocalFunction } from './api-definition.ts';

/** The file's content: variable values by function logical id, and under `Parameters` for all. */
export type EnvVars = Record<string, Record<string, unknown>>;

/** Reads an env-vars file: JSON first, then .env, as SAM CLI reads it. */
export const readEnvVarsFile = (path: string): EnvVars => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DefinitionError(`--env-vars: ${path} could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    if (text.trimStart().startsWith('{'))
      throw new DefinitionError(`--env-vars: ${path} is not valid JSON: ${(error as Error).message}`);
    const variables = parseEnv(text);
    if (Object.keys(variables).length === 0)
      throw new DefinitionError(`--env-vars: ${path} is neither JSON nor a .env file of NAME=value lines`);
    return { Parameters: variables };
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content))
    throw new DefinitionError(`--env-vars: ${path} must hold an object: {"Parameters": {…}, "<LogicalId>": {…}}`);
  for (const [key, value] of Object.entries(content)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new DefinitionError(`--env-vars: "${key}" in ${path} must be an object of variable names and values`);
  }
  return content as EnvVars;
};

/** A value as Lambda takes it, a string; objects and lists (unresolved intrinsics) become empty, as in SAM. */
const asVariable = (value: unknown): string => (typeof value === 'object' || value === undefined ? '' : String(value));

/**
 * The functions with the file's values applied over the template's. `log` is told, once, each
 * name the file sets but the template does not declare (and so is left out), and each unknown key.
 */
export const applyEnvVars = (
  functions: Map<string, LocalFunction>,
  envVars: EnvVars,
  log: (line: string) => void,
): Map<string, LocalFunction> => {
  const { Parameters: shared = {}, ...perFunction } = envVars;
  for (const key of Object.keys(perFunction).filter((id) => !functions.has(id)))
    log(
      `--env-vars: "${key}" is neither Parameters nor a function of the template (${[...functions.keys()].join(', ')}); ignored`,
    );
  const declaredAnywhere = new Set([...functions.values()].flatMap((fn) => Object.keys(fn.environment)));
  for (const name of Object.keys(shared).filter((variable) => !declaredAnywhere.has(variable)))
    log(`--env-vars: Parameters.${name} is declared by no function's Environment in the template; not set`);

  return new Map(
    [...functions].map(([logicalId, fn]) => {
      const own = perFunction[logicalId] ?? {};
      for (const name of Object.keys(own).filter((variable) => !(variable in fn.environment)))
        log(`--env-vars: ${logicalId}.${name} is not declared in ${logicalId}'s Environment in the template; not set`);
      const overrides = Object.entries({ ...shared, ...own }).filter(([name]) => name in fn.environment);
      const environment = { ...fn.environment, ...Object.fromEntries(overrides.map(([n, v]) => [n, asVariable(v)])) };
      return [logicalId, { ...fn, environment }];
    }),
  );
};
