// Who may assume a role: the one service or GitHub environment it is for, and no other (another
// service, environment, repository, audience, or a service acting for another account).
import type { Trustee } from '../expectations.ts';
import { mayAssume, type Role } from './simulate.ts';
import { BOOTSTRAP_PARAMETERS, type DeployedStack } from './stacks.ts';

const GITHUB_ENVIRONMENTS = ['dev', 'production-plan', 'production', 'preview'];

/** Whether only the principal it is for may assume the role; the failures, if not. */
export const trustFailures = async (role: Role, trustee: Trustee, bootstrap: DeployedStack): Promise<string[]> => {
  const failures: string[] = [];
  const check = async (allowed: boolean, who: string, assume: () => Promise<boolean>) => {
    if ((await assume()) !== allowed) failures.push(`${role.logicalId} ${allowed ? 'refuses' : 'trusts'} ${who}`);
  };
  if ('service' in trustee) {
    const { service, context = {} } = trustee;
    await check(true, service, () => mayAssume(role, service, 'sts:AssumeRole', context));
    await check(false, 'ec2.amazonaws.com', () => mayAssume(role, 'ec2.amazonaws.com', 'sts:AssumeRole', context));
    if ('aws:SourceAccount' in context) {
      const deputy = { ...context, 'aws:SourceAccount': '999999999999' };
      await check(false, `${service} on another account's behalf`, () =>
        mayAssume(role, service, 'sts:AssumeRole', deputy),
      );
    }
    return failures;
  }
  const provider = bootstrap.resources.GitHubOidcProvider!.arn;
  const repository = `${BOOTSTRAP_PARAMETERS.GitHubOwner}/${BOOTSTRAP_PARAMETERS.GitHubRepository}`;
  const token = (sub: string, aud = 'sts.amazonaws.com') => ({
    'token.actions.githubusercontent.com:aud': aud,
    'token.actions.githubusercontent.com:sub': sub,
  });
  const viaGitHub = (context: Record<string, string>) => () =>
    mayAssume(role, provider, 'sts:AssumeRoleWithWebIdentity', context);
  const own = `repo:${repository}:environment:${trustee.githubEnvironment}`;
  await check(true, own, viaGitHub(token(own)));
  for (const other of GITHUB_ENVIRONMENTS.filter((name) => name !== trustee.githubEnvironment)) {
    await check(false, `the environment ${other}`, viaGitHub(token(`repo:${repository}:environment:${other}`)));
  }
  const fork = `repo:someone/${BOOTSTRAP_PARAMETERS.GitHubRepository}:environment:${trustee.githubEnvironment}`;
  await check(false, 'another repository', viaGitHub(token(fork)));
  await check(
    false,
    `a branch's job outside the environment`,
    viaGitHub(token(`repo:${repository}:ref:refs/heads/main`)),
  );
  await check(false, 'another audience', viaGitHub(token(own, 'https://example.com')));
  return failures;
};
