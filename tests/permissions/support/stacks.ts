// The stacks as CloudFormation deploys them: the SAM translator's output (`npm run translate`,
// lib/translation/stacks.ts) with the pipeline's parameters from samconfig.toml, and pipeline/bootstrap.yaml, every Ref and GetAtt
// resolved to the name and ARN the resource will have. CloudFormation names a resource that has no
// name of its own <stack>-<logical id>-<random suffix>; the suffix here is plainly fake.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvedTemplate } from '../../../lib/guard.ts';
import { readNames } from '../../../lib/names.ts';
import { PROJECT_ROOT } from '../../../lib/project.ts';
import { parameterOverridesOf as overridesOf } from '../../../lib/samconfig.ts';
import { LOCAL_PSEUDO_PARAMETERS, parseTemplate, type Template } from '../../../lib/template.ts';
import { translatedStack } from '../../../lib/translation/stacks.ts';

export const ACCOUNT = LOCAL_PSEUDO_PARAMETERS['AWS::AccountId'] as string;
export const REGION = LOCAL_PSEUDO_PARAMETERS['AWS::Region'] as string;
const SUFFIX = 'FAKESUFFIX123';

export interface DeployedResource {
  logicalId: string;
  Type: string;
  Properties: Record<string, unknown>;
  UpdatePolicy?: Record<string, Record<string, string>>;
  DeletionPolicy?: string;
  /** What Ref returns, and the ARN IAM authorizes calls on it against ('' where none is known). */
  ref: string;
  arn: string;
}

export interface DeployedStack {
  /** dev, prod, preview (a pull request's), laptop (samconfig.toml's default), bootstrap. */
  name: string;
  stackName: string;
  resources: Record<string, DeployedResource>;
}

type RawResource = { Type: string; Properties?: Record<string, unknown> };

/** CloudFormation's generated name, its logical id part shortened to fit the service's limit. */
const generatedName = (stackName: string, logicalId: string, limit: number) =>
  `${stackName}-${logicalId.slice(0, Math.max(1, limit - stackName.length - SUFFIX.length - 2))}-${SUFFIX}`;

/** An ARN in the stacks' region and account ('' for the global services' empty region). */
const arn = (service: string, resource: string, region = REGION) =>
  `arn:aws:${service}:${region}:${ACCOUNT}:${resource}`;

/** Ref and ARN of each resource, from its own (parameter-resolved) properties and the others' Refs. */
const identify = (stackName: string, resources: Record<string, RawResource>) => {
  const refs: Record<string, Record<string, string>> = {};
  const named = (logicalId: string, property: string, limit: number) =>
    String(resources[logicalId]?.Properties?.[property] ?? generatedName(stackName, logicalId, limit));
  const refOf = (value: unknown) => (typeof value === 'string' ? (refs[value]?.Ref ?? value) : String(value));
  const entry = (logicalId: string): Record<string, string> => {
    const { Type, Properties = {} } = resources[logicalId] as RawResource;
    const functionArn = () => refs[String(Properties.FunctionName).split(':')[0] as string]?.Arn ?? '';
    switch (Type) {
      case 'AWS::Lambda::Function': {
        const name = named(logicalId, 'FunctionName', 64);
        return { Ref: name, Arn: arn('lambda', `function:${name}`) };
      }
      case 'AWS::Lambda::Version':
        return { Ref: `${functionArn()}:1`, Version: '1', Arn: functionArn() };
      case 'AWS::Lambda::Alias':
        return { Ref: `${functionArn()}:${Properties.Name}`, Arn: functionArn() };
      case 'AWS::Lambda::Permission':
        return { Ref: `${logicalId}-${SUFFIX}`, Arn: functionArn() };
      case 'AWS::IAM::Role': {
        const name = named(logicalId, 'RoleName', 64);
        return { Ref: name, Arn: `arn:aws:iam::${ACCOUNT}:role/${name}` };
      }
      case 'AWS::IAM::OIDCProvider': {
        const host = String(Properties.Url).replace('https://', '');
        return {
          Ref: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`,
          Arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${host}`,
        };
      }
      case 'AWS::Logs::LogGroup': {
        const name = named(logicalId, 'LogGroupName', 512);
        return { Ref: name, Arn: arn('logs', `log-group:${name}:*`) };
      }
      case 'AWS::SNS::Topic': {
        const name = named(logicalId, 'TopicName', 256);
        return { Ref: arn('sns', name), Arn: arn('sns', name), TopicName: name };
      }
      // IAM authorizes a subscription's calls on its topic.
      case 'AWS::SNS::Subscription':
        return {
          Ref: `${refOf(Properties.TopicArn)}:0f0e0d0c-fake-4b0a-9c8d-7e6f5a4b3c2d`,
          Arn: refOf(Properties.TopicArn),
        };
      case 'AWS::SNS::TopicPolicy':
        return { Ref: `${logicalId}-${SUFFIX}`, Arn: refOf([Properties.Topics].flat()[0]) };
      case 'AWS::CloudWatch::Alarm': {
        const name = named(logicalId, 'AlarmName', 255);
        return { Ref: name, Arn: arn('cloudwatch', `alarm:${name}`) };
      }
      case 'AWS::CloudWatch::Dashboard': {
        const name = named(logicalId, 'DashboardName', 255);
        return { Ref: name, Arn: arn('cloudwatch', `dashboard/${name}`, '') };
      }
      case 'AWS::Events::Rule': {
        const name = named(logicalId, 'Name', 64);
        return { Ref: name, Arn: arn('events', `rule/${name}`) };
      }
      case 'AWS::Budgets::Budget': {
        const name = String((Properties.Budget as { BudgetName?: string }).BudgetName);
        return { Ref: name, Arn: arn('budgets', `budget/${name}`, '') };
      }
      case 'AWS::CodeDeploy::Application': {
        const name = named(logicalId, 'ApplicationName', 100);
        return { Ref: name, Arn: arn('codedeploy', `application:${name}`) };
      }
      case 'AWS::CodeDeploy::DeploymentGroup': {
        const name = named(logicalId, 'DeploymentGroupName', 100);
        return { Ref: name, Arn: arn('codedeploy', `deploymentgroup:${refOf(Properties.ApplicationName)}/${name}`) };
      }
      case 'AWS::ApiGateway::RestApi':
        return {
          Ref: 'fakeapi123',
          RootResourceId: 'fakeroot12',
          Arn: `arn:aws:apigateway:${REGION}::/restapis/fakeapi123`,
        };
      case 'AWS::ApiGateway::Deployment':
        return { Ref: 'fakedeploy', Arn: `arn:aws:apigateway:${REGION}::/restapis/fakeapi123/deployments/fakedeploy` };
      case 'AWS::ApiGateway::Stage':
        return {
          Ref: String(Properties.StageName),
          Arn: `arn:aws:apigateway:${REGION}::/restapis/fakeapi123/stages/${Properties.StageName}`,
        };
      case 'AWS::ApiGateway::Account':
        return { Ref: `${logicalId}-${SUFFIX}`, Arn: `arn:aws:apigateway:${REGION}::/account` };
      case 'AWS::S3::Bucket': {
        const name = named(logicalId, 'BucketName', 63).toLowerCase();
        return { Ref: name, Arn: `arn:aws:s3:::${name}` };
      }
      case 'AWS::S3::BucketPolicy':
        return { Ref: `${logicalId}-${SUFFIX}`, Arn: `arn:aws:s3:::${refOf(Properties.Bucket)}` };
      case 'AWS::CloudFormation::WaitConditionHandle':
        return { Ref: `https://cloudformation-waitcondition.example/${logicalId}`, Arn: '' };
      // A type this model does not name yet: no ARN, which the execution role's proof reports.
      default:
        return { Ref: `${logicalId}-${SUFFIX}`, Arn: '' };
    }
  };
  // Twice: the second pass sees the names the first gave (a function's, an application's).
  for (let pass = 0; pass < 2; pass++) {
    for (const logicalId of Object.keys(resources)) refs[logicalId] = entry(logicalId);
  }
  return refs;
};

/** A template deployed as `stackName` with `parameters`: every resource with its properties, Ref and ARN. */
export const deploy = (
  name: string,
  template: Template,
  stackName: string,
  parameters: Record<string, string>,
): DeployedStack => {
  const placeholders = resolvedTemplate(template, parameters, stackName);
  const refs = identify(stackName, placeholders.Resources);
  const resolved = resolvedTemplate(template, parameters, stackName, refs);
  return {
    name,
    stackName,
    resources: Object.fromEntries(
      Object.entries(resolved.Resources).map(([logicalId, resource]) => [
        logicalId,
        {
          ...(resource as object),
          logicalId,
          Properties: resource.Properties ?? {},
          ref: refs[logicalId]?.Ref as string,
          arn: refs[logicalId]?.Arn as string,
        } as DeployedResource,
      ]),
    ),
  };
};

export const STACK_PREFIX = readNames().service;
/** The bootstrap's parameters in the tests: the owner and repository of a fork, and the stacks' prefix. */
export const BOOTSTRAP_PARAMETERS = {
  GitHubOwner: 'octo-org',
  GitHubRepository: STACK_PREFIX,
  StackNamePrefix: STACK_PREFIX,
};

/** The stacks the pipeline deploys, as it deploys them (.github/workflows, samconfig.toml). */
export const pipelineStacks = (): DeployedStack[] => [
  devStack(),
  deploy('prod', translatedStack('prod'), `${STACK_PREFIX}-prod`, overridesOf('pipeline-prod')),
  deploy('preview', translatedStack('dev'), `${STACK_PREFIX}-pr-1234`, overridesOf('pipeline-dev')),
];

/** The dev stack as the pipeline deploys it, from the translated template or a changed copy of it. */
export const devStack = (template = translatedStack('dev')): DeployedStack =>
  deploy('dev', template, `${STACK_PREFIX}-dev`, overridesOf('pipeline-dev'));

/** Prod with every optional parameter set, as a team may set them in samconfig.toml. */
export const everyOptionStack = (): DeployedStack =>
  deploy('prod, every option set', translatedStack('prod'), `${STACK_PREFIX}-prod`, {
    ...overridesOf('pipeline-prod'),
    AlarmEmail: 'alarms@example.com',
    LogsKmsKeyArn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/0d6f3b1e-1c3a-4f5e-9b7d-2a1e3c4d5e6f`,
    ReservedConcurrency: '5',
  });

/** A stack deployed from a laptop (samconfig.toml's default), in an account that has no API Gateway role yet. */
export const laptopStack = (): DeployedStack =>
  deploy('laptop', translatedStack('dev'), `${STACK_PREFIX}-dev`, {
    ...overridesOf('default'),
    SetApiGatewayLoggingRole: 'true',
  });

export const bootstrapStack = (
  template = parseTemplate(readFileSync(join(PROJECT_ROOT, 'pipeline/bootstrap.yaml'), 'utf8')),
) => deploy('bootstrap', template, `${STACK_PREFIX}-pipeline`, BOOTSTRAP_PARAMETERS);

export const resourcesOfType = (stack: DeployedStack, type: string) =>
  Object.values(stack.resources).filter((resource) => resource.Type === type);
