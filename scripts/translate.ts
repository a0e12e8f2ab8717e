// `npm run translate`: every translated stack the tests read (lib/translation/stacks.ts), made from
// template.yaml by the real SAM translator, with the template's defaults and with samconfig.toml's
// prod parameters. Needs Python with aws-sam-translator at the pinned version
// (lib/translation/requirements.txt): SAM_TRANSLATOR_PYTHON, else python3. No AWS credentials, no
// network. It translates the project "Make it yours" makes of this one too (docs/make-it-yours.md,
// rehearsed by tests/support/make-it-yours.ts), whose tests read its stacks on machines with no
// Python. Exits 2, in one line, when that Python cannot translate; 1 when the translator refuses
// the template, with its reasons.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type StackName, TRANSLATED_STACKS } from '../lib/translation/stacks.ts';
import {
  TranslationError,
  TranslatorMissingError,
  translateStack,
  translatorPython,
} from '../lib/translation/translate.ts';
import { madeProject, recordedTranslation } from '../tests/support/make-it-yours.ts';

const USAGE =
  'Usage: npm run translate   (SAM_TRANSLATOR_PYTHON: the Python to run the SAM translator with; default python3)';

try {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
} catch (error) {
  console.error(`translate: ${(error as Error).message.split('. ')[0]}. ${USAGE}`);
  process.exit(2);
}

try {
  const python = translatorPython();
  const stacks = Object.keys(TRANSLATED_STACKS) as StackName[];
  for (const stack of stacks) {
    console.log(`Wrote ${await translateStack(stack, { python })} (${stack})`);
  }
  const made = madeProject({ translated: false });
  try {
    for (const stack of stacks) {
      cpSync(join(made, await translateStack(stack, { python, root: made })), recordedTranslation(stack));
      console.log(`Wrote ${recordedTranslation(stack).replace(`${process.cwd()}/`, '')} (${stack}, made yours)`);
    }
  } finally {
    rmSync(made, { recursive: true, force: true });
  }
} catch (error) {
  if (error instanceof TranslatorMissingError) {
    console.error(`translate: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof TranslationError) {
    console.error(`translate: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
