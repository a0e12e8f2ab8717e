// Every IAM role of every translated stack (dev, prod, a preview, a laptop's) and of
// pipeline/bootstrap.yaml, simulated as IAM evaluates it: who may assume it, the calls its users
// make, what it must refuse, and that it names nothing else (expectations.ts says what each is for).
import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_ROLES, type RoleContext, type RoleExpectation, STACK_ROLES } from './expectations.ts';
import { SERVICE_DATA_DECISIONS } from './service-data-decisions.ts';
import { grantedActions, grants, type Role, refusals, roleOf } from './support/simulate.ts';
import { bootstrapStack, type DeployedStack, laptopStack, pipelineStacks, resourcesOfType } from './support/stacks.ts';
import { trustFailures } from './support/trust.ts';

const bootstrap = bootstrapStack();
const pipeline = pipelineStacks();
const applications = [...pipeline, laptopStack()];

interface RoleCase {
  label: string;
  role: Role;
  expectation: RoleExpectation | undefined;
  context: RoleContext;
}
const casesOf = (stack: DeployedStack, expectations: Record<string, RoleExpectation>, stacks: DeployedStack[]) =>
  resourcesOfType(stack, 'AWS::IAM::Role').map(
    (resource): RoleCase => ({
      label: `${stack.name}: ${resource.logicalId}`,
      role: roleOf(resource),
      expectation: expectations[resource.logicalId],
      context: { stack, bootstrap, stacks },
    }),
  );
const cases = [
  ...applications.flatMap((stack) => casesOf(stack, STACK_ROLES, [stack])),
  ...casesOf(bootstrap, BOOTSTRAP_ROLES, pipeline),
];

describe('every IAM role', () => {
  it('of every translated stack and of the bootstrap has an expectation', () => {
    const missing = cases.filter(({ expectation }) => expectation === undefined).map(({ label }) => label);
    expect(missing, 'add each to tests/permissions/expectations.ts').toEqual([]);
    expect(cases.length).toBeGreaterThan(15);
  });

  it("names '*' as a resource only for actions IAM authorizes on '*'", async () => {
    const failures: string[] = [];
    for (const { label, role } of cases) {
      for (const { name, policy } of role.policies.filter(({ name }) => !name.startsWith('arn:'))) {
        for (const statement of (policy as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement) {
          if (statement.Resource !== '*') continue;
          for (const action of [statement.Action].flat()) {
            const [service, verb] = action.split(':') as [string, string];
            if (!(await isWildcardOnlyAction(service, verb)) && !(action in SERVICE_DATA_DECISIONS)) {
              failures.push(`${label} (${name}): ${action} on '*', though IAM can scope it to a resource`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe.each(cases.filter(({ expectation }) => expectation !== undefined))('$label', (roleCase) => {
  const { role, context } = roleCase;
  const expectation = roleCase.expectation!;

  it('may be assumed only by whom it is for', async () => {
    expect(await trustFailures(role, expectation.trustedBy, bootstrap)).toEqual([]);
  });

  it('allows every call its users make', async () => {
    expect(await refusals(role, expectation.allows(context))).toEqual([]);
  });

  it('refuses what it must not do', async () => {
    expect(await grants(role, expectation.denies(context))).toEqual([]);
  });
});

describe.each(cases.filter(({ expectation }) => expectation?.onlyActions !== undefined))('$label', (roleCase) => {
  it('names no action besides those its users need', () => {
    const { role, context, expectation } = roleCase;
    expect(grantedActions(role), `${role.logicalId}'s actions`).toEqual(expectation?.onlyActions?.(context));
  });
});
