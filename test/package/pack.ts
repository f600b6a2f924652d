/**
 * The package as a consumer receives it, without the network: the repository
 * copied to a temporary directory as a fresh clone would be (no `dist/`, no
 * `node_modules/`), built there, packed with `npm pack`, and the tarball
 * unpacked into the `node_modules` of temporary consumer projects. The
 * consumers get the package's runtime dependencies (and only the extra
 * packages a test names) as links into the repository's `node_modules`, so
 * nothing is fetched and nothing else is visible to them.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../docs/snippets.js';

/** A packed build of the repository. */
export interface Packed {
  /** The temporary directory holding everything below; remove it when done. */
  readonly dir: string;
  /** The copy of the repository that was built and packed. */
  readonly stage: string;
  /** The `.tgz` file `npm pack` wrote. */
  readonly tarball: string;
  /** The paths inside the tarball, relative to the package root. */
  readonly files: readonly string[];
}

/** What a fresh clone does not have, and what the copy must not take along. */
const notCloned = new Set(['.git', 'node_modules', 'dist', 'coverage']);

/** Copies the repository, builds it with `tsconfig.build.json` and packs it. */
export const packRepository = (): Packed => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-pack-'));
  const stage = path.join(dir, 'stage');
  fs.cpSync(repoRoot, stage, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(repoRoot, source).split(path.sep);
      const [top] = relative;
      if (top !== undefined && notCloned.has(top)) return false;
      return !(top === 'docs' && relative[1] === 'api') && !source.endsWith('.tgz');
    },
  });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: stage, stdio: 'pipe' });
  const report = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
      cwd: stage,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const [packed] = report;
  if (packed === undefined) throw new Error('npm pack reported nothing');
  return {
    dir,
    stage,
    tarball: path.join(dir, packed.filename),
    files: packed.files.map((f) => f.path).sort(),
  };
};

/** Links a package of the repository's `node_modules`, and what it depends on, into `modules`. */
const linkWithDependencies = (modules: string, name: string): void => {
  const target = path.join(modules, name);
  if (fs.existsSync(target)) return;
  const source = path.join(repoRoot, 'node_modules', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(source, target, 'dir');
  const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    // A dependency nested in the package travels with the link.
    if (!fs.existsSync(path.join(source, 'node_modules', dependency))) {
      linkWithDependencies(modules, dependency);
    }
  }
};

/**
 * A consumer project in `packed.dir/<name>`: a `package.json` of the given
 * module type, the tarball unpacked as `node_modules/credential-lifecycle`,
 * its runtime dependencies and the `extra` packages linked in. Returns its
 * directory.
 */
export const consumerProject = (
  packed: Packed,
  name: string,
  options: { readonly type: 'module' | 'commonjs'; readonly extra?: readonly string[] },
): string => {
  const project = path.join(packed.dir, name);
  const modules = path.join(project, 'node_modules');
  const installed = path.join(modules, 'credential-lifecycle');
  fs.mkdirSync(installed, { recursive: true });
  fs.writeFileSync(
    path.join(project, 'package.json'),
    JSON.stringify({ name, private: true, type: options.type }),
  );
  execFileSync('tar', ['-xzf', packed.tarball, '-C', installed, '--strip-components=1']);
  const manifest = JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of [
    ...Object.keys(manifest.dependencies ?? {}),
    ...(options.extra ?? []),
  ]) {
    linkWithDependencies(modules, dependency);
  }
  return project;
};

/** Runs a command in a directory; its exit code and both outputs. */
export const run = (
  command: string,
  args: readonly string[],
  cwd: string,
): { readonly code: number; readonly stdout: string; readonly stderr: string } => {
  try {
    const stdout = execFileSync(command, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return { code: 0, stdout, stderr: '' };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string };
    return { code: failed.status ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
};

/** The repository's binary of an installed dev tool (`tsc`, `publint`, `attw`, …). */
export const tool = (name: string): string => path.join(repoRoot, 'node_modules/.bin', name);
