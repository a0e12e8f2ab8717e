// Problems the user can fix, told in one line without a stack by whatever runs the tooling.

/** A problem with the template, the contract, a flag or a parameter. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}
