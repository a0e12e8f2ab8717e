// What each IAM role of the stacks and of pipeline/bootstrap.yaml is for: who may assume it, the
// calls its users make (each must be allowed), the calls it must refuse, and, for the roles whose
// policies are the project's own, every action they may name. Every role of every translated stack
// needs an entry here (roles.test.ts fails naming one that has none).
import type { Call } from './support/simulate.ts';
import { ACCOUNT, type DeployedResource, type DeployedStack, REGION, STACK_PREFIX } from './support/stacks.ts';

export interface RoleContext {
  /** The stack that holds the role. */
  stack: DeployedStack;
  bootstrap: DeployedStack;
  /** The application stacks the role serves: its own stack, or for the bootstrap's roles the pipeline's. */
  stacks: DeployedStack[];
}

/** A service (and the context it assumes the role with), or the jobs of one GitHub environment. */
export type Trustee = { service: string; context?: Record<string, string> } | { githubEnvironment: string };

export interface RoleExpectation {
  trustedBy: Trustee;
  allows: (context: RoleContext) => Call[];
  denies: (context: RoleContext) => Call[];
  /** Every action the role's statements may name ("nothing else"); absent where an AWS managed policy decides. */
  onlyActions?: (context: RoleContext) => string[];
}

const resourceOf = (stack: DeployedStack, ref: unknown) => {
  const found = Object.values(stack.resources).find((resource) => resource.ref === ref || resource.logicalId === ref);
  if (found === undefined) throw new Error(`${stack.name}: no resource ${String(ref)}`);
  return found;
};
const logStreamOf = (logGroup: DeployedResource) =>
  `${logGroup.arn.replace(/:\*$/, '')}:log-stream:2026/12/01/[$LATEST]0123456789abcdef0123456789abcdef`;
const logGroupOf = (stack: DeployedStack, functionId: string) =>
  resourceOf(stack, (resourceOf(stack, functionId).Properties.LoggingConfig as { LogGroup: string }).LogGroup);
const logGroups = (stack: DeployedStack) =>
  Object.values(stack.resources).filter(({ Type }) => Type === 'AWS::Logs::LogGroup');

const WRITE_LOGS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const WRITE_TRACES = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];
const traced = (stack: DeployedStack, functionId: string) =>
  (resourceOf(stack, functionId).Properties.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active';

const writesLogs = (logGroup: DeployedResource, why: string): Call[] =>
  WRITE_LOGS.map((action) => ({ action, resource: logStreamOf(logGroup), why }));

/** A function's role that writes its own log group, and X-Ray traces when the function is traced. */
const ownLogsAndTraces = (stack: DeployedStack, functionId: string): Call[] => [
  ...writesLogs(logGroupOf(stack, functionId), `${functionId} logs`),
  ...(traced(stack, functionId)
    ? WRITE_TRACES.map((action) => ({ action, resource: '*', why: `${functionId} is traced (Tracing: Active)` }))
    : []),
];

const writesOthersLogs = (stack: DeployedStack, functionId: string): Call[] => [
  ...logGroups(stack)
    .filter((group) => group !== logGroupOf(stack, functionId))
    .flatMap((group) => writesLogs(group, `${group.logicalId}, not ${functionId}'s log group`)),
  {
    action: 'logs:CreateLogGroup',
    resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${resourceOf(stack, functionId).ref}`,
    why: "Lambda's default log group, which LoggingConfig replaces",
  },
];
const actionsOf = (calls: Call[]) => [...new Set(calls.map(({ action }) => action))].sort();

/** The role of a function that writes its own log group (and X-Ray traces when traced), and nothing else. */
export const writesOwnLogs = (functionId: string): RoleExpectation => ({
  trustedBy: { service: 'lambda.amazonaws.com' },
  allows: ({ stack }) => ownLogsAndTraces(stack, functionId),
  denies: ({ stack }) => [
    ...writesOthersLogs(stack, functionId),
    ...Object.values(stack.resources)
      .filter(({ Type }) => Type === 'AWS::Lambda::Function')
      .map((fn) => ({ action: 'lambda:InvokeFunction', resource: `${fn.arn}:1`, why: `invoking ${fn.logicalId}` })),
  ],
  onlyActions: ({ stack }) => actionsOf(ownLogsAndTraces(stack, functionId)),
});

const REPORT = 'codedeploy:PutLifecycleEventHookExecutionStatus';
/** The contract gate: invokes the version just published and reports its verdict to CodeDeploy. */
const gateCalls = (stack: DeployedStack): Call[] => [
  ...ownLogsAndTraces(stack, 'PreTrafficHook'),
  {
    action: 'lambda:InvokeFunction',
    resource: `${resourceOf(stack, 'MeditationsFunction').arn}:7`,
    why: 'the gate invokes the version of MeditationsFunction just published',
  },
  {
    action: REPORT,
    resource: resourceOf(stack, 'MeditationsFunctionDeploymentGroup').arn,
    why: "the gate reports its verdict on the deployment group's deployment",
  },
];

export const STACK_ROLES: Record<string, RoleExpectation> = {
  MeditationsFunctionRole: writesOwnLogs('MeditationsFunction'),
  // The contract monitor calls only the stage's public URL: no AWS API but its logs and traces.
  ContractMonitorRole: writesOwnLogs('ContractMonitor'),
  // Only published versions: not the unqualified function nor $LATEST (the unpublished code), nor the
  // alias (what clients are served, not what is being gated).
  PreTrafficHookRole: {
    trustedBy: { service: 'lambda.amazonaws.com' },
    allows: ({ stack }) => gateCalls(stack),
    denies: ({ stack }) => {
      const api = resourceOf(stack, 'MeditationsFunction').arn;
      return [
        ...writesOthersLogs(stack, 'PreTrafficHook'),
        ...[api, `${api}:$LATEST`].map((resource) => ({
          action: 'lambda:InvokeFunction',
          resource,
          why: 'the unpublished code ($LATEST)',
        })),
        { action: 'lambda:InvokeFunction', resource: `${api}:live`, why: 'the alias clients are served by' },
        { action: 'lambda:InvokeFunction', resource: `${resourceOf(stack, 'PreTrafficHook').arn}:1`, why: 'itself' },
        {
          action: 'lambda:InvokeFunction',
          resource: `${api.replace(stack.stackName, 'someone-else-dev')}:7`,
          why: "another stack's function",
        },
      ];
    },
    onlyActions: ({ stack }) => actionsOf(gateCalls(stack)),
  },
  // SAM's role for CodeDeploy, with AWS's managed policy AWSCodeDeployRoleForLambda.
  CodeDeployServiceRole: {
    trustedBy: { service: 'codedeploy.amazonaws.com' },
    allows: ({ stack }) => [
      {
        action: 'lambda:InvokeFunction',
        resource: resourceOf(stack, 'PreTrafficHook').arn,
        why: 'CodeDeploy runs the BeforeAllowTraffic hook',
      },
      ...['lambda:GetAlias', 'lambda:UpdateAlias'].map((action) => ({
        action,
        resource: resourceOf(stack, 'MeditationsFunction').arn,
        why: "CodeDeploy shifts the alias's traffic",
      })),
      {
        action: 'cloudwatch:DescribeAlarms',
        resource: resourceOf(stack, 'FailuresAlarm').arn,
        why: 'CodeDeploy watches the deployment alarms',
      },
    ],
    denies: ({ stack }) => [
      {
        action: 'lambda:InvokeFunction',
        resource: `${resourceOf(stack, 'MeditationsFunction').arn}:live`,
        why: 'CodeDeploy invokes hooks (CodeDeployHook_*), never the API function',
      },
    ],
  },
  // The account's API Gateway CloudWatch role, where a stack sets it (SetApiGatewayLoggingRole).
  ApiGatewayCloudWatchRole: {
    trustedBy: { service: 'apigateway.amazonaws.com' },
    allows: ({ stacks }) =>
      stacks.flatMap((stack) => writesLogs(resourceOf(stack, 'AccessLogGroup'), `${stack.name}'s access logs`)),
    denies: () => [],
  },
};

const stackArn = (stackName: string) =>
  `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${stackName}/0f0e0d0c-fake-4b0a-9c8d-7e6f5a4b3c2d`;
const transformArn = (name: string) => `arn:aws:cloudformation:${REGION}:aws:transform/${name}`;
const TLS = { 'aws:SecureTransport': 'true' };

const passExecutionRole = (bootstrap: DeployedStack, service: string, why: string): Call => ({
  action: 'iam:PassRole',
  resource: bootstrap.resources.CloudFormationExecutionRole!.arn,
  context: { 'iam:PassedToService': service },
  why,
});
const artifact = (bootstrap: DeployedStack, stackName: string, action: string, why: string, secure = TLS): Call => ({
  action,
  resource: `${bootstrap.resources.ArtifactsBucket!.arn}/${stackName}/0123456789abcdef0123456789abcdef`,
  context: secure,
  resourcePolicy: bootstrap.resources.ArtifactsBucketPolicy!.Properties.PolicyDocument,
  why,
});

/** `.github/actions/change-set`: sam deploy --no-execute-changeset (samcli/lib/deploy/deployer.py, package/s3_uploader.py), then the aws CLI. */
const changeSetJob = (bootstrap: DeployedStack, stackName: string): Call[] => {
  const stack = stackArn(stackName);
  const sam = (action: string, resource: string, why: string): Call => ({
    action,
    resource,
    why: `sam deploy: ${why}`,
  });
  return [
    sam('cloudformation:DescribeStacks', stack, 'has_stack'),
    sam('cloudformation:GetTemplateSummary', stack, "create_changeset reads an existing stack's parameters"),
    sam('cloudformation:CreateChangeSet', stack, 'create_change_set'),
    sam(
      'cloudformation:CreateChangeSet',
      transformArn('Serverless-2016-10-31'),
      'the template names the SAM transform',
    ),
    sam(
      'cloudformation:CreateChangeSet',
      transformArn('Include'),
      'the template includes the API definition generated from openapi.yaml',
    ),
    sam('cloudformation:DescribeChangeSet', stack, 'describe_change_set, and the change_set_create_complete waiter'),
    artifact(
      bootstrap,
      stackName,
      's3:GetObject',
      'sam deploy: head_object before each upload (HeadObject is s3:GetObject)',
    ),
    artifact(bootstrap, stackName, 's3:PutObject', 'sam deploy: uploads the packages and the template'),
    passExecutionRole(bootstrap, 'cloudformation.amazonaws.com', 'sam deploy --role-arn'),
    { action: 'cloudformation:DescribeChangeSet', resource: stack, why: 'aws cloudformation describe-change-set' },
    {
      action: 'cloudformation:GetTemplate',
      resource: stack,
      why: 'aws cloudformation get-template --template-stage Processed',
    },
  ];
};

/** `.github/actions/roll-out`: executes the change set, waits, reads the outputs (and events on failure). */
const rollOutJob = (stackName: string): Call[] =>
  [
    ['cloudformation:DescribeStacks', 'describe-stacks (status, ApiUrl) and the stack-*-complete waiters'],
    ['cloudformation:ExecuteChangeSet', 'execute-change-set'],
    ['cloudformation:DescribeStackEvents', 'describe-stack-events, when the roll-out fails'],
  ].map(([action, why]) => ({
    action: action as string,
    resource: stackArn(stackName),
    why: `aws cloudformation ${why}`,
  }));

/** preview.yml's delete job. */
const deleteJob = (bootstrap: DeployedStack, stackName: string): Call[] => [
  { action: 'cloudformation:DeleteStack', resource: stackArn(stackName), why: 'aws cloudformation delete-stack' },
  { action: 'cloudformation:DescribeStacks', resource: stackArn(stackName), why: 'the stack-delete-complete waiter' },
  passExecutionRole(bootstrap, 'cloudformation.amazonaws.com', 'delete-stack --role-arn'),
];

const refused = (action: string, stackName: string, why: string): Call => ({
  action,
  resource: stackArn(stackName),
  why,
});
/** What no deploy role may do: pass the execution role to anything but CloudFormation, use the bucket over plain HTTP. */
const noDeployRole = (bootstrap: DeployedStack, stackName: string): Call[] => [
  passExecutionRole(bootstrap, 'lambda.amazonaws.com', 'the execution role passed to a function'),
  passExecutionRole(bootstrap, 'ec2.amazonaws.com', 'the execution role passed to an instance'),
  artifact(bootstrap, stackName, 's3:GetObject', 'plain HTTP', { 'aws:SecureTransport': 'false' }),
  artifact(bootstrap, stackName, 's3:PutObject', 'plain HTTP', { 'aws:SecureTransport': 'false' }),
];

const DEV = `${STACK_PREFIX}-dev`;
const PROD = `${STACK_PREFIX}-prod`;
const PREVIEW = `${STACK_PREFIX}-pr-1234`;

export const BOOTSTRAP_ROLES: Record<string, RoleExpectation> = {
  // Proven against every resource handler's permissions in execution-role.test.ts; here, its trust.
  CloudFormationExecutionRole: {
    trustedBy: { service: 'cloudformation.amazonaws.com', context: { 'aws:SourceAccount': ACCOUNT } },
    allows: () => [],
    denies: () => [],
  },
  DevDeployRole: {
    trustedBy: { githubEnvironment: 'dev' },
    allows: ({ bootstrap }) => [...changeSetJob(bootstrap, DEV), ...rollOutJob(DEV)],
    denies: ({ bootstrap }) => [
      ...noDeployRole(bootstrap, DEV),
      refused('cloudformation:CreateChangeSet', PROD, "prod's stack"),
      refused('cloudformation:ExecuteChangeSet', PROD, "prod's stack"),
      refused('cloudformation:CreateChangeSet', PREVIEW, "a preview's stack"),
    ],
  },
  ProdPlanRole: {
    trustedBy: { githubEnvironment: 'production-plan' },
    allows: ({ bootstrap }) => changeSetJob(bootstrap, PROD),
    denies: ({ bootstrap }) => [
      ...noDeployRole(bootstrap, PROD),
      refused('cloudformation:ExecuteChangeSet', PROD, 'production-plan plans, production executes'),
      refused('cloudformation:CreateChangeSet', DEV, "dev's stack"),
    ],
  },
  ProdDeployRole: {
    trustedBy: { githubEnvironment: 'production' },
    allows: () => rollOutJob(PROD),
    denies: ({ bootstrap }) => [
      ...noDeployRole(bootstrap, PROD),
      refused('cloudformation:CreateChangeSet', PROD, 'production executes only the change set its reviewers read'),
      refused('cloudformation:ExecuteChangeSet', DEV, "dev's stack"),
    ],
  },
  PreviewDeployRole: {
    trustedBy: { githubEnvironment: 'preview' },
    allows: ({ bootstrap }) => [
      ...changeSetJob(bootstrap, PREVIEW),
      ...rollOutJob(PREVIEW),
      ...deleteJob(bootstrap, PREVIEW),
    ],
    denies: ({ bootstrap }) => [
      ...noDeployRole(bootstrap, PREVIEW),
      ...[DEV, PROD, 'someone-else-pr-1234'].flatMap((stackName) => [
        refused('cloudformation:CreateChangeSet', stackName, `${stackName} is not a preview of this project`),
        refused('cloudformation:DeleteStack', stackName, `${stackName} is not a preview of this project`),
      ]),
    ],
  },
  ApiGatewayCloudWatchRole: STACK_ROLES.ApiGatewayCloudWatchRole!,
};
