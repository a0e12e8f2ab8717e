// `npm start`: the local API from the command line, with flags and PORT/HOST, and a start-up
// banner that says where everything is.
import { parseArgs } from 'node:util';
import { DefinitionError } from '../lib/errors.ts';
import { parseParameterOverrides } from '../lib/parameters.ts';
import { bannerLines } from './banner.ts';
import { failureExit } from './cli-failure.ts';
import { readEnvVarsFile } from './env-vars.ts';
import { openInspector, parseInspectAddress, withInspectValue } from './inspect.ts';
import { DEFAULTS, startLocalApi } from './server.ts';
import { guardOutput } from './terminal.ts';

const USAGE = `Usage: npm start [-- options]

Serves template.yaml's API on this machine as API Gateway and Lambda would, with Node alone.

Options:
  -p, --port <number>            port to listen on; 0 picks a free one (default ${DEFAULTS.port}, or PORT)
      --host <address>           address to listen on (default ${DEFAULTS.host}, or HOST)
      --template <file>          the SAM template to serve (default ${DEFAULTS.template})
      --parameter-overrides <s>  template parameters, as sam deploy takes them:
                                 "Key=Value Key2=Value2" or "ParameterKey=Key,ParameterValue=Value"
      --env-vars <file>          the functions' environment variables, as sam local takes them:
                                 {"Parameters": {...}, "<LogicalId>": {...}}, or a .env file
      --inspect[=[host:]port]    open the inspector (default 127.0.0.1:9229) for Chrome DevTools or
                                 VS Code; breakpoints in src/ stop the request, and timeouts are lifted
      --lambda-port <number>     also serve Lambda's Invoke API for every function, as
                                 sam local start-lambda does; 0 picks a free port
  -h, --help                     show this help`;

/** A flag's value, else the environment variable's; an empty value is a mistake, not a default. */
const setting = (flag: string | undefined, flagName: string, variable: string): string | undefined => {
  const [source, value] = flag !== undefined ? [flagName, flag] : [variable, process.env[variable]];
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new DefinitionError(`${source} is empty: give it a value, or leave it out`);
  return value;
};

const portNumber = (text: string, source: string): number => {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new DefinitionError(`${source} must be a port number from 0 to 65535, not "${text}"`);
  return port;
};

const portFrom = (flag: string | undefined): number => {
  const text = setting(flag, '--port', 'PORT');
  return text === undefined ? DEFAULTS.port : portNumber(text, flag !== undefined ? '--port' : 'PORT');
};

const main = async () => {
  const { values } = parseArgs({
    args: withInspectValue(process.argv.slice(2)),
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      template: { type: 'string' },
      'parameter-overrides': { type: 'string' },
      'env-vars': { type: 'string' },
      inspect: { type: 'string' },
      'lambda-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  guardOutput(process.stderr);
  const inspectorUrl = values.inspect === undefined ? undefined : openInspector(parseInspectAddress(values.inspect));
  const api = await startLocalApi({
    port: portFrom(values.port),
    host: setting(values.host, '--host', 'HOST') ?? DEFAULTS.host,
    parameters: parseParameterOverrides(values['parameter-overrides'] ?? ''),
    ...(values.template !== undefined && { template: values.template }),
    ...(values['env-vars'] !== undefined && { envVars: readEnvVarsFile(values['env-vars']) }),
    ...(values['lambda-port'] !== undefined && { lambdaPort: portNumber(values['lambda-port'], '--lambda-port') }),
    debugging: inspectorUrl !== undefined,
  });

  for (const line of bannerLines(api, inspectorUrl)) console.log(line);
  const stop = () => void api.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

main().catch((error: unknown) => {
  failureExit({ cannot: 'Cannot start the local API', command: 'npm start', userErrorCode: 1 })(error);
  // Workers and watchers of a half-started API would keep the process alive.
  process.exit();
});
