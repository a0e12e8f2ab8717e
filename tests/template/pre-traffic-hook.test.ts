// The pre-traffic hook in template.yaml: its role, its bundle and its deadline.
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { LOCAL_PSEUDO_PARAMETERS, resolveIntrinsics } from '../../lib/template.ts';
import { GATE_DEADLINE_MS } from '../../src/pre-traffic/gate.ts';
import { fn, functionOf, packageJson, type Statement, template } from '../support/template.ts';

describe('template.yaml', () => {
  describe('pre-traffic hook', () => {
    const hook = functionOf('PreTrafficHook');
    const hookRole = template.Resources.PreTrafficHookRole?.Properties as {
      Policies: { PolicyName: string; PolicyDocument: { Statement: Statement[] } }[];
    };
    const statementsOf = (policy: string) =>
      hookRole.Policies.find(({ PolicyName }) => PolicyName === policy)?.PolicyDocument.Statement ?? [];

    it("is the function's PreTraffic hook, and has no alias or deployment preference of its own", () => {
      expect((fn.properties.DeploymentPreference as { Hooks: unknown }).Hooks).toEqual({
        PreTraffic: { Ref: 'PreTrafficHook' },
      });
      expect(hook.properties).not.toHaveProperty('AutoPublishAlias');
      expect(hook.properties).not.toHaveProperty('DeploymentPreference');
    });

    it('is named CodeDeployHook_<stack>-pre-traffic, within 64 characters for every stack samconfig.toml deploys', () => {
      const config = parseToml(readFileSync(new URL('../../samconfig.toml', import.meta.url), 'utf8')) as Record<
        string,
        { global?: { parameters?: { stack_name?: string } } }
      >;
      const stacks = Object.values(config).flatMap((environment) => environment.global?.parameters?.stack_name ?? []);
      expect(stacks.length).toBeGreaterThan(0);
      for (const stack of stacks) {
        const name = resolveIntrinsics(template, hook.properties.FunctionName, {
          pseudo: { ...LOCAL_PSEUDO_PARAMETERS, 'AWS::StackName': stack },
        }) as string;
        expect(name).toBe(`CodeDeployHook_${stack}-pre-traffic`);
        expect(name.length).toBeLessThanOrEqual(64);
      }
    });

    it('invokes the version just published, never the alias', () => {
      const variables = (hook.properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(variables.TARGET_FUNCTION_VERSION).toEqual({ Ref: `${fn.logicalId}.Version` });
    });

    it("may invoke only the function's versions and report its verdict to CodeDeploy", () => {
      expect(statementsOf('invoke-new-versions')).toEqual([
        { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::Sub': `\${${fn.logicalId}.Arn}:*` } },
      ]);
      // '*': tests/permissions/service-data-decisions.ts says why.
      expect(statementsOf('report-to-codedeploy')).toEqual([
        { Effect: 'Allow', Action: 'codedeploy:PutLifecycleEventHookExecutionStatus', Resource: '*' },
      ]);
    });

    it("writes its own log group, kept and encrypted as the function's", () => {
      expect(hook.properties.LoggingConfig).toEqual({ LogGroup: { Ref: 'PreTrafficHookLogGroup' } });
      expect(template.Resources.PreTrafficHookLogGroup?.Properties).toEqual(
        template.Resources.FunctionLogGroup?.Properties,
      );
    });

    it("leaves the runtime's AWS SDK out of its bundle, and has the time its gate and report need", () => {
      const external = (hook.metadata.BuildProperties as { External: string[] }).External;
      expect(external.sort()).toEqual(['@aws-sdk/client-codedeploy', '@aws-sdk/client-lambda']);
      for (const sdk of external) {
        expect(packageJson.devDependencies).toHaveProperty(sdk);
        expect(packageJson.dependencies ?? {}).not.toHaveProperty(sdk);
      }
      expect(Number(hook.properties.Timeout) * 1000).toBeGreaterThan(GATE_DEADLINE_MS + 15_000);
    });
  });
});
