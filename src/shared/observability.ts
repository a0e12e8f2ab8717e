// One Logger and one Metrics, configured by the POWERTOOLS_* variables that template.yaml sets:
// https://docs.powertools.aws.dev/lambda/typescript/latest/environment-variables/
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { gatewayRequestId } from './request-id.ts';

/** Where API Gateway puts its request id in a proxy event; logged as `correlation_id`. */
export const CORRELATION_ID_PATH = 'requestContext.requestId';

// Powertools looks the correlation id up at the path injectLambdaContext names (CORRELATION_ID_PATH)
// with this function in place of its JMESPath engine, which adds ~20 KB. Only API Gateway's request
// id is ever looked up, so the path itself is not read: gatewayRequestId knows where it is, and
// accepts only what looks like a request id.
export const logger = new Logger({ correlationIdSearchFn: (_path, event) => gatewayRequestId(event) });

export const metrics = new Metrics();

/** The function's own metric names. */
export const METRICS = {
  /** Answers an operation's implementation gave, under the `service` and `operation` dimensions. */
  requestsServed: 'RequestsServed',
  /**
   * Answers ≥ 500: what the alarms and a deployment's rollback watch. AWS/Lambda `Errors` misses
   * them once http-error-handler turns an exception into a 500; a 4xx is the client's doing.
   */
  requestsFailed: 'RequestsFailed',
  /** Answers 4xx from the function: requests it would not serve (a misdirected invoke, say). */
  requestsRejected: 'RequestsRejected',
  /** The pre-traffic hook's failed contract checks for a new version (0 when it may take traffic). */
  preTrafficChecksFailed: 'PreTrafficChecksFailed',
  /** The contract monitor's checks of the stage in one run: answers checked, and batches' variety. */
  contractChecksRun: 'ContractChecksRun',
  /** The contract monitor's checks that failed in one run (0 when the stage keeps the contract). */
  contractChecksFailed: 'ContractChecksFailed',
} as const;

/** http-error-handler's logger: a rejected request (exposed, 4xx) is a warning; a failure, an error. */
export const logFailure = (error: unknown): void => {
  if ((error as { expose?: unknown } | null)?.expose === true) logger.warn('Request rejected', error as Error);
  else logger.error('Request failed', error as Error);
};
