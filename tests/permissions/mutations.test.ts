// The proofs catch what they are for: each change below, of the kind a review can miss, makes the
// check that guards against it fail, naming the role, the call and the resource.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackName } from '../../lib/names.ts';
import { PROJECT_ROOT } from '../../lib/project.ts';
import { parseTemplate, type Template } from '../../lib/template.ts';
import { translatedStack } from '../../lib/translation/stacks.ts';
import { BOOTSTRAP_ROLES, type RoleContext, STACK_ROLES } from './expectations.ts';
import { handlerCalls } from './support/handler-calls.ts';
import { refusals, roleOf } from './support/simulate.ts';
import { bootstrapStack, devStack } from './support/stacks.ts';
import { trustFailures } from './support/trust.ts';

type Statement = { Sid?: string; Resource: unknown; Condition?: unknown };
type Policies = { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];

/** The dev stack's name, as the refusals spell it in their ARNs. */
const DEV = stackName('dev');
const bootstrapTemplate = () => parseTemplate(readFileSync(join(PROJECT_ROOT, 'pipeline/bootstrap.yaml'), 'utf8'));
const policiesOf = (template: Template, logicalId: string) =>
  template.Resources[logicalId]!.Properties!.Policies as Policies;
const statementOf = (template: Template, logicalId: string, sid: string) =>
  policiesOf(template, logicalId)
    .flatMap(({ PolicyDocument }) => PolicyDocument.Statement)
    .find((statement) => statement.Sid === sid)!;

/** The execution role's refusals deploying dev, with the bootstrap (or the stack) changed. */
const executionRoleRefusals = async (bootstrapSource = bootstrapTemplate(), stackSource = translatedStack('dev')) => {
  const bootstrap = bootstrapStack(bootstrapSource);
  return refusals(
    roleOf(bootstrap.resources.CloudFormationExecutionRole!),
    handlerCalls(devStack(stackSource), bootstrap).calls,
  );
};

/** A stack role's refusals of its users' calls, in dev with its template changed. */
const stackRoleRefusals = async (logicalId: string, change: (template: Template) => void) => {
  const template = translatedStack('dev');
  change(template);
  const stack = devStack(template);
  const context: RoleContext = { stack, bootstrap: bootstrapStack(), stacks: [stack] };
  return refusals(roleOf(stack.resources[logicalId]!), STACK_ROLES[logicalId]!.allows(context));
};

describe('the permission proofs', () => {
  it("fail when a statement is dropped from a function's role, naming the call it no longer allows", async () => {
    const failures = await stackRoleRefusals('MeditationsFunctionRole', (template) => {
      const policies = policiesOf(template, 'MeditationsFunctionRole');
      policies.splice(
        policies.findIndex(({ PolicyName }) => PolicyName === 'write-own-logs'),
        1,
      );
    });
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(
      new RegExp(
        `^MeditationsFunctionRole may not logs:CreateLogStream on arn:aws:logs:.*:log-group:${DEV}-FunctionLogGroup-.*: ImplicitlyDenied; missing statement \\{"Effect":"Allow"`,
      ),
    );
  });

  it("fail when a statement is dropped from the execution role, naming the handler's call", async () => {
    const bootstrap = bootstrapTemplate();
    const statements = policiesOf(bootstrap, 'CloudFormationExecutionRole')[0]!.PolicyDocument.Statement;
    statements.splice(
      statements.findIndex(({ Sid }) => Sid === 'AlarmsAndDashboard'),
      1,
    );
    const failures = await executionRoleRefusals(bootstrap);
    expect(failures.length).toBeGreaterThan(10);
    expect(failures).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^CloudFormationExecutionRole may not cloudwatch:PutMetricAlarm on .*:alarm:${DEV}-FailuresAlarm-.* \\(create FailuresAlarm \\(AWS::CloudWatch::Alarm\\)\\)`,
        ),
      ),
    );
  });

  it("fail when a resource is narrowed: the execution role, without the hooks' names, cannot deploy the hook", async () => {
    const bootstrap = bootstrapTemplate();
    statementOf(bootstrap, 'CloudFormationExecutionRole', 'Functions').Resource = {
      'Fn::Sub': 'arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:${StackNamePrefix}-*',
    };
    expect(await executionRoleRefusals(bootstrap)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^CloudFormationExecutionRole may not lambda:CreateFunction on .*:function:CodeDeployHook_${DEV}-pre-traffic \\(create PreTrafficHook`,
        ),
      ),
    );
  });

  it("fail when a resource is narrowed: the gate's invoke limited to the alias", async () => {
    const failures = await stackRoleRefusals('PreTrafficHookRole', (template) => {
      const [statement] = policiesOf(template, 'PreTrafficHookRole').find(
        ({ PolicyName }) => PolicyName === 'invoke-new-versions',
      )!.PolicyDocument.Statement;
      statement!.Resource = { 'Fn::Sub': '${MeditationsFunction.Arn}:live' };
    });
    expect(failures).toEqual([
      expect.stringMatching(/^PreTrafficHookRole may not lambda:InvokeFunction on .*MeditationsFunction-[A-Z0-9]+:7 /),
    ]);
  });

  it('fail when the template gains a resource type with no recorded handler permissions', () => {
    const template = translatedStack('dev');
    template.Resources.Jobs = { Type: 'AWS::SQS::Queue', Properties: {} };
    expect(handlerCalls(devStack(template), bootstrapStack()).unreviewed).toEqual([
      'Jobs: AWS::SQS::Queue has no recorded handler permissions (run npm run permissions:data -- <schemas snapshot>)',
    ]);
  });

  it("fail when a deploy role's trust is widened to every environment of the repository", async () => {
    const bootstrap = bootstrapTemplate();
    const [trust] = (
      bootstrap.Resources.DevDeployRole!.Properties!.AssumeRolePolicyDocument as { Statement: Statement[] }
    ).Statement;
    trust!.Condition = {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      StringLike: {
        'token.actions.githubusercontent.com:sub': { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepository}:*' },
      },
    };
    const deployed = bootstrapStack(bootstrap);
    const failures = await trustFailures(
      roleOf(deployed.resources.DevDeployRole!),
      BOOTSTRAP_ROLES.DevDeployRole!.trustedBy,
      deployed,
    );
    expect(failures).toContain('DevDeployRole trusts the environment production');
  });

  it("fail when a function role's trust is widened to another service", async () => {
    const template = translatedStack('dev');
    const [trust] = (
      template.Resources.MeditationsFunctionRole!.Properties!.AssumeRolePolicyDocument as {
        Statement: { Principal: unknown }[];
      }
    ).Statement;
    trust!.Principal = { Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] };
    const stack = devStack(template);
    const failures = await trustFailures(
      roleOf(stack.resources.MeditationsFunctionRole!),
      STACK_ROLES.MeditationsFunctionRole!.trustedBy,
      bootstrapStack(),
    );
    expect(failures).toEqual(['MeditationsFunctionRole trusts ec2.amazonaws.com']);
  });
});
