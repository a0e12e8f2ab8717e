// Template parameters as `sam deploy --parameter-overrides` takes them, checked as CloudFormation
// checks them before it creates a stack, so that a value the deployment would refuse is refused
// here too. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
import { DefinitionError } from './errors.ts';

export interface ParameterDefinition {
  Type?: string;
  Default?: unknown;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinValue?: number | string;
  MaxValue?: number | string;
  MinLength?: number | string;
  MaxLength?: number | string;
  ConstraintDescription?: string;
}

const EXAMPLE = 'Key=Value or ParameterKey=Key,ParameterValue=Value';

/** Splits on spaces outside quotes; quotes group and are dropped, and `\` escapes inside them. */
const tokens = (text: string): string[] => {
  const found: string[] = [];
  let current: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current = `${current ?? ''}${char === '\\' && i + 1 < text.length ? text[++i] : char}`;
    } else if (/\s/.test(char)) {
      if (current !== undefined) found.push(current);
      current = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
      current ??= '';
    } else current = (current ?? '') + char;
  }
  if (quote !== undefined) throw new DefinitionError(`--parameter-overrides: a quote (${quote}) is never closed`);
  if (current !== undefined) found.push(current);
  return found;
};

/** `Key=Value` and `ParameterKey=Key,ParameterValue=Value` pairs, space-separated, values quoted as needed. */
export const parseParameterOverrides = (text: string): Record<string, string> =>
  Object.fromEntries(
    tokens(text).map((token) => {
      const pair =
        token.match(/^ParameterKey=([A-Za-z0-9]+),ParameterValue=(.*)$/s) ?? token.match(/^([A-Za-z0-9]+)=(.*)$/s);
      if (pair === null) throw new DefinitionError(`--parameter-overrides: "${token}" is not ${EXAMPLE}`);
      return [pair[1] as string, pair[2] as string];
    }),
  );

const isNumber = (value: string) => value.trim() !== '' && Number.isFinite(Number(value));

/** What is wrong with one value of a parameter, if anything. */
const problemWith = (definition: ParameterDefinition, value: string): string | undefined => {
  const type = definition.Type ?? 'String';
  const isList = type === 'CommaDelimitedList' || type.startsWith('List<');
  const items = isList ? value.split(',') : [value];
  for (const item of items) {
    if (type === 'Number' || type === 'List<Number>') {
      if (!isNumber(item)) return `"${item}" is not a number`;
      if (definition.MinValue !== undefined && Number(item) < Number(definition.MinValue))
        return `${item} is below its MinValue, ${definition.MinValue}`;
      if (definition.MaxValue !== undefined && Number(item) > Number(definition.MaxValue))
        return `${item} is above its MaxValue, ${definition.MaxValue}`;
    }
    if (definition.AllowedValues !== undefined && !definition.AllowedValues.map(String).includes(item)) {
      return `"${item}" is not one of its AllowedValues: ${definition.AllowedValues.join(', ')}`;
    }
    if (definition.AllowedPattern !== undefined && !new RegExp(`^(?:${definition.AllowedPattern})$`).test(item)) {
      return `"${item}" does not match its AllowedPattern, ${definition.AllowedPattern}`;
    }
  }
  if (definition.MinLength !== undefined && value.length < Number(definition.MinLength))
    return `"${value}" is shorter than its MinLength, ${definition.MinLength}`;
  if (definition.MaxLength !== undefined && value.length > Number(definition.MaxLength))
    return `"${value}" is longer than its MaxLength, ${definition.MaxLength}`;
  return undefined;
};

/** Refuses, naming the parameter, a value the template does not declare or would not accept. */
export const checkParameters = (definitions: Record<string, ParameterDefinition>, values: Record<string, string>) => {
  for (const [name, value] of Object.entries(values)) {
    const definition = definitions[name];
    if (definition === undefined) {
      throw new DefinitionError(
        `Parameter ${name}: the template has no such parameter (it has ${Object.keys(definitions).join(', ')})`,
      );
    }
    const problem = problemWith(definition, value);
    if (problem !== undefined) {
      const constraint = definition.ConstraintDescription ? ` (${definition.ConstraintDescription})` : '';
      throw new DefinitionError(`Parameter ${name} (${definition.Type ?? 'String'}): ${problem}${constraint}`);
    }
  }
};
