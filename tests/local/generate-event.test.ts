// `npm run event`: the proxy event for a request to the template's stage, built as the local API
// builds its events, in the shape `sam local generate-event apigateway aws-proxy` prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../lib/errors.ts';
import { readApiDefinition } from '../../local/api-definition.ts';
import { generateEvent } from '../../local/generate-event.ts';
import { handler as faultyHandler } from '../fixtures/faulty/faulty.ts';
import { exampleOf } from '../support/examples.ts';
import { FAULTY_TEMPLATE, PROJECT_TEMPLATE } from '../support/http.ts';
import { inProcessGateway } from '../support/in-process.ts';

const CLI = fileURLToPath(new URL('../../local/event-cli.ts', import.meta.url));
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));
const project = readApiDefinition(PROJECT_TEMPLATE);
/** The template's routes, as the message lists them. */
const ROUTES = project.routes.map(({ method, resource }) => `${method} ${resource}`).join(', ');
const faulty = readApiDefinition(FAULTY_TEMPLATE);

/** What changes from one request to the next. */
const VOLATILE = ['requestId', 'extendedRequestId', 'requestTime', 'requestTimeEpoch'];
const stable = (event: { requestContext: object }) => ({
  ...event,
  requestContext: Object.fromEntries(Object.entries(event.requestContext).filter(([key]) => !VOLATILE.includes(key))),
});

describe('generateEvent', () => {
  it("makes the event of the template's stage for an operation's route, in the shape sam local generate-event prints", () => {
    // Prepare: the path of an operation's example request, its method in lower case.
    const { method, path, resource, pathParameters = {} } = exampleOf().request;

    // Act
    const event = generateEvent(project, { method: method.toLowerCase(), path });

    // Assess
    expect(event).toMatchObject({
      resource,
      path,
      httpMethod: method,
      pathParameters: Object.keys(pathParameters).length > 0 ? pathParameters : null,
      queryStringParameters: null,
      body: null,
      isBase64Encoded: false,
      requestContext: {
        stage: 'v1',
        path: `/v1${path}`,
        resourcePath: resource,
        httpMethod: method,
        protocol: 'HTTP/1.1',
      },
    });
    // Every field of SAM's aws-proxy sample is there.
    for (const key of ['accountId', 'resourceId', 'requestId', 'requestTime', 'requestTimeEpoch', 'identity', 'apiId'])
      expect(event.requestContext).toHaveProperty(key);
    expect(event.headers.Host).toMatch(/\.execute-api\./);
    expect(event.multiValueHeaders.Host).toEqual([event.headers.Host]);
  });

  it('takes the path with or without the stage', () => {
    const { method, path } = exampleOf().request;
    expect(stable(generateEvent(project, { method, path: `/v1${path}` }))).toEqual(
      stable(generateEvent(project, { method, path })),
    );
  });

  it('fills path parameters, query parameters and headers in both their forms', () => {
    // Act
    const event = generateEvent(faulty, {
      method: 'POST',
      path: '/echo/joe?page=1',
      query: ['tag=a b', 'tag=c'],
      headers: ['Accept: application/json', 'X-Many: 1', 'X-Many: 2'],
    });

    // Assess
    expect(event.resource).toBe('/echo/{name}');
    expect(event.pathParameters).toEqual({ name: 'joe' });
    expect(event.queryStringParameters).toEqual({ page: '1', tag: 'c' });
    expect(event.multiValueQueryStringParameters).toEqual({ page: ['1'], tag: ['a b', 'c'] });
    expect(event.headers).toMatchObject({ Accept: 'application/json', 'X-Many': '2' });
    expect(event.multiValueHeaders).toMatchObject({ 'X-Many': ['1', '2'] });
  });

  it("encodes the body in base64 when the API's binary media types take its content type", () => {
    // Prepare
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff]);

    // Act
    const binary = generateEvent(faulty, {
      method: 'POST',
      path: '/binary',
      headers: ['Content-Type: image/png'],
      body: bytes,
    });
    const text = generateEvent(faulty, {
      method: 'POST',
      path: '/binary',
      headers: ['Content-Type: text/plain'],
      body: Buffer.from('hé'),
    });

    // Assess
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
    expect(text).toMatchObject({ body: 'hé', isBase64Encoded: false });
  });

  it('is the event the local API sends the function for the same request', async () => {
    // Prepare: the fixture answers /echo/* with the event it received.
    const gateway = inProcessGateway(FAULTY_TEMPLATE, { FaultyFunction: faultyHandler as never });
    const headers = { Host: 'api.example.com', 'Content-Type': 'application/json' };

    // Act
    const answer = await gateway.inject({ method: 'POST', path: '/test/echo/joe?x=1', headers, body: '{"a":1}' });
    const generated = generateEvent(faulty, {
      method: 'POST',
      path: '/test/echo/joe?x=1',
      headers: Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      body: Buffer.from('{"a":1}'),
    });

    // Assess
    const received = JSON.parse(answer.body.toString('utf8')).event;
    expect(stable(generated)).toEqual(stable(received));
  });

  it('names the routes that exist when none matches', () => {
    const request = { method: 'DELETE', path: '/no-such-route' };
    expect(() => generateEvent(project, request)).toThrow(DefinitionError);
    expect(() => generateEvent(project, request)).toThrow(
      `No route of the template matches DELETE /no-such-route; its routes: ${ROUTES}`,
    );
  });
});

describe('npm run event', () => {
  it('prints the event as JSON, the body read from a file with @', () => {
    // Prepare
    const body = join(mkdtempSync(join(tmpdir(), 'guru-event-')), 'body.json');
    writeFileSync(body, '{"from":"file"}');

    const { method, path, resource } = exampleOf().request;

    // Act
    const result = spawnSync(
      process.execPath,
      [CLI, method, `/v1${path}`, '--body', `@${body}`, '--header', 'Content-Type:application/json'],
      {
        cwd: PROJECT,
        encoding: 'utf8',
      },
    );

    // Assess
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      resource,
      body: '{"from":"file"}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('exits 2 with one line naming the routes for an unknown route', () => {
    const result = spawnSync(process.execPath, [CLI, 'GET', '/nowhere'], { cwd: PROJECT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `Cannot make the event: No route of the template matches GET /nowhere; its routes: ${ROUTES}`,
    );
  });
});
