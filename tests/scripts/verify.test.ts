// `npm run verify`: the gate's verdict on the function as sam build would ship it, before deploying.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { battery } from '../../src/pre-traffic/battery.ts';

describe('verify', () => {
  it('passes the function as it stands, saying how many answers it checked', () => {
    const result = spawnSync(process.execPath, ['scripts/verify.ts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const answers = battery('v1').length;
    expect(result.stdout).toContain(
      `MeditationsFunction: ${answers} answers checked against openapi.yaml, 0 failed. Succeeded`,
    );
    expect(result.status).toBe(0);
  }, 60_000);
});
