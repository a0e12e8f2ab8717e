// The CloudFormation execution role (pipeline/bootstrap.yaml) against every permission the resource
// handlers need to create, update and delete every resource of every stack the pipeline deploys,
// on the ARN each resource will have; and against the same calls on resources of other names.
import { describe, expect, it } from 'vitest';
import { type StackName, TRANSLATED_STACKS, translatedStack } from '../../lib/translation/stacks.ts';
import { LEFT_OUT } from './handler-review.ts';
import { HANDLER_PERMISSIONS, handlerCalls } from './support/handler-calls.ts';
import { type Call, callsOnResourcesNamed, grants, refusals, roleOf } from './support/simulate.ts';
import { bootstrapStack, everyOptionStack, pipelineStacks, STACK_PREFIX } from './support/stacks.ts';

const bootstrap = bootstrapStack();
const executionRole = roleOf(bootstrap.resources.CloudFormationExecutionRole!);
const stacks = [...pipelineStacks(), everyOptionStack()];

describe.each(stacks.map((stack) => [stack.name, stack] as const))('the execution role deploying %s', (_, stack) => {
  const { calls, unreviewed } = handlerCalls(stack, bootstrap);

  it('knows the handler permissions of every resource type, and where each is called', () => {
    expect(unreviewed).toEqual([]);
  });

  it('is allowed every call the resource handlers make, for create, update and delete', async () => {
    expect(calls.length).toBeGreaterThan(100);
    expect(await refusals(executionRole, calls)).toEqual([]);
  });

  it("is refused the same calls on resources outside the stacks' names", async () => {
    const elsewhere = (await callsOnResourcesNamed(calls, stack.stackName)).map(
      (call): Call => ({ ...call, resource: call.resource.replaceAll(stack.stackName, 'someone-else-dev') }),
    );
    expect(elsewhere.length).toBeGreaterThan(50);
    expect(await grants(executionRole, elsewhere)).toEqual([]);
  });
});

describe('the execution role', () => {
  it("may not rewrite the bootstrap's own roles, change the account's API Gateway setting, or pass a role to EC2", async () => {
    const own = ['CloudFormationExecutionRole', 'ProdDeployRole', 'PreviewDeployRole'].map(
      (logicalId): Call => ({
        action: 'iam:PutRolePolicy',
        resource: bootstrap.resources[logicalId]!.arn,
        why: `a stack's AWS::IAM::RolePolicy on ${logicalId}`,
      }),
    );
    const account: Call = {
      action: 'apigateway:PATCH',
      resource: bootstrap.resources.ApiGatewayAccount!.arn,
      why: "a stack's AWS::ApiGateway::Account",
    };
    const [dev] = stacks;
    const passToAnotherService: Call = {
      action: 'iam:PassRole',
      resource: dev!.resources.MeditationsFunctionRole!.arn,
      context: { 'iam:PassedToService': 'ec2.amazonaws.com' },
      why: "a stack's role passed to another service than the one it is for",
    };
    expect(await grants(executionRole, [...own, account, passToAnotherService])).toEqual([]);
    expect(bootstrap.stackName.startsWith(STACK_PREFIX)).toBe(true);
  });

  it('reads the handler permissions of exactly the types the translated stacks hold, from a recorded source', () => {
    const types = new Set(
      (Object.keys(TRANSLATED_STACKS) as StackName[]).flatMap((stack) =>
        Object.values(translatedStack(stack).Resources).map(({ Type }) => Type),
      ),
    );
    expect(Object.keys(HANDLER_PERMISSIONS.handlers).sort()).toEqual([...types].sort());
    expect(HANDLER_PERMISSIONS.source.commit).toMatch(/^[0-9a-f]{40}$/);
    for (const [type, handlers] of Object.entries(HANDLER_PERMISSIONS.handlers)) {
      expect(handlers.source ?? HANDLER_PERMISSIONS.source.repository, type).toMatch(/^https:\/\//);
    }
  });

  it('leaves out only permissions a handler lists, each with why', () => {
    for (const [type, actions] of Object.entries(LEFT_OUT)) {
      const listed = new Set(Object.values(HANDLER_PERMISSIONS.handlers[type] ?? {}).flat());
      for (const [action, why] of Object.entries(actions)) {
        expect(listed.has(action), `${type} ${action} is left out but no handler lists it`).toBe(true);
        expect(why.length).toBeGreaterThan(10);
      }
    }
  });
});
