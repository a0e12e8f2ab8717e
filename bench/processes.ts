// Fresh processes for the benchmark: the function in Lambda's environment, and HTTP servers.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { readApiDefinition } from '../local/api-definition.ts';
import { lambdaEnvironment } from '../local/lambda/execution-environment.ts';
import { benchEvent } from './example.ts';

const CHILD_SOURCE = fileURLToPath(new URL('./invoke-child.ts', import.meta.url));
const TEMPLATE = fileURLToPath(new URL('../template.yaml', import.meta.url));

/** The environment Lambda gives the function (template variables included), as the runner builds it. */
export const functionEnvironment = (bundleFile: string): Record<string, string> => {
  const fn = readApiDefinition(TEMPLATE).functions.get('MeditationsFunction')!;
  return lambdaEnvironment(fn, dirname(bundleFile), '2026/11/28/[$LATEST]bench');
};

let event: string | undefined;
/** The event each invocation gets, as JSON: built here, since the child must load nothing the handler does not. */
const eventArgument = () => {
  event ??= JSON.stringify(benchEvent(readApiDefinition(TEMPLATE).stage));
  return event;
};

export interface ChildRun<T> {
  result: T;
  /** From spawn to the result: the whole process's time to its first answer, for a cold run. */
  wallMs: number;
}

/**
 * bench/invoke-child.ts as plain JavaScript, as the Lambda runtime is: run as TypeScript, Node
 * would load its type stripper into every measured process (~30 MB, milliseconds of start-up).
 */
export const buildChild = async (): Promise<string> => {
  const outfile = join(await mkdtemp(join(tmpdir(), 'guru-bench-child-')), 'invoke-child.mjs');
  await build({
    entryPoints: [CHILD_SOURCE],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
};

/** Runs the built invoke-child once and resolves with what it reports on fd 3. */
export const runChild = <T>(
  child: string,
  mode: 'cold' | 'warm',
  bundleFile: string,
  { count = 0, withoutVariables = [] }: { count?: number; withoutVariables?: string[] } = {},
): Promise<ChildRun<T>> =>
  new Promise((resolve, reject) => {
    const environment = functionEnvironment(bundleFile);
    for (const name of withoutVariables) delete environment[name];
    // Warm runs size V8's heap for the function's MemorySize as Lambda's Node.js bootstrap has
    // done (semi-space 5%, old space 90%), or V8 sizes it for this machine and RSS says nothing
    // about 128 MB. Cold runs take no flags: any V8 flag makes Node drop its start-up snapshot's
    // code cache here, which would triple a cold start.
    const memoryMb = Number(environment.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
    const flags =
      mode === 'warm'
        ? [
            '--expose-gc',
            `--max-semi-space-size=${Math.floor(memoryMb * 0.05)}`,
            `--max-old-space-size=${Math.floor(memoryMb * 0.9)}`,
          ]
        : [];
    const startedAt = performance.now();
    const process_ = spawn(process.execPath, [...flags, child, mode, bundleFile, String(count), eventArgument()], {
      env: environment,
      // stdout (the function's logs) goes to /dev/null; results come on fd 3.
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    let text = '';
    let wallMs = 0;
    process_.stdio[3]!.on('data', (chunk: Buffer) => {
      if (text === '') wallMs = performance.now() - startedAt;
      text += chunk.toString();
    });
    process_.on('exit', (code) => {
      if (code !== 0 || text === '') return reject(new Error(`${mode} run of ${bundleFile} exited with ${code}`));
      resolve({ result: JSON.parse(text) as T, wallMs });
    });
  });
