// The contract to compare with: a file, openapi.yaml at a git ref, or, by default, openapi.yaml
// where this branch left the default branch (their merge base). A clone without that history
// (a tarball, a shallow clone of a pull request) has no default base: the caller says so and
// checks nothing, rather than failing a fresh clone.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

/** A base the user named that cannot be read: a usage error (exit 2). */
export class BaseError extends Error {
  override readonly name: string = 'BaseError';
}

/** git itself cannot run here (not installed, not on PATH): no git ref can be read. */
export class GitUnavailableError extends BaseError {
  override readonly name = 'GitUnavailableError';
}

export interface BaseContract {
  /** Where it came from, for people: `main@1a2b3c4`, `prod-openapi.yaml`. */
  label: string;
  text: string;
}

/** The default branch's candidates, most authoritative first: the remote's own HEAD, then the usual names. */
const DEFAULT_BRANCHES = ['origin/HEAD', 'origin/main', 'origin/master', 'main', 'master'];

/** git's answer; undefined when git says no (an unknown ref, a path not at that commit). Throws when git cannot run. */
const git = (cwd: string, args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (error) {
    const { status, code } = error as { status?: number | null; code?: string };
    // A status is git's own refusal; without one git never ran (not installed, not on PATH).
    if (typeof status === 'number') return undefined;
    throw new GitUnavailableError(`git cannot be run here (${code ?? (error as Error).message})`, { cause: error });
  }
};

const commitOf = (cwd: string, ref: string) => git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);

/** `file` (a path from `cwd`) as it is at `commit`. */
const fileAt = (cwd: string, commit: string, file: string, label: string): BaseContract => {
  const text = git(cwd, ['show', `${commit}:./${file}`]);
  if (text === undefined) throw new BaseError(`${label} has no ${file}`);
  return { label, text: `${text}\n` };
};

/** The contract `base` names: a readable file, else a git ref. */
export const namedBase = (base: string, cwd: string, file: string): BaseContract => {
  if (statSync(base, { throwIfNoEntry: false })?.isFile()) {
    try {
      return { label: base, text: readFileSync(base, 'utf8') };
    } catch (error) {
      throw new BaseError(`cannot read ${base}: ${(error as Error).message}`);
    }
  }
  const commit = commitOf(cwd, base);
  if (commit === undefined) throw new BaseError(`${base} is neither a file nor a git ref here`);
  return fileAt(cwd, commit, file, `${base}@${commit.slice(0, 7)}`);
};

/** The contract at the merge base of HEAD and the default branch, or undefined when there is none to reach. */
export const defaultBase = (cwd: string, file: string): BaseContract | undefined => {
  for (const branch of DEFAULT_BRANCHES) {
    if (commitOf(cwd, branch) === undefined) continue;
    const mergeBase = git(cwd, ['merge-base', 'HEAD', branch]);
    if (mergeBase === undefined) return undefined;
    const name = git(cwd, ['rev-parse', '--abbrev-ref', branch]) || branch;
    return fileAt(cwd, mergeBase, file, `${name}@${mergeBase.slice(0, 7)} (merge base)`);
  }
  return undefined;
};
