// What a reviewer would otherwise check by eye in template.yaml, checked against the code and contract.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import { bundleFunction } from '../lib/bundle.ts';
import { contract } from '../lib/contract.ts';
import { LOCAL_PSEUDO_PARAMETERS, resolveIntrinsics } from '../lib/template.ts';
import { GATE_DEADLINE_MS } from '../src/pre-traffic/gate.ts';
import { meditateEvent } from './support/events.ts';
import { lambdaContext } from './support/lambda-context.ts';
import { captureOutput } from './support/output.ts';
import {
  fn,
  functionEnvironment,
  functionOf,
  resolved,
  resourcesOfType,
  STACK_NAME,
  template,
} from './support/template.ts';

type ApiEvent = { Type: string; Properties: { RestApiId: { Ref: string }; Path: string; Method: string } };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const projectNodeMajor = String(packageJson.devDependencies.node).match(/\d+/)?.[0];
const apiEvents = Object.values(fn.properties.Events as Record<string, ApiEvent>).filter(
  (event) => event.Type === 'Api',
);

const policyStatements = (): Statement[] =>
  resourcesOfType('AWS::IAM::Role').flatMap(([, role]) =>
    ((role.Properties?.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []).flatMap(
      (policy) => policy.PolicyDocument.Statement,
    ),
  );

describe('template.yaml', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  describe('API', () => {
    it('points each Api event at the API defined by openapi.yaml', () => {
      const apiIds = new Set(apiEvents.map(({ Properties }) => Properties.RestApiId.Ref));
      for (const apiId of apiIds) {
        const api = template.Resources[apiId];
        expect(api?.Type).toBe('AWS::Serverless::Api');
        expect(api?.Properties?.DefinitionBody).toEqual({
          'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: './openapi.yaml' } },
        });
        expect(String(api?.Properties?.OpenApiVersion)).toBe(contract.document.openapi);
      }
    });

    it('keeps openapi.yaml to what API Gateway imports: 3.0.x, no response $refs, no example inside a schema', () => {
      // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html
      expect(contract.document.openapi).toMatch(/^3\.0\.\d+$/);
      for (const operation of contract.operations()) {
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.$ref, `${operation.method} ${operation.path} ${status}`).toBeUndefined();
        }
      }
      const schemaKeywords = (schema: unknown): string[] =>
        typeof schema === 'object' && schema !== null
          ? Object.entries(schema).flatMap(([key, value]) => [key, ...(key === 'enum' ? [] : schemaKeywords(value))])
          : [];
      const keywords = Object.values(contract.document.components?.schemas ?? {}).flatMap(schemaKeywords);
      for (const unsupported of ['example', 'discriminator', 'oneOf', 'anyOf', 'exclusiveMinimum'])
        expect(keywords).not.toContain(unsupported);
    });

    it('keeps openapi.yaml free of short-form tags, which AWS::Include rejects', () => {
      const document = parseDocument(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));
      expect([...document.errors, ...document.warnings].map(String)).toEqual([]);
    });

    it('throttles the stage with the parameters and logs access as JSON carrying the request id', () => {
      const api = resolved<{ MethodSettings: unknown; AccessLogSetting: { Format: string } }>(
        resourcesOfType('AWS::Serverless::Api')[0]?.[1].Properties,
      );
      expect(api.MethodSettings).toEqual([
        expect.objectContaining({
          ResourcePath: '/*',
          HttpMethod: '*',
          ThrottlingRateLimit: 10,
          ThrottlingBurstLimit: 20,
        }),
      ]);
      const format = String(api.AccessLogSetting.Format);
      expect(JSON.parse(format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    });

    it('writes execution logs of failures only, never request or response data', () => {
      const api = resolved<{ MethodSettings: unknown }>(resourcesOfType('AWS::Serverless::Api')[0]?.[1].Properties);
      expect(api.MethodSettings).toEqual([expect.objectContaining({ LoggingLevel: 'ERROR', DataTraceEnabled: false })]);
    });
  });

  describe('function', () => {
    it('names, in Handler, the file esbuild writes for the entry point, which exports the handler', async () => {
      const entryPoints = (fn.metadata.BuildProperties as { EntryPoints: string[] }).EntryPoints;
      expect(entryPoints).toHaveLength(1);
      const [moduleName, exportName] = String(fn.properties.Handler).split('.');
      expect(entryPoints[0]).toMatch(new RegExp(`(^|/)${moduleName}\\.ts$`));
      const entry = await import(/* @vite-ignore */ new URL(`../${entryPoints[0]}`, import.meta.url).href);
      expect(typeof entry[exportName!]).toBe('function');
    });

    it("runs on the project's Node major, and esbuild targets it", () => {
      expect(fn.properties.Runtime).toBe(`nodejs${projectNodeMajor}.x`);
      expect((fn.metadata.BuildProperties as { Target: string }).Target).toBe(`node${projectNodeMajor}`);
    });

    it('alarms on p99 duration below the timeout', () => {
      const [, alarm] = resourcesOfType('AWS::CloudWatch::Alarm').find(
        ([, a]) => a.Properties?.MetricName === 'Duration',
      )!;
      expect(Number(alarm.Properties?.Threshold)).toBeLessThan(Number(fn.properties.Timeout) * 1000);
    });

    it('rolls a bad deployment back on the failure and error alarms', () => {
      const preference = fn.properties.DeploymentPreference as { Alarms: { Ref: string }[] };
      const alarms = preference.Alarms.map(({ Ref }) => template.Resources[Ref]?.Properties?.MetricName);
      expect(alarms).toEqual(expect.arrayContaining(['RequestsFailed', 'Errors']));
    });
  });

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
      const config = parseToml(readFileSync(new URL('../samconfig.toml', import.meta.url), 'utf8')) as Record<
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

  describe('outputs', () => {
    it('name both log groups and the CodeDeploy group, for the commands the README gives', () => {
      expect(template.Outputs?.FunctionLogGroupName?.Value).toEqual({ Ref: 'FunctionLogGroup' });
      expect(template.Outputs?.AccessLogGroupName?.Value).toEqual({ Ref: 'AccessLogGroup' });
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
      const { createHandler } = await import('../src/handler.ts');
      const output = captureOutput();

      // Act
      await createHandler({
        randomInt: () => {
          throw new Error('fail on purpose');
        },
      })(meditateEvent(), lambdaContext());
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
        Namespace: 'GuruMeditations',
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

  describe('least privilege and cost', () => {
    it('gives every log group a retention', () => {
      const groups = resourcesOfType('AWS::Logs::LogGroup');
      expect(groups.length).toBeGreaterThanOrEqual(2);
      for (const [id, group] of groups) expect(group.Properties?.RetentionInDays, id).toBeDefined();
    });

    it('encrypts every log group with the KMS key given, and with CloudWatch Logs’ own key when none is', () => {
      const key = 'arn:aws:kms:eu-west-1:123456789012:key/0d6f3b1e-1c3a-4f5e-9b7d-2a1e3c4d5e6f';
      for (const [id, group] of resourcesOfType('AWS::Logs::LogGroup')) {
        expect(resolved<{ KmsKeyId?: string }>(group.Properties), id).not.toHaveProperty('KmsKeyId');
        expect(resolved<{ KmsKeyId?: string }>(group.Properties, { LogsKmsKeyArn: key }).KmsKeyId, id).toBe(key);
      }
    });

    it('grants no wildcard action, and a wildcard resource only where the service has no other', () => {
      const statements = policyStatements();
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const actions = [statement.Action].flat();
        for (const action of actions) expect(action).not.toMatch(/\*/);
        // tests/permissions/function-roles.test.ts proves each against the Service Authorization Reference.
        const wildcardOnly = (action: string) =>
          action.startsWith('xray:') || action === 'codedeploy:PutLifecycleEventHookExecutionStatus';
        if (statement.Resource === '*') expect(actions.every(wildcardOnly)).toBe(true);
      }
    });

    it('emails a budget warning at a forecast and an actual threshold', () => {
      const [, budget] = resourcesOfType('AWS::Budgets::Budget')[0]!;
      const kinds = (
        budget.Properties!.NotificationsWithSubscribers as { Notification: { NotificationType: string } }[]
      ).map(({ Notification }) => Notification.NotificationType);
      expect(kinds.sort()).toEqual(['ACTUAL', 'FORECASTED']);
    });

    it('leaves reserved concurrency unset by default', () => {
      const properties = resolved<Record<string, unknown>>(fn.properties);
      expect(properties).not.toHaveProperty('ReservedConcurrentExecutions');
      expect(
        resolved<Record<string, unknown>>(fn.properties, { ReservedConcurrency: 5 }).ReservedConcurrentExecutions,
      ).toBe(5);
    });

    it('subscribes the alarm email only when one is given', () => {
      expect(template.Resources.AlarmEmailSubscription?.Condition).toBe('HasAlarmEmail');
      expect(resolved(template.Conditions?.HasAlarmEmail)).toBe(false);
      expect(resolved(template.Conditions?.HasAlarmEmail, { AlarmEmail: 'ops@example.com' })).toBe(true);
    });
  });

  describe('samconfig.toml', () => {
    type Section = { parameters: Record<string, unknown> };
    type Environment = { global: Section; deploy: Section };
    const config = parseToml(readFileSync(new URL('../samconfig.toml', import.meta.url), 'utf8')) as {
      version: number;
      default: Environment;
      prod: Environment;
      'pipeline-dev': Environment;
      'pipeline-prod': Environment;
    };
    const overrides = (env: string) =>
      Object.fromEntries(
        String(config[env as 'default' | 'prod'].deploy.parameters.parameter_overrides)
          .split(' ')
          .map((pair) => pair.split('=')),
      );

    it('deploys dev and prod as separate stacks, prod with a gradual, confirmed deployment', () => {
      expect(config.version).toBe(0.1);
      expect(config.default.global.parameters.stack_name).not.toBe(config.prod.global.parameters.stack_name);
      expect(overrides('default').DeploymentType).toBe('AllAtOnce');
      expect(overrides('prod').DeploymentType).toMatch(/^(Canary|Linear)/);
      expect(config.prod.deploy.parameters.confirm_changeset).toBe(true);
    });

    it('deploys the same stacks with the same parameters from the pipeline, with its bucket and role instead of resolve_s3', () => {
      for (const [laptop, pipeline] of [
        ['default', 'pipeline-dev'],
        ['prod', 'pipeline-prod'],
      ] as const) {
        expect(config[pipeline].global.parameters.stack_name).toBe(config[laptop].global.parameters.stack_name);
        const { resolve_s3, confirm_changeset: _confirmed, ...deployed } = config[laptop].deploy.parameters;
        const { confirm_changeset, ...deployedByPipeline } = config[pipeline].deploy.parameters;
        expect(deployedByPipeline).toEqual(deployed);
        // sam deploy refuses resolve_s3 beside --s3-bucket; the laptop keeps it, for `sam deploy` as is.
        expect(resolve_s3).toBe(true);
        // A CI job cannot answer a prompt: the production environment's reviewers approve instead.
        expect(confirm_changeset).toBe(false);
      }
    });

    it('overrides only parameters the template declares, with allowed values', () => {
      for (const env of ['default', 'prod']) {
        for (const [name, value] of Object.entries(overrides(env))) {
          const parameter = template.Parameters?.[name] as { AllowedValues?: unknown[] } | undefined;
          expect(parameter, `${env}: ${name}`).toBeDefined();
          if (parameter?.AllowedValues) expect(parameter.AllowedValues.map(String), `${env}: ${name}`).toContain(value);
        }
      }
    });
  });

  describe('bundle', () => {
    it("built from the template's BuildProperties, loads on the project's Node and answers a proxy event per the contract", async () => {
      // Prepare
      const outRoot = mkdtempSync(join(tmpdir(), 'guru-bundle-'));
      const bundle = await bundleFunction(fn, outRoot);
      const invoke = `
        const { ${bundle.exportName}: handler } = await import(${JSON.stringify(bundle.file)});
        const response = await handler(JSON.parse(process.argv[1]), { awsRequestId: 'bundle-test', functionName: 'fn', functionVersion: '1', invokedFunctionArn: 'arn:aws:lambda:local-region-1:000000000000:function:fn', memoryLimitInMB: '128', getRemainingTimeInMillis: () => 3000 });
        process.stdout.write('RESULT ' + JSON.stringify({ node: process.versions.node, response }) + '\\n');`;

      // Act
      const stdout = execFileSync(
        process.execPath,
        ['--input-type=module', '-e', invoke, JSON.stringify(meditateEvent())],
        {
          env: { ...process.env, ...functionEnvironment(), POWERTOOLS_DEV: '', POWERTOOLS_LOG_LEVEL: 'SILENT' },
          encoding: 'utf8',
        },
      );

      // Assess
      const result = JSON.parse(
        stdout
          .split('\n')
          .find((line) => line.startsWith('RESULT '))!
          .slice(7),
      );
      expect(result.node.split('.')[0]).toBe(projectNodeMajor);
      expect(result.response.statusCode).toBe(200);
      expect(contract.checkResponse('meditate', result.response)).toEqual({ valid: true, errors: [] });
    });
  });
});
