// The artifacts bucket's policy (pipeline/bootstrap.yaml) refuses every request over plain HTTP,
// whatever the caller's own policies allow: evaluated with each role that uses the bucket.
import { describe, expect, it } from 'vitest';
import { stackName } from '../../lib/names.ts';
import { type Call, decide, roleOf } from './support/simulate.ts';
import { bootstrapStack } from './support/stacks.ts';

const bootstrap = bootstrapStack();
const bucket = bootstrap.resources.ArtifactsBucket!;
const policy = bootstrap.resources.ArtifactsBucketPolicy!.Properties.PolicyDocument;
const USERS = ['DevDeployRole', 'ProdPlanRole', 'PreviewDeployRole', 'CloudFormationExecutionRole'];

const request = (action: string, secure: boolean): Call => ({
  action,
  resource: `${bucket.arn}/${stackName('dev')}/0123456789abcdef0123456789abcdef`,
  context: { 'aws:SecureTransport': String(secure) },
  resourcePolicy: policy,
  why: secure ? 'over TLS' : 'over plain HTTP',
});

describe('the artifacts bucket', () => {
  it.each(USERS)('refuses %s over plain HTTP, by its own policy, and serves it over TLS', async (logicalId) => {
    const role = roleOf(bootstrap.resources[logicalId]!);
    expect(await decide(role, request('s3:GetObject', false))).toBe('ExplicitlyDenied');
    expect(await decide(role, request('s3:GetObject', true))).toBe('Allowed');
  });

  it('refuses an upload over plain HTTP even to a role that may upload', async () => {
    const role = roleOf(bootstrap.resources.DevDeployRole!);
    expect(await decide(role, request('s3:PutObject', true))).toBe('Allowed');
    expect(await decide(role, request('s3:PutObject', false))).toBe('ExplicitlyDenied');
  });
});
