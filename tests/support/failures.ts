// The function made to fail, whatever its operations: each one's implementation replaced by one
// that throws (createHandler's overrides), as a bug or a failing dependency would.
import type { HandlerOverrides } from '../../src/api/handler.ts';
import { OPERATIONS } from '../../src/shared/contract.ts';

/** Overrides that make every operation of the contract throw `thrown`. */
export const failingImplementations = (thrown: unknown): HandlerOverrides => ({
  implementations: Object.fromEntries(
    Object.values(OPERATIONS).map((operationId) => [
      operationId,
      async () => {
        throw thrown;
      },
    ]),
  ),
});
