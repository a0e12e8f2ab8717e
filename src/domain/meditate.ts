// The `meditate` operation itself: pure, free of AWS, middy and Powertools.
import type { Schemas } from '../shared/contract.ts';

/** The 200 body of `meditate`. */
export type Meditation = Schemas['Meditation'];

/**
 * The seven meditations, verbatim. openapi.yaml lists them too (the `meditation` enum), since a
 * client may rely on them: a phrase not in the contract fails the type check here, and a test
 * checks that none of the contract's is missing.
 */
export const MEDITATIONS = [
  'off to a regex/',
  'the count of machines abides',
  "you wouldn't fax a bat",
  'HAZARDOUS CHEMICALS + RKELLY',
  'your solution requires a blood eagle',
  "testing is broken because I'm lazy",
  'did u mention banana cognac shower',
] as const satisfies readonly Meditation['meditation'][];

/** Returns an integer drawn uniformly from [0, max), as `crypto.randomInt(max)` does. */
export type RandomInt = (max: number) => number;

/** Picks one meditation uniformly at random with the given source. */
export const meditate = (randomInt: RandomInt): Meditation => {
  const index = randomInt(MEDITATIONS.length);
  const meditation = MEDITATIONS[index];
  if (meditation === undefined) {
    throw new RangeError(`randomInt(${MEDITATIONS.length}) returned ${index}, outside [0, ${MEDITATIONS.length})`);
  }
  return { status: 'success', meditation } satisfies Meditation;
};
