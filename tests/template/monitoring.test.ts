// What template.yaml gives to watch the stack: its outputs and its alarms, on the metrics the handler really emits.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { readNames } from '../../lib/names.ts';
import { exampleEvent } from '../support/examples.ts';
import { failingImplementations } from '../support/failures.ts';
import { lambdaContext } from '../support/lambda-context.ts';
import { captureOutput } from '../support/output.ts';
import { fn, functionEnvironment, resolved, resourcesOfType, STACK_NAME, template } from '../support/template.ts';

describe('template.yaml', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe('outputs', () => {
    it('name every log group and the CodeDeploy group, for the commands docs/operations.md gives', () => {
      const logGroups = resourcesOfType('AWS::Logs::LogGroup').map(([id]) => id);
      const named = Object.values(template.Outputs ?? {}).map(({ Value }) => (Value as { Ref?: string }).Ref);
      expect(logGroups.sort()).toEqual([
        'AccessLogGroup',
        'ContractMonitorLogGroup',
        'FunctionLogGroup',
        'PreTrafficHookLogGroup',
      ]);
      for (const logGroup of logGroups) expect(named, logGroup).toContain(logGroup);
      expect(template.Outputs?.DeploymentGroup?.Value).toEqual({ Ref: `${fn.logicalId}DeploymentGroup` });
      expect(template.Outputs?.ApiUrl?.Value).toEqual({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub syntax
        'Fn::Sub': 'https://${MeditationsApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${StageName}/',
      });
    });
  });

  describe('alarms', () => {
    it('watch the failure metric under the namespace, name and dimensions the handler really emits', async () => {
      // Prepare: the function's environment from the template, real EMF on stdout.
      for (const [name, value] of Object.entries(functionEnvironment())) vi.stubEnv(name, value);
      vi.stubEnv('POWERTOOLS_DEV', '');
      vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
      vi.resetModules();
      const { createHandler } = await import('../../src/api/handler.ts');
      const output = captureOutput();

      // Act
      await createHandler(failingImplementations(new Error('fail on purpose')))(exampleEvent(), lambdaContext());
      output.restore();

      // Assess
      const emitted = output.emf().flatMap((document) => {
        const { CloudWatchMetrics } = (
          document as {
            _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
          }
        )._aws;
        return CloudWatchMetrics.flatMap(({ Namespace, Dimensions, Metrics }) =>
          Metrics.map(({ Name }) => ({
            Namespace,
            MetricName: Name,
            Dimensions: (Dimensions[0] ?? []).map((key) => ({ Name: key, Value: document[key] })),
          })),
        );
      });
      const failure = emitted.find(({ MetricName }) => MetricName === 'RequestsFailed');
      expect(failure).toEqual({
        Namespace: readNames().metricNamespace,
        MetricName: 'RequestsFailed',
        Dimensions: [{ Name: 'service', Value: STACK_NAME }],
      });

      const watching = resourcesOfType('AWS::CloudWatch::Alarm')
        .map(([, alarm]) => resolved<Record<string, unknown>>(alarm.Properties))
        .filter((alarm) => alarm.MetricName === failure!.MetricName);
      expect(watching.length).toBeGreaterThan(0);
      for (const alarm of watching) {
        expect({
          Namespace: alarm.Namespace,
          MetricName: alarm.MetricName,
          Dimensions: alarm.Dimensions,
        }).toEqual(failure);
      }
    });

    it("key API Gateway metrics by the API's name and stage", () => {
      const [, api] = resourcesOfType('AWS::Serverless::Api')[0]!;
      const { Name, StageName } = resolved<{ Name: string; StageName: string }>(api.Properties);
      const apiAlarms = resourcesOfType('AWS::CloudWatch::Alarm')
        .map(([, alarm]) =>
          resolved<{ Namespace: string; Dimensions: { Name: string; Value: string }[] }>(alarm.Properties),
        )
        .filter((alarm) => alarm.Namespace === 'AWS/ApiGateway');
      expect(apiAlarms.length).toBeGreaterThanOrEqual(2);
      for (const alarm of apiAlarms) {
        expect(alarm.Dimensions).toEqual([
          { Name: 'ApiName', Value: Name },
          { Name: 'Stage', Value: StageName },
        ]);
      }
    });

    it('each say what to do, treat missing data on purpose, and notify the alarm topic', () => {
      for (const [id, alarm] of resourcesOfType('AWS::CloudWatch::Alarm')) {
        expect(String(alarm.Properties?.AlarmDescription).length, id).toBeGreaterThan(60);
        expect(['notBreaching', 'missing', 'breaching', 'ignore'], id).toContain(alarm.Properties?.TreatMissingData);
        expect(alarm.Properties?.AlarmActions, id).toEqual([{ Ref: 'AlarmTopic' }]);
      }
    });
  });
});
