// Builds the client package (client/) into its dist/, with the root's esbuild and TypeScript: the
// package has no build tool of its own. The JS is one ESM bundle with the contract's retry advice
// (generated/operations.ts) inlined, openapi-fetch left an import. The declarations are tsc's,
// checked against the DOM's types alone (the client runs in browsers), made to stand alone: the
// contract's types (generated/api.d.ts) are shipped beside them as dist/api.d.ts, and every import
// between them is rewritten to the file it names in dist/. A declaration that imports anything
// else of the project fails the build, as would a bundle that imports a package but openapi-fetch.
import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { PROJECT_ROOT, projectFile } from './project.ts';

/** The package's folder. */
export const CLIENT_DIR = projectFile('client');

const SOURCE_DIR = join(CLIENT_DIR, 'src');
const ENTRY = join(SOURCE_DIR, 'index.ts');
const CONTRACT_TYPES = projectFile('generated', 'api.d.ts');
/** The one package the client imports: its only dependency. */
const DEPENDENCY = 'openapi-fetch';

/** tsc's settings for the declarations: a browser's globals, no Node's. */
const DECLARATION_OPTIONS: ts.CompilerOptions = {
  declaration: true,
  emitDeclarationOnly: true,
  rootDir: PROJECT_ROOT,
  outDir: PROJECT_ROOT,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  strict: true,
  allowImportingTsExtensions: true,
  skipLibCheck: true,
};

/** The ESM bundle, dist/index.js; throws when it imports a package but the dependency. */
const bundle = async (distDir: string): Promise<void> => {
  const { metafile } = await build({
    entryPoints: [ENTRY],
    outfile: join(distDir, 'index.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    external: [DEPENDENCY],
    metafile: true,
    logLevel: 'silent',
  });
  const imported = Object.values(metafile.outputs).flatMap(({ imports }) => imports.map(({ path }) => path));
  const others = imported.filter((path) => path !== DEPENDENCY);
  if (others.length > 0) throw new Error(`The client's bundle imports ${others.join(', ')}: only ${DEPENDENCY} may be`);
};

/** Where a declaration's import leads in dist/: a sibling declaration, the contract's types, or the dependency. */
const specifierInDist = (file: string, specifier: string): string => {
  if (!specifier.startsWith('.')) {
    if (specifier === DEPENDENCY) return specifier;
    throw new Error(`${relative(PROJECT_ROOT, file)} imports ${specifier}: only ${DEPENDENCY} may be`);
  }
  const target = resolve(dirname(file), specifier);
  if (target === CONTRACT_TYPES.replace(/\.d\.ts$/, '.js')) return './api.js';
  if (dirname(target) === SOURCE_DIR && target.endsWith('.ts')) return `./${basename(target, '.ts')}.js`;
  throw new Error(`${relative(PROJECT_ROOT, file)} imports ${specifier}, which the package does not ship`);
};

/** The module specifiers of a declaration file: imports, re-exports and `import("…")` types. */
const specifiersOf = (source: ts.SourceFile): ts.StringLiteral[] => {
  const found: ts.StringLiteral[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      ts.isImportDeclaration(node) || ts.isExportDeclaration(node)
        ? node.moduleSpecifier
        : ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)
          ? node.argument.literal
          : undefined;
    if (specifier !== undefined && ts.isStringLiteral(specifier)) found.push(specifier);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

/** A declaration's text with each import rewritten to where it leads in dist/ (`file` is its source's path). */
const rewriteImports = (file: string, text: string): string => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  // From the last to the first, so that each replacement leaves the positions before it in place.
  return specifiersOf(source)
    .reverse()
    .reduce(
      (rewritten, literal) =>
        `${rewritten.slice(0, literal.getStart(source))}'${specifierInDist(file, literal.text)}'${rewritten.slice(literal.getEnd())}`,
      text,
    );
};

/** The declarations in dist/, by tsc, each import rewritten; throws on any type error. */
const writeDeclarations = async (distDir: string): Promise<void> => {
  const program = ts.createProgram([ENTRY], DECLARATION_OPTIONS);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  if (diagnostics.length > 0)
    throw new Error(
      ts.formatDiagnostics(diagnostics, { ...ts.sys, getCanonicalFileName: (name) => name, getNewLine: () => '\n' }),
    );
  const emitted = new Map<string, string>();
  program.emit(undefined, (name, text) => emitted.set(name, text));
  for (const [name, text] of emitted) {
    // Emitted under the root as under the sources: client/src/x.d.ts for client/src/x.ts.
    const source = name.replace(/\.d\.ts$/, '.ts');
    if (dirname(source) !== SOURCE_DIR) continue;
    await writeFile(join(distDir, basename(name)), rewriteImports(source, text));
  }
  await copyFile(CONTRACT_TYPES, join(distDir, 'api.d.ts'));
};

/** Builds the package into `client/dist/`, emptied first; returns that folder. */
export const buildClient = async (): Promise<string> => {
  const distDir = join(CLIENT_DIR, 'dist');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  await Promise.all([bundle(distDir), writeDeclarations(distDir)]);
  return distDir;
};
