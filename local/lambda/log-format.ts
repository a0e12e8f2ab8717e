// The function's output made readable in a terminal: Powertools' JSON log lines become one line
// each (errors keep their stack), EMF documents become the metrics they carry.
// Anything else passes through untouched.

const SHOWN_KEYS = ['correlation_id', 'cold_start'] as const;

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
  const keys = SHOWN_KEYS.filter((key) => key in record).map((key) => `${key}=${String(record[key])}`);
  const error = record.error as { name?: string; message?: string; stack?: string } | undefined;
  const head = `${record.level.padEnd(5)} ${record.message}${keys.length > 0 ? `  ${keys.join(' ')}` : ''}`;
  return error?.stack ? `${head}\n  ${error.stack.replaceAll('\n', '\n  ')}` : head;
};
