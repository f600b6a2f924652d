/**
 * The user aggregate: one user's credentials, at most one of each kind by
 * construction.
 *
 * @packageDocumentation
 */
import type { CredentialKind } from '../domain/credential-type.js';
import type { Lifecycle } from '../lifecycle/index.js';

/**
 * A credential as a server stores it: identity, the hash of its secret (never
 * the plaintext), its lifecycle value and the bookkeeping fields of the wire
 * format.
 *
 * @example
 * import type { StoredCredential } from 'credential-lifecycle';
 * const ticketFields: Pick<StoredCredential, 'identification' | 'context'> = { identification: 'order-1' };
 */
export interface StoredCredential {
  readonly kind: CredentialKind;
  readonly extId: string;
  readonly policyExtId: string;
  /** The stored hash of the secret (`{SSHA256}…`, `$argon2id$…`, …; see `hashSecret`). */
  readonly secretHash: string;
  readonly lifecycle: Lifecycle;
  readonly createdBy: string;
  readonly modifiedBy: string;
  /** Ticket only: what the ticket identifies. */
  readonly identification?: string;
  /** Ticket only: the context it is valid in. */
  readonly context?: string;
  /** Password only: hashes of earlier passwords, newest first, for the history rule. */
  readonly history?: readonly string[];
}

/**
 * One user's credentials, keyed by kind: the type itself makes a second
 * credential of a kind impossible.
 *
 * @example
 * import type { UserCredentials } from 'credential-lifecycle';
 * const none: UserCredentials = {};
 */
export type UserCredentials = { readonly [K in CredentialKind]?: StoredCredential };

/**
 * A user of a client, with the credentials the library manages.
 *
 * @example
 * import type { UserRecord } from 'credential-lifecycle';
 * const alice: UserRecord = { clientExtId: 'demo', userExtId: 'alice', loginId: 'alice', credentials: {} };
 */
export interface UserRecord {
  readonly clientExtId: string;
  readonly userExtId: string;
  /** The user's login id, read by the password rule that forbids it inside the password. */
  readonly loginId?: string;
  readonly credentials: UserCredentials;
}

/**
 * The user with the credential of a kind replaced, or removed when `undefined`.
 *
 * @example
 * import { withCredential } from 'credential-lifecycle';
 * const u = withCredential({ clientExtId: 'c', userExtId: 'u', credentials: {} }, 'puk', undefined);
 * u.credentials.puk; // undefined
 */
export const withCredential = (
  user: UserRecord,
  kind: CredentialKind,
  credential: StoredCredential | undefined,
): UserRecord => {
  const { [kind]: _replaced, ...others } = user.credentials;
  return {
    ...user,
    credentials: credential === undefined ? others : { ...others, [kind]: credential },
  };
};
