// The reviewed reading of the resource handlers' permissions (tests/fixtures/permissions/
// handler-permissions.json) for this project's stacks. A handler calls most of its actions on the
// resource itself (a lambda: action of AWS::Lambda::Function, on the function's ARN); the calls it
// makes on another resource are named in ON_OTHER_RESOURCES, and the permissions it needs only for
// properties these stacks do not set are in LEFT_OUT, each with why. Anything else a handler lists
// fails the execution role's proof, so nothing is left out silently.
import type { DeployedResource, DeployedStack } from './support/stacks.ts';

/** Where a handler makes a call that is not on its own resource. */
export type Target = (
  resource: DeployedResource,
  context: { stack: DeployedStack; bootstrap: DeployedStack },
) => { resource: string; context?: Record<string, string> };

const passedTo = (service: string, role: unknown) => ({
  resource: String(role),
  context: { 'iam:PassedToService': service },
});
/** The object sam deploy uploads a function's package as: <stack>/<md5 of the package> in the artifacts bucket. */
const functionPackage: Target = (_, { stack, bootstrap }) => ({
  resource: `${bootstrap.resources.ArtifactsBucket?.arn}/${stack.stackName}/0123456789abcdef0123456789abcdef`,
});
const aliasDeploymentGroup: Target = (alias, { stack }) => {
  const update = alias.UpdatePolicy?.CodeDeployLambdaAliasUpdate as Record<string, string>;
  const group = Object.values(stack.resources).find(({ ref }) => ref === update.DeploymentGroupName);
  return { resource: String(group?.arn) };
};
const deploymentConfig = (group: DeployedResource) =>
  group.arn.replace(/:deploymentgroup:.*$/, `:deploymentconfig:${group.Properties.DeploymentConfigName}`);

export const ON_OTHER_RESOURCES: Record<string, Record<string, Target>> = {
  'AWS::Lambda::Function': {
    'iam:PassRole': ({ Properties }) => passedTo('lambda.amazonaws.com', Properties.Role),
    's3:GetObject': functionPackage,
    's3:GetObjectVersion': functionPackage,
  },
  // The alias's CodeDeployLambdaAliasUpdate update policy: CloudFormation has CodeDeploy shift traffic.
  'AWS::Lambda::Alias': {
    'codedeploy:CreateDeployment': aliasDeploymentGroup,
    'codedeploy:GetDeployment': aliasDeploymentGroup,
    'codedeploy:GetDeploymentGroup': aliasDeploymentGroup,
    'codedeploy:StopDeployment': aliasDeploymentGroup,
    'codedeploy:GetDeploymentConfig': (alias, context) => {
      const group = aliasDeploymentGroup(alias, context).resource;
      const resource = Object.values(context.stack.resources).find(({ arn }) => arn === group) as DeployedResource;
      return { resource: deploymentConfig(resource) };
    },
  },
  'AWS::CodeDeploy::DeploymentGroup': {
    'iam:PassRole': ({ Properties }) => passedTo('codedeploy.amazonaws.com', Properties.ServiceRoleArn),
    'codedeploy:GetDeploymentConfig': (group) => ({ resource: deploymentConfig(group) }),
    'codedeploy:RegisterApplicationRevision': ({ arn }) => ({
      resource: arn.replace(/:deploymentgroup:([^/]+)\/.*$/, ':application:$1'),
    }),
  },
};

const NO_VPC = 'VpcConfig is not set: no network interfaces, subnets or security groups to look up';
const NO_KMS = 'KmsKeyArn is not set: Lambda encrypts the environment with its own key';
const NO_CODE_SIGNING = 'CodeSigningConfigArn is not set';
const NO_CAPACITY_PROVIDER = 'CapacityProviderConfig is not set (Lambda Managed Instances)';
const NO_PROVISIONED_CONCURRENCY = 'ProvisionedConcurrencyConfig is not set';
const NO_DATA_PROTECTION = 'DataProtectionPolicy is not set';

export const LEFT_OUT: Record<string, Record<string, string>> = {
  'AWS::Events::Rule': {
    'iam:PassRole': "The schedule's target is a function, invoked through its resource policy: no RoleArn to pass",
  },
  'AWS::Lambda::Function': {
    'ec2:DescribeSecurityGroups': NO_VPC,
    'ec2:DescribeSubnets': NO_VPC,
    'ec2:DescribeVpcs': NO_VPC,
    'ec2:DescribeNetworkInterfaces': NO_VPC,
    'elasticfilesystem:DescribeMountTargets': 'FileSystemConfigs is not set (EFS)',
    's3files:ListMountTargets': 'FileSystemConfigs is not set (S3 Files)',
    'kms:CreateGrant': NO_KMS,
    'kms:Decrypt': NO_KMS,
    'kms:Encrypt': NO_KMS,
    'kms:GenerateDataKey': NO_KMS,
    'lambda:GetCodeSigningConfig': NO_CODE_SIGNING,
    'lambda:PutFunctionCodeSigningConfig': NO_CODE_SIGNING,
    'lambda:DeleteFunctionCodeSigningConfig': NO_CODE_SIGNING,
    'lambda:GetLayerVersion': 'Layers is not set',
    'lambda:PutFunctionScalingConfig': NO_CAPACITY_PROVIDER,
    'lambda:PassCapacityProvider': NO_CAPACITY_PROVIDER,
  },
  'AWS::Lambda::Version': {
    'lambda:PutProvisionedConcurrencyConfig': NO_PROVISIONED_CONCURRENCY,
    'lambda:GetProvisionedConcurrencyConfig': NO_PROVISIONED_CONCURRENCY,
    'lambda:PutFunctionScalingConfig': NO_CAPACITY_PROVIDER,
  },
  'AWS::Lambda::Alias': {
    'lambda:PutProvisionedConcurrencyConfig': NO_PROVISIONED_CONCURRENCY,
    'lambda:GetProvisionedConcurrencyConfig': NO_PROVISIONED_CONCURRENCY,
    'lambda:DeleteProvisionedConcurrencyConfig': NO_PROVISIONED_CONCURRENCY,
  },
  'AWS::IAM::Role': {
    'iam:UpdateRoleDescription': 'Description is not set',
    'iam:PutRolePermissionsBoundary': 'PermissionsBoundary is not set',
    'iam:DeleteRolePermissionsBoundary': 'PermissionsBoundary is not set',
  },
  'AWS::Logs::LogGroup': {
    'logs:GetDataProtectionPolicy': NO_DATA_PROTECTION,
    'logs:PutDataProtectionPolicy': NO_DATA_PROTECTION,
    'logs:DeleteDataProtectionPolicy': NO_DATA_PROTECTION,
    'logs:PutResourcePolicy': 'ResourcePolicyDocument is not set',
    'logs:DescribeResourcePolicies': 'ResourcePolicyDocument is not set',
    'logs:CreateLogDelivery': 'No delivery of the log group to S3 or Firehose is configured',
    's3:REST.PUT.OBJECT': 'No delivery to S3 is configured (and this is an S3 REST operation, not an IAM action)',
    'firehose:TagDeliveryStream': 'No delivery to Firehose is configured',
  },
  'AWS::SNS::Topic': {
    'sns:GetDataProtectionPolicy': NO_DATA_PROTECTION,
    'sns:PutDataProtectionPolicy': NO_DATA_PROTECTION,
    'sns:ListSubscriptionsByTopic':
      "The topic's Subscription property is not set (AlarmEmailSubscription is its own resource)",
    'iam:GetRole': 'DeliveryStatusLogging is not set: no feedback role to pass',
    'iam:PassRole': 'DeliveryStatusLogging is not set: no feedback role to pass',
  },
  'AWS::SNS::Subscription': {
    'iam:GetRole': 'SubscriptionRoleArn is not set (Firehose subscriptions only)',
    'iam:PassRole': 'SubscriptionRoleArn is not set (Firehose subscriptions only)',
    'sns:SetSubscriptionAttributes':
      'Only TopicArn, Protocol and Endpoint are set, all create-only: a change replaces the subscription',
  },
  'AWS::CodeDeploy::DeploymentGroup': {
    'codedeploy:GetApplicationRevision': 'Deployment is not set: SAM deploys through the alias, not a revision',
    'codedeploy:RegisterOnPremisesInstance': 'OnPremisesInstanceTagFilters is not set: a Lambda deployment group',
  },
  'AWS::ApiGateway::RestApi': {
    'apigateway:UpdateRestApiPolicy': 'Policy is not set: the API has no resource policy',
    's3:GetObject': 'BodyS3Location is not set: SAM inlines the included definition as Body',
    'iam:PassRole': "The definition's integrations name no credentials role",
  },
};
