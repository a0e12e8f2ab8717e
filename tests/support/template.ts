// template.yaml for tests: parsed with its CloudFormation tags, intrinsics resolved for one stack.
import { readFileSync } from 'node:fs';
import { stackName } from '../../lib/names.ts';
import { projectFile } from '../../lib/project.ts';
import { LOCAL_PSEUDO_PARAMETERS, readTemplate, resolveIntrinsics, serverlessFunctions } from '../../lib/template.ts';

export const template = readTemplate();

/** The stack name tests resolve `AWS::StackName` to. */
export const STACK_NAME = stackName('test');

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

type ApiEvent = { Type: string; Properties: { RestApiId: { Ref: string }; Path: string; Method: string } };

/** The function's Api events. */
export const apiEvents = Object.values(fn.properties.Events as Record<string, ApiEvent>).filter(
  (event) => event.Type === 'Api',
);

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

/** Every statement of every role's inline policies. */
export const policyStatements = (): Statement[] =>
  resourcesOfType('AWS::IAM::Role').flatMap(([, role]) =>
    ((role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );

export const packageJson = JSON.parse(readFileSync(projectFile('package.json'), 'utf8'));

/** The Node major the project runs on (its `node` devDependency). */
export const projectNodeMajor = String(packageJson.devDependencies.node).match(/\d+/)?.[0];
