// `npm run verify`: the gate's verdict on the function as sam build would ship it, before deploying.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';

describe('verify', () => {
  it('passes the function as it stands, saying how many answers it checked', () => {
    const result = spawnSync(process.execPath, ['scripts/verify.ts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stdout).toMatch(/MeditationsFunction: 53 answers checked against openapi.yaml, 0 failed. Succeeded/);
    expect(result.status).toBe(0);
  }, 60_000);
});
