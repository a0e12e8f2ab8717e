// `npm run guard`: what the deploy jobs run on a change set's processed template, with the
// parameters `aws cloudformation describe-change-set` reports, as the AWS CLI writes them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stackName } from '../../lib/names.ts';
import { PROJECT_ROOT as PROJECT } from '../../lib/project.ts';
import { translatedStackFile } from '../../lib/translation/stacks.ts';

const PROCESSED = translatedStackFile('dev');
const work = mkdtempSync(join(tmpdir(), 'guru-guard-script-'));

/** describe-change-set's Parameters, as the change-set action writes them to a file. */
const changeSetParameters = (logRetention: string) => {
  const file = join(work, `parameters-${logRetention}.json`);
  writeFileSync(
    file,
    JSON.stringify([
      { ParameterKey: 'StageName', ParameterValue: 'v1' },
      { ParameterKey: 'LogRetentionInDays', ParameterValue: logRetention },
      { ParameterKey: 'LogsKmsKeyArn', ParameterValue: '' },
    ]),
  );
  return file;
};

const guard = (template: string, environment: string, parameters: string) =>
  spawnSync(
    process.execPath,
    [
      'scripts/guard.ts',
      '--template',
      template,
      '--environment',
      environment,
      '--stack-name',
      stackName(environment),
      '--parameters',
      parameters,
    ],
    { cwd: PROJECT, encoding: 'utf8', timeout: 60_000 },
  );

describe('npm run guard', () => {
  it("passes prod's change set, reporting the rules SECURITY.md lets pass and why", () => {
    const result = guard(PROCESSED, 'prod', changeSetParameters('400'));
    expect(result.stdout).toContain('### Control Tower rules on the prod change set');
    expect(result.stdout).toMatch(
      /\| `CT\.LAMBDA\.PR\.3` \| ContractMonitor, MeditationsFunction, PreTrafficHook \| not met on purpose/,
    );
    expect(result.stdout).not.toContain('fails the deploy');
    expect(result.stdout).toMatch(/Passed\.\n$/);
    expect(result.status).toBe(0);
  }, 60_000);

  it('fails the deploy on a rule SECURITY.md does not let pass here, naming it', () => {
    const result = guard(PROCESSED, 'prod', changeSetParameters('14'));
    expect(result.stdout).toMatch(/\| `CT\.CLOUDWATCH\.PR\.2` \| .*FunctionLogGroup.* \| \*\*fails the deploy\*\* \|/);
    expect(result.stdout).toContain('Failed: 1 rule(s) not met and not in SECURITY.md.');
    expect(result.status).toBe(1);
  }, 60_000);

  it('reads a template the AWS CLI printed as a JSON string (a YAML template body)', () => {
    const asString = join(work, 'processed-as-string.json');
    writeFileSync(asString, JSON.stringify(readFileSync(PROCESSED, 'utf8')));
    const result = guard(asString, 'dev', changeSetParameters('14'));
    expect(result.stdout).toMatch(/Passed\.\n$/);
    expect(result.status).toBe(0);
  }, 60_000);

  it('says how to call it when the template or the environment is missing', () => {
    const result = spawnSync(process.execPath, ['scripts/guard.ts', '--environment', 'prod'], {
      cwd: PROJECT,
      encoding: 'utf8',
    });
    expect(result.stderr).toContain('Usage: npm run guard -- --template');
    expect(result.status).toBe(2);
  });

  it.each([
    ['the processed template', ['--template', 'missing.json']],
    ['the parameters file', ['--template', PROCESSED, '--parameters', 'missing.json']],
  ])('says in one line, without a stack trace, that %s cannot be read', (what, args) => {
    const result = spawnSync(process.execPath, ['scripts/guard.ts', ...args, '--environment', 'prod'], {
      cwd: PROJECT,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe(`npm run guard: cannot read ${what} missing.json (ENOENT).\n`);
    expect(result.status).toBe(2);
  });
});
