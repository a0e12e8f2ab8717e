import { describe, expect, it } from 'vitest';
import { MEDITATIONS, meditate } from '../../src/domain/meditate.ts';
import { seededRandomInt } from '../support/random.ts';

describe('meditate', () => {
  it('answers the meditation at the index the random source draws', () => {
    MEDITATIONS.forEach((expected, index) => {
      // Prepare
      const draws: number[] = [];
      const randomInt = (max: number) => {
        draws.push(max);
        return index;
      };

      // Act
      const result = meditate(randomInt);

      // Assess
      expect(result).toEqual({ status: 'success', meditation: expected });
      expect(draws).toEqual([7]);
    });
  });

  it('keeps the seven meditations verbatim', () => {
    expect(MEDITATIONS).toEqual([
      'off to a regex/',
      'the count of machines abides',
      "you wouldn't fax a bat",
      'HAZARDOUS CHEMICALS + RKELLY',
      'your solution requires a blood eagle',
      "testing is broken because I'm lazy",
      'did u mention banana cognac shower',
    ]);
  });

  it('reaches every meditation and picks them uniformly (chi-square, 7,000 seeded draws)', () => {
    // Prepare
    const randomInt = seededRandomInt(20_161_128);
    const draws = 7_000;
    const counts = new Map<string, number>();

    // Act
    for (let i = 0; i < draws; i++) {
      const { meditation } = meditate(randomInt);
      counts.set(meditation, (counts.get(meditation) ?? 0) + 1);
    }

    // Assess
    expect([...counts.keys()].sort()).toEqual([...MEDITATIONS].sort());
    const expected = draws / MEDITATIONS.length;
    const chiSquare = [...counts.values()].reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0);
    // 6 degrees of freedom: 22.458 is the critical value at p = 0.001.
    expect(chiSquare).toBeLessThan(22.458);
  });

  it('refuses a random source that draws outside the list', () => {
    expect(() => meditate(() => 7)).toThrow(RangeError);
    expect(() => meditate(() => -1)).toThrow(RangeError);
  });
});
