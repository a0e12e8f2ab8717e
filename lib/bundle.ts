// Bundles each function with esbuild exactly as `sam build` does, from the BuildProperties in
// template.yaml, for where the SAM CLI is not installed: tests, the local runner, the benchmark.
// Mirrors aws-lambda-builders' nodejs_npm_esbuild workflow (esbuild.py: EsbuildCommandBuilder).
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { readTemplate, type ServerlessFunction, serverlessFunctions, type Template } from './template.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where `npm run bundle` writes, one folder per function (like .aws-sam/build/<LogicalId>). */
export const DEFAULT_OUT_ROOT = join(PROJECT_ROOT, 'dist');

/** The BuildProperties SAM's esbuild workflow understands; anything else is a typo. */
const KNOWN_PROPERTIES = new Set([
  'EntryPoints',
  'External',
  'Format',
  'Loader',
  'MainFields',
  'Minify',
  'OutExtension',
  'Sourcemap',
  'SourcesContent',
  'Target',
  'Banner',
]);

/** SAM's `key=value` list form (`.js=.mjs`, `js=…`) as an object. */
const keyValues = (list: unknown): Record<string, string> =>
  Object.fromEntries(
    (list as string[]).map((item) => {
      const at = item.indexOf('=');
      return [item.slice(0, at), item.slice(at + 1)];
    }),
  );

/**
 * esbuild options equivalent to the command line `sam build` runs for these BuildProperties.
 * `templateDir` is where template.yaml is: CodeUri is relative to it.
 */
export const esbuildOptionsFor = (fn: ServerlessFunction, outdir: string, templateDir = PROJECT_ROOT): BuildOptions => {
  if (fn.metadata.BuildMethod !== 'esbuild') throw new Error(`${fn.logicalId}: Metadata.BuildMethod is not esbuild`);
  const properties = (fn.metadata.BuildProperties ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(properties).filter((key) => !KNOWN_PROPERTIES.has(key));
  if (unknown.length > 0) throw new Error(`${fn.logicalId}: unknown BuildProperties ${unknown.join(', ')}`);
  const codeUri = resolve(templateDir, String(fn.properties.CodeUri ?? '.'));
  const entryPoints = (properties.EntryPoints as string[] | undefined) ?? [];
  if (entryPoints.length === 0) throw new Error(`${fn.logicalId}: BuildProperties.EntryPoints is empty`);
  return {
    entryPoints: entryPoints.map((entry) => join(codeUri, entry)),
    bundle: true,
    platform: 'node',
    outdir,
    // SAM's defaults where a property is absent.
    target: String(properties.Target ?? 'es2020'),
    format: (properties.Format ?? 'cjs') as BuildOptions['format'],
    minify: properties.Minify !== false,
    sourcemap: properties.Sourcemap === true,
    ...(properties.SourcesContent !== undefined && { sourcesContent: properties.SourcesContent !== false }),
    ...(properties.External !== undefined && { external: properties.External as string[] }),
    ...(properties.MainFields !== undefined && { mainFields: String(properties.MainFields).split(',') }),
    ...(properties.Loader !== undefined && { loader: keyValues(properties.Loader) as BuildOptions['loader'] }),
    ...(properties.OutExtension !== undefined && { outExtension: keyValues(properties.OutExtension) }),
    ...(properties.Banner !== undefined && { banner: keyValues(properties.Banner) }),
    metafile: true,
    logLevel: 'warning',
  };
};

export interface Bundle {
  logicalId: string;
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
  const options = esbuildOptionsFor(fn, outdir, templateDir);
  const { metafile } = await build(options);
  const [moduleName, exportName] = String(fn.properties.Handler).split(/\.(?=[^.]+$)/);
  const extension = options.outExtension?.['.js'] ?? '.js';
  const file = join(outdir, `${moduleName}${extension}`);
  if (!existsSync(file)) {
    const built = (options.entryPoints as string[]).map((entry) => `${basename(entry, extname(entry))}${extension}`);
    throw new Error(
      `${fn.logicalId}: Handler "${String(fn.properties.Handler)}" names ${basename(file)}, but esbuild wrote ${built.join(', ')}`,
    );
  }
  return { logicalId: fn.logicalId, file, exportName: exportName ?? 'handler', metafile: metafile! };
};

/** Bundles every function in the template. */
export const bundleAll = async (template: Template = readTemplate(), outRoot = DEFAULT_OUT_ROOT): Promise<Bundle[]> =>
  Promise.all(serverlessFunctions(template).map((fn) => bundleFunction(fn, outRoot)));
