// bench/stats.ts: the order statistics the benchmark takes of its samples.
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../bench/stats.ts';

describe('stats', () => {
  it('takes the nearest-rank percentile, whatever the order of the samples', () => {
    // Prepare
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];

    // Act
    const taken = [median(samples), percentile(samples, 0.9), percentile(samples, 0.99), percentile(samples, 0)];

    // Assess
    expect(taken).toEqual([5, 9, 10, 1]);
  });

  it('has no percentile of nothing', () => {
    // Prepare
    const samples: number[] = [];

    // Act
    const taken = median(samples);

    // Assess
    expect(taken).toBeNaN();
  });
});
