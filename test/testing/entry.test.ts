/**
 * The main entry must not need fast-check: no module reachable from
 * `src/index.ts` imports it (or the testing kit); only the
 * `credential-lifecycle/testing` entry does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../docs/snippets.js';

/** Every relative module a file imports or re-exports (static or dynamic). */
const importsOf = (file: string): string[] => {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      found.push(node.moduleSpecifier.text);
    }
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

const resolve = (from: string, specifier: string): string =>
  path.resolve(path.dirname(from), specifier.replace(/\.js$/, '.ts'));

const reachableFrom = (entry: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (file === undefined || seen.has(file)) continue;
    const specifiers = importsOf(file);
    seen.set(file, specifiers);
    for (const s of specifiers) if (s.startsWith('.')) queue.push(resolve(file, s));
  }
  return seen;
};

describe('entry points', () => {
  it('no file reachable from src/index.ts imports fast-check or the testing kit', () => {
    const graph = reachableFrom(path.join(repoRoot, 'src/index.ts'));
    expect(graph.size).toBeGreaterThan(20);
    const offenders = [...graph].flatMap(([file, specifiers]) =>
      specifiers
        .filter((s) => s === 'fast-check' || s.startsWith('fast-check/') || s.includes('testing'))
        .map((s) => `${path.relative(repoRoot, file)} imports ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the testing entry does import fast-check (the check above is not vacuous)', () => {
    const graph = reachableFrom(path.join(repoRoot, 'src/testing/index.ts'));
    expect([...graph.values()].some((s) => s.includes('fast-check'))).toBe(true);
  });

  it('package.json exports ./testing and declares fast-check a peer dependency', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    expect(pkg.exports['./testing']).toEqual({
      types: './dist/testing/index.d.ts',
      default: './dist/testing/index.js',
    });
    expect(pkg.peerDependencies['fast-check']).toBe('^4');
    expect(pkg.devDependencies['fast-check']).toBeDefined();
  });
});
