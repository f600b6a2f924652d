/**
 * The codec of a stored credential, as a store writes it as JSON (the
 * PostgreSQL store's rows, the mock's state snapshots): the fields of
 * {@link StoredCredential} with its lifecycle in the form `LifecycleValue`
 * reads.
 *
 * @module
 */
import * as t from 'io-ts';
import { CredentialKind } from '../domain/credential-type.js';
import { LifecycleValue } from '../lifecycle/value.js';
import type { StoredCredential } from './user.js';

/**
 * Decodes a stored credential: kind, ids, the secret's hash, the lifecycle,
 * who created and changed it, and the optional ticket fields and password
 * history. Checks shape only; a reader that takes input from outside also
 * checks the ids and the hash's form.
 *
 * @example
 * import { either as E } from 'fp-ts';
 * import { StoredCredentialCodec } from 'credential-lifecycle';
 * E.isLeft(StoredCredentialCodec.decode({ kind: 'ticket', extId: 't-1' })); // true
 */
export const StoredCredentialCodec: t.Type<StoredCredential, unknown> = t.intersection([
  t.type({
    kind: CredentialKind,
    extId: t.string,
    policyExtId: t.string,
    secretHash: t.string,
    lifecycle: LifecycleValue,
    createdBy: t.string,
    modifiedBy: t.string,
  }),
  t.partial({
    identification: t.string,
    context: t.string,
    history: t.readonlyArray(t.string),
  }),
]) as t.Type<StoredCredential, unknown>;
