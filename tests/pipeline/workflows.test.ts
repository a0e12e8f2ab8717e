// The GitHub Actions pipeline (.github/): valid as GitHub reads it, keyless, pinned, and deploying
// one tested build to dev, then, once dev answers, to prod behind its reviewers.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { stackName } from '../../lib/names.ts';
import { PROJECT_ROOT } from '../../lib/project.ts';
import {
  actionErrors,
  actionFiles,
  environmentOf,
  expandedSteps,
  type Job,
  needsOf,
  projectFile,
  readAction,
  readWorkflow,
  type Step,
  workflowErrors,
  workflowFiles,
} from '../support/workflows.ts';

const ci = readWorkflow('.github/workflows/ci.yml');
const deploy = readWorkflow('.github/workflows/deploy.yml');
const preview = readWorkflow('.github/workflows/preview.yml');
const everyFile = [...workflowFiles(), ...actionFiles()];
const everyJob = workflowFiles().flatMap((path) =>
  Object.entries(readWorkflow(path).jobs).map(([id, job]) => ({ path, id, job })),
);
const runs = (steps: Step[]) => steps.flatMap((step) => (step.run ? [step.run] : []));
const uses = (steps: Step[], action: string) => steps.filter((step) => step.uses?.split('@')[0] === action);
const CREDENTIALS = 'aws-actions/configure-aws-credentials';

describe('workflows', () => {
  describe("GitHub's workflow parser", () => {
    it.each(workflowFiles())('accepts %s, with the reusable workflows it calls', async (path) => {
      expect(await workflowErrors(path, projectFile(path))).toEqual([]);
    });

    it.each(actionFiles())('accepts %s', (path) => {
      expect(actionErrors(path, projectFile(path))).toEqual([]);
    });

    it.each([
      ['a job without runs-on', 'on: push\njobs:\n  test:\n    steps:\n      - run: npm test\n', /runs-on/],
      ['a key GitHub does not know', 'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    stepz: []\n', /stepz/],
      [
        'an unclosed expression',
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.sha\n',
        /The expression is not closed/,
      ],
      [
        'an expression that does not parse',
        'on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    if: github.sha ==\n    steps:\n      - run: echo\n',
        /Unexpected end of expression/,
      ],
      [
        'an input ci.yml does not declare',
        'on: push\njobs:\n  ci:\n    uses: ./.github/workflows/ci.yml\n    with:\n      keep-biuld: true\n',
        /keep-biuld is not defined in the referenced workflow/,
      ],
    ])('rejects a workflow with %s', async (_, content, message) => {
      const errors = await workflowErrors('.github/workflows/broken.yml', content);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.join('\n')).toMatch(message);
    });

    it('rejects an action with a step that neither runs nor uses anything', () => {
      const broken = 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - name: nothing\n';
      expect(actionErrors('.github/actions/broken/action.yml', broken)).not.toEqual([]);
    });
  });

  describe('supply chain', () => {
    it('pins every third-party action to a full commit SHA, its version in a comment', () => {
      const references = everyFile.flatMap((path) =>
        [...projectFile(path).matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)].map(([, target, rest]) => ({
          path,
          target: target as string,
          rest: rest as string,
        })),
      );
      expect(references.length).toBeGreaterThan(10);
      for (const { path, target, rest } of references.filter(({ target }) => !target.startsWith('./'))) {
        expect(target, `${path}: ${target}`).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/);
        expect(rest, `${path}: ${target}`).toMatch(/^ # v\d+(\.\d+)*$/);
      }
    });

    it('stores no AWS key anywhere: every AWS credential comes from OIDC', () => {
      for (const path of [...everyFile, '.github/dependabot.yml']) {
        const text = projectFile(path);
        expect(text, path).not.toMatch(
          /aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY/i,
        );
        expect(text, path).not.toMatch(/secrets\./);
      }
    });

    it('grants contents: read by default, more only to the job that needs it, and never runs pull_request_target', () => {
      for (const path of workflowFiles()) {
        const workflow = readWorkflow(path);
        expect(workflow.permissions, path).toEqual({ contents: 'read' });
        expect(Object.keys(workflow.on), path).not.toContain('pull_request_target');
      }
      for (const { path, id, job } of everyJob) {
        const granted = Object.entries(job.permissions ?? {}).filter(
          ([, level]) => level !== 'read' && level !== 'none',
        );
        const needs = new Set<string>();
        const steps = expandedSteps(job.steps);
        if (uses(steps, CREDENTIALS).length > 0) needs.add('id-token');
        if (uses(steps, 'actions/deploy-pages').length > 0) {
          needs.add('pages');
          needs.add('id-token');
        }
        if (runs(steps).some((run) => /^\s*npm publish\b/m.test(run))) needs.add('packages');
        expect(Object.fromEntries(granted), `${path} ${id}`).toEqual(
          Object.fromEntries([...needs].map((scope) => [scope, 'write'])),
        );
      }
    });

    it('checks out without leaving the token in the git config', () => {
      for (const { path, id, job } of everyJob) {
        for (const step of uses(job.steps ?? [], 'actions/checkout')) {
          expect(step.with?.['persist-credentials'], `${path} ${id}`).toBe(false);
        }
      }
    });

    it('asks Dependabot for npm and for every action, the composite ones included', () => {
      const { updates } = parse(projectFile('.github/dependabot.yml')) as {
        updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[];
      };
      expect(updates.find((update) => update['package-ecosystem'] === 'npm')?.directory).toBe('/');
      const actions = updates.find((update) => update['package-ecosystem'] === 'github-actions');
      expect(new Set(actions?.directories)).toEqual(
        new Set([
          '/',
          ...readdirSync(join(PROJECT_ROOT, '.github', 'actions')).map((name) => `/.github/actions/${name}`),
        ]),
      );
    });
  });

  describe('CI', () => {
    const test = ci.jobs.test as Job;
    const testRuns = runs(expandedSteps(test.steps));

    it("runs the README's test command exactly, on the Node package.json pins", () => {
      const [readmeCommand] = /^npm ci && npm test(?= )/m.exec(projectFile('README.md')) ?? [];
      expect(readmeCommand).toBe('npm ci && npm test');
      expect(runs(test.steps ?? [])).toContain(readmeCommand);
      // The project is set up without its own `npm ci`, which the command runs.
      expect(uses(test.steps ?? [], './.github/actions/setup-project')[0]?.with).toEqual({ install: false });
      const setupNode = uses(expandedSteps(test.steps), 'actions/setup-node')[0];
      expect(setupNode?.with?.['node-version']).toBe('${{ steps.pin.outputs.node }}');
      expect(setupNode?.with?.cache).toBe('npm');
      expect(testRuns).toContain(`echo "node=$(jq -r '.devDependencies.node' package.json)" >> "$GITHUB_OUTPUT"`);
      for (const path of everyFile) expect(projectFile(path), path).not.toMatch(/node-version:\s*['"]?\d/);
    });
  });

  describe('deploy', () => {
    const { dev, 'plan-prod': planProd, prod } = deploy.jobs as Record<string, Job>;
    const devSteps = expandedSteps(dev?.steps);
    const planSteps = expandedSteps(planProd?.steps);

    it('runs on main only after CI passed for that commit', () => {
      expect(deploy.on.push).toEqual({ branches: ['main'] });
      expect(deploy.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
      expect(needsOf(dev as Job)).toEqual(['ci']);
      expect(ci.on.push).toEqual({ 'branches-ignore': ['main'] });
    });

    it('builds once: CI keeps its sam build, and dev and prod deploy that artifact, never a rebuild', () => {
      const builders = [ci, deploy, preview].flatMap((workflow) =>
        Object.values(workflow.jobs).filter((job) =>
          runs(expandedSteps(job.steps)).some((run) => /sam:build|sam build/.test(run)),
        ),
      );
      expect(builders).toEqual([ci.jobs.sam]);
      const [kept] = uses(ci.jobs.sam?.steps ?? [], 'actions/upload-artifact');
      expect(kept?.with?.name).toBe('sam-build');
      expect(kept?.if).toBe('${{ inputs.keep-build }}');
      expect(deploy.jobs.ci?.with).toEqual({ 'keep-build': true });
      for (const steps of [devSteps, planSteps]) {
        expect(uses(steps, 'actions/download-artifact').map((step) => step.with?.name)).toEqual(['sam-build']);
      }
      // prod executes the change set made from that artifact, and makes none.
      expect(uses(prod?.steps ?? [], './.github/actions/change-set')).toEqual([]);
      expect(uses(prod?.steps ?? [], './.github/actions/roll-out')[0]?.with?.['change-set-id']).toBe(
        '${{ needs.plan-prod.outputs.change-set-id }}',
      );
    });

    it('assumes each environment’s role through OIDC, with the role and region from its variables', () => {
      const deployJobs = [...Object.values(deploy.jobs), ...Object.values(preview.jobs)].filter(
        (job) => uses(expandedSteps(job.steps), CREDENTIALS).length > 0,
      );
      expect(deployJobs).toHaveLength(5);
      for (const job of deployJobs) {
        expect(job.permissions?.['id-token']).toBe('write');
        expect(environmentOf(job)).toBeDefined();
        const [credentials] = uses(job.steps ?? [], CREDENTIALS);
        expect(credentials?.with).toEqual({
          'role-to-assume': '${{ vars.DEPLOY_ROLE_ARN }}',
          'aws-region': '${{ vars.AWS_REGION }}',
        });
      }
    });

    it('deploys prod only after dev’s smoke test passed, in the production environment', () => {
      expect(needsOf(prod as Job)).toContain('dev');
      expect(needsOf(planProd as Job)).toContain('dev');
      expect(environmentOf(prod as Job)).toBe('production');
      // Dev's job ends with its smoke test, so prod's jobs start only once it passed.
      expect(runs(dev?.steps ?? []).at(-1)).toMatch(/^npm run smoke /);
      expect(runs(prod?.steps ?? []).at(-1)).toMatch(/^npm run smoke /);
    });

    it('puts every change set through the security gate before it executes', () => {
      const gate = runs(devSteps).findIndex((run) => run.includes('npm run guard'));
      const execute = runs(devSteps).findIndex((run) => run.includes('execute-change-set'));
      expect(gate).toBeGreaterThan(-1);
      expect(gate).toBeLessThan(execute);
      expect(runs(devSteps)[gate]).toMatch(/--template-stage Processed/);
    });

    it('runs one deploy per environment at a time and never cancels a running one', () => {
      const groups = new Map<string, string>();
      for (const { path, id, job } of everyJob.filter(({ job }) => environmentOf(job) !== undefined)) {
        expect(job.concurrency?.['cancel-in-progress'], `${path} ${id}`).toBe(false);
        groups.set(`${path} ${id}`, job.concurrency?.group as string);
      }
      expect(groups.get('.github/workflows/deploy.yml dev')).toBe('deploy-dev');
      expect(groups.get('.github/workflows/deploy.yml plan-prod')).toBe('deploy-prod');
      expect(groups.get('.github/workflows/deploy.yml prod')).toBe('deploy-prod');
    });
  });

  describe('previews', () => {
    const { deploy: deployPreview, delete: deletePreview } = preview.jobs as Record<string, Job>;

    it('never runs for a fork’s pull request', () => {
      expect(needsOf(deployPreview as Job)).toEqual(['ci']);
      for (const job of [preview.jobs.ci, deletePreview]) {
        expect(job?.if).toMatch(/^github\.event\.pull_request\.head\.repo\.full_name == github\.repository &&/);
      }
    });
  });

  describe('what the workflows call', () => {
    const scripts = (JSON.parse(projectFile('package.json')) as { scripts: Record<string, string> }).scripts;

    it('runs only npm scripts package.json defines', () => {
      const called = everyFile.flatMap((path) =>
        [...projectFile(path).matchAll(/npm run (?:--silent )?([\w-]+(?::[\w-]+)*)/g)].map(([, name]) => ({
          path,
          name,
        })),
      );
      expect(called.length).toBeGreaterThan(5);
      for (const { path, name } of called) expect(scripts, `${path}: npm run ${name}`).toHaveProperty(name as string);
    });

    it('deploys with samconfig.toml environments that exist, to the stacks they name, named from names.json', () => {
      const config = parseToml(projectFile('samconfig.toml')) as Record<
        string,
        { global?: { parameters?: { stack_name?: string } } }
      >;
      const deployments = everyJob.flatMap(({ job }) => {
        // The stack-name action's steps in the job, by the expression that reads their output.
        const named = new Map(
          uses(job.steps ?? [], './.github/actions/stack-name').map((step) => [
            `\${{ steps.${step.id}.outputs.stack-name }}`,
            String(step.with?.environment),
          ]),
        );
        return uses(job.steps ?? [], './.github/actions/change-set').map((step) => ({
          configEnv: String(step.with?.['config-env']),
          environment: named.get(String(step.with?.['stack-name'])),
        }));
      });
      expect(deployments).toHaveLength(3);
      for (const { configEnv, environment } of deployments) {
        const configured = config[configEnv]?.global?.parameters?.stack_name;
        expect(configured, configEnv).toBeDefined();
        expect(environment, `${configEnv}: a stack named by the stack-name action`).toBeDefined();
        if (!environment!.startsWith('pr-')) expect(stackName(environment!)).toBe(configured);
      }
      const [read] = readAction('.github/actions/stack-name/action.yml').runs.steps;
      expect(read?.run).toContain('"$(jq -er .service names.json)"');
    });

    it('rolls out the very stack each change set was made for, and deletes the preview it deployed', () => {
      const { 'plan-prod': planProd, prod } = deploy.jobs as Record<string, Job>;
      const { deploy: deployPreview, delete: deletePreview } = preview.jobs as Record<string, Job>;
      const stackOf = (steps: Step[] = [], action: string) => uses(steps, action)[0]?.with?.['stack-name'];
      for (const job of [deploy.jobs.dev, deployPreview]) {
        expect(stackOf(job?.steps, './.github/actions/roll-out')).toBe(
          stackOf(job?.steps, './.github/actions/change-set'),
        );
      }
      expect(planProd?.outputs?.['stack-name']).toBe(stackOf(planProd?.steps, './.github/actions/change-set'));
      expect(stackOf(prod?.steps, './.github/actions/roll-out')).toBe('${{ needs.plan-prod.outputs.stack-name }}');
      const named = (job?: Job) => uses(job?.steps ?? [], './.github/actions/stack-name')[0]?.with?.environment;
      expect(named(deletePreview)).toBe(named(deployPreview));
      expect(deletePreview?.steps?.find((step) => step.env?.STACK_NAME)?.env?.STACK_NAME).toBe(
        '${{ steps.stack.outputs.stack-name }}',
      );
    });

    it('passes every input a composite action requires, and none it does not declare', () => {
      for (const { path, id, job } of everyJob) {
        for (const step of (job.steps ?? []).filter((step) => step.uses?.startsWith('./.github/actions/'))) {
          const action = readAction(`${step.uses}/action.yml`);
          const declared = (action.inputs ?? {}) as Record<string, { required?: boolean }>;
          const given = Object.keys(step.with ?? {});
          for (const name of given) expect(declared, `${path} ${id}: ${step.uses} ${name}`).toHaveProperty(name);
          for (const [name] of Object.entries(declared).filter(([, input]) => input.required)) {
            expect(given, `${path} ${id}: ${step.uses} needs ${name}`).toContain(name);
          }
        }
      }
    });
  });
});
