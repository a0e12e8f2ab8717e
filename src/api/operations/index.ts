// Every operation of openapi.yaml and its implementation, by operationId. The type requires one
// for each operation, answering only what the contract lists for it.

import type { RandomInt } from '../../domain/meditate.ts';
import type { Operations } from '../../shared/contract.ts';
import type { Implementations } from '../dispatch.ts';
import { meditate } from './meditate.ts';

/** What the implementations draw on; tests pass their own. */
export interface Dependencies {
  /** @default crypto.randomInt */
  randomInt: RandomInt;
}

export const implementations = { meditate } satisfies Implementations<Operations, Dependencies>;
