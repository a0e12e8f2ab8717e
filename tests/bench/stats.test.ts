import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../bench/stats.ts';

describe('bench statistics', () => {
  it('takes the nearest-rank percentile, whatever the order of the samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(median(samples)).toBe(5);
    expect(percentile(samples, 0.9)).toBe(9);
    expect(percentile(samples, 0.99)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
  });

  it('has no percentile of nothing', () => {
    expect(median([])).toBeNaN();
  });
});
