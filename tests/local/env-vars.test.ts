// --env-vars as `sam local` takes it: the file's formats, SAM's rule on which variables a file may
// set, and the values the function then sees in its execution environment.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../lib/errors.ts';
import { stackName } from '../../lib/names.ts';
import { readApiDefinition } from '../../local/api-definition.ts';
import { applyEnvVars, readEnvVarsFile } from '../../local/env-vars.ts';
import { FAULTY_TEMPLATE, PROJECT_TEMPLATE, send, withTestApi } from '../support/http.ts';

const directory = mkdtempSync(join(tmpdir(), 'guru-env-vars-'));
const file = (name: string, content: string) => {
  const path = join(directory, name);
  writeFileSync(path, content);
  return path;
};
const { functions } = readApiDefinition(PROJECT_TEMPLATE);
/** The fixture's 1 s Timeout is for its timeout tests: a cold start on a busy machine may take longer. */
const ROOMY = { FunctionTimeout: '10' };

describe('readEnvVarsFile', () => {
  it('reads the JSON form: Parameters and a section per logical id', () => {
    const path = file('env.json', '{"Parameters": {"A": "1"}, "MeditationsFunction": {"B": 2}}');
    expect(readEnvVarsFile(path)).toEqual({ Parameters: { A: '1' }, MeditationsFunction: { B: 2 } });
  });

  it('reads a .env file as Parameters, as SAM does', () => {
    const path = file('.env', 'POWERTOOLS_LOG_LEVEL=DEBUG\n# a comment\nNODE_OPTIONS="--enable-source-maps"\n');
    expect(readEnvVarsFile(path)).toEqual({
      Parameters: { POWERTOOLS_LOG_LEVEL: 'DEBUG', NODE_OPTIONS: '--enable-source-maps' },
    });
  });

  it.each([
    ['JSON with a syntax error', '{"Parameters": {', /is not valid JSON/],
    ['neither JSON nor .env', 'just some words', /neither JSON nor a \.env file/],
    ['a section that is not an object', '{"Parameters": "A=1"}', /"Parameters" in .* must be an object/],
    ['a list', '[1, 2]', /must hold an object/],
  ])('refuses %s in one line', (_, content, message) => {
    expect(() => readEnvVarsFile(file('bad.json', content))).toThrow(message);
    expect(() => readEnvVarsFile(file('bad.json', content))).toThrow(DefinitionError);
  });

  it('says a missing file is missing', () => {
    expect(() => readEnvVarsFile(join(directory, 'absent.json'))).toThrow(/could not be read \(ENOENT\)/);
  });
});

describe('applyEnvVars', () => {
  it("sets Parameters for every function that declares them, and a function's own section over them", () => {
    // Act
    const applied = applyEnvVars(
      functions,
      {
        Parameters: { POWERTOOLS_LOG_LEVEL: 'DEBUG', STAGE_NAME: 'from-parameters' },
        PreTrafficHook: { STAGE_NAME: 'from-its-section' },
      },
      () => undefined,
    );

    // Assess
    expect(applied.get('MeditationsFunction')?.environment.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(applied.get('PreTrafficHook')?.environment.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(applied.get('PreTrafficHook')?.environment.STAGE_NAME).toBe('from-its-section');
    // MeditationsFunction does not declare STAGE_NAME: Parameters do not add it.
    expect(applied.get('MeditationsFunction')?.environment).not.toHaveProperty('STAGE_NAME');
  });

  it('sets no variable the template does not declare for the function, and says so once each', () => {
    // Prepare
    const said: string[] = [];

    // Act
    const applied = applyEnvVars(
      functions,
      { Parameters: { NOT_DECLARED: 'x' }, MeditationsFunction: { ALSO_NOT: 'y' }, Typo: { A: 'b' } },
      (line) => said.push(line),
    );

    // Assess
    expect(applied.get('MeditationsFunction')?.environment).toEqual(functions.get('MeditationsFunction')?.environment);
    expect(said).toEqual([
      expect.stringMatching(/"Typo" is neither Parameters nor a function of the template/),
      expect.stringMatching(/Parameters\.NOT_DECLARED is declared by no function's Environment/),
      expect.stringMatching(/MeditationsFunction\.ALSO_NOT is not declared in MeditationsFunction's Environment/),
    ]);
  });

  it('turns values into strings as SAM does: true as "true", objects and null as empty', () => {
    const applied = applyEnvVars(
      functions,
      { MeditationsFunction: { POWERTOOLS_LOG_LEVEL: true, NODE_OPTIONS: null, POWERTOOLS_SERVICE_NAME: 7 } },
      () => undefined,
    );
    expect(applied.get('MeditationsFunction')?.environment).toMatchObject({
      POWERTOOLS_LOG_LEVEL: 'true',
      NODE_OPTIONS: '',
      POWERTOOLS_SERVICE_NAME: '7',
    });
  });
});

describe('--env-vars on the local API', () => {
  it('gives the function the file values over the template values, in its execution environment', async () => {
    // Prepare: the fixture echoes its FROM_* variables; the template sets FROM_GLOBALS and FROM_FUNCTION.
    const envVars = readEnvVarsFile(
      file(
        'faulty.json',
        JSON.stringify({ Parameters: { FROM_GLOBALS: 'from-file' }, FaultyFunction: { FROM_UNDECLARED: 'no' } }),
      ),
    );

    // Act
    const env = await withTestApi({ template: FAULTY_TEMPLATE, envVars, parameters: ROOMY }, async (api) => {
      const response = await send(api.url, { path: '/echo/env' });
      return (response.json() as { env: Record<string, string> }).env;
    });

    // Assess
    expect(env.FROM_GLOBALS).toBe('from-file');
    expect(env.FROM_FUNCTION).toBe(`${stackName('local')}-own`);
    expect(env).not.toHaveProperty('FROM_UNDECLARED');
  });
});
