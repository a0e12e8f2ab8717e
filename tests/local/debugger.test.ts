// `npm start -- --inspect` driven as a debugger drives it, over the inspector protocol: a breakpoint
// at a line of src/api/run-operation.ts (placed through the bundle's source map), where every
// operation's implementation is called; an operation's example request, the pause at that file and
// line, a hold longer than the function's timeout, resume, and the answer.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedPositionFor, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import { connectInspector } from '../support/cdp.ts';
import { contract } from '../support/contract.ts';
import { exampleHttpRequest, exampleOf } from '../support/examples.ts';
import { asContractResponse, send } from '../support/http.ts';

const CLI = fileURLToPath(new URL('../../local/cli.ts', import.meta.url));
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_FILE = 'src/api/run-operation.ts';
const SOURCE = fileURLToPath(new URL(`../../${SOURCE_FILE}`, import.meta.url));
/** The line (1-based) that calls the operation's implementation. */
const LINE =
  readFileSync(SOURCE, 'utf8')
    .split('\n')
    .findIndex((line) => line.includes('await routed.implementation(')) + 1;
/** The template's Timeout for the function is 3 s: the pause outlasts it. */
const HOLD_MS = 4_000;

/** Starts `npm start -- --inspect` on free ports; resolves with the API's and the inspector's URLs. */
const startDebuggable = () => {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--inspect=127.0.0.1:0'], {
    cwd: PROJECT,
    env: { ...process.env, PORT: undefined, HOST: undefined },
  });
  let output = '';
  const started = new Promise<{ api: string; inspector: string }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const api = /would: (http:\/\/\S+)/.exec(output)?.[1];
      const inspector = /Debugger: (ws:\/\/\S+)/.exec(output)?.[1];
      if (api && inspector && output.includes('Ctrl+C')) resolve({ api, inspector });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { started, stop: () => child.kill('SIGTERM') };
};

describe('npm start -- --inspect', () => {
  it('stops at a breakpoint in src/, holds the request past the timeout, and answers once resumed', async () => {
    // Prepare: the inspector of the runner, told to hold each new worker thread (a cold start)
    // until the debugger has set it up, as VS Code's and Chrome's debuggers do.
    const runner = startDebuggable();
    const { api, inspector: url } = await runner.started;
    const inspector = await connectInspector(url);
    try {
      await inspector.send('NodeWorker.enable', { waitForDebuggerOnStart: true });

      // Act: the request starts an execution environment, a worker thread.
      const example = exampleOf();
      const answer = send(api, exampleHttpRequest(example));
      let answered = false;
      void answer.then(() => {
        answered = true;
      });
      const { sessionId } = (await inspector.next('NodeWorker.attachedToWorker')) as { sessionId: string };
      const worker = inspector.worker(sessionId);
      await worker.send('Debugger.enable');
      // A debugger that knows the bundle only once it loads stops at its first line, places the
      // breakpoint through its source map, and goes on.
      await worker.send('Debugger.setBreakpointByUrl', {
        urlRegex: '/MeditationsFunction/handler\\.cjs$',
        lineNumber: 0,
      });
      await worker.send('Runtime.runIfWaitingForDebugger');
      await worker.next('Debugger.paused', (params) => params.reason === 'Break on start');
      await worker.send('Debugger.resume');
      const bundle = (await worker.next('Debugger.scriptParsed', (params) =>
        String(params.url).endsWith('/handler.cjs'),
      )) as {
        scriptId: string;
        url: string;
        sourceMapURL: string;
      };
      await worker.next('Debugger.paused', (params) => (params.hitBreakpoints as string[] | undefined)?.length === 1);
      const mapUrl = new URL(bundle.sourceMapURL, bundle.url);
      const map = new TraceMap(readFileSync(mapUrl, 'utf8'), mapUrl.href);
      const source = map.resolvedSources.find((resolved) => resolved?.endsWith(`/${SOURCE_FILE}`));
      expect(source).toBeDefined();
      const generated = generatedPositionFor(map, { source: source!, line: LINE, column: 0, bias: LEAST_UPPER_BOUND });
      await worker.send('Debugger.setBreakpoint', {
        location: { scriptId: bundle.scriptId, lineNumber: generated.line! - 1, columnNumber: generated.column! },
      });
      await worker.send('Debugger.resume');
      const paused = (await worker.next('Debugger.paused')) as {
        callFrames: { location: { lineNumber: number; columnNumber: number } }[];
      };
      const where = paused.callFrames[0]!.location;
      const original = originalPositionFor(map, { line: where.lineNumber + 1, column: where.columnNumber });
      await new Promise((held) => setTimeout(held, HOLD_MS));
      const answeredWhilePaused = answered;
      await worker.send('Debugger.resume');
      const response = await answer;

      // Assess
      expect(original.source).toBe(source);
      expect(original.line).toBe(LINE);
      expect(answeredWhilePaused).toBe(false);
      expect(response.statusCode).toBe(example.status);
      expect(contract.checkResponse(example.operationId, asContractResponse(response))).toEqual({
        valid: true,
        errors: [],
      });
    } finally {
      inspector.close();
      runner.stop();
    }
  }, 120_000);
});
