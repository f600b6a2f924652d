/**
 * The control routes of the request journal: `GET /__mock/requests` (with
 * filters in the query) and `DELETE /__mock/requests`.
 *
 * @packageDocumentation
 */
import { either as E, option as O } from 'fp-ts';
import { parseInstant } from '../domain/instant.js';
import { emptyAnswer, type Json, jsonAnswer } from '../operations/answer.js';
import {
  type ControlAction,
  type ControlRoute,
  describeControlValue as describe,
  invalidControlRequest,
} from './control-route.js';
import type { JournalEntry, JournalFilter } from './journal.js';

const filterNames = ['method', 'path', 'status', 'since', 'until'] as const;

/**
 * Reads the filters of `GET /__mock/requests` from its query string:
 * `method`, `path` (a prefix), `status` (`404` or a class `4xx`), `since`
 * and `until` (ISO-8601 instants, both included). Every bad or unknown
 * parameter is one message.
 *
 * @example
 * import { decodeJournalFilter } from 'credential-lifecycle/mock';
 * decodeJournalFilter('method=post&status=4xx');
 * // => right({ method: 'POST', status: { class: 4 } })
 * decodeJournalFilter('status=teapot&colour=red')._tag; // 'Left'
 */
export const decodeJournalFilter = (
  query: string,
): E.Either<[string, ...string[]], JournalFilter> => {
  const problems: string[] = [];
  const filter: {
    -readonly [K in keyof JournalFilter]: JournalFilter[K];
  } = {};
  const seen = new Set<string>();
  for (const [name, value] of new URLSearchParams(query)) {
    if (seen.has(name)) {
      problems.push(`${name}: given more than once`);
      continue;
    }
    seen.add(name);
    if (name === 'method') {
      if (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(value)) filter.method = value.toUpperCase();
      else problems.push(`method: got ${describe(value)}, expected an HTTP method such as GET`);
    } else if (name === 'path') {
      if (value.startsWith('/')) filter.pathPrefix = value;
      else problems.push(`path: got ${describe(value)}, expected a path prefix starting with /`);
    } else if (name === 'status') {
      const code = /^[1-5]\d\d$/.exec(value);
      const cls = /^([1-5])xx$/i.exec(value);
      if (code !== null) filter.status = { code: Number(value) };
      else if (cls !== null) filter.status = { class: Number(cls[1]) };
      else
        problems.push(
          `status: got ${describe(value)}, expected a status such as 404 or a class such as 4xx`,
        );
    } else if (name === 'since' || name === 'until') {
      const at = O.toUndefined(parseInstant(value));
      if (at === undefined)
        problems.push(`${name}: got ${describe(value)}, expected an ISO-8601 instant`);
      else if (name === 'since') filter.since = at;
      else filter.until = at;
    } else {
      problems.push(`${name}: unknown filter; known: ${filterNames.join(', ')}`);
    }
  }
  const [first, ...rest] = problems;
  return first === undefined ? E.right(filter) : E.left([first, ...rest]);
};

/**
 * An entry as `GET /__mock/requests` lists it: the time as an ISO-8601
 * instant with milliseconds, the body only when there was one.
 *
 * @example
 * import { journalEntryJson } from 'credential-lifecycle/mock';
 * journalEntryJson({ seq: 1, at: 0, method: 'GET', path: '/x', query: '', caller: 'admin', status: 404, body: undefined });
 * // => { seq: 1, at: '1970-01-01T00:00:00.000Z', method: 'GET', path: '/x', query: '', caller: 'admin', status: 404 }
 */
export const journalEntryJson = (entry: JournalEntry): Json => ({
  seq: entry.seq,
  at: new Date(entry.at).toISOString(),
  method: entry.method,
  path: entry.path,
  query: entry.query,
  caller: entry.caller,
  status: entry.status,
  ...(entry.body === undefined ? {} : { body: entry.body as Json }),
  ...(entry.fault === undefined ? {} : { fault: { ...entry.fault } }),
});

const listRequests: ControlAction = (state, _params, _body, query) => {
  const filter = decodeJournalFilter(query);
  if (E.isLeft(filter)) return invalidControlRequest(filter.left);
  const { entries, limit, dropped } = state.journal.read(filter.right);
  return jsonAnswer(200, {
    requests: entries.map(journalEntryJson),
    limit,
    dropped,
    ...(dropped === 0
      ? {}
      : { warning: `${dropped} older requests were dropped: the journal holds at most ${limit}` }),
  });
};

const clearRequests: ControlAction = (state) => {
  state.journal.clear();
  return emptyAnswer(204);
};

/**
 * The journal's control routes, for the table of `controlAnswer`.
 *
 * @example
 * import { journalControlRoutes } from 'credential-lifecycle/mock';
 * journalControlRoutes.map((r) => r.pattern.join('/')); // ['requests']
 */
export const journalControlRoutes: readonly ControlRoute[] = [
  { pattern: ['requests'], methods: { GET: listRequests, DELETE: clearRequests } },
];
