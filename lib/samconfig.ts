// samconfig.toml as `sam deploy --config-env <environment>` reads it: the stack name and the
// template parameters each environment deploys with.
// https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-config.html
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { parseParameterOverrides } from './parameters.ts';
import { projectFile } from './project.ts';

type Environment = {
  global?: { parameters?: { stack_name?: string } };
  deploy?: { parameters?: { parameter_overrides?: string } };
};

/** The project's samconfig.toml, parsed: environments by name (`default`, `prod`, `pipeline-prod`…). */
export const readSamconfig = (path = projectFile('samconfig.toml')): Record<string, Environment> =>
  parseToml(readFileSync(path, 'utf8')) as Record<string, Environment>;

/** The parameters an environment overrides, as `sam deploy --config-env <environment>` passes them. */
export const parameterOverridesOf = (
  environment: string,
  samconfig: Record<string, Environment> = readSamconfig(),
): Record<string, string> => {
  if (samconfig[environment] === undefined) throw new Error(`samconfig.toml has no environment ${environment}`);
  return parseParameterOverrides(samconfig[environment].deploy?.parameters?.parameter_overrides ?? '');
};
