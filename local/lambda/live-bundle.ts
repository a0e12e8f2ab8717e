// The function's bundle, built as `sam build` builds it (lib/bundle.ts) and, once watched, rebuilt
// whenever one of its source files changes, so an edit is live on the next request.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleFunction } from '../../lib/bundle.ts';
import type { LocalFunction } from '../api-definition.ts';
import { watchForChanges } from '../watch.ts';
import type { FunctionCode } from './execution-environment.ts';

export interface LiveBundle {
  /** The first build. */
  code: FunctionCode;
  /** Rebuilds on every change to a source file and hands over each good build. */
  watch: (onRebuild: (code: FunctionCode) => void) => void;
  close: () => Promise<void>;
}

const REBUILD_DELAY_MS = 50;
const SOURCE_FILE = /\.[cm]?[jt]sx?$/;

/** Builds the function now. */
export const buildLiveBundle = async (
  fn: LocalFunction,
  templateDir: string,
  log: (line: string) => void,
): Promise<LiveBundle> => {
  const root = await mkdtemp(join(tmpdir(), 'guru-local-'));
  let generation = 0;
  // Each build gets its own folder, so an environment never loads a half-written file.
  const build = async () => {
    const bundle = await bundleFunction(fn.definition, join(root, `build-${generation++}`), templateDir);
    const sources = Object.keys(bundle.metafile.inputs)
      .map((input) => resolve(bundle.codeUri, input))
      .filter((input) => !input.includes('/node_modules/'));
    return { code: { file: bundle.file, exportName: bundle.exportName }, sources };
  };
  const first = await build();
  let watcher: { close: () => void } | undefined;
  const watchSources = (sources: string[], rebuild: () => void) => {
    watcher?.close();
    watcher = watchForChanges(
      sources.map((source) => dirname(source)),
      (name) => SOURCE_FILE.test(name),
      rebuild,
      REBUILD_DELAY_MS,
    );
  };

  return {
    code: first.code,
    watch: (onRebuild) => {
      const rebuild = async () => {
        try {
          const next = await build();
          watchSources(next.sources, rebuild);
          log(`Rebuilt ${fn.logicalId}: the next request runs the new code (cold start).`);
          onRebuild(next.code);
        } catch (error) {
          log(`Rebuilding ${fn.logicalId} failed; still serving the previous build. esbuild says:`);
          for (const line of (error as Error).message.split('\n')) log(`  ${line}`);
        }
      };
      watchSources(first.sources, rebuild);
    },
    close: async () => {
      watcher?.close();
      await rm(root, { recursive: true, force: true });
    },
  };
};
