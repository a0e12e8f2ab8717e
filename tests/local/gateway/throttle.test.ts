import { describe, expect, it } from 'vitest';
import { tokenBucket } from '../../../local/gateway/throttle.ts';

describe('tokenBucket', () => {
  it('allows a burst, then refills at the rate', () => {
    // Prepare
    let now = 0;
    const bucket = tokenBucket({ rateLimit: 2, burstLimit: 3 }, () => now);

    // Act / Assess
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    now += 499;
    expect(bucket.tryTake()).toBe(false);
    now += 1;
    expect(bucket.tryTake()).toBe(true);
    now += 10_000;
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  });
});
