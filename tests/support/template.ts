// template.yaml for tests: parsed with its CloudFormation tags, intrinsics resolved for one stack.
import { LOCAL_PSEUDO_PARAMETERS, readTemplate, resolveIntrinsics, serverlessFunctions } from '../../lib/template.ts';

export const template = readTemplate();

/** The stack name tests resolve `AWS::StackName` to. */
export const STACK_NAME = 'guru-meditations-test';

/** A value of the template with its intrinsics resolved for the test stack. */
export const resolved = <T>(value: unknown, parameters: Record<string, unknown> = {}): T =>
  resolveIntrinsics(template, value, {
    parameters,
    pseudo: { ...LOCAL_PSEUDO_PARAMETERS, 'AWS::StackName': STACK_NAME },
  }) as T;

export const resourcesOfType = (type: string) =>
  Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);

/** A function of the template by logical id, with Globals merged in. */
export const functionOf = (logicalId: string) => {
  const found = serverlessFunctions(template).find((candidate) => candidate.logicalId === logicalId);
  if (found === undefined) throw new Error(`template.yaml has no function ${logicalId}`);
  return found;
};

/** The API's function, with Globals merged in. */
export const fn = functionOf('MeditationsFunction');

/** The function's environment variables as Lambda would set them for the test stack. */
export const functionEnvironment = (): Record<string, string> =>
  resolved<{ Variables: Record<string, string> }>(fn.properties.Environment).Variables;
