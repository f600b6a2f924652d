/**
 * The library core is pure: outside the adapters, no module reaches for the
 * clock, randomness, the environment or Node built-ins. The adapters are
 * `src/server/` (Node: anything goes) and `src/web/` (portable: the platform
 * clock, but no Node built-in); the one other exception is the default random
 * source in `src/secret/random*.ts`.
 */
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot, sourceFilesUnder } from './docs/snippets.js';

const isExempt = (file: string): boolean =>
  file.startsWith('src/server/') || /^src\/secret\/random[^/]*\.ts$/.test(file);

/** The portable adapter may read the platform clock; it may not import Node. */
const isPortableAdapter = (file: string): boolean => file.startsWith('src/web/');

const builtins = new Set(builtinModules);
const isNodeModule = (specifier: string): boolean =>
  specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '');

/** `a.b` or `globalThis.a.b` (also `window.`/`self.`), as text. */
const accessPath = (node: ts.Expression): string | undefined => {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) {
    const left = accessPath(node.expression);
    return left === undefined ? undefined : `${left}.${node.name.text}`;
  }
  if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression)) {
    const left = accessPath(node.expression);
    return left === undefined ? undefined : `${left}.${node.argumentExpression.text}`;
  }
  return undefined;
};

const forbiddenAccess = [
  'Date.now',
  'Math.random',
  'process.env',
  'performance.now',
  'crypto.getRandomValues',
];

/** Every impure use in one source text, as `file:line: what`. */
const impuritiesOf = (file: string, text: string): string[] => {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node, what: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push(`${file}:${line}: ${what}`);
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier !== undefined &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      isNodeModule(node.moduleSpecifier.text)
    ) {
      report(node, `imports ${node.moduleSpecifier.text}`);
    }
    if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((dynamic || required) && first !== undefined && ts.isStringLiteral(first)) {
        if (isNodeModule(first.text)) report(node, `imports ${first.text}`);
      }
      if (accessPath(node.expression) === 'Date') report(node, 'calls Date() (the clock)');
    }
    if (
      ts.isNewExpression(node) &&
      accessPath(node.expression)?.replace(/^globalThis\./, '') === 'Date'
    ) {
      if ((node.arguments?.length ?? 0) === 0)
        report(node, 'new Date() without argument (the clock)');
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const access = accessPath(node)?.replace(/^(globalThis|window|self)\./, '');
      if (access !== undefined && forbiddenAccess.includes(access)) report(node, `reads ${access}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
};

describe('impurity detection', () => {
  it('finds each forbidden use and ignores comments, strings and dated constructors', () => {
    const text = [
      "import { readFileSync } from 'node:fs';",
      "import * as c from 'crypto';",
      'const a = Date.now();',
      'const b = new Date();',
      'const ok = new Date(0);',
      'const r = Math.random();',
      'const e = process.env.HOME;',
      'const p = performance.now();',
      'globalThis.crypto.getRandomValues(new Uint8Array(1));',
      '// Date.now() in a comment',
      "const s = 'Math.random()';",
      "const m = await import('node:os');",
    ].join('\n');
    expect(impuritiesOf('x.ts', text)).toEqual([
      'x.ts:1: imports node:fs',
      'x.ts:2: imports crypto',
      'x.ts:3: reads Date.now',
      'x.ts:4: new Date() without argument (the clock)',
      'x.ts:6: reads Math.random',
      'x.ts:7: reads process.env',
      'x.ts:8: reads performance.now',
      'x.ts:9: reads crypto.getRandomValues',
      'x.ts:12: imports node:os',
    ]);
  });
});

describe('architecture', () => {
  it('keeps clocks, randomness, the environment and Node built-ins out of the core', () => {
    const impurities = sourceFilesUnder('src')
      .filter((file) => !isExempt(file) && !isPortableAdapter(file))
      .flatMap((file) => impuritiesOf(file, fs.readFileSync(path.join(repoRoot, file), 'utf8')));
    expect(impurities, impurities.join('\n')).toEqual([]);
  });

  it('imports pg (the optional peer) only in src/postgres/connect.ts', () => {
    const importers = sourceFilesUnder('src').filter((file) =>
      /(from\s+|import\()\s*'pg(\/[^']*)?'/.test(
        fs.readFileSync(path.join(repoRoot, file), 'utf8'),
      ),
    );
    expect(importers).toEqual(['src/postgres/connect.ts']);
  });

  it('keeps Node built-ins out of the portable adapter', () => {
    const imports = sourceFilesUnder('src/web')
      .flatMap((file) => impuritiesOf(file, fs.readFileSync(path.join(repoRoot, file), 'utf8')))
      .filter((found) => / imports /.test(found));
    expect(imports, imports.join('\n')).toEqual([]);
  });
});
