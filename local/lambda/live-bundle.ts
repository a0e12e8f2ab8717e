// The function's bundle, built with the template's BuildProperties (as `sam build` would) and
// rebuilt whenever one of its source files changes, so an edit is live on the next request.
import { type FSWatcher, watch } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { bundleFunction } from '../lib/bundle.ts';
import type { LocalFunction } from './api-definition.ts';
import type { FunctionCode } from './execution-environment.ts';

export interface LiveBundle {
  code: FunctionCode;
  close: () => Promise<void>;
}

const REBUILD_DELAY_MS = 50;

/** Builds the function now; with `onRebuild`, rebuilds on every source change and reports the new code. */
export const liveBundle = async (
  fn: LocalFunction,
  templateDir: string,
  { onRebuild, log }: { onRebuild?: (code: FunctionCode) => void; log: (line: string) => void },
): Promise<LiveBundle> => {
  const root = await mkdtemp(join(tmpdir(), 'guru-local-'));
  let generation = 0;
  // Each build gets its own folder, so an environment never loads a half-written file.
  const build = async () => {
    const bundle = await bundleFunction(fn.definition, join(root, `build-${generation++}`), templateDir);
    const sources = Object.keys(bundle.metafile.inputs)
      .map((input) => resolve(input))
      .filter((input) => !input.includes('/node_modules/'));
    return { code: { file: bundle.file, exportName: bundle.exportName }, sources };
  };
  const first = await build();
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;

  const watchSources = (sources: string[]) => {
    for (const watcher of watchers.splice(0)) watcher.close();
    for (const directory of new Set(sources.map((source) => dirname(source)))) {
      watchers.push(
        watch(directory, (_, name) => {
          if (name === null || !/\.[cm]?[jt]sx?$/.test(name)) return;
          clearTimeout(timer);
          timer = setTimeout(rebuild, REBUILD_DELAY_MS);
        }),
      );
    }
  };
  const rebuild = async () => {
    try {
      const next = await build();
      watchSources(next.sources);
      log(`Rebuilt ${fn.logicalId}: the next request runs the new code (cold start).`);
      onRebuild?.(next.code);
    } catch (error) {
      // esbuild has already printed the errors; the previous build keeps serving.
      log(
        `Rebuilding ${fn.logicalId} failed: ${(error as Error).message.split('\n')[0]}. Still serving the previous build.`,
      );
    }
  };
  if (onRebuild) watchSources(first.sources);

  return {
    code: first.code,
    close: async () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      await rm(root, { recursive: true, force: true });
    },
  };
};
