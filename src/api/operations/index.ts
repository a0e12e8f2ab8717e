// Every operation of openapi.yaml and its implementation, by operationId. The type requires one
// for each operation, answering only what the contract lists for it; and what they draw on, with
// the defaults the function runs with (tests pass their own: createHandler in ../handler.ts).
import { randomInt } from 'node:crypto';
import type { RandomInt } from '../../domain/meditate.ts';
import type { Operations } from '../../shared/contract.ts';
import type { Implementations } from '../dispatch.ts';
import { meditate } from './meditate.ts';

/** What the implementations draw on. */
export interface Dependencies {
  randomInt: RandomInt;
}

/** What the function runs with. */
export const dependencies: Dependencies = { randomInt };

export const implementations = { meditate } satisfies Implementations<Operations, Dependencies>;
