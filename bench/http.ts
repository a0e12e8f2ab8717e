// The local runner against a bare node:http server answering the same JSON, both started as
// processes on loopback and loaded by autocannon with a fixed request count and time limit.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { benchHttpRequest } from './example.ts';

const CLI = fileURLToPath(new URL('../local/cli.ts', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const TIME_LIMIT_MS = 60_000;

export interface LoadFigures {
  requestsPerSecond: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
}

/** What the runner and the bare server print once they listen. */
const LISTENING = /: (http:\/\/127\.0\.0\.1:\d+)\n/;

/**
 * Starts a server process; resolves once it prints the URL it listens on. Its output goes to a
 * file, not a pipe: a pipe needs a reader, which would compete for the CPU being measured.
 */
export const startServerProcess = (args: string[], command = process.execPath) =>
  new Promise<{ url: string; child: ChildProcess; startedAt: number }>((resolve, reject) => {
    const startedAt = performance.now();
    const outputFile = join(mkdtempSync(join(tmpdir(), 'guru-server-')), 'output.log');
    const output = openSync(outputFile, 'w');
    // Its own process group, so that stopping it stops whatever it started (npm starts a shell).
    const child = spawn(command, args, { stdio: ['ignore', output, 'inherit'], detached: true });
    closeSync(output);
    const poll = setInterval(() => {
      const url = readFileSync(outputFile, 'utf8').match(LISTENING)?.[1];
      if (url === undefined) return;
      clearInterval(poll);
      resolve({ url, child, startedAt });
    }, 5);
    child.on('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`${args.join(' ')} exited with ${code}: ${readFileSync(outputFile, 'utf8')}`));
    });
  });

/** Stops a server process and whatever it started. */
export const stopServerProcess = (child: ChildProcess) => {
  if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
};

/**
 * The bench's request (bench/example.ts) at `connections` for `seconds`, and never more than
 * `maxRequests`. A fixed duration, not a fixed count: autocannon checks a count once a second,
 * which would round every run up to whole seconds and flatten fast servers' figures.
 */
const load = (url: string, seconds: number, maxRequests: number, connections: number) =>
  new Promise<LoadFigures>((resolve, reject) => {
    const { path, method, ...request } = benchHttpRequest();
    const instance = autocannon(
      {
        url: `${url}${path}`,
        // The contract's methods are HTTP's, which autocannon lists.
        method: method as autocannon.Request['method'],
        ...request,
        connections,
        duration: seconds,
        maxOverallRequests: maxRequests,
        timeout: 10,
      },
      (error, result) => {
        clearTimeout(limit);
        if (error) return reject(error);
        resolve({
          requestsPerSecond: result.requests.total / result.duration,
          p99Ms: result.latency.p99,
          errors: result.errors + result.timeouts,
          non2xx: result.non2xx,
        });
      },
    );
    const limit = setTimeout(() => instance.stop(), TIME_LIMIT_MS);
  });

/** `node local/cli.ts` on a free port with these template parameters (`Name=Value …`). */
export const runnerArgs = (parameterOverrides: string) => [
  CLI,
  '--port',
  '0',
  '--parameter-overrides',
  parameterOverrides,
];

/** Resolves once GET `url` answers 200. */
export const untilAnswered = async (url: string) => {
  while ((await fetch(url).catch(() => undefined))?.status !== 200) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Throughput and p99 of the runner and of the bare server, each after a warm-up round. */
export const compareThroughput = async (seconds: number, maxRequests: number, connections: number) => {
  const measure = async (args: string[], readyPath?: string) => {
    const server = await startServerProcess(args);
    try {
      // The runner renders its docs in the background at start-up; load begins once that is done,
      // so that the figures are of serving, not of start-up work sharing the CPU.
      if (readyPath !== undefined) await untilAnswered(`${server.url}${readyPath}`);
      await load(server.url, 1, maxRequests, connections);
      return await load(server.url, seconds, maxRequests, connections);
    } finally {
      stopServerProcess(server.child);
    }
  };
  const bare = await measure([BARE]);
  // Stage throttling lifted: this measures serving, not the 429 path.
  const runner = await measure(runnerArgs('ThrottlingRateLimit=1000000 ThrottlingBurstLimit=1000000'), '/docs');
  return { bare, runner };
};

/** From `npm start` to the runner's first success for the bench's request. */
export const timeToFirstAnswer = async (): Promise<number> => {
  const server = await startServerProcess(['start', '--', '--port', '0'], 'npm');
  const { path, ...request } = benchHttpRequest();
  try {
    for (;;) {
      const response = await fetch(`${server.url}${path}`, request).catch(() => undefined);
      if (response?.ok) return performance.now() - server.startedAt;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    stopServerProcess(server.child);
  }
};
