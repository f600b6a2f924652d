/**
 * The request journal: the requests a mock answered (not its control
 * requests), oldest first, at most a configured number of them. Each entry
 * keeps the method, path, query, caller kind, status, the mock's time and
 * the request body with its secret fields redacted. Pure data: the time is
 * the mock's clock reading, handed in.
 *
 * @packageDocumentation
 */
import type { Instant } from '../domain/instant.js';
import { callerHeaders, headerOf, type RequestHeaders } from '../operations/caller-headers.js';

/**
 * How many entries a journal holds unless told otherwise.
 *
 * @example
 * import { defaultJournalLimit } from 'credential-lifecycle/mock';
 * defaultJournalLimit; // 1000
 */
export const defaultJournalLimit = 1000;

/**
 * Who called, as the caller headers say: `self-admin` with `X-Token` (even
 * an unknown one), else `admin` (with every permission, or those of
 * `X-Mock-Permissions`).
 *
 * @example
 * import type { CallerKind } from 'credential-lifecycle/mock';
 * const kind: CallerKind = 'self-admin';
 */
export type CallerKind = 'admin' | 'self-admin';

/**
 * The caller kind of a request's headers.
 *
 * @example
 * import { callerKindOf } from 'credential-lifecycle/mock';
 * callerKindOf({ 'x-token': 'abc' }); // 'self-admin'
 * callerKindOf(undefined); // 'admin'
 */
export const callerKindOf = (headers: RequestHeaders | undefined): CallerKind =>
  headerOf(headers, callerHeaders.token) === undefined ? 'admin' : 'self-admin';

/**
 * What a fault rule did to a journalled request: the index of the rule in
 * the list, the delay it added and whether its answer replaced the real one.
 *
 * @example
 * import type { JournalFault } from 'credential-lifecycle/mock';
 * const slow: JournalFault = { rule: 0, delayMs: 400, injected: false };
 */
export interface JournalFault {
  readonly rule: number;
  readonly delayMs: number;
  readonly injected: boolean;
}

/**
 * One answered request.
 *
 * @example
 * import type { JournalEntry } from 'credential-lifecycle/mock';
 * const entry: JournalEntry = {
 *   seq: 1, at: Date.UTC(2026, 0, 1), method: 'POST', path: '/nevisidm/api/auth/v1/demo/users/alice/password/login',
 *   query: '', caller: 'admin', status: 200, body: { password: '<redacted>' },
 * };
 */
export interface JournalEntry {
  /** 1 for the first request after the mock started or the journal was last cleared. */
  readonly seq: number;
  /** The mock's time when it answered. */
  readonly at: Instant;
  readonly method: string;
  /** The path without the query string. */
  readonly path: string;
  /** The query string without `?` (`''` when there is none). */
  readonly query: string;
  readonly caller: CallerKind;
  readonly status: number;
  /** The request body with secret fields redacted (`undefined` when there was none). */
  readonly body: unknown;
  /** Present when a fault rule applied. */
  readonly fault?: JournalFault;
}

/**
 * The body fields whose values are secrets (plaintext passwords, PUKs,
 * tickets, fragments), at any depth.
 *
 * @example
 * import { secretBodyFields } from 'credential-lifecycle/mock';
 * secretBodyFields.has('password'); // true
 */
export const secretBodyFields: ReadonlySet<string> = new Set([
  'password',
  'newPassword',
  'oldPassword',
  'tempStrongPassword',
  'passwordFragment',
  'ticket',
  'puk',
]);

/**
 * A body with every value of a {@link secretBodyFields} key, at any depth,
 * replaced by `'<redacted>'`. Returns the same value when nothing is secret.
 *
 * @example
 * import { redactBody } from 'credential-lifecycle/mock';
 * redactBody({ password: 'Wonder-Land-2026', stateName: 'active' });
 * // => { password: '<redacted>', stateName: 'active' }
 * redactBody([{ puk: 'x' }]); // [{ puk: '<redacted>' }]
 */
export const redactBody = (body: unknown): unknown => {
  if (Array.isArray(body)) {
    const items = body.map(redactBody);
    return items.every((item, i) => item === body[i]) ? body : items;
  }
  if (typeof body !== 'object' || body === null) return body;
  let copy: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(body)) {
    const next = secretBodyFields.has(key) ? '<redacted>' : redactBody(value);
    if (next !== value) {
      copy ??= { ...body };
      copy[key] = next;
    }
  }
  return copy ?? body;
};

/**
 * Which entries to list: all given conditions hold. `method` ignores case;
 * `pathPrefix` is a plain prefix of the path; `status` is one code or a
 * class (`4` for 4xx); `since` and `until` bound the time, both inclusive.
 *
 * @example
 * import type { JournalFilter } from 'credential-lifecycle/mock';
 * const failedLogins: JournalFilter = { method: 'POST', pathPrefix: '/nevisidm/api/auth/', status: { class: 4 } };
 */
export interface JournalFilter {
  readonly method?: string;
  readonly pathPrefix?: string;
  readonly status?: { readonly code: number } | { readonly class: number };
  readonly since?: Instant;
  readonly until?: Instant;
}

/**
 * Whether an entry passes a filter.
 *
 * @example
 * import { journalEntryMatches } from 'credential-lifecycle/mock';
 * const entry = { seq: 1, at: 0, method: 'GET', path: '/a/b', query: '', caller: 'admin' as const, status: 404, body: undefined };
 * journalEntryMatches(entry, { pathPrefix: '/a', status: { class: 4 } }); // true
 * journalEntryMatches(entry, { method: 'post' }); // false
 */
export const journalEntryMatches = (entry: JournalEntry, filter: JournalFilter): boolean => {
  const { method, pathPrefix, status, since, until } = filter;
  if (method !== undefined && entry.method.toUpperCase() !== method.toUpperCase()) return false;
  if (pathPrefix !== undefined && !entry.path.startsWith(pathPrefix)) return false;
  if (status !== undefined) {
    const ok =
      'code' in status
        ? entry.status === status.code
        : Math.floor(entry.status / 100) === status.class;
    if (!ok) return false;
  }
  if (since !== undefined && entry.at < since) return false;
  if (until !== undefined && entry.at > until) return false;
  return true;
};

/**
 * What a journal holds: its entries (oldest first), its limit and how many
 * entries it dropped to stay within it since it was last cleared.
 *
 * @example
 * import type { JournalReading } from 'credential-lifecycle/mock';
 * const empty: JournalReading = { entries: [], limit: 1000, dropped: 0 };
 */
export interface JournalReading {
  readonly entries: readonly JournalEntry[];
  readonly limit: number;
  readonly dropped: number;
}

/**
 * A bounded journal of answered requests: it keeps the newest `limit`
 * entries (a ring: recording costs the same however full it is) and counts
 * those it dropped. A limit of 0 keeps nothing.
 *
 * @example
 * import { RequestJournal } from 'credential-lifecycle/mock';
 * const journal = new RequestJournal(2);
 * for (const path of ['/a', '/b', '/c']) {
 *   journal.record({ at: 0, method: 'GET', path, query: '', caller: 'admin', status: 404, body: undefined });
 * }
 * journal.read().entries.map((e) => e.path); // ['/b', '/c']
 * journal.read().dropped; // 1
 */
export class RequestJournal {
  readonly #limit: number;
  #ring: JournalEntry[] = [];
  #start = 0;
  #seq = 0;
  #dropped = 0;

  constructor(limit: number = defaultJournalLimit) {
    this.#limit = Number.isSafeInteger(limit) && limit > 0 ? limit : 0;
  }

  /**
   * Adds an entry (numbered here), dropping the oldest when full.
   *
   * @example
   * import { RequestJournal } from 'credential-lifecycle/mock';
   * const journal = new RequestJournal(1);
   * journal.record({ at: 0, method: 'GET', path: '/x', query: '', caller: 'admin', status: 404, body: undefined });
   * journal.record({ at: 1, method: 'GET', path: '/y', query: '', caller: 'admin', status: 404, body: undefined });
   * journal.read().entries.map((e) => `${e.seq} ${e.path}`); // ['2 /y']
   * journal.read().dropped; // 1
   */
  record(entry: Omit<JournalEntry, 'seq'>): void {
    const numbered = { seq: ++this.#seq, ...entry };
    if (this.#limit === 0) {
      this.#dropped++;
    } else if (this.#ring.length < this.#limit) {
      this.#ring.push(numbered);
    } else {
      this.#ring[this.#start] = numbered;
      this.#start = (this.#start + 1) % this.#limit;
      this.#dropped++;
    }
  }

  /**
   * The entries, oldest first, that pass the filter.
   *
   * @example
   * import { RequestJournal } from 'credential-lifecycle/mock';
   * new RequestJournal().read({ method: 'GET' }); // { entries: [], limit: 1000, dropped: 0 }
   */
  read(filter: JournalFilter = {}): JournalReading {
    const ordered = [...this.#ring.slice(this.#start), ...this.#ring.slice(0, this.#start)];
    return {
      entries: ordered.filter((e) => journalEntryMatches(e, filter)),
      limit: this.#limit,
      dropped: this.#dropped,
    };
  }

  /**
   * Forgets every entry; numbering and the dropped count start again.
   *
   * @example
   * import { RequestJournal } from 'credential-lifecycle/mock';
   * const journal = new RequestJournal();
   * journal.record({ at: 0, method: 'GET', path: '/x', query: '', caller: 'admin', status: 404, body: undefined });
   * journal.clear();
   * journal.read(); // { entries: [], limit: 1000, dropped: 0 }
   */
  clear(): void {
    this.#ring = [];
    this.#start = 0;
    this.#seq = 0;
    this.#dropped = 0;
  }
}
