// `npm run smoke` against servers that answer wrongly, or not at all: it reports what it received.
import { createServer, type RequestListener, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { NoAnswerError, runSmoke } from '../../scripts/smoke.ts';
import { CONTRACT_VERSION } from '../../src/contract.ts';

let server: Server | undefined;

const serve = async (listener: RequestListener): Promise<string> => {
  server = createServer(listener);
  await new Promise<void>((listening) => server?.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
};

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((closed) => server?.close(closed));
  server = undefined;
});

describe('smoke', () => {
  it('reports an error answer with a JSON body as received, and a missing header as missing', async () => {
    // Prepare: every request answered 500 with a valid error body, but no Cache-Control.
    const url = await serve((_, response) => {
      response.writeHead(500, {
        'Content-Type': 'application/json',
        'X-Content-Type-Options': 'nosniff',
        'x-amzn-RequestId': 'r-1',
      });
      response.end('{"status":"error","code":"INTERNAL","message":"down","requestId":"r-1"}');
    });

    // Act
    const [meditate] = await runSmoke(url);

    // Assess
    expect(meditate?.problems).toContain(
      'status 500, expected 200; body: {"status":"error","code":"INTERNAL","message":"down","requestId":"r-1"}',
    );
    expect(meditate?.problems).toContainEqual(
      expect.stringMatching(/^contract: header Cache-Control is missing: must be string/),
    );
    expect(meditate?.problems.join('\n')).not.toMatch(/not JSON|null/);
  });

  it('reports the contract version each answer says it serves, and one that is not openapi.yaml’s', async () => {
    // Prepare: a deployment of an older contract.
    const url = await serve((_, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json', 'X-Contract-Version': '0.9.0' });
      response.end('{"status":"success","meditation":"the count of machines abides"}');
    });

    // Act
    const [meditate] = await runSmoke(url);

    // Assess
    expect(meditate?.contractVersion).toBe('0.9.0');
    expect(meditate?.problems).toContain(`serves contract 0.9.0, but openapi.yaml here is ${CONTRACT_VERSION}`);
  });

  it('gives up on a server that never answers, within the timeout', async () => {
    // Prepare
    const url = await serve(() => undefined);
    const startedAt = performance.now();

    // Act / Assess
    await expect(runSmoke(url, { timeoutMs: 300 })).rejects.toThrow(NoAnswerError);
    expect(performance.now() - startedAt).toBeLessThan(5_000);
  });
});
