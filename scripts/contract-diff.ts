// `npm run contract:diff -- [--base <git ref | file>] [--head <file>] [--summary <file>]`: every
// change from the base's contract to openapi.yaml, each judged breaking, compatible or docs only,
// and the version rule applied to info.version. Exits 0 when the change is allowed, 1 when it is
// not, 2 when the base or head cannot be read. Without --base, compares with the merge base of the
// default branch, and checks nothing (exit 0) in a clone that has none.
import { appendFileSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse } from 'yaml';
import type { OpenApiSource } from '../lib/contract.ts';
import { type ContractChange, contractChanges } from '../lib/contract-diff.ts';
import { type VersionRuling, versionRuling } from '../lib/contract-version.ts';
import { type BaseContract, BaseError, defaultBase, GitUnavailableError, namedBase } from '../lib/diff-base.ts';
import { gatewayDefinition } from '../lib/gateway-definition.ts';

type Contract = OpenApiSource;

const USAGE = 'Usage: npm run contract:diff -- [--base <git ref | file>] [--head <file>] [--summary <file>]';

const fail = (message: string): never => {
  console.error(`contract:diff: ${message}`);
  process.exit(2);
};

const parsed = (text: string, label: string): Contract => {
  const document = (() => {
    try {
      return parse(text) as Contract | null;
    } catch (error) {
      return fail(`${label} is not YAML: ${(error as Error).message.split('\n')[0]}`);
    }
  })();
  if (typeof document?.paths !== 'object') fail(`${label} is not an OpenAPI document (no paths)`);
  // `paths:` with nothing under it (every operation removed, the next not yet added) holds none.
  (document as Contract).paths ??= {};
  try {
    gatewayDefinition(document as Contract);
  } catch (error) {
    fail(`${label}: ${(error as Error).message}`);
  }
  return document as Contract;
};

const versionOf = (document: Contract) => String(document.info?.version ?? '(none)');

/** What the changes need, in words. */
const verdictOf = ({ needed, least }: VersionRuling) =>
  needed === 'none'
    ? 'nothing a client could notice changed, so the version may stay'
    : `the changes need a ${needed} bump, ${least} at least`;

const line = ({ verdict, operation, pointer, change, rule }: ContractChange) =>
  `${verdict.padEnd(10)} ${operation}  ${pointer}  ${change}${rule ? `  [${rule}]` : ''}`;

const markdownCell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The job summary: the verdict first, then every change as a table. */
const summary = (title: string, changes: ContractChange[], ruling: VersionRuling) =>
  [
    `### ${title}`,
    '',
    ruling.problems.length === 0 ? `✔ Allowed: ${verdictOf(ruling)}.` : `✘ Not allowed: ${ruling.problems.join('; ')}.`,
    '',
    ...(changes.length === 0
      ? ['No change a client could notice.']
      : [
          '| verdict | operation | JSON pointer | change |',
          '| --- | --- | --- | --- |',
          ...changes.map(({ verdict, operation, pointer, change, rule }) => {
            const cells = [verdict, operation, `\`${pointer}\``, `${change}${rule ? ` (${rule})` : ''}`];
            return `| ${cells.map(markdownCell).join(' | ')} |`;
          }),
        ]),
    '',
  ].join('\n');

const { values } = (() => {
  try {
    return parseArgs({
      options: { base: { type: 'string' }, head: { type: 'string' }, summary: { type: 'string' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message.split('. ')[0]}. ${USAGE}`);
  }
})();

// npm runs scripts from the project's root: openapi.yaml and the git clone are found from there.
const CONTRACT_FILE = 'openapi.yaml';
const cwd = process.cwd();
let base: BaseContract | undefined;
let noDefault = 'no default branch to compare with here (not a git clone, or no history)';
try {
  base = values.base === undefined ? defaultBase(cwd, CONTRACT_FILE) : namedBase(values.base, cwd, CONTRACT_FILE);
} catch (error) {
  // Without git there is no default branch either: as in a clone with no history, nothing is checked.
  if (error instanceof GitUnavailableError && values.base === undefined) noDefault = error.message;
  else if (error instanceof BaseError)
    fail(`${error.message}${error instanceof GitUnavailableError ? ': pass --base <file>' : ''}`);
  else throw error;
}
if (base === undefined) {
  console.log(`contract:diff: ${noDefault}: nothing checked. Pass --base <git ref | file>.`);
  process.exit(0);
}

const headLabel = values.head ?? CONTRACT_FILE;
const headText = (() => {
  try {
    return readFileSync(headLabel, 'utf8');
  } catch (error) {
    return fail(`cannot read ${headLabel}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
})();
const [baseContract, headContract] = [parsed(base.text, base.label), parsed(headText, headLabel)];
const changes = contractChanges(baseContract, headContract);
const ruling = versionRuling(versionOf(baseContract), versionOf(headContract), changes);
const title = `Contract ${headLabel} ${versionOf(headContract)} against ${base.label} ${versionOf(baseContract)}`;

console.log(`${title}:`);
for (const change of changes) console.log(`  ${line(change)}`);
const counts = (['breaking', 'compatible', 'docs'] as const).map(
  (verdict) => `${changes.filter((change) => change.verdict === verdict).length} ${verdict}`,
);
console.log(`${changes.length} change${changes.length === 1 ? '' : 's'} (${counts.join(', ')}).`);
if (values.summary) appendFileSync(values.summary, summary(title, changes, ruling));

if (ruling.problems.length === 0) {
  console.log(`✔ Allowed: info.version ${versionOf(headContract)}; ${verdictOf(ruling)}.`);
  process.exit(0);
}
for (const change of changes.filter(({ verdict }) => verdict === 'breaking'))
  console.error(`✘ breaking: ${change.operation} ${change.pointer}: ${change.change}`);
for (const problem of ruling.problems) console.error(`✘ Not allowed: ${problem}.`);
process.exit(1);
