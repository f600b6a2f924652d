/** Helpers for the server tests: a mock on an ephemeral port and a small HTTP client. */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { CliIo } from '../../src/server/cli-command.js';
import { runCli } from '../../src/server/command.js';
import { type RunningServer, startNodeServer } from '../../src/server/node.js';
import { MockServer, type MockServerOptions } from '../../src/web/server.js';

export const core = '/nevisidm/api/core/v1';
export const auth = '/nevisidm/api/auth/v1';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body, or `undefined` when it is empty or not JSON. */
  readonly json: unknown;
}

export interface CallOptions {
  readonly body?: unknown;
  /** Sent as is, instead of `body` as JSON. */
  readonly raw?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export const call = async (
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> => {
  const hasBody = options.body !== undefined || options.raw !== undefined;
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...options.headers },
    ...(options.raw !== undefined
      ? { body: options.raw }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

/** The error codes of a nevis error body, or `undefined` when the body is not one. */
export const codesOf = (reply: Reply): string[] | undefined => {
  const body = reply.json;
  if (typeof body !== 'object' || body === null || !('errors' in body)) return undefined;
  const errors: unknown = body.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  return errors.map((e: unknown) =>
    typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : '?',
  );
};

/** Starts one mock for the file's tests (port 0 on 127.0.0.1) and stops it afterwards. */
export const useServer = (options: MockServerOptions = {}) => {
  const handle: { server?: RunningServer } = {};
  beforeAll(async () => {
    handle.server = await startNodeServer({ mock: new MockServer(options), port: 0 });
  });
  afterAll(async () => {
    await handle.server?.close();
  });
  const server = (): RunningServer => {
    if (handle.server === undefined) throw new Error('server not started');
    return handle.server;
  };
  return {
    server,
    call: (method: string, path: string, options?: CallOptions) =>
      call(server().url, method, path, options),
  };
};

export const field = (reply: Reply, name: string): unknown =>
  typeof reply.json === 'object' && reply.json !== null
    ? (reply.json as Record<string, unknown>)[name]
    : undefined;

/** Runs the command line in-process with these arguments; returns the exit code and the lines written. */
export const runCommand = async (argv: readonly string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(...l.split('\n')),
    err: (l) => err.push(l),
    env: {},
    stopped: () => new Promise(() => {}),
  };
  return { code: await runCli(argv, io), out, err };
};

/** A command line's output, captured: what it writes to stdout and stderr. */
export const captureIo = (isTty = false) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
    stopped: () => new Promise(() => {}),
    isTty,
  };
  return { out, err, io };
};

/** `conformance --base-url <a mock with options> …args` against a fresh server on port 0. */
export const conformanceAgainst = async (
  options: MockServerOptions,
  args: readonly string[],
  isTty = false,
) => {
  const server = await startNodeServer({ mock: new MockServer(options), port: 0 });
  const { out, err, io } = captureIo(isTty);
  try {
    const code = await runCli(['conformance', '--base-url', server.url, ...args], io);
    return { code, out, err, url: server.url };
  } finally {
    await server.close();
  }
};

/** Runs a shell script (lines) with `sh` against `base`; its standard output. */
export const runScript = async (lines: readonly string[], base: string): Promise<string> => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replay-script-'));
  const file = path.join(dir, 'replay.sh');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  try {
    const { stdout } = await promisify(execFile)('sh', [file], {
      env: { ...process.env, BASE: base },
    });
    return stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
