// Translates template.yaml as CloudFormation does on deploy: local AWS::Include files inlined, then
// the AWS::Serverless-2016-10-31 transform, run by the real, open-source SAM translator
// (aws-sam-translator, in Python: sam-translate.py beside this file). The template is read here as
// lib/template.ts reads it for everything else, and local code folders become the S3 placeholders
// `sam validate` gives them (SAM CLI's SamTemplateValidator._replace_local_codeuri), since the
// translator takes S3 locations only.
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../project.ts';
import { parseTemplate, readTemplate, type Template } from '../template.ts';
import { inlineIncludes } from './includes.ts';
import {
  inputHashes,
  outputHash,
  pinnedTranslatorVersion,
  type StackName,
  TRANSLATED_STACKS,
  TRANSLATOR_REQUIREMENTS,
  type TranslationRecord,
} from './stacks.ts';

const TRANSLATOR = fileURLToPath(new URL('./sam-translate.py', import.meta.url));
const BIOME = join(PROJECT_ROOT, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');

/** The Python that runs the translator: SAM_TRANSLATOR_PYTHON, else python3. */
export const translatorPython = (environment: NodeJS.ProcessEnv = process.env) =>
  environment.SAM_TRANSLATOR_PYTHON || 'python3';

/** The translator cannot run here: a one-line reason, and how to fix it. */
export class TranslatorMissingError extends Error {
  override readonly name = 'TranslatorMissingError';
}

/** The translator refused the template: its reasons, as it gave them. */
export class TranslationError extends Error {
  override readonly name = 'TranslationError';
}

/** What sam validate and the deploy's packaging put in place of a local code folder. */
const S3_PLACEHOLDER = 's3://bucket/value';
const LOCAL_URI_PROPERTIES: Record<string, string> = {
  'AWS::Serverless::Function': 'CodeUri',
  'AWS::Serverless::LayerVersion': 'ContentUri',
  'AWS::Serverless::Api': 'DefinitionUri',
  'AWS::Serverless::HttpApi': 'DefinitionUri',
  'AWS::Serverless::StateMachine': 'DefinitionUri',
};

const isLocal = (uri: unknown) => uri === undefined || (typeof uri === 'string' && !uri.startsWith('s3://'));

/** The template with each local code folder as an S3 location, as `sam validate` and packaging leave it. */
const withS3Locations = (template: Template): Template => {
  const resources = Object.fromEntries(
    Object.entries(template.Resources).map(([logicalId, resource]) => {
      const property = LOCAL_URI_PROPERTIES[resource.Type];
      const properties = resource.Properties ?? {};
      const image = properties.PackageType === 'Image';
      // A function's CodeUri defaults to the template's folder; an API's DefinitionUri only counts when set.
      const replace =
        property !== undefined &&
        !image &&
        isLocal(properties[property]) &&
        (property === 'CodeUri' || property === 'ContentUri' || property in properties);
      return [
        logicalId,
        replace ? { ...resource, Properties: { ...properties, [property]: S3_PLACEHOLDER } } : resource,
      ];
    }),
  );
  const globals = template.Globals?.Function;
  const zipOnly = Object.values(template.Resources).every(({ Properties }) => Properties?.PackageType !== 'Image');
  return {
    ...template,
    ...(globals && zipOnly && isLocal(globals.CodeUri)
      ? { Globals: { ...template.Globals, Function: { ...globals, CodeUri: S3_PLACEHOLDER } } }
      : {}),
    Resources: resources,
  };
};

/** The template CloudFormation hands the SAM transform: includes inlined, code folders in S3. */
export const transformInput = (root = PROJECT_ROOT): Template =>
  withS3Locations(inlineIncludes(readTemplate(join(root, 'template.yaml')), root) as Template);

const pipHint = (version: string) =>
  `pip install aws-sam-translator==${version} (or pip install -r ${TRANSLATOR_REQUIREMENTS}), or set SAM_TRANSLATOR_PYTHON to a Python that has it`;

/** Runs sam-translate.py with `input` on stdin: the translation's JSON text, or an error saying why not. */
const runTranslator = (python: string, version: string, input: object) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(python, [TRANSLATOR, version], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        new TranslatorMissingError(`${python} cannot be run (${error.code ?? error.message}): ${pipHint(version)}.`),
      ),
    );
    child.on('close', (code) => {
      const said = Buffer.concat(stderr).toString('utf8').trim();
      if (code === 0) resolve(Buffer.concat(stdout).toString('utf8'));
      else if (code === 3)
        reject(new TranslatorMissingError(`${python} cannot import samtranslator: ${pipHint(version)}.`));
      else if (code === 4)
        reject(
          new TranslatorMissingError(
            `${python} has aws-sam-translator ${said.split('\n').at(-1)}, and this project pins ${version}: ${pipHint(version)}.`,
          ),
        );
      else reject(new TranslationError(`the SAM translator refused template.yaml:\n${said}`));
    });
    child.stdin.end(JSON.stringify(input));
  });

/** JSON as the project formats it (Biome, as `npm run format` would leave the file). */
const formatted = (text: string, file: string) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [BIOME, 'format', `--stdin-file-path=${file}`], { stdio: 'pipe' });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(out).toString('utf8')) : reject(new Error(`biome could not format ${file}`)),
    );
    child.stdin.end(text);
  });

/** Stands for the output's sha256 in the record until the output is known. */
const OUTPUT_PLACEHOLDER = 'the sha256 of the output, once it is known';

/**
 * Translates template.yaml with a stack's parameters and writes its file: the translator's output as
 * it orders it, with the record of what it was made from.
 */
export const translateStack = async (
  stack: StackName,
  { root = PROJECT_ROOT, python = translatorPython() }: { root?: string; python?: string } = {},
): Promise<string> => {
  const { file, parameters: parametersOf } = TRANSLATED_STACKS[stack];
  const parameters = parametersOf(root);
  const record: Omit<TranslationRecord, 'translator'> = {
    command: 'npm run translate',
    parameters,
    sha256: { ...inputHashes(stack, root), output: OUTPUT_PLACEHOLDER },
  };
  const version = pinnedTranslatorVersion(root);
  const text = await runTranslator(python, version, { template: transformInput(root), parameters, record });
  // The hash is of the output as the tests parse it; the text keeps the translator's own key order.
  const output = outputHash(parseTemplate(text));
  const recorded = text.replace(JSON.stringify(OUTPUT_PLACEHOLDER), JSON.stringify(output));
  await writeFile(join(root, file), await formatted(recorded, file));
  return file;
};
