// `npm run event`: prints the proxy event for one request to the template's stage (generate-event.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DefinitionError } from '../lib/errors.ts';
import { parseParameterOverrides } from '../lib/parameters.ts';
import { readApiDefinition } from './api-definition.ts';
import { failureExit } from './cli-failure.ts';
import { generateEvent } from './generate-event.ts';

const USAGE = `Usage: npm run -s event -- <METHOD> <path> [options] > event.json

Prints the proxy event API Gateway would send the function for this request to the template's
stage, to run with npm run invoke -- --event event.json. npm prints its own banner on stdout:
-s keeps it out of the file (npm run -s event -- POST / > event.json).

Options:
      --query <name=value>       a query parameter; repeat for more (or put ?a=1 in the path)
      --header <name:value>      a request header; repeat for more
      --body <text|@file>        the request body, or @ and a file to read it from
      --parameter-overrides <s>  template parameters: "Key=Value Key2=Value2"
      --template <file>          the SAM template (default template.yaml)
  -h, --help                     show this help`;

const bodyFrom = (text: string | undefined): Buffer | undefined => {
  if (text === undefined) return undefined;
  if (!text.startsWith('@')) return Buffer.from(text);
  try {
    return readFileSync(text.slice(1));
  } catch (error) {
    throw new DefinitionError(`--body ${text}: the file could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
};

const main = () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      query: { type: 'string', multiple: true },
      header: { type: 'string', multiple: true },
      body: { type: 'string' },
      'parameter-overrides': { type: 'string' },
      template: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [method, path, ...rest] = positionals;
  if (method === undefined || path === undefined || rest.length > 0)
    throw new DefinitionError('Give a method and a path, such as: npm run event -- POST /');
  const definition = readApiDefinition(
    resolve(values.template ?? 'template.yaml'),
    parseParameterOverrides(values['parameter-overrides'] ?? ''),
  );
  const body = bodyFrom(values.body);
  const event = generateEvent(definition, {
    method,
    path,
    ...(values.query && { query: values.query }),
    ...(values.header && { headers: values.header }),
    ...(body && { body }),
  });
  console.log(JSON.stringify(event, null, 2));
};

try {
  main();
} catch (error) {
  failureExit({ cannot: 'Cannot make the event', command: 'npm run event', userErrorCode: 2, bugCode: 2 })(error);
}
