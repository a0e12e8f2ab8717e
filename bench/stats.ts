// Order statistics for the benchmark's samples.

/** The value below which `fraction` of the samples fall (nearest rank). */
export const percentile = (samples: number[], fraction: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
};

export const median = (samples: number[]) => percentile(samples, 0.5);
