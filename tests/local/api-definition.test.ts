// What the runner reads: the definition template.yaml includes, generated from openapi.yaml. A
// definition behind its source is served as it is, and the runner says so at start.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFINITION_FILE_NAME } from '../../lib/gateway-definition.ts';
import { projectFile } from '../../lib/project.ts';
import { readApiDefinition } from '../../local/api-definition.ts';
import { contract, EDITED_OPERATION, withSummaryEdited } from '../support/contract.ts';

const DEFINITION = join('generated', DEFINITION_FILE_NAME);

/** template.yaml, openapi.yaml and the definition generated from it, copied. */
const copyOfProject = () => {
  const directory = mkdtempSync(join(tmpdir(), 'guru-api-definition-'));
  for (const file of ['template.yaml', 'openapi.yaml', DEFINITION]) cpSync(projectFile(file), join(directory, file));
  return directory;
};

describe('readApiDefinition', () => {
  let directory: string | undefined;
  afterEach(() => {
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  it('reads the generated definition, and knows the openapi.yaml it is made from', () => {
    // Prepare
    directory = copyOfProject();

    // Act
    const definition = readApiDefinition(join(directory, 'template.yaml'));

    // Assess
    expect(definition.definitionPath).toBe(join(directory, DEFINITION));
    expect(definition.openapiPath).toBe(join(directory, 'openapi.yaml'));
    expect(definition.notices).toEqual([]);
    // Every operation of the contract, the preflights API Gateway answers included.
    expect(definition.routes.map(({ method, resource }) => `${method} ${resource}`)).toEqual(
      contract.operations().map(({ method, path }) => `${method} ${path}`),
    );
  });

  it('says at start that the definition is behind openapi.yaml, and serves the definition', () => {
    // Prepare: openapi.yaml edited, npm run generate not run.
    directory = copyOfProject();
    const source = join(directory, 'openapi.yaml');
    writeFileSync(source, withSummaryEdited(readFileSync(source, 'utf8')));

    // Act
    const definition = readApiDefinition(join(directory, 'template.yaml'));

    // Assess
    expect(definition.notices).toEqual([
      expect.stringMatching(
        new RegExp(
          `${DEFINITION.replaceAll('.', '\\.')} is behind .*openapi\\.yaml: run npm run generate, then restart`,
        ),
      ),
    ]);
    const { operationId = '', summary } = EDITED_OPERATION;
    expect(definition.contract.operation(operationId).summary).toBe(summary);
  });

  it('says to run npm run generate when the definition is missing', () => {
    directory = copyOfProject();
    rmSync(join(directory, DEFINITION));

    expect(() => readApiDefinition(join(directory as string, 'template.yaml'))).toThrow(
      /does not exist: run npm run generate/,
    );
  });
});
