// The bundles the benchmark measures, each built by lib/bundle.ts with the template's
// BuildProperties, as `sam build` builds them: the production handler, the floor, and one per
// layer (middy, logger, metrics), whose entry point is the only difference.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction } from '../lib/bundle.ts';
import { readTemplate, type ServerlessFunction, serverlessFunctions } from '../lib/template.ts';

export const VARIANTS = ['production', 'floor', 'middy', 'logger', 'metrics'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface BuiltVariant {
  variant: Variant;
  file: string;
  bytes: number;
  inputs: string[];
  text: string;
}

/** The function with `bench/handlers/<variant>.ts` as its entry point and handler module. */
const asVariant = (fn: ServerlessFunction, variant: Variant): ServerlessFunction =>
  variant === 'production'
    ? fn
    : {
        logicalId: fn.logicalId,
        properties: { ...fn.properties, Handler: `${variant}.handler` },
        metadata: {
          ...fn.metadata,
          BuildProperties: {
            ...(fn.metadata.BuildProperties as object),
            EntryPoints: [`bench/handlers/${variant}.ts`],
          },
        },
      };

/** Builds every variant into a fresh temporary folder. */
export const buildVariants = async (): Promise<Record<Variant, BuiltVariant>> => {
  const fn = serverlessFunctions(readTemplate()).find(({ logicalId }) => logicalId === 'MeditationsFunction');
  if (fn === undefined) throw new Error('template.yaml has no MeditationsFunction');
  const root = await mkdtemp(join(tmpdir(), 'guru-bench-'));
  const built = await Promise.all(
    VARIANTS.map(async (variant): Promise<BuiltVariant> => {
      const bundle = await bundleFunction(asVariant(fn, variant), join(root, variant));
      const text = await readFile(bundle.file, 'utf8');
      return {
        variant,
        file: bundle.file,
        bytes: Buffer.byteLength(text),
        inputs: Object.keys(bundle.metafile.inputs),
        text,
      };
    }),
  );
  return Object.fromEntries(built.map((variant) => [variant.variant, variant])) as Record<Variant, BuiltVariant>;
};

/** The pre-traffic hook, as sam build bundles it: measured on its own line, apart from the API's function. */
export const buildHook = async (): Promise<{ file: string; bytes: number; inputs: string[]; text: string }> => {
  const hook = serverlessFunctions(readTemplate()).find(({ logicalId }) => logicalId === 'PreTrafficHook');
  if (hook === undefined) throw new Error('template.yaml has no PreTrafficHook');
  const bundle = await bundleFunction(hook, await mkdtemp(join(tmpdir(), 'guru-bench-hook-')));
  const text = await readFile(bundle.file, 'utf8');
  return { file: bundle.file, bytes: Buffer.byteLength(text), inputs: Object.keys(bundle.metafile.inputs), text };
};
