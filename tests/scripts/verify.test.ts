// `npm run verify`: the gate's verdict on the function as sam build would ship it, before deploying:
// the hook's real bundle, its AWS SDK calling the local Lambda endpoint and a CodeDeploy stand-in.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BATTERY } from '../../generated/battery.ts';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { checksOf, requestsOf } from '../../src/shared/battery/run.ts';
import { eventProbes } from '../../src/shared/battery/senders.ts';

describe('verify', () => {
  it('passes the function as it stands, saying how often the hook invoked it and what it reported', () => {
    // Act
    const result = spawnSync(process.execPath, ['scripts/verify.ts'], {
      cwd: PROJECT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    // Assess
    const invoked =
      /MeditationsFunction: PreTrafficHook invoked it (\d+) times through the local Lambda endpoint and reported Succeeded/.exec(
        result.stdout,
      );
    const checked = /The new version keeps the contract .* checks=(\d+) failed=0/.exec(result.stdout);
    expect(Number(invoked?.[1])).toBe(requestsOf(eventProbes(BATTERY)).length);
    expect(Number(checked?.[1])).toBe(checksOf(eventProbes(BATTERY)));
    expect(result.stdout).toMatch(/Reported to CodeDeploy {2}status=Succeeded/);
    expect(result.status).toBe(0);
  }, 60_000);
});
