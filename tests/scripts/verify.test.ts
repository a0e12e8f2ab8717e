// `npm run verify`: the gate's verdict on the function as sam build would ship it, before deploying.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

describe('verify', () => {
  it('passes the function as it stands, saying how many checks of its answers it ran', () => {
    const result = spawnSync(process.execPath, ['scripts/verify.ts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stdout).toMatch(
      /MeditationsFunction: 12 checks of its answers against openapi.yaml, 0 failed. Succeeded/,
    );
    expect(result.status).toBe(0);
  }, 60_000);
});
