// API Gateway's CloudWatch role is a setting of the whole account and region: set once (the
// bootstrap, or SetApiGatewayLoggingRole on a laptop's first stack), reused by every other stack, and
// no stack the pipeline deploys leaves an IAM role behind when it is deleted.
import { describe, expect, it } from 'vitest';
import { bootstrapStack, type DeployedStack, laptopStack, pipelineStacks, resourcesOfType } from './support/stacks.ts';

/** What deleting the stack leaves in the account: its resources kept by DeletionPolicy: Retain. */
const outlives = (stack: DeployedStack) =>
  Object.values(stack.resources)
    .filter(({ DeletionPolicy }) => DeletionPolicy === 'Retain')
    .map(({ logicalId, Type }) => `${logicalId} (${Type})`)
    .sort();

describe("the account's API Gateway CloudWatch role", () => {
  it.each(pipelineStacks().map((stack) => [stack.name, stack] as const))(
    'is neither set nor left behind by a %s stack, whose roles all go with it',
    (_, stack) => {
      expect(resourcesOfType(stack, 'AWS::ApiGateway::Account')).toEqual([]);
      // SAM retains the function's versions, which Lambda deletes with the function itself.
      expect(outlives(stack).filter((resource) => !resource.endsWith('(AWS::Lambda::Version)'))).toEqual([]);
      expect(resourcesOfType(stack, 'AWS::IAM::Role').length).toBeGreaterThan(0);
    },
  );

  it.each([
    ['the bootstrap', bootstrapStack()],
    ['a laptop stack asked to (SetApiGatewayLoggingRole=true)', laptopStack()],
  ])('is set by %s, and kept with the setting when that stack is deleted', (_, stack) => {
    expect(stack.resources.ApiGatewayAccount?.Properties.CloudWatchRoleArn).toBe(
      stack.resources.ApiGatewayCloudWatchRole?.arn,
    );
    expect(outlives(stack)).toEqual(
      expect.arrayContaining([
        'ApiGatewayAccount (AWS::ApiGateway::Account)',
        'ApiGatewayCloudWatchRole (AWS::IAM::Role)',
      ]),
    );
  });

  it('is set before the API logs through it when the stack sets it, and the API waits on nothing otherwise', () => {
    const [dev] = pipelineStacks();
    const laptop = laptopStack();
    const api = (stack: DeployedStack) => stack.resources.MeditationsApi as unknown as { DependsOn?: unknown };
    for (const stack of [dev!, laptop]) expect([api(stack).DependsOn].flat()).toContain('ApiGatewayLoggingRoleSet');
    const setBy = (stack: DeployedStack) =>
      (stack.resources.ApiGatewayLoggingRoleSet as unknown as { Metadata: { SetBy: string } }).Metadata.SetBy;
    expect(setBy(laptop)).toBe(laptop.resources.ApiGatewayAccount?.ref);
    expect(setBy(dev!)).toBe('');
  });
});
