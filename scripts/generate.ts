// `npm run generate`: everything in generated/, from openapi.yaml: the definition API Gateway
// imports (lib/gateway-definition.ts: every answer inline), which template.yaml includes and every
// other file here is made from; the types (openapi-typescript), the table of operations by method and path that the function dispatches on, the contract's
// version that every answer carries, the standalone validators of every response
// (lib/standalone-validators.ts), and the battery of requests that judges a version (lib/battery.ts).
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
import { DEFINITION_FILE_NAME, gatewayDefinition, generatedHeader } from '../lib/gateway-definition.ts';
import { PROJECT_ROOT } from '../lib/project.ts';
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

const { values } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    contract: { type: 'string', default: join(PROJECT_ROOT, 'openapi.yaml') },
    out: { type: 'string', default: join(PROJECT_ROOT, 'generated') },
  },
});
const contractPath = resolve(values.contract);
const outDirectory = resolve(values.out);
const scratch = await mkdtemp(join(tmpdir(), 'guru-generate-'));
try {
  await generateInto(contractPath, scratch, outDirectory).catch((error: Error & { stderr?: string }) => {
    // openapi-typescript lints the contract with redocly.yaml's rules first, and says what fails.
    console.error(`${relative(process.cwd(), contractPath)} could not be generated from:`);
    console.error(
      (error.stderr ?? error.message)
        .split('\n')
        .filter((line) => line.includes('✘'))
        .join('\n') || error.message,
    );
    process.exit(1);
  });
  const files = await readdir(scratch);
  // generated/ holds what this writes and nothing else: a file it no longer makes is stale too.
  const leftOver = (await readdir(outDirectory).catch(() => [])).filter((file) => !files.includes(file));
  const shown = (file: string) => relative(process.cwd(), join(outDirectory, file));
  if (values.check) {
    const stale = leftOver.map(shown);
    for (const file of files) {
      const fresh = await readFile(join(scratch, file), 'utf8');
      const current = await readFile(join(outDirectory, file), 'utf8').catch(() => undefined);
      if (current !== fresh) stale.push(shown(file));
    }
    if (stale.length > 0) {
      const fix =
        values.contract === join(PROJECT_ROOT, 'openapi.yaml')
          ? 'npm run generate'
          : `node scripts/generate.ts --contract ${relative(process.cwd(), contractPath)} --out ${relative(process.cwd(), outDirectory)}`;
      console.error(
        `${stale.join(', ')} no longer match${stale.length === 1 ? 'es' : ''} ${relative(process.cwd(), contractPath)}.`,
      );
      console.error(`Run \`${fix}\` and commit the result.`);
      process.exit(1);
    }
    console.log(`generated/ matches ${relative(process.cwd(), contractPath)} (${files.join(', ')}).`);
  } else {
    await mkdir(outDirectory, { recursive: true });
    for (const file of leftOver) await rm(join(outDirectory, file), { recursive: true });
    for (const file of files) await writeFile(join(outDirectory, file), await readFile(join(scratch, file)));
    console.log(`Wrote ${files.map(shown).join(', ')} from ${relative(process.cwd(), contractPath)}.`);
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
