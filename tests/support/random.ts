// A seeded, reproducible stand-in for crypto.randomInt (mulberry32), so statistical tests are exact.
import type { RandomInt } from '../../src/domain/meditate.ts';

/** A deterministic RandomInt: the same seed always yields the same sequence. */
export const seededRandomInt = (seed: number): RandomInt => {
  let state = seed >>> 0;
  return (max) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
    return Math.floor(unit * max);
  };
};
