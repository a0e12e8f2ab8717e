// `npm start`: the local API from the command line, with flags and PORT/HOST, and a start-up
// banner that says where everything is.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { DefinitionError } from './api-definition.ts';
import { DEFAULTS, PortInUseError, startLocalApi } from './server.ts';

/** `Name=Value Name=Value`, as `sam deploy --parameter-overrides` takes them. */
const parseParameterOverrides = (text: string | undefined): Record<string, string> =>
  Object.fromEntries(
    (text ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw new DefinitionError(`--parameter-overrides takes Name=Value pairs, not "${pair}"`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      }),
  );

/** `npm start [-- --port N --host H --template F --parameter-overrides "Name=Value …"]`; PORT and HOST work too. */
const main = async () => {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      template: { type: 'string' },
      'parameter-overrides': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULTS.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new DefinitionError(`--port must be a port number, not "${values.port ?? process.env.PORT}"`);
  const api = await startLocalApi({
    port,
    host: values.host ?? process.env.HOST ?? DEFAULTS.host,
    parameters: parseParameterOverrides(values['parameter-overrides']),
    ...(values.template && { template: values.template }),
  });

  console.log(
    `\nGuru Meditations API, served locally as API Gateway would (stage ${api.definition.stage}): ${api.url}`,
  );
  for (const route of api.definition.routes)
    console.log(`  ${route.method.padEnd(6)} ${api.url}${route.resource}  →  ${route.functionId}`);
  console.log(
    `  Docs:     ${api.url}/docs   (the contract: ${api.url}/openapi.yaml, from ${relative(process.cwd(), api.definition.openapiPath)})`,
  );
  console.log(`Try: curl -s -X POST ${api.url}/`);
  console.log('Edits under src/ are live on the next request. Ctrl+C stops.\n');
  const stop = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: Error) => {
  // Problems with the project's files, the flags or the port are the user's to fix: say what,
  // not where. Anything else is a bug in the runner, and keeps its stack.
  const expected =
    error instanceof DefinitionError ||
    error instanceof PortInUseError ||
    (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
  console.error(expected ? `Cannot start the local API: ${error.message}` : error);
  process.exit(1);
});
