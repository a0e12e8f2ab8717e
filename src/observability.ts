// One Logger and one Metrics for the function, configured by the POWERTOOLS_* variables that
// template.yaml sets: https://docs.powertools.aws.dev/lambda/typescript/latest/environment-variables/
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Used only where POWERTOOLS_SERVICE_NAME / POWERTOOLS_METRICS_NAMESPACE are unset. */
const DEFAULTS = { serviceName: 'guru-meditations', namespace: 'GuruMeditations' } as const;

const { POWERTOOLS_SERVICE_NAME, POWERTOOLS_METRICS_NAMESPACE } = process.env;
const serviceName = POWERTOOLS_SERVICE_NAME || DEFAULTS.serviceName;

/** Where API Gateway puts its request id in a proxy event; logged as `correlation_id`. */
export const CORRELATION_ID_PATH = 'requestContext.requestId';

/**
 * Resolves a dotted path such as CORRELATION_ID_PATH. Powertools' own JMESPath search would
 * add ~20 KB to the bundle to read one field.
 */
const valueAtPath = (path: string, data: unknown): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (value, key) => (typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined),
      data,
    );

export const logger = new Logger({ serviceName, correlationIdSearchFn: valueAtPath });

export const metrics = new Metrics({
  serviceName,
  namespace: POWERTOOLS_METRICS_NAMESPACE || DEFAULTS.namespace,
});

/**
 * The function's own metric names. `RequestsFailed` is what the alarms watch: once an exception
 * becomes a 500, AWS/Lambda `Errors` no longer counts it.
 */
export const METRICS = {
  meditationsServed: 'MeditationsServed',
  requestsFailed: 'RequestsFailed',
} as const;
