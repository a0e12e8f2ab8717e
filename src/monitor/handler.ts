// The contract monitor (`Handler: handler.handler`, template.yaml's ContractMonitor): on a schedule,
// the battery's HTTP view (src/shared/battery/) against the stage's public URL, API_URL, as any
// client would call it. The probes that cost on every run (a 10 MB body) are left to `npm run smoke`.
// Every failed check is logged with what was received and its request id, and counted in
// ContractChecksFailed beside ContractChecksRun; a failed check is data, never an error, so the
// function does not throw for one. It calls nothing but the public URL: its role has no AWS API
// permission beyond its logs and traces.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { BATTERY } from '../../generated/battery.ts';
import { responses } from '../../generated/validators.js';
import { checkingFunction, runChecks } from '../shared/battery/checking-function.ts';
import { runBattery } from '../shared/battery/run.ts';
import { httpProbes, httpSender, notingContractVersions } from '../shared/battery/senders.ts';
import { logger, METRICS, metrics } from '../shared/observability.ts';

/** Each request's limit. */
const REQUEST_TIMEOUT_MS = 5_000;
/** The run's limit, within the function's 30 s timeout; less when the invocation has less left. */
const RUN_DEADLINE_MS = 20_000;
/** Time kept after the run to log and flush the metrics. */
const FLUSH_RESERVE_MS = 2_000;

// Read once: the stage's URL (template.yaml sets it to the ApiUrl output's value), and the
// monitor's service name (`<stack>-contract-monitor`), which its requests say as their User-Agent:
// the access log tells them from clients' by it.
const { API_URL = '', POWERTOOLS_SERVICE_NAME: USER_AGENT = 'contract-monitor' } = process.env;

const monitor = async (_event: unknown, context: Context) => {
  const servedVersions = new Set<string>();
  const verdict = await runChecks(async () => {
    if (API_URL === '') throw new Error('API_URL is not set');
    return runBattery({
      battery: { plan: BATTERY, validators: responses },
      probes: httpProbes(BATTERY, { costly: false }),
      send: notingContractVersions(
        httpSender({ baseUrl: API_URL, userAgent: USER_AGENT, timeoutMs: REQUEST_TIMEOUT_MS }),
        servedVersions,
      ),
      deadlineMs: Math.max(0, Math.min(RUN_DEADLINE_MS, context.getRemainingTimeInMillis() - FLUSH_RESERVE_MS)),
    });
  }, 'The contract monitor could not run');
  metrics.addMetric(METRICS.contractChecksRun, MetricUnit.Count, verdict.checks);
  metrics.addMetric(METRICS.contractChecksFailed, MetricUnit.Count, verdict.failed);
  logger.info(verdict.passed ? 'The stage keeps the contract' : 'The stage breaks the contract', {
    url: API_URL,
    checks: verdict.checks,
    failed: verdict.failed,
    contractVersion: BATTERY.contractVersion,
    servedContractVersions: [...servedVersions],
  });
  return { checks: verdict.checks, failed: verdict.failed };
};

export const handler = checkingFunction(monitor);
