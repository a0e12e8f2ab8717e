import { describe, expect, it } from 'vitest';
import { MEDITATIONS, meditate } from '../../src/domain/meditate.ts';
import { contract } from '../support/contract.ts';

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

  it("lists exactly the contract's seven meditations", () => {
    const schema = contract.document.components?.schemas?.Meditation as {
      properties: { meditation: { enum: string[] } };
    };
    expect([...MEDITATIONS].sort()).toEqual([...schema.properties.meditation.enum].sort());
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

  it('refuses a random source that draws outside the list', () => {
    expect(() => meditate(() => 7)).toThrow(RangeError);
    expect(() => meditate(() => -1)).toThrow(RangeError);
  });
});
