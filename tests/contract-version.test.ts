// info.version is the one version of the contract: every answer carries it in X-Contract-Version
// (the function's from the generated constant, API Gateway's from the gateway responses), and the
// API changelog has an entry for it. That every response declares the header is the consistency
// check's (lib/consistency.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { handler } from '../src/api/handler.ts';
import { CONTRACT_VERSION } from '../src/shared/contract.ts';
import { contract } from './support/contract.ts';
import { exampleEvent, exampleHttpRequest, exampleOf } from './support/examples.ts';
import { inProcessGateway } from './support/in-process.ts';
import { lambdaContext } from './support/lambda-context.ts';

const document = contract.document as typeof contract.document & { info: { version: string } };
const VERSION = document.info.version;
const HEADER = 'X-Contract-Version';

describe('the contract version', () => {
  it('is semantic', () => {
    expect(semver.valid(VERSION)).toBe(VERSION);
  });

  it('is the constant the function answers with (npm run generate writes it)', () => {
    expect(CONTRACT_VERSION).toBe(VERSION);
  });

  it("is set on every one of API Gateway's own answers, in the gateway responses", () => {
    const gatewayResponses = document['x-amazon-apigateway-gateway-responses'] as Record<
      string,
      { responseParameters?: Record<string, string> }
    >;
    expect(Object.keys(gatewayResponses)).not.toHaveLength(0);
    for (const [type, { responseParameters }] of Object.entries(gatewayResponses)) {
      expect(responseParameters?.[`gatewayresponse.header.${HEADER}`], type).toBe(`'${VERSION}'`);
    }
  });

  it("is on the function's answers", async () => {
    const response = await handler(exampleEvent(), lambdaContext());

    expect(response.headers?.[HEADER]).toBe(VERSION);
  });

  it.each([
    ["an operation's answer to its example request", exampleHttpRequest(), exampleOf().status],
    ['an unknown route (API Gateway answers)', { method: 'GET', path: '/v1/no-such-route' }, 403],
  ])('is on %s, through the local gateway', async (_, request, status) => {
    // Prepare
    const gateway = inProcessGateway(fileURLToPath(new URL('../template.yaml', import.meta.url)), {
      MeditationsFunction: handler,
    });

    // Act
    const answer = await gateway.inject(request);

    // Assess
    expect(answer.statusCode).toBe(status);
    expect(answer.headers[HEADER]).toBe(VERSION);
  });
});

describe('CHANGELOG-API.md', () => {
  const changelog = readFileSync(new URL('../CHANGELOG-API.md', import.meta.url), 'utf8');
  const entries = [...changelog.matchAll(/^## (\S+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)].map(([, version, text]) => ({
    version: version as string,
    text: (text as string).trim(),
  }));

  it('has an entry for the current info.version', () => {
    expect(
      entries.map(({ version }) => version),
      `add a "## ${VERSION}" entry to CHANGELOG-API.md saying what changed for clients`,
    ).toContain(VERSION);
  });

  it('lists semantic versions, newest first, each saying what changed', () => {
    const versions = entries.map(({ version }) => version);
    expect(versions.every((version) => semver.valid(version) === version)).toBe(true);
    expect(versions).toEqual([...versions].sort(semver.rcompare));
    expect(entries.filter(({ text }) => text === '')).toEqual([]);
  });
});
