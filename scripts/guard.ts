// `npm run guard -- --template <processed.json> --environment <dev|prod|preview> [--stack-name <name>]
// [--parameters <change-set-parameters.json> | --parameter-overrides "K=V …"]`: the Control Tower
// rules on what CloudFormation will run (lib/guard.ts). Prints a Markdown report (the deploy
// workflow adds it to the job summary) and exits 1 when a failing rule is not in SECURITY.md.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { guardTemplate, readExemptions, resolvedTemplate } from '../lib/guard.ts';
import { readNames } from '../lib/names.ts';
import { parseParameterOverrides } from '../lib/parameters.ts';
import { parseTemplate, type Template } from '../lib/template.ts';

const { values } = parseArgs({
  options: {
    template: { type: 'string' },
    environment: { type: 'string' },
    'stack-name': { type: 'string', default: readNames().service },
    parameters: { type: 'string' },
    'parameter-overrides': { type: 'string', default: '' },
  },
});
if (values.template === undefined || values.environment === undefined) {
  console.error('Usage: npm run guard -- --template <processed template> --environment <dev|prod|preview> [options]');
  process.exit(2);
}
/** A file the command line names, or one line saying which could not be read, and exit 2. */
const readInput = async (path: string, what: string) => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    console.error(`npm run guard: cannot read ${what} ${path} (${(error as NodeJS.ErrnoException).code ?? error}).`);
    process.exit(2);
  }
};
// `aws cloudformation describe-change-set --query Parameters`: [{ParameterKey, ParameterValue}, …]
const fromChangeSet = values.parameters
  ? Object.fromEntries(
      (
        JSON.parse(await readInput(values.parameters, 'the parameters file')) as {
          ParameterKey: string;
          ParameterValue?: string;
        }[]
      ).map(({ ParameterKey, ParameterValue }) => [ParameterKey, ParameterValue ?? '']),
    )
  : {};
const parameters = { ...fromChangeSet, ...parseParameterOverrides(values['parameter-overrides']) };
// `get-template --query TemplateBody --output json` prints the template itself when it is JSON (as
// SAM's processed templates are), or a JSON string holding it when it is YAML.
const body: unknown = parseTemplate(await readInput(values.template, 'the processed template'));
const template = resolvedTemplate(
  typeof body === 'string' ? parseTemplate(body) : (body as Template),
  parameters,
  values['stack-name'],
);
const failures = await guardTemplate(template, { environment: values.environment, exemptions: await readExemptions() });

const blocking = failures.filter(({ exemption }) => exemption === undefined);
console.log(`### Control Tower rules on the ${values.environment} change set\n`);
if (failures.length === 0) console.log('Every rule passes.');
else {
  console.log('| rule | resources | verdict |\n| --- | --- | --- |');
  for (const { rule, resources, exemption } of failures) {
    console.log(
      `| \`${rule}\` | ${resources.join(', ')} | ${exemption ? `not met on purpose (SECURITY.md): ${exemption}` : '**fails the deploy**'} |`,
    );
  }
}
console.log(
  `\n${blocking.length === 0 ? 'Passed' : `Failed: ${blocking.length} rule(s) not met and not in SECURITY.md`}.`,
);
process.exit(blocking.length === 0 ? 0 : 1);
