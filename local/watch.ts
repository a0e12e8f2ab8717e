// Rebuilding on change, for the live bundle and the docs: the directories that hold the files are
// watched, and a change to a matching name rebuilds once the burst of writes an editor makes has
// settled for `delayMs`.
import { type FSWatcher, watch } from 'node:fs';

/** Calls `onChange` once changes to files named as `matches` accepts, in `directories`, settle. */
export const watchForChanges = (
  directories: Iterable<string>,
  matches: (name: string) => boolean,
  onChange: () => void,
  delayMs: number,
): { close: () => void } => {
  let timer: NodeJS.Timeout | undefined;
  const watchers: FSWatcher[] = [...new Set(directories)].map((directory) =>
    watch(directory, (_, name) => {
      if (name === null || !matches(name)) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, delayMs);
    }),
  );
  return {
    close: () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
};
