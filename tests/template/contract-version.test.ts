// The stack says which contract version it serves: the ContractVersion output and the API's
// description, both from the template's Contract mapping, which must be openapi.yaml's info.version.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translatedStack } from '../../lib/translation/stacks.ts';
import { template } from '../support/template.ts';

const VERSION = (
  parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as { info: { version: string } }
).info.version;
const SERVED = { 'Fn::FindInMap': ['Contract', 'Served', 'Version'] };
/** template.yaml as the SAM translator expands it (`npm run translate`). */
const processed = translatedStack('dev');
type Mappings = { Mappings: { Contract: { Served: { Version: string } } } };

describe('the contract version the stack serves', () => {
  it("is openapi.yaml's info.version", () => {
    expect((template as unknown as Mappings).Mappings.Contract.Served.Version, 'npm run generate writes it').toBe(
      VERSION,
    );
  });

  it('is a stack output', () => {
    expect(template.Outputs?.ContractVersion).toMatchObject({ Value: SERVED });
  });

  it("is in the API's description, where SAM puts an Api's Description: on the RestApi", () => {
    // Assess: the translator's own output.
    const restApi = processed.Resources.MeditationsApi as { Type: string; Properties: { Description: unknown } };
    expect(restApi.Type).toBe('AWS::ApiGateway::RestApi');
    expect(restApi.Properties.Description).toEqual({
      'Fn::Sub': [expect.stringMatching(/\$\{Version\}/), { Version: SERVED }],
    });
  });
});
