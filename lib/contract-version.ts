// The version rule: info.version is semantic (https://semver.org). A breaking change needs a
// higher major version; any other change to what the API accepts or answers, a higher minor
// version at least; a change to descriptions or examples alone may keep the version.
import semver from 'semver';
import type { ContractChange } from './contract-diff.ts';

export type Bump = 'major' | 'minor' | 'none';

export interface VersionRuling {
  /** The least bump the changes need. */
  needed: Bump;
  /** The least version that satisfies it. */
  least: string;
  /** Why head's version is not allowed; empty when it is. */
  problems: string[];
}

export const neededBump = (changes: readonly ContractChange[]): Bump => {
  if (changes.some(({ verdict }) => verdict === 'breaking')) return 'major';
  return changes.some(({ verdict }) => verdict === 'compatible') ? 'minor' : 'none';
};

/** Whether `headVersion` is allowed after `baseVersion` for these changes, and if not, why. */
export const versionRuling = (
  baseVersion: string,
  headVersion: string,
  changes: readonly ContractChange[],
): VersionRuling => {
  const needed = neededBump(changes);
  if (!semver.valid(baseVersion) || !semver.valid(headVersion)) {
    const invalid = semver.valid(headVersion)
      ? `the base's info.version ${baseVersion}`
      : `info.version ${headVersion}`;
    return { needed, least: baseVersion, problems: [`${invalid} is not a semantic version (MAJOR.MINOR.PATCH)`] };
  }
  const least = needed === 'none' ? baseVersion : (semver.inc(baseVersion, needed) as string);
  const problems: string[] = [];
  if (semver.lt(headVersion, baseVersion)) {
    problems.push(`info.version went back from ${baseVersion} to ${headVersion}`);
  } else if (semver.lt(headVersion, least)) {
    const kind = needed === 'major' ? 'a breaking change' : 'a change to what the API accepts or answers';
    problems.push(`${kind} needs info.version ${least} or higher (${needed} bump); it is ${headVersion}`);
  }
  return { needed, least, problems };
};
