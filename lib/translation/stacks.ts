// The translated stacks: template.yaml as the SAM translator expands it, once per parameter set the
// tests need, made by `npm run translate` (lib/translation/translate.ts) and committed. Every test
// that reads one reads it here, and only once it is known to be made from today's sources: each
// records the sha256 of its inputs and of its own content, so a stale or hand-edited translation
// fails with one line that says what to run. The check needs no Python.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project.ts';
import { parameterOverridesOf, readSamconfig } from '../samconfig.ts';
import { parseTemplate, readTemplate, type Template } from '../template.ts';
import { includedFiles } from './includes.ts';

/** The pip requirement of the translator, pinned once: CI installs from this file. */
export const TRANSLATOR_REQUIREMENTS = 'lib/translation/requirements.txt';

/** The pinned aws-sam-translator version, from TRANSLATOR_REQUIREMENTS. */
export const pinnedTranslatorVersion = (root = PROJECT_ROOT): string => {
  const pin = readFileSync(join(root, TRANSLATOR_REQUIREMENTS), 'utf8').match(/^aws-sam-translator==(\S+)$/m)?.[1];
  if (pin === undefined) throw new Error(`${TRANSLATOR_REQUIREMENTS} pins no aws-sam-translator==<version>`);
  return pin;
};

/** Each stack the tests read: its file, and the parameters it is translated with. */
export const TRANSLATED_STACKS = {
  /** The template's defaults, which dev and the previews deploy with. */
  dev: {
    file: 'tests/fixtures/guard/processed-template.json',
    parameters: (_root: string): Record<string, string> => ({}),
  },
  /** samconfig.toml's prod environment. */
  prod: {
    file: 'tests/fixtures/permissions/processed-template-prod.json',
    parameters: (root: string) => parameterOverridesOf('prod', readSamconfig(join(root, 'samconfig.toml'))),
  },
} as const;

export type StackName = keyof typeof TRANSLATED_STACKS;

/** What a translation records of how it was made (its `Metadata.Translation`). */
export interface TranslationRecord {
  command: 'npm run translate';
  translator: string;
  parameters: Record<string, string>;
  /** sha256 of each input file (by its path from the root), of the parameters, and of the translator's output. */
  sha256: Record<string, string>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A file's sha256, its line endings as git stores them, so that a checkout's own cannot make it stale. */
const fileSha256 = (path: string) => sha256(readFileSync(path, 'utf8').replaceAll('\r\n', '\n'));

/** The sha256 of each input of a stack's translation: template.yaml, the contract, what it includes, the parameters. */
export const inputHashes = (stack: StackName, root = PROJECT_ROOT): Record<string, string> => {
  const files = ['template.yaml', 'openapi.yaml', ...includedFiles(readTemplate(join(root, 'template.yaml')), root)];
  return {
    ...Object.fromEntries([...new Set(files)].map((file) => [file, fileSha256(join(root, file))])),
    parameters: sha256(JSON.stringify(Object.entries(TRANSLATED_STACKS[stack].parameters(root)).sort())),
  };
};

/** The sha256 of a translation's content: the translator's output, without the record itself. */
export const outputHash = (template: Template): string => {
  const { Translation: _record, ...metadata } = (template as { Metadata?: Record<string, unknown> }).Metadata ?? {};
  const output = { ...template, Metadata: metadata };
  if (Object.keys(metadata).length === 0) delete (output as { Metadata?: unknown }).Metadata;
  return sha256(JSON.stringify(output));
};

/** Why a stack's committed translation is not today's, in one line; undefined when it is. */
export const translationProblem = (stack: StackName, root = PROJECT_ROOT): string | undefined => {
  const { file } = TRANSLATED_STACKS[stack];
  const fix = `run npm run translate and commit ${file}`;
  let template: Template;
  try {
    template = parseTemplate(readFileSync(join(root, file), 'utf8'));
  } catch (error) {
    return `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): ${fix}.`;
  }
  const record = (template as { Metadata?: { Translation?: TranslationRecord } }).Metadata?.Translation;
  if (record?.sha256 === undefined) return `${file} does not say what it was translated from: ${fix}.`;
  const pinned = `aws-sam-translator ${pinnedTranslatorVersion(root)}`;
  if (record.translator !== pinned) return `${file} was translated by ${record.translator}, not ${pinned}: ${fix}.`;
  const changed = Object.entries(inputHashes(stack, root))
    .filter(([input, hash]) => record.sha256[input] !== hash)
    .map(([input]) => input);
  if (changed.length > 0) {
    return `${file} is stale: ${changed.join(', ')} changed since it was translated: ${fix}.`;
  }
  if (record.sha256.output !== outputHash(template)) {
    return `${file} was edited by hand since it was translated: ${fix}.`;
  }
  return undefined;
};

/** A translated stack's file (its path from the root), once it is known to be today's; throws one line otherwise. */
export const translatedStackFile = (stack: StackName, root = PROJECT_ROOT): string => {
  const problem = translationProblem(stack, root);
  if (problem !== undefined) throw new Error(problem);
  return join(root, TRANSLATED_STACKS[stack].file);
};

/** A translated stack, parsed, once it is known to be today's; throws one line otherwise. */
export const translatedStack = (stack: StackName, root = PROJECT_ROOT): Template =>
  parseTemplate(readFileSync(translatedStackFile(stack, root), 'utf8'));
