// The layering and size rules of docs/architecture.md, kept by the code itself: what ships (src/)
// imports nothing of the tooling, the client package (client/) no package but openapi-fetch, and no
// function, nor a module's own top-level code, runs past 60 lines in src/, client/, page/, lib/,
// local/, scripts/ or bench/.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../lib/project.ts';
import { projectFiles } from './support/files.ts';

const MAX_LINES = 60;
const TOOLING = ['lib', 'local', 'scripts', 'bench', 'tests'];
/** The folders whose code is held to MAX_LINES. */
const SIZED = ['src', 'client', 'page', 'lib', 'local', 'scripts', 'bench'];
/** The packages the client package's code may import: its one dependency. */
const CLIENT_DEPENDENCIES = ['openapi-fetch'];

/** Which folders each folder's modules may import (docs/architecture.md, "What may import what"); the first match names the folder. */
const MAY_IMPORT: [folder: string, allowed: string[]][] = [
  ['src/domain/', ['src/domain/', 'src/shared/contract.ts']],
  ['src/shared/', ['src/shared/', 'generated/']],
  ['src/api/', ['src/api/', 'src/shared/', 'src/domain/', 'generated/']],
  ['src/pre-traffic/', ['src/pre-traffic/', 'src/shared/', 'generated/']],
  ['src/monitor/', ['src/monitor/', 'src/shared/', 'generated/']],
  ['generated/', ['generated/', 'src/shared/']],
  ['client/', ['client/', 'generated/']],
  ['page/', ['page/', 'client/src/index.ts']],
  ['lib/', ['lib/', 'src/shared/']],
  ['local/', ['local/', 'lib/', 'src/shared/']],
  ['scripts/', ['scripts/', 'local/', 'lib/', 'src/', 'generated/', 'client/', 'tests/support/make-it-yours.ts']],
  ['bench/', ['bench/', 'local/', 'lib/', 'src/', 'generated/']],
];

const sourceOf = (file: string) =>
  ts.createSourceFile(file, readFileSync(join(PROJECT_ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);

/** Every module specifier a file imports or re-exports, statically or dynamically, as written. */
const specifiersOf = (file: string): string[] => {
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const specifier =
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
        ? node.moduleSpecifier
        : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
          ? node.arguments[0]
          : undefined;
    if (specifier && ts.isStringLiteral(specifier)) found.push(specifier.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceOf(file));
  return found;
};

/** Every module of the project a file imports, by its path from the root. */
const importsOf = (file: string): string[] =>
  specifiersOf(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(PROJECT_ROOT, resolve(PROJECT_ROOT, dirname(file), specifier)));

const lineSpan = (source: ts.SourceFile, node: ts.Node) =>
  source.getLineAndCharacterOfPosition(node.getEnd()).line -
  source.getLineAndCharacterOfPosition(node.getStart(source)).line +
  1;

const isFunction = (node: ts.Node): node is ts.FunctionLikeDeclaration =>
  ts.isFunctionDeclaration(node) ||
  ts.isFunctionExpression(node) ||
  ts.isArrowFunction(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessorDeclaration(node) ||
  ts.isSetAccessorDeclaration(node);

/** A top-level statement that only declares (imports, types, functions, classes, constants): not the module's own running code. */
const declares = (statement: ts.Statement) =>
  ts.isImportDeclaration(statement) ||
  ts.isExportDeclaration(statement) ||
  ts.isInterfaceDeclaration(statement) ||
  ts.isTypeAliasDeclaration(statement) ||
  ts.isFunctionDeclaration(statement) ||
  ts.isClassDeclaration(statement) ||
  ts.isEnumDeclaration(statement) ||
  (ts.isVariableStatement(statement) &&
    statement.declarationList.declarations.every(
      ({ initializer }) => initializer === undefined || isFunction(initializer) || !containsCall(initializer),
    ));

/** Whether an expression runs anything when evaluated (a call, an await, a new). */
function containsCall(node: ts.Node): boolean {
  if (isFunction(node)) return false;
  if (ts.isCallExpression(node) || ts.isAwaitExpression(node) || ts.isNewExpression(node)) return true;
  return ts.forEachChild(node, containsCall) ?? false;
}

/** Each function over the limit, and the module's own top-level code when it is: `file:line name (n lines)`. */
const longFunctionsOf = (file: string): string[] => {
  const source = sourceOf(file);
  const long: string[] = [];
  const visit = (node: ts.Node) => {
    if (isFunction(node) && lineSpan(source, node) > MAX_LINES) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const name =
        node.name?.getText(source) ??
        (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(source) : '(anonymous)');
      long.push(`${file}:${line + 1} ${name} (${lineSpan(source, node)} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const running = source.statements.filter((statement) => !declares(statement));
  const moduleLines = running.reduce((sum, statement) => sum + lineSpan(source, statement), 0);
  if (moduleLines > MAX_LINES) long.push(`${file}: its top-level code (${moduleLines} lines)`);
  return long;
};

describe('architecture', () => {
  it('keeps what ships to Lambda (src/) free of the tooling: no import from lib/, local/, scripts/, bench/ or tests/', () => {
    // Act
    const crossings = projectFiles('src', '.ts').flatMap((file) =>
      importsOf(file)
        .filter((target) => TOOLING.some((folder) => target.startsWith(`${folder}/`)))
        .map((target) => `${file} imports ${target}`),
    );

    // Assess
    expect(projectFiles('src', '.ts').length).toBeGreaterThan(10);
    expect(crossings).toEqual([]);
  });

  it('keeps each folder to the folders it may import', () => {
    // Act
    const crossings = MAY_IMPORT.flatMap(([folder, allowed]) =>
      projectFiles(folder, '.ts')
        .filter((file) => MAY_IMPORT.find(([candidate]) => file.startsWith(candidate))?.[0] === folder)
        .flatMap((file) =>
          importsOf(file)
            .filter((target) => !allowed.some((prefix) => target.startsWith(prefix)))
            .map((target) => `${file} imports ${target}`),
        ),
    );

    // Assess
    expect(crossings).toEqual([]);
  });

  it('keeps the client package (client/) to its one dependency among packages', () => {
    // Act
    const files = projectFiles('client', '.ts');
    const imported = files.flatMap((file) =>
      specifiersOf(file)
        .filter((specifier) => !specifier.startsWith('.') && !CLIENT_DEPENDENCIES.includes(specifier))
        .map((specifier) => `${file} imports ${specifier}`),
    );

    // Assess
    expect(files.length).toBeGreaterThan(3);
    expect(imported).toEqual([]);
  });

  it(`runs no function, nor a module's own top-level code, past ${MAX_LINES} lines in ${SIZED.map((folder) => `${folder}/`).join(', ')}`, () => {
    const files = SIZED.flatMap((folder) => projectFiles(folder, '.ts'));

    expect(files.flatMap(longFunctionsOf)).toEqual([]);
  });
});
