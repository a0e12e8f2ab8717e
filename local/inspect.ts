// `--inspect[=[host:]port]`, as Node's own flag: the inspector opened on this process, so Chrome
// DevTools or VS Code can attach. The functions run in worker threads of this process, which a
// debugger attached here sees and stops in (Node's NodeWorker domain); the bundles' source maps
// take a breakpoint set in src/**/*.ts to the code that runs.
// https://nodejs.org/api/inspector.html#inspectoropenport-host-wait
import inspector from 'node:inspector';
import { DefinitionError } from '../lib/errors.ts';

/** Node's default inspector address. */
export const INSPECT_DEFAULT = { host: '127.0.0.1', port: 9229 };

/** `--inspect` without a value becomes `--inspect=` the default, so parseArgs can read it as a string option. */
export const withInspectValue = (args: string[]): string[] =>
  args.map((arg) => (arg === '--inspect' ? `--inspect=${INSPECT_DEFAULT.host}:${INSPECT_DEFAULT.port}` : arg));

/** `9230`, `0.0.0.0:9230`, `[::1]:9230`: Node's `[host:]port`. */
export const parseInspectAddress = (text: string): { host: string; port: number } => {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(text);
  const port = Number(match?.[2]);
  if (match === null || port > 65_535)
    throw new DefinitionError(`--inspect takes [host:]port, such as 9229 or 127.0.0.1:9229, not "${text}"`);
  return { host: match[1]?.replace(/^\[(.*)\]$/, '$1') ?? INSPECT_DEFAULT.host, port };
};

/**
 * Opens the inspector at the address and, with `wait`, blocks until a debugger has attached;
 * unless a debugger already started this process with one (VS Code's launch, `node --inspect`),
 * which is then used as it is. Returns its WebSocket URL.
 */
export const openInspector = ({ host, port }: { host: string; port: number }, wait = false): string => {
  // Node says why itself ("address already in use") and opens nothing.
  if (inspector.url() === undefined) inspector.open(port, host, wait);
  const url = inspector.url();
  if (url === undefined) throw new DefinitionError(`--inspect: the inspector cannot listen on ${host}:${port}`);
  return url;
};
