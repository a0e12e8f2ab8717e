// The project's scripts run on Lambda's Node major, whatever the machine's default node is.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

describe('runtime', () => {
  it('runs the tests on the Node major that the `node` devDependency pins', () => {
    const pinned = String(packageJson.devDependencies.node).match(/\d+/)?.[0];
    expect(process.versions.node.split('.')[0]).toBe(pinned);
  });
});
