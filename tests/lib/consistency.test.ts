// openapi.yaml, src/api/operations, template.yaml and the published docs agree on every operation:
// lib/consistency.ts says, for any disagreement, what is missing and which file to edit.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { consistencyProblems } from '../../lib/consistency.ts';
import { publishedContract } from '../../lib/docs.ts';
import { DEFINITION_FILE_NAME } from '../../lib/gateway-definition.ts';
import { implementations } from '../../src/api/operations/index.ts';
import { contract } from '../support/contract.ts';
import { template } from '../support/template.ts';

describe('consistency of this project', () => {
  it('finds every operation implemented, integrated, permitted and documented, and nothing else', async () => {
    // Prepare
    const published = await publishedContract(fileURLToPath(new URL('../../openapi.yaml', import.meta.url)));

    // Act
    const problems = consistencyProblems({
      contract,
      contractFile: 'openapi.yaml',
      template,
      templateFile: 'template.yaml',
      definitionFile: `generated/${DEFINITION_FILE_NAME}`,
      implemented: Object.keys(implementations),
      implementationsFile: 'src/api/operations/index.ts',
      published,
    });

    // Assess: each problem says what is missing and where to add it (docs/adding-an-operation.md).
    expect(problems).toEqual([]);
  });
});
