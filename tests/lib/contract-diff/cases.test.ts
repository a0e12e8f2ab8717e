// Each case: the base contract with one change, the verdict a client would give it, and the
// version rule applied to it: allowed with the right bump, refused without.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { OpenApiDocument, Operation } from '../../../lib/contract.ts';
import { type ContractChange, contractChanges, type Verdict } from '../../../lib/contract-diff.ts';
import { type Bump, versionRuling } from '../../../lib/contract-version.ts';

const BASE_TEXT = readFileSync(new URL('../../fixtures/contract-diff/base.yaml', import.meta.url), 'utf8');
const base = (): OpenApiDocument => parse(BASE_TEXT);

type Schema = { type?: string; required?: string[]; enum?: string[]; properties?: Record<string, Schema> };
const schemas = (document: OpenApiDocument) => document.components?.schemas as Record<string, Schema>;
const meditation = (document: OpenApiDocument) =>
  schemas(document).Meditation as Schema & { properties: Record<string, Schema> };
const meditate = (document: OpenApiDocument) => document.paths['/']?.post as Operation;
const search = (document: OpenApiDocument) => document.paths['/meditations/search']?.post as Operation;

const worst = (changes: ContractChange[]): Verdict | undefined =>
  (['breaking', 'compatible', 'docs'] as const).find((verdict) => changes.some((change) => change.verdict === verdict));

/** The version the right bump gives 1.4.2, and one that falls short of it. */
const VERSIONS: Record<Bump, { right: string; short: string }> = {
  major: { right: '2.0.0', short: '1.5.0' },
  minor: { right: '1.5.0', short: '1.4.3' },
  none: { right: '1.4.2', short: '1.4.1' },
};
const BUMPS: Record<Verdict, Bump> = { breaking: 'major', compatible: 'minor', docs: 'none' };

const CASES: [name: string, change: (document: OpenApiDocument) => void, verdict: Verdict][] = [
  ['an operation removed', (d) => delete d.paths['/meditations/search'], 'breaking'],
  [
    'a path changed',
    (d) => {
      d.paths['/meditate'] = d.paths['/']!;
      delete d.paths['/'];
    },
    'breaking',
  ],
  [
    'a method changed',
    (d) => {
      d.paths['/']!.put = meditate(d);
      delete d.paths['/']!.post;
    },
    'breaking',
  ],
  [
    'a response field removed',
    (d) => {
      delete meditation(d).properties.meditation;
      meditation(d).required = ['status'];
    },
    'breaking',
  ],
  [
    'a response field renamed (meditation to wisdom)',
    (d) => {
      const schema = meditation(d);
      schema.properties.wisdom = schema.properties.meditation!;
      delete schema.properties.meditation;
      schema.required = ['status', 'wisdom'];
    },
    'breaking',
  ],
  [
    'a response field made optional',
    (d) => {
      meditation(d).required = ['status'];
    },
    'breaking',
  ],
  [
    'a response field’s type changed',
    (d) => {
      meditation(d).properties.meditation = { type: 'integer' };
    },
    'breaking',
  ],
  [
    'a request body field’s type changed',
    (d) => {
      const body = search(d).requestBody?.content?.['application/json']?.schema as Schema;
      body.properties!.mood = { type: 'integer' };
    },
    'breaking',
  ],
  [
    'a new meditation (a new value in a response enum)',
    (d) => {
      meditation(d).properties.meditation!.enum!.push('off to a regex/');
    },
    'breaking',
  ],
  [
    'a value removed from a response enum',
    (d) => {
      meditation(d).properties.meditation!.enum!.pop();
    },
    'compatible',
  ],
  [
    'a new required query parameter',
    (d) => {
      meditate(d).parameters = [{ name: 'lang', in: 'query', required: true, schema: { type: 'string' } }];
    },
    'breaking',
  ],
  [
    'a new required header',
    (d) => {
      meditate(d).parameters = [{ name: 'X-Api-Key', in: 'header', required: true, schema: { type: 'string' } }];
    },
    'breaking',
  ],
  [
    'a new required request body',
    (d) => {
      meditate(d).requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'object', properties: { mood: { type: 'string' } } } } },
      };
    },
    'breaking',
  ],
  [
    'a new required body field',
    (d) => {
      const body = search(d).requestBody?.content?.['application/json']?.schema as Schema;
      body.properties!.depth = { type: 'integer' };
      body.required = ['depth'];
    },
    'breaking',
  ],
  [
    'a request parameter’s type narrowed (number to integer)',
    (d) => {
      search(d).parameters![0]!.schema = { type: 'integer' };
    },
    'breaking',
  ],
  [
    'a request parameter’s range narrowed (a maximum added)',
    (d) => {
      search(d).parameters![0]!.schema = { type: 'number', maximum: 10 };
    },
    'breaking',
  ],
  ['a status code the contract listed removed', (d) => delete meditate(d).responses['429'], 'breaking'],
  [
    'a new error code',
    (d) => {
      schemas(d).Error!.properties!.code!.enum!.push('REQUEST_TOO_LARGE');
    },
    'compatible',
  ],
  [
    'an optional response field added',
    (d) => {
      meditation(d).properties.author = { type: 'string' };
    },
    'compatible',
  ],
  [
    'an operation added',
    (d) => {
      d.paths['/about'] = { get: { operationId: 'about', responses: {} as Operation['responses'] } };
    },
    'compatible',
  ],
  [
    'an optional parameter added',
    (d) => {
      meditate(d).parameters = [{ name: 'lang', in: 'query', required: false, schema: { type: 'string' } }];
    },
    'compatible',
  ],
  [
    'a description changed',
    (d) => {
      meditate(d).description = 'Answers one meditation, at random.';
    },
    'docs',
  ],
  [
    'an example changed',
    (d) => {
      const example = meditate(d).responses['200']?.content?.['application/json'] as {
        example: { meditation: string };
      };
      example.example.meditation = "you wouldn't fax a bat";
    },
    'docs',
  ],
];

describe.each(CASES)('%s', (_, change, verdict) => {
  const head = base();
  change(head);
  const changes = contractChanges(base(), head);
  const { right, short } = VERSIONS[BUMPS[verdict]];

  it(`is ${verdict}`, () => {
    expect(changes).not.toHaveLength(0);
    expect(worst(changes)).toBe(verdict);
  });

  it(`is allowed as ${right}`, () => {
    expect(versionRuling('1.4.2', right, changes).problems).toEqual([]);
  });

  it(`is refused as ${short}, naming the version it needs`, () => {
    const { problems } = versionRuling('1.4.2', short, changes);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(BUMPS[verdict] === 'none' ? 'went back' : `needs info.version ${right} or higher`);
  });
});

describe('contractChanges', () => {
  it('finds nothing between a contract and itself', () => {
    expect(contractChanges(base(), base())).toEqual([]);
  });

  it('names the operation, the JSON pointer and what changed', () => {
    // Prepare
    const head = base();
    delete meditation(head).properties.meditation;

    // Act
    const changes = contractChanges(base(), head);

    // Assess
    expect(changes).toContainEqual({
      operation: 'POST / (meditate)',
      pointer: '/paths/~1/post/responses/200/content/application~1json/schema/properties/meditation',
      change: expect.stringContaining('meditation'),
      verdict: 'breaking',
    });
  });

  it('says which project rule overrode the library', () => {
    const head = base();
    meditation(head).properties.meditation = { type: 'integer' };

    const typeChange = contractChanges(base(), head).find(({ pointer }) => pointer.endsWith('/meditation/type'));

    expect(typeChange).toMatchObject({ verdict: 'breaking', rule: expect.stringMatching(/changed type breaks/) });
  });

  it('leaves out API Gateway’s configuration, which clients never see', () => {
    const [baseline, head] = [base(), base()];
    head['x-amazon-apigateway-gateway-responses'] = { DEFAULT_4XX: { responseTemplates: {} } };
    (meditate(head) as Record<string, unknown>)['x-amazon-apigateway-integration'] = { type: 'aws_proxy' };

    expect(contractChanges(baseline, head)).toEqual([]);
  });

  it('leaves out info.version, which the version rule judges', () => {
    const head = base();
    (head as unknown as { info: { version: string } }).info.version = '9.0.0';

    expect(contractChanges(base(), head)).toEqual([]);
  });
});

describe('versionRuling', () => {
  it('refuses an info.version that is not semantic, whatever changed', () => {
    expect(versionRuling('1.4.2', 'v2', []).problems).toEqual([
      'info.version v2 is not a semantic version (MAJOR.MINOR.PATCH)',
    ]);
  });

  it('allows a higher version than the changes need', () => {
    expect(versionRuling('1.4.2', '3.0.0', []).problems).toEqual([]);
  });
});
