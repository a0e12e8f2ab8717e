// Reads template.yaml as CloudFormation does: short-form tags (!Ref, !Sub…) become their long
// forms, and a small resolver evaluates the intrinsics a local run needs.
// Intrinsics: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import { readFileSync } from 'node:fs';
import { type CollectionTag, parse, type ScalarTag } from 'yaml';
import { LOCAL_IDENTITY } from './local-identity.ts';
import { stackName } from './names.ts';

export type Template = {
  Parameters?: Record<string, { Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Globals?: { Function?: Record<string, unknown>; Api?: Record<string, unknown> };
  Resources: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown>; Condition?: string }
  >;
  Outputs?: Record<string, { Value: unknown }>;
};

const INTRINSICS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'If',
  'Equals',
  'Not',
  'And',
  'Or',
];

/** Each short form as scalar and as sequence or mapping, so `!Sub '…'` and `!Sub [ … ]` both parse. */
export const CLOUDFORMATION_TAGS: (ScalarTag | CollectionTag)[] = [
  ...INTRINSICS.flatMap((name) =>
    (['scalar', 'seq', 'map'] as const).map((kind) => ({
      tag: `!${name}`,
      ...(kind === 'scalar' ? {} : { collection: kind }),
      resolve: (value: unknown) => ({ [`Fn::${name}`]: toPlain(value) }),
    })),
  ),
  { tag: '!Ref', resolve: (value: string) => ({ Ref: value }) },
  { tag: '!Condition', resolve: (value: string) => ({ Condition: value }) },
  { tag: '!GetAtt', resolve: (value: string) => ({ 'Fn::GetAtt': value.split('.') }) },
  { tag: '!GetAtt', collection: 'seq', resolve: (value: unknown) => ({ 'Fn::GetAtt': toPlain(value) }) },
] as (ScalarTag | CollectionTag)[];

function toPlain(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'toJSON' in value
    ? (value as { toJSON: () => unknown }).toJSON()
    : value;
}

/** Parses a CloudFormation/SAM template, short-form tags included. */
export const parseTemplate = (source: string): Template => parse(source, { customTags: CLOUDFORMATION_TAGS });

/** Reads and parses template.yaml (or the file given). */
export const readTemplate = (path: string | URL = new URL('../template.yaml', import.meta.url)): Template =>
  parseTemplate(readFileSync(path, 'utf8'));

export interface ServerlessFunction {
  logicalId: string;
  /** The function's properties with Globals.Function merged under them, as SAM does. */
  properties: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Every AWS::Serverless::Function, with the template's Globals applied. */
export const serverlessFunctions = (template: Template): ServerlessFunction[] =>
  Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function')
    .map(([logicalId, resource]) => {
      const globals = template.Globals?.Function ?? {};
      const own = resource.Properties ?? {};
      const environment = {
        Variables: {
          ...(globals.Environment as { Variables?: object } | undefined)?.Variables,
          ...(own.Environment as { Variables?: object } | undefined)?.Variables,
        },
      };
      return {
        logicalId,
        properties: { ...globals, ...own, Environment: environment },
        metadata: resource.Metadata ?? {},
      };
    });

/** Values for what only a deployment knows: pseudo parameters and stack name. Plainly fake. */
export const LOCAL_PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::AccountId': LOCAL_IDENTITY.accountId,
  'AWS::Partition': 'aws',
  'AWS::Region': LOCAL_IDENTITY.region,
  'AWS::StackName': stackName('local'),
  'AWS::URLSuffix': 'amazonaws.com',
};

export interface ResolveOptions {
  /** Parameter values; defaults to each parameter's Default. */
  parameters?: Record<string, unknown>;
  /** Pseudo parameter values. @default LOCAL_PSEUDO_PARAMETERS */
  pseudo?: Record<string, string>;
  /** What a resource's Ref (`Ref`) and attributes (`Arn`, …) return, by logical id, where known. */
  resources?: Record<string, Record<string, string>>;
}

/** Marks a value that resolved to AWS::NoValue, so that its key is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

/** What resolving a template's intrinsics needs: its parameter values, pseudo parameters and known resources. */
interface Resolution {
  template: Template;
  parameters: Record<string, unknown>;
  pseudo: Record<string, string>;
  resources: ResolveOptions['resources'];
  walk: (node: unknown) => unknown;
}

const refOf = ({ parameters, pseudo, resources }: Resolution, name: string): unknown => {
  if (name === 'AWS::NoValue') return NO_VALUE;
  if (name in pseudo) return pseudo[name];
  if (name in parameters) return parameters[name];
  return resources?.[name]?.Ref ?? name;
};

const attributeOf = ({ resources }: Resolution, [logicalId, name]: string[]) =>
  resources?.[logicalId as string]?.[name as string] ?? `${logicalId}.${name}`;

const substituted = (resolution: Resolution, text: string, variables: Record<string, unknown> = {}) =>
  text.replace(/\$\{([^}!]+)\}/g, (_, name: string) =>
    String(
      name in variables
        ? variables[name]
        : name.includes('.') && !name.startsWith('AWS::')
          ? attributeOf(resolution, name.split('.'))
          : refOf(resolution, name),
    ),
  );

const conditionOf = (resolution: Resolution, name: string): boolean =>
  Boolean(resolution.walk(resolution.template.Conditions?.[name]));

/** Each intrinsic function this resolver evaluates, given its argument. */
const FUNCTIONS: Record<string, (resolution: Resolution, argument: unknown) => unknown> = {
  Ref: (resolution, name) => refOf(resolution, String(name)),
  Condition: (resolution, name) => conditionOf(resolution, String(name)),
  'Fn::GetAtt': (resolution, argument) => attributeOf(resolution, argument as string[]),
  'Fn::Sub': (resolution, argument) =>
    Array.isArray(argument)
      ? substituted(resolution, String(argument[0]), resolution.walk(argument[1]) as Record<string, unknown>)
      : substituted(resolution, String(argument)),
  'Fn::Join': (resolution, argument) => {
    const [separator, items] = argument as unknown[];
    return (resolution.walk(items) as unknown[]).join(String(separator));
  },
  'Fn::FindInMap': (resolution, argument) => {
    const [map, key, name] = (resolution.walk(argument) as unknown[]).map(String);
    return resolution.template.Mappings?.[map ?? '']?.[key ?? '']?.[name ?? ''];
  },
  'Fn::If': (resolution, argument) => {
    const [name, whenTrue, whenFalse] = argument as unknown[];
    return resolution.walk(conditionOf(resolution, String(name)) ? whenTrue : whenFalse);
  },
  'Fn::Equals': (resolution, argument) => {
    const [left, right] = argument as unknown[];
    return String(resolution.walk(left)) === String(resolution.walk(right));
  },
  'Fn::Not': (resolution, argument) => !resolution.walk((argument as unknown[])[0]),
  'Fn::And': (resolution, argument) => (argument as unknown[]).every((item) => resolution.walk(item)),
  'Fn::Or': (resolution, argument) => (argument as unknown[]).some((item) => resolution.walk(item)),
};

/**
 * Resolves Ref, Fn::Sub, Fn::If (with the template's Conditions), Fn::Join, Fn::FindInMap and the
 * condition functions against parameters and pseudo parameters. A resource's Ref or GetAtt returns
 * what `options.resources` says, or stays a readable placeholder ("MeditationsFunction", "FunctionLogGroup.Arn").
 */
export const resolveIntrinsics = (template: Template, value: unknown, options: ResolveOptions = {}): unknown => {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk).filter((item) => item !== NO_VALUE);
    if (typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node);
    const [key, argument] = entries[0] ?? [];
    const evaluate = entries.length === 1 && key !== undefined ? FUNCTIONS[key] : undefined;
    if (evaluate) return evaluate(resolution, argument);
    return Object.fromEntries(
      entries.map(([name, child]) => [name, walk(child)] as const).filter(([, child]) => child !== NO_VALUE),
    );
  };
  const resolution: Resolution = {
    template,
    parameters: {
      ...Object.fromEntries(Object.entries(template.Parameters ?? {}).map(([name, { Default }]) => [name, Default])),
      ...options.parameters,
    },
    pseudo: options.pseudo ?? LOCAL_PSEUDO_PARAMETERS,
    resources: options.resources,
    walk,
  };
  return walk(value);
};

/** The file an AWS::Serverless::Api includes as its definition (`Fn::Transform: AWS::Include`). */
export const includedDefinition = (api: { Properties?: Record<string, unknown> }): string | undefined =>
  (api.Properties?.DefinitionBody as { 'Fn::Transform'?: { Parameters?: { Location?: string } } } | undefined)?.[
    'Fn::Transform'
  ]?.Parameters?.Location;
