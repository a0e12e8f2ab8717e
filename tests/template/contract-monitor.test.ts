// The contract monitor as CloudFormation receives it: template.yaml translated by SAM (the dev
// stack of `npm run translate`), resolved for a stack with samconfig.toml's parameters. Its
// schedule, its alarm, and a role that may call no AWS API beyond its own logs and traces.
import { describe, expect, it } from 'vitest';
import { resolvedTemplate } from '../../lib/guard.ts';
import { readNames, stackName } from '../../lib/names.ts';
import { parameterOverridesOf as overrides } from '../../lib/samconfig.ts';
import { LOCAL_PSEUDO_PARAMETERS, resolveIntrinsics } from '../../lib/template.ts';
import { translatedStack } from '../../lib/translation/stacks.ts';
import { METRICS } from '../../src/shared/observability.ts';

const STACK = stackName('prod');
const { metricNamespace } = readNames();
const processed = translatedStack('dev');

/** The translated stack's resources, for these parameters. */
const resources = (parameters: Record<string, string> = {}) =>
  resolvedTemplate(processed, parameters, STACK).Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };
type Policy = { PolicyName: string; PolicyDocument: { Statement: Statement[] } };

describe('template: the contract monitor', () => {
  it('runs on a schedule: every 5 minutes in prod, every 30 in dev, never when off', () => {
    // Prepare
    const rateOf = (parameters: Record<string, string>) => {
      const rules = Object.values(resources(parameters)).filter(({ Type }) => Type === 'AWS::Events::Rule');
      return rules.map(({ Properties }) => [
        Properties.ScheduleExpression,
        (Properties.Targets as { Arn: unknown }[]).map(({ Arn }) => Arn),
      ]);
    };

    // Assess
    expect(rateOf(overrides('prod'))).toEqual([['rate(5 minutes)', ['ContractMonitor.Arn']]]);
    expect(rateOf(overrides('default'))).toEqual([['rate(30 minutes)', ['ContractMonitor.Arn']]]);
    expect(rateOf({})).toEqual([['rate(5 minutes)', ['ContractMonitor.Arn']]]);
    expect(overrides('pipeline-prod').ContractMonitorMinutes).toBe('5');
    expect(overrides('pipeline-dev').ContractMonitorMinutes).toBe('30');
    expect(
      Object.keys(resources({ ContractMonitorMinutes: 'off' })).filter((id) => id.startsWith('ContractMonitor')),
    ).toEqual([]);
  });

  it("checks the stage's public URL, publishing to the stack's namespace under its own service name", () => {
    // Prepare
    const monitor = resources().ContractMonitor?.Properties as {
      Environment: { Variables: Record<string, string> };
      LoggingConfig: { LogGroup: string };
    };
    const apiUrl = resolveIntrinsics(processed, processed.Outputs?.ApiUrl?.Value, {
      pseudo: { ...LOCAL_PSEUDO_PARAMETERS, 'AWS::StackName': STACK },
    });

    // Assess
    expect(monitor.Environment.Variables).toMatchObject({
      API_URL: 'https://MeditationsApi.execute-api.local-region-1.amazonaws.com/v1',
      POWERTOOLS_METRICS_NAMESPACE: metricNamespace,
      POWERTOOLS_SERVICE_NAME: `${STACK}-contract-monitor`,
    });
    expect(`${monitor.Environment.Variables.API_URL}/`).toBe(apiUrl);
    expect(monitor.LoggingConfig.LogGroup).toBe('ContractMonitorLogGroup');
    expect(resources(overrides('prod')).ContractMonitorLogGroup?.Properties.RetentionInDays).toBe(400);
  });

  it('alarms to the alarm topic when 2 of 3 runs fail a check, or when the monitor stops running', () => {
    // Prepare
    const alarmOf = (parameters: Record<string, string>) => resources(parameters).ContractMonitorAlarm?.Properties;

    // Assess
    expect(alarmOf(overrides('prod'))).toMatchObject({
      Namespace: metricNamespace,
      MetricName: METRICS.contractChecksFailed,
      Dimensions: [{ Name: 'service', Value: `${STACK}-contract-monitor` }],
      Statistic: 'Sum',
      Period: 300,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: ['AlarmTopic'],
      OKActions: ['AlarmTopic'],
    });
    // One run per period at every rate, so a missing run is a missing datapoint.
    expect(alarmOf(overrides('default'))?.Period).toBe(1800);
  });

  it('has a role that may write its own logs and traces, and call no other AWS API', () => {
    // Prepare
    const stack = resources();
    const role = stack.ContractMonitorRole?.Properties as {
      AssumeRolePolicyDocument: { Statement: Statement[] };
      Policies: Policy[];
      ManagedPolicyArns?: unknown;
    };

    // Assess
    expect(stack.ContractMonitor?.Properties.Role).toBe('ContractMonitorRole.Arn');
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(role.AssumeRolePolicyDocument.Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    const grants = role.Policies.flatMap(({ PolicyDocument }) =>
      PolicyDocument.Statement.map(({ Effect, Action, Resource }) => [Effect, [Action].flat(), Resource]),
    );
    expect(grants).toEqual([
      ['Allow', ['logs:CreateLogStream', 'logs:PutLogEvents'], 'ContractMonitorLogGroup.Arn'],
      ['Allow', ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], '*'],
    ]);
    // No other policy attaches to it: SAM adds none for a function given its Role.
    const attached = Object.values(stack).filter(
      ({ Type, Properties }) =>
        Type === 'AWS::IAM::Policy' && JSON.stringify(Properties.Roles ?? []).includes('ContractMonitorRole'),
    );
    expect(attached).toEqual([]);
  });

  it("shows the monitor's checks on the dashboard", () => {
    const body = String(resources().Dashboard?.Properties.DashboardBody);
    expect(body).toContain(`["${metricNamespace}", "ContractChecksFailed", "service", "${STACK}-contract-monitor"]`);
    expect(body).toContain(`["${metricNamespace}", "ContractChecksRun", "service", "${STACK}-contract-monitor"]`);
  });
});
