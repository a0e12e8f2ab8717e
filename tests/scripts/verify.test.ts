// `npm run verify`: the gate's verdict on the function as sam build would ship it, before deploying.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BATTERY } from '../../generated/battery.ts';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { checksOf } from '../../src/battery/run.ts';
import { eventProbes } from '../../src/battery/views.ts';

describe('verify', () => {
  it('passes the function as it stands, saying how many checks of its answers it ran', () => {
    const result = spawnSync(process.execPath, ['scripts/verify.ts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stdout).toContain(
      `MeditationsFunction: ${checksOf(eventProbes(BATTERY))} checks of its answers against openapi.yaml, 0 failed. Succeeded`,
    );
    expect(result.status).toBe(0);
  }, 60_000);
});
