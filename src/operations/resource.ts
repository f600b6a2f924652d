/**
 * The wire view of a stored credential, exactly as the API pages name the
 * fields.
 *
 * @packageDocumentation
 */
import { type CredentialOfKind, credentialCodecOfKind } from '../domain/credential.js';
import { typeNameOfKind } from '../domain/credential-type.js';
import { selfAdminView } from '../domain/responses.js';
import type { StateName } from '../domain/state.js';
import type { Json } from './answer.js';
import type { Actor } from './principal.js';
import type { StoredCredential } from './user.js';

const optional = <K extends string, V>(key: K, value: V | null | undefined) =>
  (value === null || value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * The resource of a credential, with `value` in the kind's value field (the
 * hash, or a plaintext where an answer may carry one). Self-admin callers get
 * the view without `createdBy`, `modifiedBy` and `lastChangeDate`. Dates are
 * encoded as `YYYY-MM-DDTHH:mm:ssZ`.
 *
 * @example
 * import { resourceOf, type StoredCredential } from 'credential-lifecycle';
 * declare const puk: StoredCredential;
 * resourceOf(puk, 'u1', puk.secretHash, { name: 'ops', selfAdmin: false });
 */
export const resourceOf = (
  credential: StoredCredential,
  userExtId: string,
  value: string | undefined,
  actor: Actor,
): Json => {
  const { lifecycle, kind } = credential;
  const c = lifecycle.context;
  // A deleted lifecycle never reaches a stored credential; keep the type honest.
  const stateName: StateName = lifecycle.state === 'deleted' ? 'archived' : lifecycle.state;
  const common = {
    created: c.created,
    lastModified: c.lastModified,
    version: c.version,
    extId: credential.extId,
    userExtId,
    policyExtId: credential.policyExtId,
    stateName,
    stateChangeReason: c.stateChangeReason,
    ...optional('stateChangeDetail', c.stateChangeDetail),
    ...optional('lastSuccessfulLoginDate', c.lastSuccessfulLoginDate),
    successfulLoginCount: c.successfulLoginCount,
    ...optional('lastFailedLoginDate', c.lastFailedLoginDate),
    failedLoginCount: c.failedLoginCount,
    ...optional('modificationComment', c.modificationComment),
    validity: c.validity,
    resetCount: c.resetCount,
    ...(actor.selfAdmin
      ? {}
      : {
          createdBy: credential.createdBy,
          modifiedBy: credential.modifiedBy,
          lastChangeDate: c.lastStateChange,
        }),
  };
  const encoded = (() => {
    switch (kind) {
      case 'password': {
        const r: CredentialOfKind<'password'> = {
          ...common,
          type: typeNameOfKind.password,
          ...optional('password', value),
        };
        return credentialCodecOfKind.password.encode(r);
      }
      case 'tempStrongPassword': {
        const r: CredentialOfKind<'tempStrongPassword'> = {
          ...common,
          type: typeNameOfKind.tempStrongPassword,
          ...optional('tempStrongPassword', value),
        };
        return credentialCodecOfKind.tempStrongPassword.encode(r);
      }
      case 'ticket': {
        const r: CredentialOfKind<'ticket'> = {
          ...common,
          type: typeNameOfKind.ticket,
          ...optional('ticket', value),
          ...optional('identification', credential.identification),
          ...optional('context', credential.context),
          failureCount: c.failureCount,
          successCount: c.successCount,
        };
        return credentialCodecOfKind.ticket.encode(r);
      }
      case 'puk': {
        const r: CredentialOfKind<'puk'> = {
          ...common,
          type: typeNameOfKind.puk,
          ...optional('puk', value),
        };
        return credentialCodecOfKind.puk.encode(r);
      }
    }
  })();
  return (actor.selfAdmin ? selfAdminView(encoded) : encoded) as Json;
};
