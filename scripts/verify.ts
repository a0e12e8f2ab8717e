// `npm run verify`: the pre-traffic gate's verdict before you deploy. Each function with a
// PreTraffic hook in template.yaml is bundled as sam build bundles it, run in an execution
// environment of the local runner (Lambda's variables, one invocation at a time), and faced with
// the gate's battery (src/pre-traffic/). Exits 1 when CodeDeploy would be told Failed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATTERY } from '../generated/battery.ts';
import { responses } from '../generated/validators.js';
import { bundleFunction } from '../lib/bundle.ts';
import { PROJECT_ROOT } from '../lib/project.ts';
import { readApiDefinition } from '../local/api-definition.ts';
import { EnvironmentPool } from '../local/lambda/environments.ts';
import type { Invocation } from '../src/battery/views.ts';
import { GATE_DEADLINE_MS, runGate } from '../src/pre-traffic/gate.ts';

const definition = readApiDefinition(join(PROJECT_ROOT, 'template.yaml'));
const gated = [...definition.functions.values()].filter(
  ({ definition: { properties } }) =>
    (properties.DeploymentPreference as { Hooks?: { PreTraffic?: unknown } } | undefined)?.Hooks?.PreTraffic !==
    undefined,
);
const root = await mkdtemp(join(tmpdir(), 'guru-verify-'));
let failed = 0;
try {
  for (const fn of gated) {
    const bundle = await bundleFunction(fn.definition, root);
    const pool = new EnvironmentPool(
      fn,
      { file: bundle.file, exportName: bundle.exportName },
      { log: () => undefined },
    );
    try {
      const invoke = async (event: unknown): Promise<Invocation> => {
        const outcome = await pool.invoke(event);
        if (outcome.kind === 'response') return { payload: outcome.payload };
        const failure =
          outcome.kind === 'timeout' ? { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out' } : outcome;
        return { functionError: 'Unhandled', payload: failure };
      };
      const verdict = await runGate({
        battery: { plan: BATTERY, validators: responses },
        invoke,
        stage: definition.stage,
        deadlineMs: GATE_DEADLINE_MS,
      });
      for (const { probe, check, status, problem } of verdict.failures) {
        console.log(`✘ ${probe}: ${check}${status === undefined ? '' : ` (status ${status})`}: ${problem}`);
      }
      const outcome = verdict.passed ? 'Succeeded: it may take traffic' : 'Failed: CodeDeploy would roll it back';
      console.log(
        `${fn.logicalId}: ${verdict.checks} checks of its answers against openapi.yaml, ${verdict.failed} failed. ${outcome}.`,
      );
      if (!verdict.passed) failed++;
    } finally {
      await pool.close();
    }
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
process.exit(failed === 0 ? 0 : 1);
