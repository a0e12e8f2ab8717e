// Markdown as GitHub renders it, for the docs tests: what lies outside code (fenced blocks and
// inline code spans), the headings' anchors as GitHub slugs them (github-slugger, its algorithm),
// the relative links and where they lead, and the tables' cells.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';
import GithubSlugger from 'github-slugger';
import { PROJECT_ROOT, projectFile } from '../../lib/project.ts';

/** The guides, by their path from the root: every Markdown file of docs/. */
export const GUIDES = readdirSync(projectFile('docs'))
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => `docs/${name}`);

/** Every document the docs tests hold: the README, the guides, the documents at the root, and the client package's README. */
export const DOCUMENTS = [
  'README.md',
  ...GUIDES,
  'SECURITY.md',
  'BENCHMARKS.md',
  'CHANGELOG-API.md',
  'client/README.md',
];

/** A document's text, by its path from the root. */
export const readDocument = (path: string): string => readFileSync(projectFile(path), 'utf8');

const FENCE = /^ *(`{3,}|~{3,})/;

/** The text with every fenced code block's lines emptied, so that line numbers still hold. */
const withoutFences = (markdown: string): string => {
  let fence: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marker = FENCE.exec(line)?.[1];
      if (fence === undefined) {
        if (marker === undefined) return line;
        fence = marker;
        return '';
      }
      const closes = marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length;
      if (closes && line.trim() === marker) fence = undefined;
      return '';
    })
    .join('\n');
};

/**
 * The text with every inline code span blanked (each character a space, newlines kept): a span
 * opens with a run of backticks and closes with a run of the same length, within its paragraph.
 */
const withoutCodeSpans = (text: string): string => {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const run = /`+/.exec(text.slice(index));
    if (run === null) break;
    const open = index + run.index;
    result += text.slice(index, open);
    const ticks = run[0];
    const paragraphEnd = text.slice(open).search(/\n[ \t]*\n/);
    const limit = paragraphEnd === -1 ? text.length : open + paragraphEnd;
    let close = -1;
    for (const candidate of text.slice(open + ticks.length, limit).matchAll(/`+/g)) {
      if (candidate[0].length === ticks.length) {
        close = open + ticks.length + candidate.index;
        break;
      }
    }
    if (close === -1) {
      result += ticks;
      index = open + ticks.length;
    } else {
      result += text.slice(open, close + ticks.length).replace(/[^\n]/g, ' ');
      index = close + ticks.length;
    }
  }
  return result + text.slice(index);
};

/** What a reader sees of the document as Markdown: its prose, neither fenced blocks nor inline code. */
export const prose = (markdown: string): string => withoutCodeSpans(withoutFences(markdown));

/** The text GitHub shows for a heading's Markdown: link and image texts, code spans' content, no emphasis. */
const headingText = (markdown: string): string =>
  markdown
    .split(/(`+[^`]*`+)/)
    .map((part) =>
      part.startsWith('`')
        ? part.replace(/^`+|`+$/g, '')
        : part
            .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
            .replace(/<[^>]+>/g, '')
            .replace(/(^|\W)[*_]+|[*_]+(?=\W|$)/g, '$1'),
    )
    .join('');

/** The anchors of a document's headings, as GitHub makes them (a repeated heading gets -1, -2…). */
export const anchorsOf = (markdown: string): Set<string> => {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const line of withoutFences(markdown).split('\n')) {
    const heading = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line)?.[1];
    if (heading !== undefined) anchors.add(slugger.slug(headingText(heading)));
  }
  for (const [, id] of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id ?? '');
  return anchors;
};

export interface Link {
  /** The document that holds the link, by its path from the root. */
  from: string;
  /** Its line in that document. */
  line: number;
  /** The link's target as written. */
  target: string;
}

/** The relative links and the `#anchor`s of a document's prose: inline links, images and references. */
export const relativeLinksOf = (from: string, markdown: string): Link[] => {
  const text = prose(markdown);
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length;
  const targets = [
    ...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g),
    ...text.matchAll(/^ {0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)>?/gm),
  ];
  return targets
    .map((match) => ({ from, line: lineOf(match.index), target: match[1] ?? '' }))
    .filter(({ target }) => !/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(target))
    .sort((a, b) => a.line - b.line);
};

/** Why a relative link leads nowhere, or undefined when its file exists and has its anchor. */
export const brokenLinkProblem = ({ from, target }: Link, root = PROJECT_ROOT): string | undefined => {
  const [path = '', anchor] = target.split('#', 2) as [string, string | undefined];
  const file = path === '' ? join(root, from) : join(root, dirname(from), decodeURIComponent(path));
  const shown = relative(root, file);
  if (shown.startsWith('..')) return `${target} leads out of the project`;
  if (!existsSync(file)) return `${target}: ${shown} does not exist`;
  if (anchor === undefined) return undefined;
  if (extname(file) !== '.md') return `${target}: an anchor into ${shown}, which is not Markdown`;
  const anchors = anchorsOf(readFileSync(file, 'utf8'));
  return anchors.has(decodeURIComponent(anchor)) ? undefined : `${target}: ${shown} has no heading #${anchor}`;
};

/** The cells of a document's tables, each with its line: what lies between unescaped pipes. */
export const tableCellsOf = (markdown: string): { line: number; cell: string }[] =>
  withoutFences(markdown)
    .split('\n')
    .flatMap((text, index) => {
      const row = text.trim();
      if (!row.startsWith('|')) return [];
      const cells = row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/);
      return cells
        .map((cell) => cell.trim())
        .filter((cell) => !/^:?-+:?$/.test(cell))
        .map((cell) => ({ line: index + 1, cell }));
    });
