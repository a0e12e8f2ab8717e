// npm run docs:build's command line: a mistake is one line, the usage, and exit code 2, before
// anything is written. (tests/browser/docs.test.ts opens what it writes.)
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';

const docsBuild = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/docs.ts', ...args], { cwd: PROJECT, encoding: 'utf8' });

describe('npm run docs:build', () => {
  it.each([
    [['--api-url', 'not a url'], 'Invalid URL'],
    [['--api-url', 'file:///etc/passwd'], '--api-url takes an http or https URL, not file:'],
    [['--api-url'], "Option '--api-url <value>' argument missing"],
    [['--api'], "Unknown option '--api'"],
  ])('refuses %j in one line, with the usage', (args, problem) => {
    // Act
    const { status, stdout, stderr } = docsBuild(...args);

    // Assess
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      `docs:build: ${problem}. Usage: npm run docs:build [-- --api-url <the stage URL the page calls>]`,
    ]);
  });
});
