// The local Lambda endpoint (`npm start -- --lambda-port`) as the AWS SDK calls it: the real
// @aws-sdk/client-lambda with `endpoint` set to it, against the project's functions and the
// faulty fixture's. Raw HTTP only for what the SDK will not send (an unknown invocation type or path).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  InvalidRequestContentException,
  InvokeCommand,
  LambdaClient,
  RequestTooLargeException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../support/contract.ts';
import { proxyEvent } from '../support/events.ts';
import { exampleEvent, exampleOf } from '../support/examples.ts';
import { FAULTY_TEMPLATE, type RunningApi, send, startTestApi } from '../support/http.ts';

const clientFor = (endpoint: string) =>
  new LambdaClient({
    endpoint,
    region: 'local-region-1',
    credentials: { accessKeyId: 'local-access-key-id', secretAccessKey: 'local-secret-access-key' },
    maxAttempts: 1,
  });

const json = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));
/** The event for POST `resource` of the faulty fixture, with a query string. */
const event = (resource: string, query = '') => proxyEvent({ method: 'POST', resource, path: resource, query });

describe('local Lambda endpoint: the project template', () => {
  let api: RunningApi;
  let lambda: LambdaClient;

  beforeAll(async () => {
    api = await startTestApi({ lambdaPort: 0 });
    lambda = clientFor(api.lambdaUrl!);
  });

  afterAll(async () => {
    lambda.destroy();
    await api.close();
  });

  it('serves every function of the template, the pre-traffic hook included', () => {
    expect([...api.functions.keys()].sort()).toEqual(['ContractMonitor', 'MeditationsFunction', 'PreTrafficHook']);
  });

  it.each([
    ['its logical id', { FunctionName: 'MeditationsFunction' }],
    ['the alias the template publishes', { FunctionName: 'MeditationsFunction:live' }],
    ['$LATEST as a Qualifier', { FunctionName: 'MeditationsFunction', Qualifier: '$LATEST' }],
    [
      'its ARN with a qualifier',
      { FunctionName: 'arn:aws:lambda:local-region-1:000000000000:function:MeditationsFunction:live' },
    ],
  ])('invokes a function named by %s and answers its result', async (_, name) => {
    // Prepare: the contract's example request of its first operation.
    const example = exampleOf();

    // Act
    const output = await lambda.send(new InvokeCommand({ ...name, Payload: JSON.stringify(exampleEvent(example)) }));

    // Assess
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe('$LATEST');
    const result = json(output.Payload);
    expect(result.statusCode).toBe(example.status);
    expect(contract.checkResponse(example.operationId, result)).toEqual({ valid: true, errors: [] });
  });

  it('answers 404 ResourceNotFoundException for a function the template does not have', async () => {
    // Act
    const failure = await lambda
      .send(new InvokeCommand({ FunctionName: 'NoSuchFunction', Payload: '{}' }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(ResourceNotFoundException);
    expect(failure).toMatchObject({
      $metadata: { httpStatusCode: 404 },
      Type: 'User',
      message: 'Function not found: arn:aws:lambda:local-region-1:000000000000:function:NoSuchFunction',
    });
  });

  it('answers 404 ResourceNotFoundException for a qualifier the template does not make', async () => {
    const failure = await lambda
      .send(new InvokeCommand({ FunctionName: 'MeditationsFunction', Qualifier: 'staging', Payload: '{}' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResourceNotFoundException);
    expect((failure as Error).message).toMatch(/function:MeditationsFunction:staging$/);
  });

  it('answers 400 InvalidRequestContentException for a payload that is not JSON', async () => {
    // Act: the SDK sends a payload as given.
    const failure = await lambda
      .send(new InvokeCommand({ FunctionName: 'MeditationsFunction', Payload: '{"unclosed": ' }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(InvalidRequestContentException);
    expect(failure).toMatchObject({ $metadata: { httpStatusCode: 400 }, Type: 'User' });
    expect((failure as Error).message).toMatch(/^Could not parse request body into json/);
  });

  it('answers an Event invocation 202 at once, and runs it', async () => {
    // Prepare
    const before = api.logs.filter((line) => line.startsWith('[MeditationsFunction] REPORT')).length;

    // Act
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: 'MeditationsFunction', InvocationType: 'Event', Payload: '{}' }),
    );

    // Assess
    expect(output.StatusCode).toBe(202);
    await expect
      .poll(() => api.logs.filter((line) => line.startsWith('[MeditationsFunction] REPORT')).length, {
        timeout: 30_000,
      })
      .toBeGreaterThan(before);
  });

  it('answers 413 RequestTooLargeException for an Event payload over its 1 MB quota', async () => {
    // Act: valid JSON, just over 1 MB, well under the 6 MB of a RequestResponse invocation.
    const payload = JSON.stringify({ padding: 'x'.repeat(1024 * 1024) });
    const failure = await lambda
      .send(new InvokeCommand({ FunctionName: 'MeditationsFunction', InvocationType: 'Event', Payload: payload }))
      .catch((error: unknown) => error);

    // Assess
    expect(failure).toBeInstanceOf(RequestTooLargeException);
    expect(failure).toMatchObject({ $metadata: { httpStatusCode: 413 }, Type: 'User' });
  });

  it('answers a DryRun 204 without invoking', async () => {
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: 'MeditationsFunction:live', InvocationType: 'DryRun' }),
    );
    expect(output.StatusCode).toBe(204);
  });

  it('answers an unknown invocation type 400, naming the ones Lambda takes', async () => {
    // Act
    const response = await send(api.lambdaUrl!, {
      path: '/2015-03-31/functions/MeditationsFunction/invocations',
      headers: { 'X-Amz-Invocation-Type': 'Later' },
      body: '{}',
    });

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('ValidationException');
    expect(response.json()).toMatchObject({
      Type: 'User',
      message: expect.stringContaining('[Event, RequestResponse, DryRun]'),
    });
  });

  it('answers 404 for a path that is no Lambda operation', async () => {
    const response = await send(api.lambdaUrl!, { method: 'GET', path: '/2015-03-31/functions' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-amzn-errortype']).toBe('UnknownOperationException');
  });
});

describe('local Lambda endpoint: a function that fails', () => {
  let api: RunningApi;
  let lambda: LambdaClient;

  beforeAll(async () => {
    // The fixture's Timeout, 1 s, raised to 2 s: room for a cold start on a busy machine, and still
    // soon enough for the timeout test.
    api = await startTestApi({ template: FAULTY_TEMPLATE, lambdaPort: 0, parameters: { FunctionTimeout: '2' } });
    lambda = clientFor(api.lambdaUrl!);
  });

  afterAll(async () => {
    lambda.destroy();
    await api.close();
  });

  it('answers a thrown error 200 with X-Amz-Function-Error: Unhandled and the error as Lambda reports it', async () => {
    // Act
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: 'FaultyFunction', Payload: JSON.stringify(event('/throws')) }),
    );

    // Assess
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBe('Unhandled');
    expect(json(output.Payload)).toEqual({
      errorType: 'Error',
      errorMessage: 'kaboom at /var/task/secret.js',
      trace: expect.arrayContaining([expect.stringMatching(/^Error: kaboom/)]),
    });
  });

  it('answers a timeout 200 with X-Amz-Function-Error: Unhandled and Sandbox.Timedout', async () => {
    // Act: the function's Timeout is 2 s; it sleeps 2.5 s.
    const output = await lambda.send(
      new InvokeCommand({ FunctionName: 'FaultyFunction', Payload: JSON.stringify(event('/slow', 'ms=2500')) }),
    );

    // Assess
    expect(output.FunctionError).toBe('Unhandled');
    expect(json(output.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 2\.00 seconds$/),
    });
  });

  it('answers a function without an alias only unqualified or at $LATEST', async () => {
    const failure = await lambda
      .send(new InvokeCommand({ FunctionName: 'FaultyFunction:live', Payload: '{}' }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResourceNotFoundException);
  });
});

describe('npm start -- --lambda-port', () => {
  it('says where the Lambda endpoint is and which functions it serves, and serves them', async () => {
    // Prepare
    const child = spawn(
      process.execPath,
      [fileURLToPath(new URL('../../local/cli.ts', import.meta.url)), '--port', '0', '--lambda-port', '0'],
      {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, PORT: undefined, HOST: undefined },
      },
    );
    try {
      // Act
      let output = '';
      const endpoint = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const url = /Lambda endpoint \(Invoke API\): (http:\/\/\S+)/.exec(output)?.[1];
          if (url !== undefined && output.includes('Ctrl+C')) resolve(url);
        });
        child.on('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
      });
      const lambda = clientFor(endpoint);
      const result = await lambda.send(
        new InvokeCommand({ FunctionName: 'MeditationsFunction:live', Payload: JSON.stringify(exampleEvent()) }),
      );
      lambda.destroy();

      // Assess
      expect(output).toMatch(
        /→ {2}MeditationsFunction, PreTrafficHook, ContractMonitor; AWS_ENDPOINT_URL_LAMBDA=http:\/\/127\.0\.0\.1:\d+/,
      );
      expect(result.StatusCode).toBe(200);
      expect(result.FunctionError).toBeUndefined();
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
