// Runs inside a fresh process with Lambda's environment, as the benchmark's subject:
//   cold: import the bundle and answer one event, timing the import and both together;
//   warm: answer `count` events after a warm-up, timing each, yielding to the event loop between
//         calls as the Lambda runtime does; then heap (after GC) and RSS.
// Each event is the one given on the command line as JSON (bench/example.ts: the contract's first
// example request), its request id made anew. The result goes to fd 3 as one JSON line; stdout
// (the function's logs) is /dev/null.
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { localFunctionArn } from '../lib/local-identity.ts';
import { median, percentile } from './stats.ts';

const startedAt = performance.now();
const [mode, file, countArg, SAMPLE] = process.argv.slice(2);
if (SAMPLE === undefined) throw new Error('usage: invoke-child <cold|warm> <bundle> <count> <event as JSON>');

// Ids from a counter, shaped like UUIDs: the harness must not load node:crypto itself, or the
// handler's import would not pay for it as it does in Lambda.
let invocations = 0;
const fakeUuid = (prefix: string) =>
  `${prefix}${String(invocations).padStart(8, '0')}-0000-4000-8000-000000000000`.slice(-36);
const event = () => {
  const value = JSON.parse(SAMPLE);
  value.requestContext.requestId = fakeUuid('e');
  invocations += 1;
  return value;
};
const context = () => ({
  awsRequestId: fakeUuid('c'),
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: '$LATEST',
  invokedFunctionArn: localFunctionArn(String(process.env.AWS_LAMBDA_FUNCTION_NAME)),
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
  logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 3000,
});
const report = (result: object) => writeSync(3, `${JSON.stringify(result)}\n`);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const { handler } = (await import(pathToFileURL(file!).href)) as {
  handler: (event: unknown, context: unknown) => Promise<{ statusCode: number }>;
};
const importMs = performance.now() - startedAt;
const first = await handler(event(), context());
const coldMs = performance.now() - startedAt;
// Any answer but a success measures a failure, not the function.
if (first.statusCode < 200 || first.statusCode > 299) throw new Error(`the handler answered ${first.statusCode}`);

if (mode === 'cold') {
  report({ coldMs, importMs });
} else {
  const count = Number(countArg);
  for (let i = 0; i < Math.min(10_000, count / 10); i++) {
    await handler(event(), context());
    await nextTurn();
  }
  // Each call gets its own event and context, built outside the timed span.
  const durationsUs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const input = event();
    const ctx = context();
    const before = performance.now();
    await handler(input, ctx);
    durationsUs[i] = (performance.now() - before) * 1000;
    await nextTurn();
  }
  globalThis.gc?.();
  const { heapUsed, rss } = process.memoryUsage();
  const samples = [...durationsUs];
  report({
    count,
    p50Us: median(samples),
    p90Us: percentile(samples, 0.9),
    p99Us: percentile(samples, 0.99),
    heapUsedMb: heapUsed / 2 ** 20,
    rssMb: rss / 2 ** 20,
  });
}
