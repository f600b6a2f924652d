/**
 * Assertions over the mock's request journal (`GET /__mock/requests`), for
 * a system that offers the control API: which requests a client under test
 * actually sent. Framework-free: a failed expectation rejects with an
 * `Error` whose message lists what the journal holds.
 *
 * @packageDocumentation
 */
import { isPlainObject } from '../domain/errors.js';
import { globPattern } from '../mock/fault-rules.js';
import { controlPath } from '../mock/paths.js';
import type { SystemUnderTest } from './system.js';

/**
 * One journal entry as `GET /__mock/requests` lists it.
 *
 * @example
 * import type { RequestRecord } from 'credential-lifecycle/testing';
 * const entry: RequestRecord = {
 *   seq: 1, at: '2026-01-01T00:00:00.000Z', method: 'GET', path: '/nevisidm/api/core/v1/demo/users/alice/puk',
 *   query: '', caller: 'admin', status: 404,
 * };
 */
export interface RequestRecord {
  readonly seq: number;
  readonly at: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly caller: 'admin' | 'self-admin';
  readonly status: number;
  /** The request body, secret fields as `'<redacted>'`; absent when there was none. */
  readonly body?: unknown;
  readonly fault?: { readonly rule: number; readonly delayMs: number; readonly injected: boolean };
}

/**
 * Which requests an expectation is about: `path` is the whole path, or a
 * glob when it contains `*` (any run of characters); `method` ignores case;
 * `status` is the status answered. Absent fields match anything.
 *
 * @example
 * import type { RequestPattern } from 'credential-lifecycle/testing';
 * const anyLogin: RequestPattern = { method: 'POST', path: '/nevisidm/api/auth/v1/*' };
 */
export interface RequestPattern {
  readonly method?: string;
  readonly path?: string;
  readonly status?: number;
}

/**
 * The journal of a system offering the mock control API, oldest first.
 * Rejects when the system refuses `GET /__mock/requests`.
 *
 * @example
 * import { inProcessSystem, journalOf } from 'credential-lifecycle/testing';
 * (await journalOf(inProcessSystem())).length; // 0
 */
export const journalOf = async (system: SystemUnderTest): Promise<readonly RequestRecord[]> => {
  const answer = await system.send({ method: 'GET', path: controlPath.requests });
  const requests = isPlainObject(answer.body) ? answer.body.requests : undefined;
  if (answer.status !== 200 || !Array.isArray(requests)) {
    throw new Error(
      `GET ${controlPath.requests} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
    );
  }
  return requests as RequestRecord[];
};

/**
 * Whether a journal entry matches a pattern.
 *
 * @example
 * import { requestMatches } from 'credential-lifecycle/testing';
 * const entry = { seq: 1, at: '', method: 'GET', path: '/a/b', query: '', caller: 'admin' as const, status: 200 };
 * requestMatches(entry, { method: 'get', path: '/a/*' }); // true
 * requestMatches(entry, { path: '/a' }); // false
 */
export const requestMatches = (entry: RequestRecord, pattern: RequestPattern): boolean =>
  (pattern.method === undefined || entry.method.toUpperCase() === pattern.method.toUpperCase()) &&
  (pattern.path === undefined ||
    (pattern.path.includes('*')
      ? globPattern(pattern.path).test(entry.path)
      : entry.path === pattern.path)) &&
  (pattern.status === undefined || entry.status === pattern.status);

const describePattern = (p: RequestPattern): string =>
  [
    p.method?.toUpperCase() ?? '(any method)',
    p.path ?? '(any path)',
    ...(p.status === undefined ? [] : [`→ ${p.status}`]),
  ].join(' ');

const listing = (entries: readonly RequestRecord[]): string =>
  entries.length === 0
    ? 'the journal is empty'
    : `the journal holds ${entries.length}:\n${entries
        .slice(-20)
        .map(
          (e) =>
            `  #${e.seq} ${e.method} ${e.path}${e.query === '' ? '' : `?${e.query}`} → ${e.status}`,
        )
        .join('\n')}${entries.length > 20 ? '\n  (the last 20 shown)' : ''}`;

/**
 * Resolves with the journal entries that match `pattern` when there is at
 * least one (or exactly `times`, when given); otherwise rejects with a
 * message naming the pattern, how many matched and what the journal holds.
 *
 * @example
 * import { expectRequested, inProcessSystem } from 'credential-lifecycle/testing';
 * const system = inProcessSystem();
 * await system.send({ method: 'GET', path: '/nevisidm/api/core/v1/demo/users/alice/puk' });
 * (await expectRequested(system, { method: 'GET', path: '/nevisidm/api/core/v1/demo/users/alice/puk' })).length; // 1
 * await expectRequested(system, { method: 'DELETE', path: '/nevisidm/*' }).catch((e: Error) => e.message);
 * // => 'expected a request DELETE /nevisidm/*, but none matched; the journal holds 1:\n  #1 GET … → 404'
 */
export const expectRequested = async (
  system: SystemUnderTest,
  pattern: RequestPattern,
  times?: number,
): Promise<readonly RequestRecord[]> => {
  const entries = await journalOf(system);
  const matched = entries.filter((e) => requestMatches(e, pattern));
  const ok = times === undefined ? matched.length > 0 : matched.length === times;
  if (ok) return matched;
  const wanted =
    times === undefined
      ? `a request ${describePattern(pattern)}`
      : `${times} request${times === 1 ? '' : 's'} ${describePattern(pattern)}`;
  const found = matched.length === 0 ? 'none matched' : `${matched.length} matched`;
  throw new Error(`expected ${wanted}, but ${found}; ${listing(entries)}`);
};

/**
 * Resolves when no journal entry matches `pattern`; otherwise rejects with
 * a message listing the entries that do.
 *
 * @example
 * import { expectNotRequested, inProcessSystem } from 'credential-lifecycle/testing';
 * await expectNotRequested(inProcessSystem(), { method: 'DELETE' }); // resolves: nothing was requested
 */
export const expectNotRequested = async (
  system: SystemUnderTest,
  pattern: RequestPattern,
): Promise<void> => {
  const matched = (await journalOf(system)).filter((e) => requestMatches(e, pattern));
  if (matched.length > 0) {
    throw new Error(
      `expected no request ${describePattern(pattern)}, but ${matched.length} matched; ${listing(matched).replace('the journal holds', 'matching')}`,
    );
  }
};
