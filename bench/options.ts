// The benchmark's command line: --quick and --out, or one line saying what is wrong with it.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const USAGE = 'usage: npm run bench [-- [--quick] [--out file.json]]';

export const DEFAULT_OUT = fileURLToPath(new URL('../artifacts/bench.json', import.meta.url));

export interface Options {
  quick: boolean;
  out: string;
}

/** The options, or the error to print: parseArgs' first sentence and the usage, on one line. */
export const parseOptions = (args: string[]): { options: Options } | { error: string } => {
  try {
    const { values } = parseArgs({ args, options: { quick: { type: 'boolean' }, out: { type: 'string' } } });
    return { options: { quick: values.quick ?? false, out: values.out ?? DEFAULT_OUT } };
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) throw error;
    return { error: `${(error as Error).message.split('. ')[0]}; ${USAGE}` };
  }
};
