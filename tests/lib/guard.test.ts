// The security gate: Control Tower rules, through cfn-guard, on a processed template (SAM already
// expanded): this project's template.yaml as the SAM translator expands it (`npm run translate`).
import { describe, expect, it } from 'vitest';
import { guardTemplate, readExemptions, resolvedTemplate } from '../../lib/guard.ts';
import { stackName } from '../../lib/names.ts';
import { translatedStack } from '../../lib/translation/stacks.ts';

const processed = translatedStack('dev');
const KMS_KEY = 'arn:aws:kms:eu-west-1:123456789012:key/0d6f3b1e-1c3a-4f5e-9b7d-2a1e3c4d5e6f';

const guard = async (environment: string, parameters: Record<string, string>) =>
  guardTemplate(resolvedTemplate(processed, parameters, stackName(environment)), {
    environment,
    exemptions: await readExemptions(),
  });
const failing = (failures: Awaited<ReturnType<typeof guard>>) =>
  failures.filter(({ exemption }) => exemption === undefined).map(({ rule }) => rule);

describe('guard', () => {
  it('passes prod as samconfig.toml deploys it, every failing rule listed in SECURITY.md', async () => {
    const failures = await guard('prod', { LogRetentionInDays: '400' });
    expect(failing(failures)).toEqual([]);
    expect(failures.map(({ rule }) => rule)).toEqual(['CT.CLOUDWATCH.PR.3', 'CT.LAMBDA.PR.3']);
    expect(failures.find(({ rule }) => rule === 'CT.LAMBDA.PR.3')?.resources).toEqual([
      'ContractMonitor',
      'MeditationsFunction',
      'PreTrafficHook',
    ]);
  }, 30_000);

  it("fails prod with dev's 14-day log retention: that exemption is dev's and preview's only", async () => {
    expect(failing(await guard('prod', { LogRetentionInDays: '14' }))).toEqual(['CT.CLOUDWATCH.PR.2']);
    expect(failing(await guard('dev', { LogRetentionInDays: '14' }))).toEqual([]);
  }, 30_000);

  it('meets the log encryption rule once a KMS key is given', async () => {
    const failures = await guard('prod', { LogRetentionInDays: '400', LogsKmsKeyArn: KMS_KEY });
    expect(failures.map(({ rule }) => rule)).toEqual(['CT.LAMBDA.PR.3']);
  }, 30_000);

  it('fails every rule SECURITY.md does not list, naming it', async () => {
    const failures = await guardTemplate(
      resolvedTemplate(processed, { LogRetentionInDays: '400' }, stackName('prod')),
      {
        environment: 'prod',
        exemptions: new Map(),
      },
    );
    expect(failing(failures)).toEqual(['CT.CLOUDWATCH.PR.3', 'CT.LAMBDA.PR.3']);
  }, 30_000);

  it('resolves what the rules read: parameters as typed values, Fn::Sub as strings, false conditions left out', () => {
    const resolved = resolvedTemplate(processed, { LogRetentionInDays: '400' }, stackName('prod'));
    expect(resolved.Resources.FunctionLogGroup?.Properties?.RetentionInDays).toBe(400);
    // The permission SAM makes of an Api event for API Gateway, its SourceArn an Fn::Sub of the stage's ARN.
    const [permission] = Object.entries(processed.Resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::Lambda::Permission' && resource.Properties?.Principal === 'apigateway.amazonaws.com',
    )!;
    expect(processed.Resources[permission]?.Properties?.SourceArn).toHaveProperty('Fn::Sub');
    expect(typeof resolved.Resources[permission]?.Properties?.SourceArn).toBe('string');
    expect(resolved.Resources).not.toHaveProperty('AlarmEmailSubscription');
    expect(resolvedTemplate(processed, { AlarmEmail: 'ops@example.com' }, 'x').Resources).toHaveProperty(
      'AlarmEmailSubscription',
    );
  });
});
