/**
 * Every example of the sources is run, not only type-checked (imports of the
 * package's entries point at their sources). In an example every statement
 * `expression; // literal` (a string, number, boolean, null, undefined, or an
 * array or object of these) is an assertion: the expression, as it is at that
 * statement, must deep-equal the literal. An answer written as prose
 * (`// right(…)`) is not checked, but its example must run without throwing.
 * Each example of the REST operations of each kind must check at least one
 * answer.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesOf, repoRoot, type Snippet, sourceFilesUnder } from './snippets.js';

/** The sources whose every example must check at least one answer: the REST operations of each kind, and the OpenAPI generator. */
const answeringFiles: ReadonlySet<string> = new Set([
  'src/operations/password.ts',
  'src/operations/temp-strong-password.ts',
  'src/operations/ticket.ts',
  'src/operations/puk.ts',
  'src/openapi/answers.ts',
  'src/openapi/document.ts',
  'src/openapi/json-schema.ts',
]);

/** The source of each package entry an example may import. */
const entrySources = {
  root: 'src/index.ts',
  mock: 'src/web/index.ts',
  server: 'src/server/index.ts',
  testing: 'src/testing/index.ts',
  postgres: 'src/postgres/index.ts',
} as const;

/** Whether an expression is a plain literal value (what an answer comment may state). */
const isLiteral = (node: ts.Expression): boolean => {
  if (ts.isParenthesizedExpression(node)) return isLiteral(node.expression);
  if (
    ts.isStringLiteral(node) ||
    ts.isNoSubstitutionTemplateLiteral(node) ||
    ts.isNumericLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword ||
    node.kind === ts.SyntaxKind.FalseKeyword ||
    node.kind === ts.SyntaxKind.NullKeyword
  ) {
    return true;
  }
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isPrefixUnaryExpression(node)) {
    return node.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(node.operand);
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(isLiteral);
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((p) => ts.isPropertyAssignment(p) && isLiteral(p.initializer));
  }
  return false;
};

/** The comment text as a literal expression, if it is one. */
const literalOf = (comment: string): string | undefined => {
  const source = ts.createSourceFile('answer.ts', `(${comment});`, ts.ScriptTarget.Latest, true);
  const [statement] = source.statements;
  const parsed = (source as { parseDiagnostics?: readonly unknown[] }).parseDiagnostics ?? [];
  return parsed.length === 0 &&
    source.statements.length === 1 &&
    statement !== undefined &&
    ts.isExpressionStatement(statement) &&
    isLiteral(statement.expression)
    ? comment
    : undefined;
};

/**
 * The example with each `expression; // literal` statement replaced by a call
 * `__answer(expression, literal, line)`, and the package imports pointing at
 * the sources. Also returns how many answers it checks.
 */
const instrument = (snippet: Snippet): { code: string; answers: number } => {
  const code = snippet.code;
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const [comment] = ts.getTrailingCommentRanges(code, node.end) ?? [];
      const text =
        comment?.kind === ts.SyntaxKind.SingleLineCommentTrivia
          ? code.slice(comment.pos + 2, comment.end).trim()
          : undefined;
      const literal = text === undefined ? undefined : literalOf(text);
      if (literal !== undefined) {
        const line = snippet.line + source.getLineAndCharacterOfPosition(node.getStart()).line;
        const expression = node.expression.getText(source);
        edits.push({
          start: node.expression.getStart(source),
          end: node.expression.getEnd(),
          text: `__answer(${expression}, ${literal}, ${JSON.stringify(`${snippet.file}:${line}`)})`,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let instrumented = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    instrumented = instrumented.slice(0, edit.start) + edit.text + instrumented.slice(edit.end);
  }
  instrumented = instrumented.replace(
    /from 'credential-lifecycle(\/(mock|server|testing|postgres))?'/g,
    (_import, _subpath, entry?: keyof typeof entrySources) =>
      `from '${path.join(repoRoot, entrySources[entry ?? 'root'])}'`,
  );
  return { code: `${instrumented}\nexport {};\n`, answers: edits.length };
};

interface Answer {
  readonly where: string;
  readonly actual: unknown;
  readonly expected: unknown;
}

/**
 * The value as it was when the example stated it (a later statement may
 * change an array or object it goes on using); as it is where it cannot be
 * copied.
 */
const asAnsweredThen = (value: unknown): unknown => {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
};

const answers: Answer[] = [];
(globalThis as { __answer?: unknown }).__answer = (
  actual: unknown,
  expected: unknown,
  where: string,
) => {
  answers.push({ where, actual: asAnsweredThen(actual), expected });
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-run-examples-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const snippets = sourceFilesUnder('src').flatMap((file) =>
  examplesOf(file, fs.readFileSync(path.join(repoRoot, file), 'utf8')),
);

describe('instrumenting an example', () => {
  it('turns literal answers into checks and leaves prose answers alone', () => {
    const { code, answers: count } = instrument({
      file: 'f.ts',
      line: 10,
      code: [
        "import { x } from 'credential-lifecycle';",
        'x(1); // 2',
        'if (x) {',
        "  x.y; // { a: [1, 'b'], c: undefined }",
        '}',
        'x(3); // right(the thing)',
        'x(4);',
      ].join('\n'),
    });
    expect(count).toBe(2);
    expect(code).toContain('__answer(x(1), 2, "f.ts:11");');
    expect(code).toContain(`__answer(x.y, { a: [1, 'b'], c: undefined }, "f.ts:13");`);
    expect(code).toContain('x(3); // right(the thing)');
    expect(code).toContain('x(4);\n');
    expect(code).toContain(`from '${path.join(repoRoot, 'src/index.ts')}'`);
  });
});

describe('every example runs and answers what it says', () => {
  it.each(snippets.map((s) => [`${s.file}:${s.line}`, s] as const))('%s', async (_where, s) => {
    const { code, answers: count } = instrument(s);
    if (answeringFiles.has(s.file)) {
      expect(count, 'an example of an operation checks at least one answer').toBeGreaterThan(0);
    }
    const file = path.join(dir, `example-${s.file.replace(/\W/g, '-')}-${s.line}.ts`);
    fs.writeFileSync(file, code);
    const before = answers.length;
    await import(file);
    const given = answers.slice(before);
    expect(given.length, 'every checked answer was reached').toBe(count);
    for (const a of given) expect(a.actual, a.where).toEqual(a.expected);
  });
});
