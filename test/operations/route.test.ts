import { fc, test } from '@fast-check/vitest';
import { either as E } from 'fp-ts';
import { describe, expect } from 'vitest';
import { credentialKinds, pathSegmentOfKind } from '../../src/domain/credential-type.js';
import type { ApiError } from '../../src/domain/errors.js';
import { matchRoute, type RouteMatch } from '../../src/operations/route.js';

/**
 * The router as it was first written, kept as the oracle: split the whole
 * path at every `/` and read the ten parts. `matchRoute` now finds the parts
 * with `indexOf`; for every path both must answer alike (route, or status).
 */
const bySplit = (method: string, path: string): E.Either<number, RouteMatch> => {
  const query = path.indexOf('?');
  const parts = (query === -1 ? path : path.slice(0, query)).split('/');
  if (
    parts.length < 9 ||
    parts.length > 10 ||
    parts[0] !== '' ||
    parts[1] !== 'nevisidm' ||
    parts[2] !== 'api' ||
    parts[4] !== 'v1' ||
    parts[6] !== 'users'
  ) {
    return E.left(404);
  }
  const decode = (segment: string) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  };
  const api = parts[3];
  const clientExtId = decode(parts[5] ?? '');
  const userExtId = decode(parts[7] ?? '');
  const kind = credentialKinds.find((k) => pathSegmentOfKind[k] === parts[8]);
  const tail = parts[9] ?? '';
  if (!clientExtId || !userExtId || kind === undefined) return E.left(404);
  const upper = method.toUpperCase();
  if (api === 'auth') {
    if (tail !== 'login') return E.left(404);
    return upper === 'POST'
      ? E.right({ kind, action: 'login', clientExtId, userExtId })
      : E.left(405);
  }
  const table: Record<string, Record<string, RouteMatch['action']>> = {
    '': { POST: 'create', GET: 'get', PATCH: 'patch', DELETE: 'delete' },
    reset: { POST: 'reset' },
    unlock: { POST: 'unlock' },
  };
  const methods = api === 'core' && Object.hasOwn(table, tail) ? table[tail] : undefined;
  if (methods === undefined || (tail === 'unlock' && kind !== 'password')) return E.left(404);
  const action = Object.hasOwn(methods, upper) ? methods[upper] : undefined;
  return action === undefined ? E.left(405) : E.right({ kind, action, clientExtId, userExtId });
};

/** Path pieces that hit the route's words, separators, escapes and queries. */
const piece = fc.oneof(
  fc.constantFrom(
    '',
    '/',
    'nevisidm',
    'api',
    'core',
    'auth',
    'v1',
    'users',
    'login',
    'reset',
    'unlock',
    '%41',
    '%E0',
    '?',
    'x',
    ...Object.values(pathSegmentOfKind),
  ),
  fc.string({ maxLength: 3 }),
);

/** A fixed word of the route, now and then replaced by another piece. */
const word = (w: string) =>
  fc.oneof({ arbitrary: fc.constant(w), weight: 5 }, { arbitrary: piece, weight: 1 });

/** Paths of the route's shape, with any part now and then replaced. */
const routeLike = fc
  .tuple(
    fc.tuple(word(''), word('nevisidm'), word('api')),
    fc.constantFrom('core', 'auth', '', 'x'),
    word('v1'),
    piece,
    word('users'),
    piece,
    fc.constantFrom(...Object.values(pathSegmentOfKind), 'x', ''),
    fc.option(piece, { nil: undefined }),
    fc.option(piece, { nil: undefined }),
  )
  .map(([root, api, v1, client, users, user, segment, tail, extra]) =>
    [...root, api, v1, client, users, user, segment, ...(tail === undefined ? [] : [tail])]
      .join('/')
      .concat(extra ?? ''),
  );

const method = fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'post');

describe('matchRoute', () => {
  test.prop(
    [
      method,
      fc.oneof(
        routeLike,
        fc.array(piece, { maxLength: 12 }).map((p) => p.join('/')),
      ),
    ],
    {
      numRuns: 3000,
    },
  )('answers every path as the split-based router does', (verb, path) => {
    expect(E.mapLeft((error: ApiError) => error.status)(matchRoute(verb, path))).toEqual(
      bySplit(verb, path),
    );
  });

  test.prop([method, routeLike])(
    'a route of the shape is found whatever the query string',
    (verb, path) => {
      expect(matchRoute(verb, `${path}?a=/b/c`)).toEqual(matchRoute(verb, path));
    },
  );
});
