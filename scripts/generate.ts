// `npm run generate`: everything in generated/, from openapi.yaml: the definition API Gateway
// imports (lib/gateway-definition.ts: every answer inline), which template.yaml includes and every
// other file here is made from; the types (openapi-typescript), the table of operations by method and path that the function dispatches on, the contract's
// version that every answer carries, the standalone validators of every response
// (lib/standalone-validators.ts), and the battery of requests that judges a version (lib/battery.ts).
// With them, the copies of names.json in files whose tools read nothing else (lib/names-sync.ts):
// samconfig.toml's stack names, template.yaml's MetricNamespace default, the package names, and
// client/package.json's version, the contract's. Only files whose content changes are written.
// `npm run generate:check` writes nothing and fails on any difference, naming the files and the
// command that fixes them. --contract and --out generate a fixture's contract the same way.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { stringify } from 'yaml';
import { planBattery } from '../lib/battery.ts';
import { type Contract, loadContract, readOpenApi } from '../lib/contract.ts';
import { exposedHeaders } from '../lib/cors.ts';
import { DefinitionError } from '../lib/errors.ts';
import { DEFINITION_FILE_NAME, gatewayDefinition, generatedHeader } from '../lib/gateway-definition.ts';
import { derivedCopies } from '../lib/names-sync.ts';
import { PROJECT_ROOT, projectFile } from '../lib/project.ts';
import { standaloneValidators } from '../lib/standalone-validators.ts';

const OPENAPI_TYPESCRIPT = join(PROJECT_ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
const run = promisify(execFile);

/** The operations table: API Gateway's `httpMethod` and `resource` → operationId. */
const operationsModule = (contract: Contract) => {
  const operations = contract.functionOperations();
  const rows = operations.map(({ method, path, operationId }) => {
    if (operationId === undefined) throw new Error(`${method} ${path} has no operationId: give it one in the contract`);
    return `  ${JSON.stringify(`${method} ${path}`)}: ${JSON.stringify(operationId)},`;
  });
  const retrySafe = operations
    .filter((operation) => operation['x-safe-to-retry'] === true)
    .map(({ method, path }) => `  ${JSON.stringify(`${method} ${path}`)},`);
  return `// Generated from the contract by \`npm run generate\`; never edit by hand.
import type { operations } from './api.js';

/** Each operation of the contract, by API Gateway's \`httpMethod\` and \`resource\`. */
export const OPERATIONS = {
${rows.join('\n')}
} as const satisfies Record<string, keyof operations>;

/** The operations the contract marks \`x-safe-to-retry\`, by method and path: a client may send them again. */
export const SAFE_TO_RETRY: readonly string[] = [
${retrySafe.join('\n')}
];
`;
};

/** The contract's info.version, which every answer carries in X-Contract-Version. */
const versionModule = (contract: Contract) => {
  const { info } = contract.document as { info?: { version?: unknown } };
  if (typeof info?.version !== 'string') throw new Error('the contract has no info.version');
  return `// Generated from the contract by \`npm run generate\`; never edit by hand.

/** openapi.yaml's info.version: the version of the contract every answer says it serves (X-Contract-Version). */
export const CONTRACT_VERSION = ${JSON.stringify(info.version)};
`;
};

/** What the contract lets a page read of an answer (Access-Control-Expose-Headers), which the function says on each. */
const corsModule = (contractPath: string) => {
  const exposed = exposedHeaders(readOpenApi(contractPath));
  return `// Generated from the contract by \`npm run generate\`; never edit by hand.

/** The headers a page may read of an answer, besides the ones every browser shows (Access-Control-Expose-Headers). */
export const EXPOSED_HEADERS = ${JSON.stringify(exposed ?? '')};
`;
};

/** The battery as data, typed by src/shared/battery/plan.ts; throws naming what the contract lacks to build it. */
const batteryModule = (contract: Contract, directory: string) => {
  const { plan, problems } = planBattery(contract);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const types = relative(directory, join(PROJECT_ROOT, 'src', 'shared', 'battery', 'plan.ts')).replaceAll('\\', '/');
  return `// Generated from the contract by \`npm run generate\`; never edit by hand.
import type { BatteryPlan } from '${types.startsWith('.') ? types : `./${types}`}';

/** Every request a correct version must answer, and what it must answer (lib/battery.ts). */
export const BATTERY: BatteryPlan = ${JSON.stringify(plan, null, 2)};
`;
};

/** The definition API Gateway imports, as YAML, its first line naming the source it is made from. */
const definitionText = (contractPath: string, outDirectory: string) =>
  `${generatedHeader(relative(outDirectory, contractPath).replaceAll('\\', '/'))}\n${stringify(
    gatewayDefinition(readOpenApi(contractPath)),
    { aliasDuplicateObjects: false, lineWidth: 0 },
  )}`;

/** Writes every generated file for the contract into \`directory\`, to be copied to \`outDirectory\`. */
const generateInto = async (contractPath: string, directory: string, outDirectory: string) => {
  // The definition first: everything else is made from it, the one resolved form of the contract.
  const definition = join(directory, DEFINITION_FILE_NAME);
  await writeFile(definition, definitionText(contractPath, outDirectory));
  await run(process.execPath, [OPENAPI_TYPESCRIPT, definition, '--output', join(directory, 'api.d.ts')]);
  const contract = loadContract(definition);
  await writeFile(join(directory, 'operations.ts'), operationsModule(contract));
  await writeFile(join(directory, 'contract-version.ts'), versionModule(contract));
  await writeFile(join(directory, 'cors.ts'), corsModule(contractPath));
  const { module, declarations } = standaloneValidators(contract);
  await writeFile(join(directory, 'validators.js'), module);
  await writeFile(join(directory, 'validators.d.ts'), declarations);
  await writeFile(join(directory, 'battery.ts'), batteryModule(contract, outDirectory));
};

/** A file `npm run generate` makes: where it goes, what it is made from (as a person reads it), and its content. */
interface Made {
  path: string;
  from: string;
  content: Buffer;
}

/** The made files whose content differs from the file they go to, or that do not exist yet. */
const changedOf = async (made: Made[]) => {
  const changed: Made[] = [];
  for (const file of made) {
    const current = await readFile(file.path).catch(() => undefined);
    if (current === undefined || !current.equals(file.content)) changed.push(file);
  }
  return changed;
};

/** Files by what they are made from: `[{ from: 'names.json', paths: ['samconfig.toml', …] }, …]`. */
const byFrom = (files: Pick<Made, 'path' | 'from'>[]) => {
  const groups = new Map<string, string[]>();
  for (const { path, from } of files) groups.set(from, [...(groups.get(from) ?? []), relative(process.cwd(), path)]);
  return [...groups].map(([from, paths]) => ({ from, paths }));
};

/** --check: writes nothing, names every stale file and the command that fixes them, and exits 1 if there is one. */
const check = (made: Made[], stale: Pick<Made, 'path' | 'from'>[], fix: string) => {
  const matches = (paths: string[]) => (paths.length === 1 ? 'matches' : 'match');
  if (stale.length === 0) {
    for (const { from, paths } of byFrom(made)) console.log(`${paths.join(', ')} ${matches(paths)} ${from}.`);
    return;
  }
  for (const { from, paths } of byFrom(stale))
    console.error(`${paths.join(', ')} no longer ${matches(paths)} ${from}.`);
  console.error(`Run \`${fix}\` and commit the result.`);
  process.exit(1);
};

/** Writes the files that changed, and removes what generated/ no longer holds. */
const write = async (changed: Made[], outDirectory: string, leftOver: string[]) => {
  await mkdir(outDirectory, { recursive: true });
  for (const file of leftOver) await rm(join(outDirectory, file), { recursive: true });
  for (const { path, content } of changed) await writeFile(path, content);
  const written = byFrom(changed).map(({ from, paths }) => `Wrote ${paths.join(', ')} from ${from}.`);
  console.log(
    written.length > 0 ? written.join('\n') : 'Every file npm run generate makes matches its source already.',
  );
};

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    contract: { type: 'string', default: join(PROJECT_ROOT, 'openapi.yaml') },
    out: { type: 'string', default: join(PROJECT_ROOT, 'generated') },
  },
});
const contractPath = resolve(values.contract);
const outDirectory = resolve(values.out);
const from = relative(process.cwd(), contractPath);
// The project's own contract into its own generated/ makes the copies of names.json too; a
// fixture's contract (--contract, --out) makes its generated/ only.
const ownProject = contractPath === projectFile('openapi.yaml') && outDirectory === projectFile('generated');
const scratch = await mkdtemp(join(tmpdir(), 'guru-generate-'));
try {
  await generateInto(contractPath, scratch, outDirectory).catch((error: Error & { stderr?: string }) => {
    // openapi-typescript lints the contract with redocly.yaml's rules first, and says what fails.
    console.error(`${from} could not be generated from:`);
    console.error(
      (error.stderr ?? error.message)
        .split('\n')
        .filter((line) => line.includes('✘'))
        .join('\n') || error.message,
    );
    process.exit(1);
  });
  const files = await readdir(scratch);
  const generated = files.map(async (file) => ({
    path: join(outDirectory, file),
    from,
    content: await readFile(join(scratch, file)),
  }));
  const copies = (ownProject ? derivedCopies() : []).map(({ file, from: source, text }) => ({
    path: projectFile(file),
    from: source,
    content: Buffer.from(text),
  }));
  const made = [...(await Promise.all(generated)), ...copies];
  // generated/ holds what this writes and nothing else: a file it no longer makes is stale too.
  const leftOver = (await readdir(outDirectory).catch(() => [])).filter((file) => !files.includes(file));
  const changed = await changedOf(made);
  if (values.check) {
    const fix =
      values.contract === projectFile('openapi.yaml')
        ? 'npm run generate'
        : `npm run generate -- --contract ${from} --out ${relative(process.cwd(), outDirectory)}`;
    check(made, [...leftOver.map((file) => ({ path: join(outDirectory, file), from })), ...changed], fix);
  } else await write(changed, outDirectory, leftOver);
} catch (error) {
  // names.json, or a file its copies go in, that they cannot be made from: one line.
  if (!(error instanceof DefinitionError)) throw error;
  console.error(`npm run generate: ${error.message}`);
  process.exit(1);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
