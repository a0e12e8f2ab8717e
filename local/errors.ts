// The runner's own expected failure, told in one line without a stack (the others: lib/errors.ts).

/** An address the server cannot listen on: a port in use, a host that is not this machine's. */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}
