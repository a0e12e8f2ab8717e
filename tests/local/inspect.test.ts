// --inspect[=[host:]port], read as Node reads its own flag.
import { describe, expect, it } from 'vitest';
import { DefinitionError } from '../../lib/errors.ts';
import { parseInspectAddress, withInspectValue } from '../../local/inspect.ts';

describe('--inspect', () => {
  it("takes Node's default address when given no value, and leaves other arguments alone", () => {
    expect(withInspectValue(['--inspect', '--port', '0', '--inspect=9230'])).toEqual([
      '--inspect=127.0.0.1:9229',
      '--port',
      '0',
      '--inspect=9230',
    ]);
  });

  it.each([
    ['9230', { host: '127.0.0.1', port: 9230 }],
    ['0.0.0.0:9230', { host: '0.0.0.0', port: 9230 }],
    ['[::1]:0', { host: '::1', port: 0 }],
  ])('reads %s as [host:]port', (text, address) => {
    expect(parseInspectAddress(text)).toEqual(address);
  });

  it.each(['', 'localhost', '9229:localhost', '70000'])('refuses "%s", saying what it takes', (text) => {
    expect(() => parseInspectAddress(text)).toThrow(DefinitionError);
    expect(() => parseInspectAddress(text)).toThrow(/--inspect takes \[host:\]port/);
  });
});
