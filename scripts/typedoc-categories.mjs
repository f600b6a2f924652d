// A typedoc plugin (typedoc.json "plugin") for the API pages:
// - every export of an entry gets the `@category` of the source module it is
//   declared in, so that each entry's page groups its exports by concern
//   without a tag in each of some 500 doc comments. An explicit `@category`
//   in a doc comment wins. A source folder that is not in the table below is
//   a warning (and so, with treatWarningsAsErrors, a failed `npm run docs`):
//   add its category here.
// - each guide of docs/ (typedoc's projectDocuments) is titled by its first
//   `# heading` instead of its file name, unless its front matter names one.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Comment, CommentTag, Converter, ReflectionKind } from 'typedoc';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Categories by source folder, with the files that differ from their folder's. */
export const categories = {
  domain: {
    default: 'Wire values',
    files: {
      'credential.ts': 'Credential resources',
      'requests.ts': 'Requests and answers',
      'responses.ts': 'Requests and answers',
      'errors.ts': 'Errors',
    },
  },
  lifecycle: { default: 'Lifecycle' },
  policy: { default: 'Policies' },
  secret: { default: 'Secrets' },
  operations: {
    default: 'Operation building blocks',
    files: {
      'password.ts': 'Operations',
      'temp-strong-password.ts': 'Operations',
      'ticket.ts': 'Operations',
      'puk.ts': 'Operations',
      'route.ts': 'Routing and callers',
      'dispatch.ts': 'Routing and callers',
      'caller-headers.ts': 'Routing and callers',
      'principal.ts': 'Routing and callers',
      'store.ts': 'Users and store',
      'user.ts': 'Users and store',
      'policy-book.ts': 'Users and store',
    },
  },
  mock: {
    default: 'Mock core',
    files: { 'control.ts': 'Control API', 'paths.ts': 'Control API', 'faults.ts': 'Faults' },
  },
  openapi: { default: 'OpenAPI' },
  reasoning: { default: 'Reasoning about policies' },
  diagram: { default: 'Diagrams' },
  web: { default: 'Mock server', files: { 'fixture.ts': 'Fixtures' } },
  server: { default: 'Command line', files: { 'node.ts': 'Node server' } },
  postgres: {
    default: 'PostgreSQL store',
    files: {
      'sql.ts': 'SQL port',
      'connect.ts': 'SQL port',
      'pglite.ts': 'SQL port',
      'schema.ts': 'Schema',
    },
  },
  testing: {
    default: 'Conformance',
    files: {
      'arbitraries.ts': 'Arbitraries',
      arbitraries: 'Arbitraries',
      'commands.ts': 'Model commands',
      commands: 'Model commands',
      coverage: 'Coverage',
      failures: 'Failure database',
      parallel: 'Parallel runs',
      'oracle.ts': 'Oracle',
      'system.ts': 'Systems under test',
    },
  },
};

/** The category of a source file, or undefined when its folder has none. */
const categoryOf = (file) => {
  const relative = path.relative(path.join(root, 'src'), file).split(path.sep);
  const [folder, name] = relative;
  const entry = folder === undefined ? undefined : categories[folder];
  if (entry === undefined || name === undefined) return undefined;
  return entry.files?.[name] ?? entry.default;
};

/** The text of a document's first level-1 heading, without Markdown code marks. */
const headingOf = (document) => {
  const text = document.content.map((part) => part.text).join('');
  return /^# (.+)$/m.exec(text)?.[1]?.replaceAll('`', '').trim();
};

/** The entry module a reflection belongs to. */
const moduleOf = (reflection) => {
  let current = reflection;
  while (current !== undefined && !current.kindOf(ReflectionKind.Module)) current = current.parent;
  return current;
};

const addCategory = (reflection, category) => {
  reflection.comment ??= new Comment();
  reflection.comment.blockTags.push(
    new CommentTag('@category', [{ kind: 'text', text: category }]),
  );
};

/** @param {import('typedoc').Application} app */
export const load = (app) => {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const document of context.project.getReflectionsByKind(ReflectionKind.Document)) {
      if (typeof document.frontmatter.title === 'string') continue;
      document.name = headingOf(document) ?? document.name;
    }
  });
  app.converter.on(
    Converter.EVENT_RESOLVE_BEGIN,
    (context) => {
      for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
        for (const child of module.children ?? []) {
          if (child.comment?.blockTags.some((t) => t.tag === '@category')) continue;
          const target = child.isReference() ? child.getTargetReflectionDeep() : child;
          const home = moduleOf(target);
          if (home !== undefined && home !== module) {
            // A re-export of another entry's export (/server re-exports /mock).
            addCategory(child, `Re-exported from ${home.name}`);
            continue;
          }
          const symbol = context.getSymbolFromReflection(target);
          const file = symbol?.declarations?.[0]?.getSourceFile().fileName;
          if (file === undefined) continue;
          const category = categoryOf(path.resolve(file));
          if (category === undefined) {
            app.logger.warn(
              `${child.getFriendlyFullName()} (${path.relative(root, file)}): no category for its folder in scripts/typedoc-categories.mjs`,
            );
            continue;
          }
          addCategory(child, category);
        }
      }
    },
    // Before the CategoryPlugin reads the tags (it runs at RESOLVE_END).
    100,
  );
};
