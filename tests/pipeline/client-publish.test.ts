// The typed client's publication (deploy.yml, job `client`), as client/README.md tells a consumer to
// install it: scoped to the repository's owner in lowercase, and linked to the repository that
// publishes it. The step runs here as the runner would run it, with an npm that publishes nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../lib/project.ts';
import { readWorkflow } from '../support/workflows.ts';

const job = readWorkflow('.github/workflows/deploy.yml').jobs.client;
const step = job?.steps?.find((candidate) => candidate.run?.includes('npm publish'));

/** The real npm, for `npm pkg`; the stand-in below answers `view` and `publish` itself. */
const REAL_NPM = spawnSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();

/** An npm that finds no version published yet, and keeps what `publish` would have sent; the rest is npm's. */
const STAND_IN = `#!/usr/bin/env bash
case "$1" in
  view) exit 1 ;;
  publish) cp package.json .npmrc "$PUBLISHED" ;;
  *) exec "$REAL_NPM" "$@" ;;
esac
`;

describe('the client package on GitHub Packages (deploy.yml)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'guru-client-publish-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("publishes under the owner's scope in lowercase, linked to the repository that publishes it", () => {
    // Prepare: the package's folder, and the repository a GitHub owner with capitals publishes from.
    const [client, bin, published] = ['client', 'bin', 'published'].map((name) => {
      const directory = join(scratch, name);
      mkdirSync(directory);
      return directory;
    });
    copyFileSync(projectFile('client', 'package.json'), join(client!, 'package.json'));
    writeFileSync(join(bin!, 'npm'), STAND_IN);
    chmodSync(join(bin!, 'npm'), 0o755);
    const summary = join(scratch, 'summary.md');
    writeFileSync(summary, '');

    // Act
    const { status, stderr } = spawnSync('bash', ['-eo', 'pipefail', '-c', step?.run ?? 'exit 99'], {
      cwd: client,
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        REAL_NPM,
        PUBLISHED: published,
        OWNER: 'My-Org',
        REPOSITORY: 'My-Org/my-api',
        NODE_AUTH_TOKEN: 'token',
        GITHUB_STEP_SUMMARY: summary,
      },
      encoding: 'utf8',
    });

    // Assess
    expect(status, stderr).toBe(0);
    expect(step?.env).toMatchObject({
      OWNER: '${{ github.repository_owner }}',
      REPOSITORY: '${{ github.repository }}',
    });
    const manifest = JSON.parse(readFileSync(join(published!, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@my-org/client');
    expect(manifest.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/My-Org/my-api.git',
    });
    expect(readFileSync(join(published!, '.npmrc'), 'utf8')).toContain('@my-org:registry=https://npm.pkg.github.com\n');
    expect(readFileSync(summary, 'utf8')).toContain(`Published @my-org/client@${manifest.version}`);
  });
});
