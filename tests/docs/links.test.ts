// Every relative link and #anchor of the README, the guides under docs/ and the documents at the
// root leads somewhere: its file exists, and its anchor is a heading of that file as GitHub slugs
// it. Links inside fenced code blocks and inline code are text, not links.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  anchorsOf,
  brokenLinkProblem,
  DOCUMENTS,
  type Link,
  readDocument,
  relativeLinksOf,
} from '../support/markdown.ts';

describe('the links of the README and the guides', () => {
  it.each(DOCUMENTS)('in %s each lead to a file that exists, and to a heading of it', (document) => {
    // Prepare
    const links = relativeLinksOf(document, readDocument(document));

    // Act
    const broken = links.flatMap((link) => {
      const problem = brokenLinkProblem(link);
      return problem === undefined ? [] : [`${link.from}:${link.line}: ${problem}`];
    });

    // Assess
    expect(broken).toEqual([]);
  });

  it('include, in the README, one to every guide', () => {
    const targets = relativeLinksOf('README.md', readDocument('README.md')).map(({ target }) => target);
    for (const document of DOCUMENTS.filter((path) => path.startsWith('docs/'))) {
      expect(
        targets.some((target) => target.split('#')[0] === document),
        document,
      ).toBe(true);
    }
  });
});

describe('relativeLinksOf', () => {
  it('finds inline links, images and reference definitions, each with its line', () => {
    const markdown = ['# Title', '', 'See [a](a.md) and ![b](b.png).', '', '[c]: c.md#part'].join('\n');
    expect(relativeLinksOf('x.md', markdown)).toEqual([
      { from: 'x.md', line: 3, target: 'a.md' },
      { from: 'x.md', line: 3, target: 'b.png' },
      { from: 'x.md', line: 5, target: 'c.md#part' },
    ]);
  });

  it('leaves out absolute links, and links inside fenced code blocks and inline code', () => {
    const markdown = [
      '[site](https://example.com) [mail](mailto:a@example.com)',
      '```md',
      '[fenced](nowhere.md)',
      '```',
      '   ~~~',
      '[tilde](nowhere.md)',
      '   ~~~',
      'Write `[inline](nowhere.md)` or ``[double `tick`](nowhere.md)``.',
      '[kept](#title)',
    ].join('\n');
    expect(relativeLinksOf('x.md', markdown)).toEqual([{ from: 'x.md', line: 9, target: '#title' }]);
  });
});

describe('anchorsOf', () => {
  it('slugs headings as GitHub does: lower case, code kept, punctuation dropped, repeats numbered', () => {
    const markdown = [
      '# Guide',
      "## Access logs and the account's API Gateway role",
      '### Debugging: `--inspect` for `--debug-port`',
      '## Node 24 everywhere, whatever `node` your machine has',
      '## [Linked](elsewhere.md) and _emphasised_ `AWS_REGION`',
      '## Guide',
      '```',
      '## Not a heading',
      '```',
    ].join('\n');
    expect([...anchorsOf(markdown)]).toEqual([
      'guide',
      'access-logs-and-the-accounts-api-gateway-role',
      'debugging---inspect-for---debug-port',
      'node-24-everywhere-whatever-node-your-machine-has',
      'linked-and-emphasised-aws_region',
      'guide-1',
    ]);
  });
});

describe('brokenLinkProblem', () => {
  const root = mkdtempSync(join(tmpdir(), 'guru-links-'));
  writeFileSync(join(root, 'guide.md'), '# Guide\n\n## A part\n');
  writeFileSync(join(root, 'data.json'), '{}');
  const link = (target: string): Link => ({ from: 'README.md', line: 1, target });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('passes a file that exists and a heading it has', () => {
    expect(brokenLinkProblem(link('guide.md'), root)).toBeUndefined();
    expect(brokenLinkProblem(link('guide.md#a-part'), root)).toBeUndefined();
    expect(brokenLinkProblem(link('data.json'), root)).toBeUndefined();
  });

  it('names a file that does not exist', () => {
    expect(brokenLinkProblem(link('docs/gone.md'), root)).toBe('docs/gone.md: docs/gone.md does not exist');
  });

  it('names an anchor that no heading of the file has, the file itself included', () => {
    expect(brokenLinkProblem(link('guide.md#another-part'), root)).toBe(
      'guide.md#another-part: guide.md has no heading #another-part',
    );
    expect(brokenLinkProblem({ from: 'guide.md', line: 1, target: '#a-part' }, root)).toBeUndefined();
    expect(brokenLinkProblem({ from: 'guide.md', line: 1, target: '#gone' }, root)).toBe(
      '#gone: guide.md has no heading #gone',
    );
  });

  it('refuses an anchor into a file that is not Markdown, and a link out of the project', () => {
    expect(brokenLinkProblem(link('data.json#L1'), root)).toBe(
      'data.json#L1: an anchor into data.json, which is not Markdown',
    );
    expect(brokenLinkProblem(link('../elsewhere.md'), root)).toBe('../elsewhere.md leads out of the project');
  });
});
