// The bundles the benchmark measures, all built with exactly the template's BuildProperties:
// the production handler, the floor, and one per layer (middy, logger, metrics).
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptionsFor } from '../lib/bundle.ts';
import { readTemplate, serverlessFunctions } from '../lib/template.ts';

export const VARIANTS = ['production', 'floor', 'middy', 'logger', 'metrics'] as const;
export type Variant = (typeof VARIANTS)[number];

export interface BuiltVariant {
  variant: Variant;
  file: string;
  bytes: number;
  inputs: string[];
  text: string;
}

const handlerSource = (variant: Variant) =>
  variant === 'production' ? undefined : fileURLToPath(new URL(`./handlers/${variant}.ts`, import.meta.url));

/** Builds every variant into a fresh temporary folder. */
export const buildVariants = async (): Promise<Record<Variant, BuiltVariant>> => {
  const [fn] = serverlessFunctions(readTemplate());
  if (fn === undefined) throw new Error('template.yaml has no function');
  const root = await mkdtemp(join(tmpdir(), 'guru-bench-'));
  const built = await Promise.all(
    VARIANTS.map(async (variant): Promise<BuiltVariant> => {
      const outdir = join(root, variant);
      const options = esbuildOptionsFor(fn, outdir);
      const source = handlerSource(variant);
      const { metafile, outputFiles } = await build({
        ...options,
        ...(source && { entryPoints: [source] }),
        write: false,
        metafile: true,
      });
      const output = outputFiles.find((file) => /\.m?js$/.test(file.path))!;
      await mkdir(outdir, { recursive: true });
      await Promise.all(outputFiles.map((file) => writeFile(file.path, file.contents)));
      return {
        variant,
        file: output.path,
        bytes: output.contents.length,
        inputs: Object.keys(metafile!.inputs),
        text: output.text,
      };
    }),
  );
  return Object.fromEntries(built.map((variant) => [variant.variant, variant])) as Record<Variant, BuiltVariant>;
};
