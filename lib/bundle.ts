// Bundles a function as `sam build` does: the esbuild command line that SAM CLI builds from the
// template's BuildProperties, run with the project's esbuild. What `npm run bundle`, the local
// runner and the benchmark build is what ships. The rules mirror aws-lambda-builders 1.63
// (workflows/nodejs_npm_esbuild/esbuild.py, EsbuildCommandBuilder) and SAM CLI's
// ResourceMetadataNormalizer.normalize_build_properties.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Metafile } from 'esbuild';
import { PROJECT_ROOT } from './project.ts';
import { readTemplate, type ServerlessFunction, serverlessFunctions, type Template } from './template.ts';

/** Where `npm run bundle` writes, one folder per function (like .aws-sam/build/<LogicalId>). */
export const DEFAULT_OUT_ROOT = join(PROJECT_ROOT, 'dist');

const ESBUILD = join(PROJECT_ROOT, 'node_modules', '.bin', 'esbuild');
const run = promisify(execFile);

/** Lambda Builders sets these itself and ignores them in BuildProperties. */
const NOT_CONFIGURABLE = new Set(['bundle', 'platform', 'outdir', 'use_npm_ci', 'entry_points']);

/** `SourcesContent` → `sources-content`: SAM CLI's PascalCase → snake_case, then Lambda Builders' `_` → `-`. */
const flagName = (property: string) =>
  property
    .replace(/(?<!^)(?=[A-Z])/g, '_')
    .toLowerCase()
    .replaceAll('_', '-');

/**
 * One property as command-line flags: `true` → `--flag`, `false` → nothing at all (so `false`
 * leaves esbuild's default), a string → `--flag=value`, a list → `--flag:item` per item.
 */
const flagsOf = (logicalId: string, property: string, value: unknown): string[] => {
  const flag = flagName(property);
  if (typeof value === 'boolean') return value ? [`--${flag}`] : [];
  if (typeof value === 'string') return [`--${flag}=${value}`];
  if (Array.isArray(value)) return value.map((item) => `--${flag}:${String(item)}`);
  throw new Error(
    `${logicalId}: BuildProperties.${property} is neither a boolean, a string nor a list; sam build rejects it`,
  );
};

/** An entry point as Lambda Builders resolves it: as written if it has an extension, else `.ts`, then `.js`. */
const resolveEntryPoint = (logicalId: string, codeUri: string, entry: string): string => {
  const candidates = extname(entry) ? [entry] : [`${entry}.ts`, `${entry}.js`];
  const found = candidates.find((candidate) => existsSync(join(codeUri, candidate)));
  if (found === undefined) throw new Error(`${logicalId}: entry point ${entry} does not exist in ${codeUri}`);
  return found;
};

/** The function's code folder, which `sam build` copies and runs esbuild in. */
export const codeUriOf = (fn: ServerlessFunction, templateDir = PROJECT_ROOT) =>
  resolve(templateDir, String(fn.properties.CodeUri ?? '.'));

/**
 * The esbuild arguments `sam build` runs for the function, in its order: entry points, the fixed
 * flags, SAM's defaults for what BuildProperties leave out, then every property as written.
 */
export const samEsbuildArguments = (fn: ServerlessFunction, outdir: string, templateDir = PROJECT_ROOT): string[] => {
  if (fn.metadata.BuildMethod !== 'esbuild') throw new Error(`${fn.logicalId}: Metadata.BuildMethod is not esbuild`);
  const properties: Record<string, unknown> = { ...(fn.metadata.BuildProperties as Record<string, unknown>) };
  const names = new Set(Object.keys(properties).map(flagName));
  // SAM CLI turns source maps on when NODE_OPTIONS asks for them and Sourcemap is unset.
  const nodeOptions = (fn.properties.Environment as { Variables?: Record<string, unknown> }).Variables?.NODE_OPTIONS;
  if (!names.has('sourcemap') && String(nodeOptions ?? '').includes('--enable-source-maps'))
    properties.Sourcemap = true;

  const codeUri = codeUriOf(fn, templateDir);
  const entryPoints = (properties.EntryPoints as string[] | undefined) ?? [
    String(fn.properties.Handler).split('.')[0] ?? '',
  ];
  if (entryPoints.length === 0) throw new Error(`${fn.logicalId}: BuildProperties.EntryPoints is empty`);
  return [
    ...entryPoints.map((entry) => resolveEntryPoint(fn.logicalId, codeUri, entry)),
    '--bundle',
    '--platform=node',
    `--outdir=${outdir}`,
    ...(names.has('target') ? [] : ['--target=es2020']),
    ...(names.has('format') ? [] : ['--format=cjs']),
    ...(names.has('minify') ? [] : ['--minify']),
    ...Object.entries(properties)
      .filter(([property]) => !NOT_CONFIGURABLE.has(flagName(property).replaceAll('-', '_')))
      .flatMap(([property, value]) => flagsOf(fn.logicalId, property, value)),
  ];
};

/** esbuild's own report of a failed build, as it printed it. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}

export interface Bundle {
  logicalId: string;
  /** The folder esbuild ran in: the metafile's paths are relative to it. */
  codeUri: string;
  /** The file Lambda loads, named after the entry point as esbuild names it. */
  file: string;
  /** The exported function `Handler:` names. */
  exportName: string;
  metafile: Metafile;
}

/** Bundles one function into `outRoot/<LogicalId>/` and says which file and export Lambda will run. */
export const bundleFunction = async (
  fn: ServerlessFunction,
  outRoot = DEFAULT_OUT_ROOT,
  templateDir = PROJECT_ROOT,
): Promise<Bundle> => {
  const outdir = join(outRoot, fn.logicalId);
  const args = samEsbuildArguments(fn, outdir, templateDir);
  // A fresh folder, as sam build's: nothing of an earlier build is left beside this one.
  await rm(outdir, { recursive: true, force: true });
  const metafilePath = join(outRoot, `${fn.logicalId}.metafile.json`);
  try {
    // The metafile lists the sources (for the runner's watcher); it changes nothing in the output.
    await run(ESBUILD, [...args, `--metafile=${metafilePath}`, '--log-level=error'], {
      cwd: codeUriOf(fn, templateDir),
    });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new BundleError(stderr?.trim() || (error as Error).message);
  }
  const metafile = JSON.parse(await readFile(metafilePath, 'utf8')) as Metafile;
  const [moduleName, exportName = 'handler'] = String(fn.properties.Handler).split(/\.(?=[^.]+$)/);
  const extension = args.find((arg) => arg.startsWith('--out-extension:.js='))?.split('=')[1] ?? '.js';
  const file = join(outdir, `${moduleName}${extension}`);
  if (!existsSync(file)) {
    const built = Object.keys(metafile.outputs)
      .filter((output) => !output.endsWith('.map'))
      .map((output) => basename(output));
    throw new Error(
      `${fn.logicalId}: Handler "${String(fn.properties.Handler)}" names ${basename(file)}, but esbuild wrote ${built.join(', ')}`,
    );
  }
  return { logicalId: fn.logicalId, codeUri: codeUriOf(fn, templateDir), file, exportName, metafile };
};

/** Bundles every function in the template. */
export const bundleAll = async (template: Template = readTemplate(), outRoot = DEFAULT_OUT_ROOT): Promise<Bundle[]> =>
  Promise.all(serverlessFunctions(template).map((fn) => bundleFunction(fn, outRoot)));
