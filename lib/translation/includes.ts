// `Fn::Transform: {Name: AWS::Include, Parameters: {Location: ./file.yaml}}` as packaging and
// CloudFormation resolve a local one: the file, parsed, stands in place of the transform, and its own
// local includes are resolved from its folder.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/transform-aws-include.html
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { CLOUDFORMATION_TAGS } from '../template.ts';

type Node = unknown;

/** The local file an AWS::Include transform names, or undefined for any other node (or an S3 location). */
const includeLocation = (node: Node): string | undefined => {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
  const transform = (node as { 'Fn::Transform'?: { Name?: unknown; Parameters?: { Location?: unknown } } })[
    'Fn::Transform'
  ];
  const location = transform?.Name === 'AWS::Include' ? transform.Parameters?.Location : undefined;
  // s3:// and https:// locations are CloudFormation's to fetch; a path is the project's own file.
  return typeof location === 'string' && !location.includes('://') ? location : undefined;
};

/** Every node of `node`, the nodes inside included files excepted. */
function* nodesOf(node: Node): Generator<Node> {
  yield node;
  if (typeof node === 'object' && node !== null)
    for (const child of Object.values(node as Record<string, Node>)) yield* nodesOf(child);
}

const parseIncluded = (path: string): Node => parse(readFileSync(path, 'utf8'), { customTags: CLOUDFORMATION_TAGS });

/** The local files `node` includes, directly or through another included file, as paths from `root`. */
export const includedFiles = (node: Node, root: string, directory = root): string[] =>
  [...nodesOf(node)].flatMap((candidate) => {
    const location = includeLocation(candidate);
    if (location === undefined) return [];
    const path = resolve(directory, location);
    return [relative(root, path), ...includedFiles(parseIncluded(path), root, dirname(path))];
  });

/** `node` with every local AWS::Include replaced by its file's content, keys beside the transform kept. */
export const inlineIncludes = (node: Node, directory: string, seen: string[] = []): Node => {
  if (Array.isArray(node)) return node.map((item) => inlineIncludes(item, directory, seen));
  if (typeof node !== 'object' || node === null) return node;
  const location = includeLocation(node);
  if (location === undefined) {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, inlineIncludes(value, directory, seen)]),
    );
  }
  const path = resolve(directory, location);
  if (seen.includes(path)) throw new Error(`AWS::Include cycle: ${[...seen, path].join(' -> ')}`);
  const content = inlineIncludes(parseIncluded(path), dirname(path), [...seen, path]);
  const { 'Fn::Transform': _transform, ...siblings } = node as Record<string, Node>;
  if (Object.keys(siblings).length === 0) return content;
  return { ...(content as object), ...(inlineIncludes(siblings, directory, seen) as object) };
};
