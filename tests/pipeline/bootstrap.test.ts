// pipeline/bootstrap.yaml, what a user deploys once per account so that GitHub Actions can deploy
// without a stored key: the trust it grants, how far each role reaches, and the artifacts bucket.
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap } from 'yaml';
import { readNames } from '../../lib/names.ts';
import { CLOUDFORMATION_TAGS, parseTemplate, resolveIntrinsics, type Template } from '../../lib/template.ts';
import { environmentOf, expandedSteps, projectFile, readWorkflow, workflowFiles } from '../support/workflows.ts';

const SOURCE = projectFile('pipeline/bootstrap.yaml');
const bootstrap = parseTemplate(SOURCE);
const OWNER = 'octo-org';
/** The stacks' prefix, names.json's service, as docs/deploy.md's bootstrap command passes it. */
const PREFIX = readNames().service;
const REPOSITORY = PREFIX;
const resolved = (value: unknown, parameters: Record<string, unknown> = {}) =>
  resolveIntrinsics(bootstrap, value, {
    parameters: { GitHubOwner: OWNER, GitHubRepository: REPOSITORY, StackNamePrefix: PREFIX, ...parameters },
    pseudo: { 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::Region': 'eu-west-1' },
  });

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: unknown;
  Action: string | string[];
  Resource?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}
const properties = (logicalId: string) => bootstrap.Resources[logicalId]?.Properties as Record<string, unknown>;
const policyStatements = (logicalId: string): Statement[] =>
  (properties(logicalId).Policies as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
const actionsOf = (statements: Statement[]) => statements.flatMap((statement) => [statement.Action].flat());
const trustOf = (logicalId: string) =>
  (properties(logicalId).AssumeRolePolicyDocument as { Statement: Statement[] }).Statement;

/** GitHub environment → the role its deploy jobs assume. */
const DEPLOY_ROLES = {
  dev: 'DevDeployRole',
  'production-plan': 'ProdPlanRole',
  production: 'ProdDeployRole',
  preview: 'PreviewDeployRole',
} as const;

describe('pipeline/bootstrap.yaml', () => {
  it('creates GitHub’s OIDC provider, or reuses the account’s own when its ARN is given', () => {
    expect(bootstrap.Resources.GitHubOidcProvider).toMatchObject({
      Type: 'AWS::IAM::OIDCProvider',
      Condition: 'CreateOidcProvider',
      Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
    });
    const existing = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const principal = trustOf('DevDeployRole')[0]?.Principal;
    expect(resolved(principal)).toEqual({ Federated: 'GitHubOidcProvider' });
    expect(resolved(principal, { ExistingOidcProviderArn: existing })).toEqual({ Federated: existing });
  });

  describe.each(Object.entries(DEPLOY_ROLES))('the %s deploy role', (environment, logicalId) => {
    it(`trusts only this repository's jobs in the GitHub environment ${environment}, through STS`, () => {
      const trust = trustOf(logicalId);
      expect(trust).toHaveLength(1);
      expect(trust[0]?.Effect).toBe('Allow');
      expect(trust[0]?.Action).toBe('sts:AssumeRoleWithWebIdentity');
      expect(resolved(trust[0]?.Condition)).toEqual({
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': `repo:${OWNER}/${REPOSITORY}:environment:${environment}`,
        },
      });
    });

    it('drives CloudFormation on its own stacks only, and passes the execution role to CloudFormation only', () => {
      const statements = policyStatements(logicalId);
      const stacks = statements.filter((statement) =>
        actionsOf([statement]).some((action) => action.startsWith('cloudformation:')),
      );
      const stackName = { dev: 'dev', 'production-plan': 'prod', production: 'prod', preview: 'pr-*' }[environment];
      for (const statement of stacks) {
        for (const resource of [resolved(statement.Resource)].flat() as string[]) {
          expect([
            `arn:aws:cloudformation:eu-west-1:123456789012:stack/${PREFIX}-${stackName}/*`,
            'arn:aws:cloudformation:eu-west-1:aws:transform/Serverless-2016-10-31',
            'arn:aws:cloudformation:eu-west-1:aws:transform/Include',
          ]).toContain(resource);
        }
      }
      const passRole = statements.filter((statement) => actionsOf([statement]).includes('iam:PassRole'));
      expect(passRole).toEqual([
        {
          Sid: 'PassExecutionRole',
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: { 'Fn::GetAtt': ['CloudFormationExecutionRole', 'Arn'] },
          Condition: { StringEquals: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } },
        },
      ]);
      const services = new Set(actionsOf(statements).map((action) => action.split(':')[0]));
      expect([...services].sort()).toEqual(
        environment === 'production' ? ['cloudformation', 'iam'] : ['cloudformation', 'iam', 's3'],
      );
      for (const statement of statements.filter((statement) =>
        actionsOf([statement]).some((a) => a.startsWith('s3:')),
      )) {
        expect(statement.Resource).toEqual([
          { 'Fn::GetAtt': ['ArtifactsBucket', 'Arn'] },
          { 'Fn::Sub': '${ArtifactsBucket.Arn}/*' },
        ]);
      }
    });
  });

  it('lets production-plan create prod’s change set but not execute it, and production only execute it', () => {
    const plan = actionsOf(policyStatements('ProdPlanRole'));
    const deploy = actionsOf(policyStatements('ProdDeployRole'));
    expect(plan).toContain('cloudformation:CreateChangeSet');
    expect(plan).not.toContain('cloudformation:ExecuteChangeSet');
    expect(deploy).toContain('cloudformation:ExecuteChangeSet');
    expect(deploy).not.toContain('cloudformation:CreateChangeSet');
  });

  it('has a role for every GitHub environment a workflow deploys from, and none besides', () => {
    const deployEnvironments = new Set(
      workflowFiles().flatMap((path) =>
        Object.values(readWorkflow(path).jobs)
          .filter((job) =>
            expandedSteps(job.steps).some((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@')),
          )
          .map((job) => environmentOf(job)),
      ),
    );
    expect(deployEnvironments).toEqual(new Set(Object.keys(DEPLOY_ROLES)));
  });

  it('lets only CloudFormation, in this account, assume the execution role', () => {
    expect(trustOf('CloudFormationExecutionRole')).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudformation.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
  });

  it('limits what the execution role creates to names that start with the stack prefix', () => {
    const prefixed = new RegExp(
      `:(function:(CodeDeployHook_)?|role/|log-group:|alarm:|rule/|dashboard/|budget/|application:|deploymentgroup:|[0-9]{12}:)${PREFIX}-`,
    );
    for (const statement of policyStatements('CloudFormationExecutionRole')) {
      for (const resource of [resolved(statement.Resource)].flat() as string[]) {
        if (resource.includes('*') && !resource.startsWith('arn:aws:apigateway:') && resource !== '*') {
          expect(
            prefixed.test(resource) ||
              resource.startsWith('ArtifactsBucket.Arn/') ||
              resource.includes(':deploymentconfig:'),
            `${statement.Sid}: ${resource}`,
          ).toBe(true);
        }
      }
      expect(
        [statement.Action].flat().some((action) => action.endsWith(':*')),
        statement.Sid,
      ).toBe(false);
    }
  });

  it('explains, in a comment, every statement that holds a wildcard', () => {
    const document = parseDocument(SOURCE, { customTags: CLOUDFORMATION_TAGS });
    const statements: YAMLMap[] = [];
    const collect = (node: Node | null | undefined): void => {
      if (isMap(node)) {
        for (const pair of node.items) {
          if (isScalar(pair.key) && pair.key.value === 'Statement' && isSeq(pair.value)) {
            statements.push(...(pair.value.items.filter(isMap) as YAMLMap[]));
          } else collect(pair.value as Node);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) collect(item as Node);
      }
    };
    collect(document.contents as Node);
    expect(statements.length).toBeGreaterThan(20);
    const withWildcard = statements.filter((statement) => {
      const { Action, Resource, Principal } = statement.toJSON() as Statement;
      return JSON.stringify({ Action, Resource, Principal }).includes('*');
    });
    expect(withWildcard.length).toBeGreaterThan(10);
    for (const statement of withWildcard) {
      const [start, , end] = statement.range ?? [0, 0, 0];
      const text = SOURCE.slice(start, end);
      expect(text, `a statement without a comment:\n${text}`).toMatch(/^\s*# \S/m);
    }
  });

  it('keeps the artifacts private, encrypted, reachable over TLS only, versioned, and expiring', () => {
    const bucket = properties('ArtifactsBucket');
    expect(bucket.BucketEncryption).toBeDefined();
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    const [rule] = (bucket.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rule).toMatchObject({
      Status: 'Enabled',
      ExpirationInDays: { Ref: 'ArtifactsExpirationDays' },
      NoncurrentVersionExpiration: { NoncurrentDays: { Ref: 'ArtifactsExpirationDays' } },
    });
    const policy = properties('ArtifactsBucketPolicy').PolicyDocument as { Statement: Statement[] };
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('outputs what docs/deploy.md tells the user to copy into the GitHub environments', () => {
    const outputs = Object.keys((bootstrap as Template & { Outputs: Record<string, unknown> }).Outputs);
    const guide = projectFile('docs/deploy.md');
    for (const output of [
      'ArtifactsBucketName',
      'CloudFormationExecutionRoleArn',
      'DevDeployRoleArn',
      'ProdPlanRoleArn',
      'ProdDeployRoleArn',
      'PreviewDeployRoleArn',
    ]) {
      expect(outputs).toContain(output);
      expect(guide).toContain(`\`${output}\``);
    }
    for (const variable of ['DEPLOY_ROLE_ARN', 'AWS_REGION', 'ARTIFACTS_BUCKET', 'CLOUDFORMATION_EXECUTION_ROLE_ARN']) {
      expect(guide).toContain(`\`${variable}\``);
    }
    expect(guide).toContain('aws cloudformation deploy --template-file pipeline/bootstrap.yaml');
  });

  it("is deployed by docs/deploy.md's command with every parameter it has no default for, the prefix from names.json", () => {
    // Prepare
    const guide = projectFile('docs/deploy.md');
    const required = Object.entries(bootstrap.Parameters ?? {})
      .filter(([, parameter]) => parameter.Default === undefined)
      .map(([name]) => name);

    // Assess
    expect(required.sort()).toEqual(['GitHubOwner', 'GitHubRepository', 'StackNamePrefix']);
    for (const name of required) expect(guide).toContain(`${name}=`);
    expect(guide).toContain('SERVICE="$(jq -r .service names.json)"');
    expect(guide).toContain('StackNamePrefix="$SERVICE"');
  });
});
