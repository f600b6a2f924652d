/**
 * Finds the code examples of the project (TSDoc `@example` blocks in src/ and
 * ```ts blocks in Markdown) and type-checks them as modules that import the
 * package by its published name.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ts from 'typescript';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/** One example: where it starts (1-based line of its first code line) and its code. */
export interface Snippet {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

const isFence = (line: string): boolean => /^\s*```/.test(line);

const trimBlankEnds = (lines: readonly { text: string; line: number }[]) => {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]?.text.trim() === '') start++;
  while (end > start && lines[end - 1]?.text.trim() === '') end--;
  return lines.slice(start, end);
};

/**
 * The `@example` blocks of the doc comments in a TypeScript source: the lines
 * after the `@example` line up to the next block tag or the end of the
 * comment, with the comment's ` * ` margin removed. Fence lines are dropped.
 */
export const examplesOf = (file: string, source: string): Snippet[] => {
  const snippets: Snippet[] = [];
  for (const match of source.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = source.slice(0, match.index).split('\n').length;
    const lines = match[0].split('\n').map((raw, i, all) => {
      let text = raw;
      if (i === 0) text = text.replace(/^\s*\/\*\*\s?/, '');
      if (i === all.length - 1) text = text.replace(/\s*\*\/\s*$/, '');
      if (i > 0) text = text.replace(/^\s*\*(?!\/) ?/, '');
      return { text, line: firstLine + i };
    });
    let current: { text: string; line: number }[] | undefined;
    const flush = () => {
      const body = trimBlankEnds(current ?? []).filter((l) => !isFence(l.text));
      const first = body[0];
      if (first !== undefined) {
        snippets.push({ file, line: first.line, code: body.map((l) => l.text).join('\n') });
      }
      current = undefined;
    };
    for (const l of lines) {
      const tag = /^\s*@([A-Za-z]+)/.exec(l.text)?.[1];
      if (tag !== undefined) {
        if (current !== undefined) flush();
        if (tag === 'example') current = [];
        continue;
      }
      current?.push(l);
    }
    if (current !== undefined) flush();
  }
  return snippets;
};

/** The ```ts (or ```typescript) fenced blocks of a Markdown text. */
export const markdownTsBlocksOf = (file: string, markdown: string): Snippet[] => {
  const snippets: Snippet[] = [];
  const lines = markdown.split('\n');
  let start: number | undefined;
  for (const [i, line] of lines.entries()) {
    if (start === undefined && /^\s*```(ts|typescript)\s*$/.test(line)) start = i + 1;
    else if (start !== undefined && isFence(line)) {
      snippets.push({ file, line: start + 1, code: lines.slice(start, i).join('\n') });
      start = undefined;
    }
  }
  return snippets;
};

/** The TypeScript files under a directory of the repository, repo-relative, sorted. */
export const sourceFilesUnder = (dir: string): string[] =>
  fs
    .readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'))
    .sort();

/**
 * The package's entries as `package.json` exports them, each mapped from its
 * built file (`./dist/x/index.js`) to its source (`src/x/index.ts`).
 */
const packageEntries = (): Map<string, string> => {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { import?: string; default?: string }>;
  };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const built = typeof target === 'string' ? target : (target.import ?? target.default);
    if (built === undefined || !built.startsWith('./dist/') || !built.endsWith('.js')) continue;
    const source = built.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts');
    entries.set(`${manifest.name}${subpath.slice(1)}`, path.join(repoRoot, source));
  }
  return entries;
};

const compilerOptions = (): ts.CompilerOptions => {
  const configPath = path.join(repoRoot, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  return {
    ...parsed.options,
    noEmit: true,
    typeRoots: [path.join(repoRoot, 'node_modules/@types')],
  };
};

/**
 * Type-checks every snippet as its own ES module in one program. Imports of
 * `credential-lifecycle` (and `/testing`) resolve to the sources; any other
 * import resolves as it would from the repository's test folder. Returns the
 * diagnostics of each snippet as `file:line: TSnnnn message`, keyed by the
 * snippet's index.
 */
export const typeCheckSnippets = (snippets: readonly Snippet[]): Map<number, string[]> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-examples-'));
  try {
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
    const fileOf = (i: number) => path.join(dir, `example-${String(i).padStart(4, '0')}.ts`);
    snippets.forEach((s, i) => {
      fs.writeFileSync(fileOf(i), `${s.code}\nexport {};\n`);
    });
    const options = compilerOptions();
    const host = ts.createCompilerHost(options);
    host.getCurrentDirectory = () => repoRoot;
    const entries = packageEntries();
    const anchor = path.join(repoRoot, 'test/docs/examples.test.ts');
    host.resolveModuleNameLiterals = (literals, containingFile, redirected, opts, sourceFile) =>
      literals.map((literal) => {
        const entry = entries.get(literal.text);
        if (entry !== undefined) {
          return {
            resolvedModule: {
              resolvedFileName: entry,
              extension: ts.Extension.Ts,
              isExternalLibraryImport: false,
            },
          };
        }
        const from = containingFile.startsWith(dir) ? anchor : containingFile;
        const mode = ts.getModeForUsageLocation(sourceFile, literal, opts);
        return ts.resolveModuleName(literal.text, from, opts, host, undefined, redirected, mode);
      });
    const program = ts.createProgram({
      rootNames: snippets.map((_, i) => fileOf(i)),
      options,
      host,
    });
    const results = new Map<number, string[]>();
    snippets.forEach((snippet, i) => {
      const sourceFile = program.getSourceFile(fileOf(i));
      const diagnostics =
        sourceFile === undefined
          ? []
          : [
              ...program.getSyntacticDiagnostics(sourceFile),
              ...program.getSemanticDiagnostics(sourceFile),
            ];
      results.set(
        i,
        diagnostics.map((d) => {
          const at =
            d.file !== undefined && d.start !== undefined
              ? d.file.getLineAndCharacterOfPosition(d.start).line
              : 0;
          const text = ts.flattenDiagnosticMessageText(d.messageText, ' ');
          return `${snippet.file}:${snippet.line + at}: TS${d.code} ${text}`;
        }),
      );
    });
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};

/**
 * Whether an example states what a call answers: some expression statement
 * is followed by a line comment on its own last line (`f(1); // 2`) or on the
 * line right after it (the answer written below a long call), or the example
 * has an fp-ts style `// => …` line.
 */
export const statesAnswer = (code: string): boolean => {
  if (/^\s*\/\/\s*=>/m.test(code)) return true;
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line;
  const answered = (node: ts.Node): boolean => {
    if (ts.isExpressionStatement(node)) {
      const last = lineOf(node.end);
      const comments = [
        ...(ts.getTrailingCommentRanges(code, node.end) ?? []),
        ...(ts.getLeadingCommentRanges(code, node.end) ?? []),
      ];
      if (
        comments.some((c) => {
          const line = lineOf(c.pos);
          return (
            c.kind === ts.SyntaxKind.SingleLineCommentTrivia && (line === last || line === last + 1)
          );
        })
      ) {
        return true;
      }
    }
    return ts.forEachChild(node, answered) ?? false;
  };
  return answered(source);
};

/** What an `@example` documents: the declaration's name and whether it is only a type. */
export interface ExampleTarget {
  /** 1-based line of the example's first code line (as {@link examplesOf} numbers it). */
  readonly line: number;
  /** `name` or `Class.member`; `(unknown)` when the comment documents no declaration. */
  readonly name: string;
  /** An interface, a type alias or a member of one: nothing to call. */
  readonly typeOnly: boolean;
}

const declarationName = (node: ts.Node): string => {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => d.name.getText()).join(',');
  }
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const name = (node as { name?: ts.Node }).name;
  return name === undefined ? '(anonymous)' : name.getText();
};

/**
 * The declaration each `@example` block of a source documents, by the line
 * range of its doc comment.
 */
export const exampleTargets = (file: string, source: string): ExampleTarget[] => {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const ranges: { from: number; to: number; name: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node, owner: string | undefined, inType: boolean): void => {
    const typeOnly = inType || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
    for (const doc of ts.getJSDocCommentsAndTags(node)) {
      if (!ts.isJSDoc(doc)) continue;
      const own = declarationName(node);
      ranges.push({
        from: lineOf(doc.getStart(sf)),
        to: lineOf(doc.end),
        name: owner === undefined ? own : `${owner}.${own}`,
        typeOnly,
      });
    }
    const isOwner = ts.isClassDeclaration(node) || ts.isInterfaceDeclaration(node);
    ts.forEachChild(node, (child) =>
      visit(child, isOwner ? declarationName(node) : owner, typeOnly),
    );
  };
  visit(sf, undefined, false);
  return examplesOf(file, source).map((s) => {
    const range = ranges.find((r) => r.from <= s.line && s.line <= r.to);
    return {
      line: s.line,
      name: range?.name ?? '(unknown)',
      typeOnly: range?.typeOnly ?? false,
    };
  });
};
