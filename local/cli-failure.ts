// How the local CLIs (npm start, npm run invoke, npm run event) end on an error: what the user can
// fix (a template, flag or parameter problem, a port in use, esbuild's report of a build that
// failed) in one line and the command's help, a bug in the runner with its stack.
import { BundleError } from '../lib/bundle.ts';
import { DefinitionError } from '../lib/errors.ts';
import { ListenError } from './errors.ts';

export interface FailureExit {
  /** What could not be done, leading the line: `Cannot invoke`. */
  cannot: string;
  /** The command whose --help lists its options: `npm run invoke`. */
  command: string;
  /** The exit code for what the user can fix. */
  userErrorCode: number;
  /** The exit code for a bug. @default 1 */
  bugCode?: number;
}

const isArgumentError = (error: unknown) => String((error as { code?: unknown })?.code).startsWith('ERR_PARSE_ARGS');

/** Whether the user can fix what went wrong, so that one line says it. */
export const isUserError = (error: unknown): boolean =>
  error instanceof DefinitionError ||
  error instanceof ListenError ||
  error instanceof BundleError ||
  isArgumentError(error);

/** Says why the command failed, and sets the process's exit code. */
export const failureExit =
  ({ cannot, command, userErrorCode, bugCode = 1 }: FailureExit) =>
  (error: unknown): void => {
    const expected = isUserError(error);
    console.error(expected ? `${cannot}: ${(error as Error).message}` : error);
    if (isArgumentError(error)) console.error(`${command} -- --help lists the options.`);
    process.exitCode = expected ? userErrorCode : bugCode;
  };
