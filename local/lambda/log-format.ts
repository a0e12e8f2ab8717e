// The function's output made readable in a terminal: Powertools' JSON log lines become one line
// each (the keys a call adds as key=value, errors with their stack), EMF documents become the
// metrics they carry. Anything else passes through untouched.

const SHOWN_KEYS = ['correlation_id', 'cold_start'] as const;
/** What Powertools puts in every line: https://docs.powertools.aws.dev/lambda/typescript/latest/core/logger/#standard-structured-keys */
const STANDARD_KEYS = new Set([
  ...SHOWN_KEYS,
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'xray_trace_id',
  'function_arn',
  'function_memory_size',
  'function_name',
  'function_request_id',
  'error',
]);

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

const parse = (line: string): Record<string, unknown> | undefined => {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** One output line of the function, as shown in the terminal. */
export const formatFunctionOutput = (line: string): string => {
  const record = parse(line);
  if (record === undefined) return line;

  const emf = (
    record._aws as
      | { CloudWatchMetrics?: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] }
      | undefined
  )?.CloudWatchMetrics;
  if (emf !== undefined) {
    return emf
      .map(({ Namespace, Dimensions, Metrics }) => {
        const values = Metrics.map(({ Name }) => `${Name}=${String(record[Name])}`).join(' ');
        const dimensions = (Dimensions[0] ?? []).map((key) => `${key}=${String(record[key])}`).join(' ');
        return `METRIC ${Namespace} ${values} (${dimensions})`;
      })
      .join('\n');
  }

  if (typeof record.level !== 'string' || typeof record.message !== 'string') return line;
  // A Powertools error is an object with its stack, shown below; a string under `error` is the caller's.
  const added = Object.keys(record).filter(
    (key) => !STANDARD_KEYS.has(key) || (key === 'error' && typeof record.error === 'string'),
  );
  const keys = [...added, ...SHOWN_KEYS.filter((key) => key in record)].map((key) => `${key}=${asText(record[key])}`);
  const error = record.error as { stack?: string } | string | undefined;
  const head = `${record.level.padEnd(5)} ${record.message}${keys.length > 0 ? `  ${keys.join(' ')}` : ''}`;
  return typeof error === 'object' && error?.stack ? `${head}\n  ${error.stack.replaceAll('\n', '\n  ')}` : head;
};
