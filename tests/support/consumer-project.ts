// A fresh project that uses the client package as anyone would: installed from its tarball with npm,
// type-checked by tsc under its own tsconfig, run by Node. For the package's tests.
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectFile } from '../../lib/project.ts';

const run = promisify(execFile);

/** What a command printed, and how it ended. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, never rejecting on a non-zero exit: the caller judges the outcome. */
export const runCommand = async (command: string, args: string[], cwd: string): Promise<Ran> => {
  try {
    const { stdout, stderr } = await run(command, args, { cwd, encoding: 'utf8', timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, stdout, stderr };
  }
};

/** A consumer's own settings: a browser's globals (no @types/node), and the package's declarations checked too. */
const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'nodenext',
    moduleResolution: 'nodenext',
    lib: ['ES2022', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
  },
  include: ['*.ts'],
};

interface LockEntry {
  version: string;
  integrity: string;
  license?: string;
  dependencies?: Record<string, string>;
}

/**
 * The root lockfile's entries for `names` and all they depend on. npm 11 reads a package's full
 * metadata from the registry to resolve a range, which `npm ci` never caches; a lockfile that pins
 * the dependencies lets `npm install --offline` take them from the cache, as the project locks them.
 */
const lockedEntries = async (names: string[]): Promise<Record<string, LockEntry>> => {
  const { packages } = JSON.parse(await readFile(projectFile('package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const entries: Record<string, LockEntry> = {};
  const queue = [...names];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    const key = `node_modules/${name}`;
    const entry = packages[key];
    if (entry === undefined) throw new Error(`package-lock.json has no ${key}`);
    const { version, integrity, license, dependencies } = entry;
    entries[key] = { version, integrity, license, dependencies };
    queue.push(...Object.keys(dependencies ?? {}).filter((dependency) => !(`node_modules/${dependency}` in entries)));
  }
  return entries;
};

/** A fresh project in `directory` with `tarball` installed offline, its dependencies pinned as the root locks them. */
export const installedConsumer = async (directory: string, tarball: string, dependencies: string[]): Promise<Ran> => {
  await mkdir(directory, { recursive: true });
  const manifest = { name: 'client-consumer', private: true, type: 'module' };
  const lock = { ...manifest, lockfileVersion: 3, requires: true, packages: { '': manifest } };
  Object.assign(lock.packages, await lockedEntries(dependencies));
  await writeFile(join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(directory, 'package-lock.json'), JSON.stringify(lock, null, 2));
  await writeFile(join(directory, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  return runCommand('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], directory);
};

/** The root's tsc on the project in `directory`. */
export const typeCheck = (directory: string): Promise<Ran> =>
  runCommand(process.execPath, [projectFile('node_modules', 'typescript', 'bin', 'tsc'), '-p', directory], directory);
