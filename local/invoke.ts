// `npm run invoke`: one event through one function, as `sam local invoke` runs it, in the execution
// environment the local API uses (Lambda's variables, timeout, memory, cold start, log format).
// The function's result alone goes to stdout, as JSON; its logs go to stderr.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DefinitionError } from '../lib/errors.ts';
import { parseParameterOverrides } from '../lib/parameters.ts';
import { type ApiDefinition, readApiDefinition } from './api-definition.ts';
import { failureExit } from './cli-failure.ts';
import { readEnvVarsFile } from './env-vars.ts';
import { exampleEventFor } from './examples.ts';
import { openInspector, parseInspectAddress, withInspectValue } from './inspect.ts';
import { FunctionHost } from './lambda/function-host.ts';
import { invokeAsLambda } from './lambda/lambda-result.ts';
import { withRunSettings } from './run-settings.ts';

const USAGE = `Usage: npm run invoke -- [FunctionLogicalId] [options]

Runs one event through one function of template.yaml, as sam local invoke does, with Node alone.
The function's result is printed on stdout as JSON; its logs go to stderr. Exit code 0 when it
returned, 1 when it threw or timed out (the error as Lambda reports it is printed instead), 2 when
the command itself is wrong. npm prints its own banner on stdout: to pipe the result, run
npm run -s invoke (or node local/invoke.ts under Node 24).

FunctionLogicalId defaults to the template's only API function.

Options:
  -e, --event <file>             the event, as JSON; - reads it from stdin (default: the event of the
                                 contract's example request of the function's first operation)
      --env-vars <file>          the function's environment variables, as sam local takes them
      --parameter-overrides <s>  template parameters: "Key=Value Key2=Value2"
      --template <file>          the SAM template (default template.yaml)
      --inspect[=[host:]port]    wait for a debugger (default 127.0.0.1:9229) before invoking;
                                 breakpoints in src/ stop the invocation, and its timeout is lifted
  -h, --help                     show this help`;

/** The function named, else the one function the API's routes invoke. */
const chooseFunction = (definition: ApiDefinition, name: string | undefined) => {
  const names = [...definition.functions.keys()].join(', ');
  if (name !== undefined) {
    const fn = definition.functions.get(name);
    if (fn === undefined) throw new DefinitionError(`${name} is not a function of the template (it has ${names})`);
    return fn;
  }
  const apiFunctions = [...new Set(definition.routes.flatMap(({ functionId }) => functionId ?? []))];
  const [only, ...others] = apiFunctions;
  if (only === undefined || others.length > 0)
    throw new DefinitionError(`Name the function to invoke: the template has ${names}`);
  return definition.functions.get(only)!;
};

const readEvent = (source: string): unknown => {
  let text: string;
  try {
    text = readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (error) {
    throw new DefinitionError(`The event ${source} could not be read (${(error as NodeJS.ErrnoException).code})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new DefinitionError(
      `The event ${source === '-' ? 'on stdin' : source} is not JSON: ${(error as Error).message}`,
    );
  }
};

const main = async (): Promise<number> => {
  const { values, positionals } = parseArgs({
    args: withInspectValue(process.argv.slice(2)),
    allowPositionals: true,
    options: {
      event: { type: 'string', short: 'e' },
      'env-vars': { type: 'string' },
      'parameter-overrides': { type: 'string' },
      template: { type: 'string' },
      inspect: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length > 1) throw new DefinitionError(`Name one function, not ${positionals.join(' ')}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const templatePath = resolve(values.template ?? 'template.yaml');
  const definition = withRunSettings(
    readApiDefinition(templatePath, parseParameterOverrides(values['parameter-overrides'] ?? '')),
    {
      envVars: values['env-vars'] === undefined ? undefined : readEnvVarsFile(values['env-vars']),
      debugging: values.inspect !== undefined,
    },
    log,
  );
  const fn = chooseFunction(definition, positionals[0]);
  const event = values.event === undefined ? exampleEventFor(definition, fn) : readEvent(values.event);

  const host = await FunctionHost.start(fn, {
    templateDir: dirname(templatePath),
    watch: false,
    concurrency: 1,
    log,
  });
  try {
    if (values.inspect !== undefined) {
      log('Waiting for a debugger to attach (VS Code: "Debug one invoke"; Chrome: chrome://inspect)…');
      openInspector(parseInspectAddress(values.inspect), true);
    }
    const result = await invokeAsLambda(host, fn, event);
    process.stdout.write(`${JSON.stringify(result.payload)}\n`);
    return result.functionError === undefined ? 0 : 1;
  } finally {
    await host.close();
  }
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  failureExit({ cannot: 'Cannot invoke', command: 'npm run invoke', userErrorCode: 2 }),
);
