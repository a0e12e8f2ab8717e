// The runner's expected failures: problems the user can fix, told in one line without a stack.

/** A problem with the template, the contract, a flag or a parameter. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';
}

/** An address the server cannot listen on: a port in use, a host that is not this machine's. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}
