// What a local run changes in the template's settings before serving them: the variables an
// env-vars file sets (env-vars.ts), and, while debugging, timeouts long enough for a breakpoint.
import type { ApiDefinition } from './api-definition.ts';
import { applyEnvVars, type EnvVars } from './env-vars.ts';

/**
 * The function's and the integration's timeout while debugging: 10 hours, SAM's MAX_DEBUG_TIMEOUT
 * (samcli/commands/local/lib/local_lambda.py), so a request held at a breakpoint is not cut off.
 */
export const DEBUG_TIMEOUT_MS = 10 * 60 * 60 * 1000;

export interface RunSettings {
  /** An env-vars file's content; undefined: the template's values alone. */
  envVars: EnvVars | undefined;
  debugging: boolean;
}

/** The definition as this run serves it. */
export const withRunSettings = (
  definition: ApiDefinition,
  { envVars, debugging }: RunSettings,
  log: (line: string) => void,
): ApiDefinition => {
  const functions = envVars === undefined ? definition.functions : applyEnvVars(definition.functions, envVars, log);
  if (!debugging) return { ...definition, functions };
  return {
    ...definition,
    functions: new Map([...functions].map(([id, fn]) => [id, { ...fn, timeoutMs: DEBUG_TIMEOUT_MS }])),
    routes: definition.routes.map((route) => ({ ...route, integrationTimeoutMs: DEBUG_TIMEOUT_MS })),
  };
};
