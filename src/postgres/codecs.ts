/**
 * The adapter's stored values as io-ts codecs: a user record as its `jsonb`
 * row holds it, a client's policy book and the mock's clock setting. What is
 * read back from the database is decoded, never trusted.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { credentialKinds } from '../domain/credential-type.js';
import type { ClockSetting } from '../mock/clock.js';
import type { PolicyBook } from '../operations/policy-book.js';
import { StoredCredentialCodec } from '../operations/stored-credential.js';
import type { StoredCredential, UserRecord } from '../operations/user.js';
import { Policy } from '../policy/policy.js';

const UserRecordShape = t.intersection([
  t.type({
    clientExtId: t.string,
    userExtId: t.string,
    credentials: t.partial({
      password: StoredCredentialCodec,
      tempStrongPassword: StoredCredentialCodec,
      ticket: StoredCredentialCodec,
      puk: StoredCredentialCodec,
    }),
  }),
  t.partial({ loginId: t.string }),
]);

/** Every credential sits under its own kind, and its lifecycle is of that kind. */
const kindsAgree = (user: t.TypeOf<typeof UserRecordShape>): boolean =>
  credentialKinds.every((kind) => {
    const credential: StoredCredential | undefined = user.credentials[kind];
    return (
      credential === undefined ||
      (credential.kind === kind && credential.lifecycle.context.kind === kind)
    );
  });

/**
 * Codec for a {@link UserRecord} as its row stores it (`JSON` of the record):
 * every field of every credential, its lifecycle checked by
 * `LifecycleValue`, and each credential under the key of its own kind.
 * Encoding is the identity: the record is JSON data already (its secrets are
 * hashes).
 *
 * @example
 * import { StoredUserRecord } from 'credential-lifecycle/postgres';
 * StoredUserRecord.decode({ clientExtId: 'c1', userExtId: 'u1', credentials: {} })._tag; // 'Right'
 * StoredUserRecord.decode({ clientExtId: 'c1' })._tag; // 'Left'
 */
export const StoredUserRecord: t.Type<UserRecord, UserRecord, unknown> = new t.Type<
  UserRecord,
  UserRecord,
  unknown
>(
  'StoredUserRecord',
  (u): u is UserRecord => UserRecordShape.is(u) && kindsAgree(u),
  (u, c) => {
    const decoded = UserRecordShape.validate(u, c);
    if (E.isLeft(decoded)) return decoded;
    return kindsAgree(decoded.right)
      ? t.success(decoded.right)
      : t.failure(u, c, 'each credential must sit under its own kind');
  },
  t.identity,
);

const PolicyBookShape = t.type({
  policies: t.array(Policy),
  defaults: t.type({
    PwdPolicy: t.string,
    TempStrongPasswordPolicy: t.string,
    TicketPolicy: t.string,
    PUKPolicy: t.string,
  }),
});

/**
 * A client's policy book as JSON: the policies as an array, the default of
 * each type.
 *
 * @example
 * import type { PolicyBookJson } from 'credential-lifecycle/postgres';
 * const defaultsOnly = (book: PolicyBookJson) => book.defaults;
 */
export interface PolicyBookJson {
  readonly policies: readonly t.OutputOf<typeof Policy>[];
  readonly defaults: PolicyBook['defaults'];
}

/**
 * Codec for a client's {@link PolicyBook} as its row stores it: the policies
 * as an array (a `Map` is not JSON) and the default of each type.
 *
 * @example
 * import { defaultPolicyBook } from 'credential-lifecycle';
 * import { StoredPolicyBook } from 'credential-lifecycle/postgres';
 * const stored = StoredPolicyBook.encode(defaultPolicyBook());
 * stored.policies.length; // 4
 */
export const StoredPolicyBook: t.Type<PolicyBook, PolicyBookJson, unknown> = new t.Type<
  PolicyBook,
  PolicyBookJson,
  unknown
>(
  'StoredPolicyBook',
  (u): u is PolicyBook =>
    typeof u === 'object' && u !== null && (u as PolicyBook).policies instanceof Map,
  (u, c) =>
    E.map((book: t.TypeOf<typeof PolicyBookShape>) => ({
      policies: new Map(book.policies.map((p) => [p.extId, p])),
      defaults: book.defaults,
    }))(PolicyBookShape.validate(u, c)),
  (book) =>
    PolicyBookShape.encode({ policies: [...book.policies.values()], defaults: book.defaults }),
);

const finite = new t.Type<number, number, unknown>(
  'FiniteNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => (typeof u === 'number' && Number.isFinite(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/**
 * Codec for the mock's {@link ClockSetting} as its row stores it.
 *
 * @example
 * import { StoredClockSetting } from 'credential-lifecycle/postgres';
 * StoredClockSetting.decode({ frozenAt: 1_000, offset: 0 })._tag; // 'Right'
 */
export const StoredClockSetting: t.Type<ClockSetting, ClockSetting, unknown> = t.intersection([
  t.type({ offset: finite }),
  t.partial({ frozenAt: finite }),
]);

/**
 * Decodes a stored value or throws (an error with SQLSTATE `XX001`,
 * data_corrupted): a row that does not decode is a corrupted database, a
 * defect rather than a request's problem, so it is never a 503.
 *
 * @example
 * import { decodeStored, StoredClockSetting } from 'credential-lifecycle/postgres';
 * decodeStored(StoredClockSetting, { offset: 5 }, 'mock_clock'); // { offset: 5 }
 */
export const decodeStored = <A>(
  codec: t.Type<A, unknown, unknown>,
  value: unknown,
  where: string,
): A => {
  const decoded = codec.decode(value);
  if (E.isRight(decoded)) return decoded.right;
  const paths = decoded.left.map((e) =>
    e.context
      .map((entry) => entry.key)
      .filter((key) => key !== '')
      .join('.'),
  );
  // SQLSTATE XX001, data_corrupted: a defect, never taken for an unreachable database.
  throw Object.assign(
    new Error(`corrupt row in ${where}: invalid ${[...new Set(paths)].join(', ') || 'value'}`),
    { code: 'XX001' },
  );
};
