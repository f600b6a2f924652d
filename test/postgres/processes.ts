/**
 * Helpers for the tests across processes: a throwaway PostgreSQL cluster
 * (scripts/pg-cluster.sh, when the binaries are there), the project built
 * once into a temporary directory, `credential-lifecycle serve --database`
 * as child processes, and a round-robin HTTP proxy in front of them.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../docs/snippets.js';

const script = path.join(repoRoot, 'scripts/pg-cluster.sh');

/** Whether PostgreSQL's initdb and pg_ctl are installed (a cluster of our own can start). */
export const hasPostgresBinaries = (): boolean =>
  spawnSync('bash', [script, 'bindir'], { stdio: 'ignore' }).status === 0;

/** A throwaway cluster in a temporary directory. */
export interface Cluster {
  readonly url: string;
  readonly dir: string;
  /** Stops the server abruptly (`pg_ctl stop -m immediate`): connections break mid-request. */
  readonly crash: () => void;
  /** Starts it again on the same port and data. */
  readonly restart: () => void;
  /** Stops it and removes its directory. */
  readonly remove: () => void;
}

const bindir = (): string => execFileSync('bash', [script, 'bindir'], { encoding: 'utf8' }).trim();

const asOwner = (command: string, args: readonly string[]): void => {
  const root = process.getuid?.() === 0;
  execFileSync(
    root ? 'runuser' : command,
    root ? ['-u', 'postgres', '--', command, ...args] : [...args],
    {
      stdio: 'pipe',
    },
  );
};

/** initdb and start a cluster on a free loopback port. */
export const startCluster = (): Cluster => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-pg-'));
  const url = execFileSync('bash', [script, 'start', dir], { encoding: 'utf8' }).trim();
  const port = fs.readFileSync(path.join(dir, 'port'), 'utf8').trim();
  const bin = bindir();
  return {
    url,
    dir,
    crash: () =>
      asOwner(path.join(bin, 'pg_ctl'), [
        '-D',
        path.join(dir, 'data'),
        '-m',
        'immediate',
        '-w',
        'stop',
      ]),
    restart: () => {
      execFileSync('bash', [script, 'start', dir, port], { stdio: 'pipe' });
    },
    remove: () => {
      spawnSync('bash', [script, 'stop', dir], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The project compiled into a temporary directory; the path of its CLI. */
export const buildCli = (): { readonly cli: string; readonly remove: () => void } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'credential-lifecycle-build-'));
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [tsc, '-p', 'tsconfig.build.json', '--outDir', path.join(dir, 'dist')],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return {
    cli: path.join(dir, 'dist/server/cli.js'),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
};

/** One `serve --database` process. */
export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then waits for the exit. */
  readonly stop: () => Promise<void>;
}

/** Starts `credential-lifecycle serve --database URL --database-schema S` and waits for its URL. */
export const startServer = (
  cli: string,
  database: string,
  schema: string,
  port = 0,
): Promise<ServerProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        cli,
        'serve',
        '--port',
        String(port),
        '--quiet',
        '--database',
        database,
        '--database-schema',
        schema,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      resolve({
        url,
        child,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${stdout}\n${stderr}`));
    });
  });

/** An HTTP proxy that forwards each request to the next of `targets` in turn. */
export const roundRobinProxy = async (
  targets: readonly string[],
): Promise<{ readonly url: string; readonly close: () => Promise<void> }> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = http.createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length] ?? '');
    const forwarded = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
};

/** One HTTP call; the status and the parsed body (`undefined` when empty or not JSON). */
export const send = async (
  base: string,
  method: string,
  pathname: string,
  body?: unknown,
): Promise<{ readonly status: number; readonly body: unknown }> => {
  const response = await fetch(`${base}${pathname}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed };
};
