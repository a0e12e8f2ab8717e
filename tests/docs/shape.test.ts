// The README is a front door and each guide says what it is for: the README stays within 300
// lines, each guide opens with a paragraph saying what it is for, and a table cell holds a phrase,
// its detail left to the prose around the table.
import { describe, expect, it } from 'vitest';
import { DOCUMENTS, GUIDES, readDocument, tableCellsOf } from '../support/markdown.ts';

/** The longest a table cell may be, in characters of Markdown: a phrase, not a paragraph. */
const CELL_LIMIT = 200;

describe('README.md', () => {
  it('is at most 300 lines', () => {
    const lines = readDocument('README.md').replace(/\n$/, '').split('\n');
    expect(lines.length).toBeLessThanOrEqual(300);
  });
});

describe('the guides under docs/', () => {
  it('are there: one guide per task at least', () => {
    expect(GUIDES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(GUIDES)('%s opens with its title, then a paragraph saying what it is for', (guide) => {
    // Prepare
    const [title, , ...rest] = readDocument(guide).split('\n');

    // Act
    const opening = rest.slice(0, rest.indexOf('')).join(' ');

    // Assess
    expect(title).toMatch(/^# \S/);
    expect(opening).toMatch(/^This guide is for \S/);
  });
});

describe('the tables of the README and the guides', () => {
  it.each(DOCUMENTS.filter((path) => path === 'README.md' || path.startsWith('docs/')))(
    `in %s hold a phrase per cell, ${CELL_LIMIT} characters at most`,
    (document) => {
      const long = tableCellsOf(readDocument(document))
        .filter(({ cell }) => cell.length > CELL_LIMIT)
        .map(({ line, cell }) => `${document}:${line}: ${cell.length} characters: ${cell.slice(0, 60)}…`);
      expect(long).toEqual([]);
    },
  );
});
