// `npm run verify`: the pre-traffic gate's verdict before you deploy, reached as CodeDeploy reaches
// it on AWS. For each function with a PreTraffic hook in template.yaml, the local runner serves the
// function on its Lambda endpoint; the hook's real bundle (built as sam build builds it) runs in an
// execution environment, its AWS SDK pointed at that endpoint, is invoked with a lifecycle event,
// and reports to a local stand-in for CodeDeploy. Exits 1 unless every hook reported Succeeded.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { localFunctionArn } from '../lib/local-identity.ts';
import { PROJECT_ROOT } from '../lib/project.ts';
import type { LocalFunction } from '../local/api-definition.ts';
import { type CodeDeployStandIn, startCodeDeployStandIn } from '../local/codedeploy-stand-in.ts';
import { FunctionHost } from '../local/lambda/function-host.ts';
import { invokeAsLambda } from '../local/lambda/lambda-result.ts';
import { type LocalApi, startLocalApi } from '../local/server.ts';

const template = join(PROJECT_ROOT, 'template.yaml');

/** The PreTraffic hook of a function's DeploymentPreference, if it has one. */
const hookOf = (api: LocalApi, target: LocalFunction): LocalFunction | undefined => {
  const preference = target.definition.properties.DeploymentPreference as
    | { Hooks?: { PreTraffic?: { Ref?: string } } }
    | undefined;
  const hookId = preference?.Hooks?.PreTraffic?.Ref;
  return hookId === undefined ? undefined : api.definition.functions.get(hookId);
};

/**
 * What AWS gives the hook: the version just published (here, the code as it stands: $LATEST),
 * Lambda's and CodeDeploy's endpoints, and credentials (plainly fake) to sign with.
 */
const asDeployed = (
  hook: LocalFunction,
  target: LocalFunction,
  api: LocalApi,
  codeDeployUrl: string,
): LocalFunction => ({
  ...hook,
  environment: {
    ...hook.environment,
    TARGET_FUNCTION_VERSION: `${localFunctionArn(target.logicalId)}:$LATEST`,
    AWS_ENDPOINT_URL_LAMBDA: api.lambdaUrl!,
    AWS_ENDPOINT_URL_CODEDEPLOY: codeDeployUrl,
    AWS_ACCESS_KEY_ID: 'local-access-key-id',
    AWS_SECRET_ACCESS_KEY: 'local-secret-access-key',
  },
});

/** Runs the hook once, as CodeDeploy would, and says what it reported; true when it reported Succeeded. */
const runHook = async (hook: LocalFunction, target: LocalFunction, codeDeploy: CodeDeployStandIn, logs: string[]) => {
  logs.length = 0;
  const host = await FunctionHost.start(hook, {
    templateDir: dirname(template),
    watch: false,
    concurrency: 1,
    log: (line) => logs.push(line),
  });
  const execution = randomUUID();
  try {
    const result = await invokeAsLambda(host, hook, {
      DeploymentId: 'd-LOCALVERIFY',
      LifecycleEventHookExecutionId: execution,
    });
    if (result.functionError) console.log(`✘ ${hook.logicalId} failed: ${JSON.stringify(result.payload)}`);
  } finally {
    await host.close();
  }
  for (const line of logs.filter((entry) => entry.startsWith(`[${hook.logicalId}]`))) console.log(line);
  const invocations = logs.filter((line) => line.startsWith('[lambda] ') && line.includes('/invocations')).length;
  const status = codeDeploy.reports.find((report) => report.lifecycleEventHookExecutionId === execution)?.status;
  const verdict =
    status === 'Succeeded'
      ? 'Succeeded: it may take traffic'
      : `${status ?? 'no status'}: CodeDeploy would roll it back`;
  console.log(
    `${target.logicalId}: ${hook.logicalId} invoked it ${invocations} times through the local Lambda endpoint and reported ${verdict}.`,
  );
  return status === 'Succeeded';
};

const logs: string[] = [];
const api = await startLocalApi({
  template,
  port: 0,
  lambdaPort: 0,
  watch: false,
  docs: false,
  log: (line) => logs.push(line),
});
const codeDeploy = await startCodeDeployStandIn();
let failed = 0;
try {
  for (const target of api.definition.functions.values()) {
    const hook = hookOf(api, target);
    if (hook !== undefined && !(await runHook(asDeployed(hook, target, api, codeDeploy.url), target, codeDeploy, logs)))
      failed++;
  }
} finally {
  await codeDeploy.close();
  await api.close();
}
process.exit(failed === 0 ? 0 : 1);
