// The contract diff where it runs on GitHub: on every pull request against its base commit, failing
// the job on a change the version does not allow, and in prod's plan against the contract prod
// serves. The pull request's step runs here as the runner would run it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { expandedSteps, projectFile, readWorkflow, type Step } from '../support/workflows.ts';

const ci = readWorkflow('.github/workflows/ci.yml');
const deploy = readWorkflow('.github/workflows/deploy.yml');
const diffStep = (steps: Step[] = []) => steps.find((step) => step.run?.includes('npm run contract:diff'));

describe('the contract diff on a pull request (ci.yml)', () => {
  const [id, job] = Object.entries(ci.jobs).find(([, candidate]) => diffStep(candidate.steps)) ?? [];
  const step = diffStep(job?.steps);
  const scratch = mkdtempSync(join(tmpdir(), 'guru-contract-ci-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  /** The step's script, run by bash as the runner runs it, with BASE_SHA naming `base`. */
  const runStep = (base: string) => {
    const summary = join(scratch, 'summary.md');
    writeFileSync(summary, '');
    const { status } = spawnSync('bash', ['-eo', 'pipefail', '-c', step?.run ?? 'exit 99'], {
      cwd: PROJECT,
      env: { ...process.env, BASE_SHA: base, GITHUB_STEP_SUMMARY: summary },
      stdio: 'ignore',
    });
    return { status, summary: readFileSync(summary, 'utf8') };
  };

  it('runs on pull requests only, once, with the history the base commit is in', () => {
    expect(id).toBeDefined();
    expect(job?.if).toMatch(/github\.event_name == 'pull_request'/);
    const checkout = job?.steps?.find((candidate) => candidate.uses?.startsWith('actions/checkout@'));
    expect(checkout?.with?.['fetch-depth']).toBe(0);
  });

  it("compares with the pull request's base commit and writes the change list to the job summary", () => {
    expect(step?.env?.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    expect(step?.run).toContain('--base "$BASE_SHA"');
    expect(step?.run).toContain('--summary "$GITHUB_STEP_SUMMARY"');
    expect(step).not.toHaveProperty('continue-on-error');
  });

  it('passes the job when the base is the contract itself, with the verdict in the summary', () => {
    const { status, summary } = runStep(join(PROJECT, 'openapi.yaml'));

    expect(status).toBe(0);
    expect(summary).toContain('✔ Allowed');
  });

  it('fails the job on a breaking change the version does not allow', () => {
    // Prepare: a base at the same version that has one more operation (the first one's answers, on
    // a path of its own), so this contract removes it.
    const base = parse(projectFile('openapi.yaml'));
    const [first = {}] = Object.values(base.paths as Record<string, Record<string, { responses?: unknown }>>);
    const [, operation] = Object.entries(first).find(([method]) =>
      ['get', 'post', 'put', 'delete', 'patch'].includes(method),
    )!;
    base.paths['/wisdom'] = { post: { operationId: 'wisdom', responses: operation.responses } };
    const basePath = join(scratch, 'base.yaml');
    writeFileSync(basePath, stringify(base));

    // Act
    const { status, summary } = runStep(basePath);

    // Assess
    expect(status).toBe(1);
    expect(summary).toContain('✘ Not allowed: a breaking change needs info.version');
    expect(summary).toMatch(/\| breaking \| POST \/wisdom/);
  });
});

describe("the contract diff in prod's plan (deploy.yml)", () => {
  const job = deploy.jobs['plan-prod'];
  const steps = expandedSteps(job?.steps);
  const step = diffStep(steps);

  it('compares the contract prod serves, as the docs published it, with this commit’s, bundled alike', () => {
    expect(step?.run).toMatch(/gh api "repos\/\$GITHUB_REPOSITORY\/pages"/);
    expect(step?.run).toContain('/openapi.yaml" -o "$RUNNER_TEMP/prod-openapi.yaml"');
    expect(step?.run).toContain('npm run docs:build');
    expect(step?.run).toContain(
      'npm run contract:diff -- --base "$RUNNER_TEMP/prod-openapi.yaml" --head dist/docs/openapi.yaml --summary "$GITHUB_STEP_SUMMARY"',
    );
    expect(job?.permissions?.pages).toBe('read');
  });

  it('runs before the change set is made, so the reviewers read it with the plan', () => {
    const diffAt = steps.indexOf(step as Step);
    const changeSetAt = steps.findIndex((candidate) => candidate.uses === './.github/actions/change-set');
    expect(diffAt).toBeGreaterThan(-1);
    expect(diffAt).toBeLessThan(changeSetAt);
  });

  it('publishes the contract with the docs once prod serves it, for the next plan to compare with', () => {
    const docs = deploy.jobs.docs;
    expect(docs?.needs).toBe('prod');
    expect(docs?.steps?.some((candidate) => candidate.run?.startsWith('npm run docs:build'))).toBe(true);
    // npm run docs:build writes dist/docs/openapi.yaml beside the page (tests/browser/docs.test.ts).
    const upload = docs?.steps?.find((candidate) => candidate.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe('dist/docs');
  });
});
