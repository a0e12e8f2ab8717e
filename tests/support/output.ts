// Captures what the function writes to stdout and stderr (Powertools' JSON logs and EMF), line by line.
import { vi } from 'vitest';

export interface CapturedOutput {
  /** Every line written so far, as written. */
  lines: () => string[];
  /** Every JSON line written so far, parsed. */
  records: () => Record<string, unknown>[];
  /** EMF documents: the records that carry `_aws.CloudWatchMetrics`. */
  emf: () => Record<string, unknown>[];
  /** Log lines: the records that carry a `level`. */
  logs: () => Record<string, unknown>[];
  restore: () => void;
}

/** Starts capturing; call `restore()` when done (vi.restoreAllMocks also restores). */
export const captureOutput = (): CapturedOutput => {
  const lines: string[] = [];
  const capture = (chunk: unknown) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.trim() !== ''),
    );
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(capture),
    vi.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  const records = () =>
    lines.flatMap((line) => {
      try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  return {
    lines: () => [...lines],
    records,
    emf: () => records().filter((record) => '_aws' in record),
    logs: () => records().filter((record) => 'level' in record),
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
};
