/**
 * The wire view of a stored credential, exactly as the API pages name the
 * fields.
 *
 * @packageDocumentation
 */
import { typeNameOfKind } from '../domain/credential-type.js';
import { formatInstant, type Instant } from '../domain/instant.js';
import type { Json, JsonObject } from './answer.js';
import type { Actor } from './principal.js';
import type { StoredCredential } from './user.js';

type Fields = { [key: string]: Json };

const putText = (fields: Fields, key: string, value: string | null | undefined): void => {
  if (value !== null && value !== undefined) fields[key] = value;
};

const putInstant = (fields: Fields, key: string, value: Instant | null): void => {
  if (value !== null) fields[key] = formatInstant(value);
};

/**
 * The resource of a credential, with `value` in the kind's value field (the
 * hash, or a plaintext where an answer may carry one). Self-admin callers get
 * the view without `createdBy`, `modifiedBy` and `lastChangeDate`. Dates are
 * encoded as `YYYY-MM-DDTHH:mm:ssZ`.
 *
 * The object is built field by field rather than through the io-ts codec's
 * `encode` (it is on every answer's hot path); the tests check that every
 * answer decodes with the codec of its kind, so the two cannot drift.
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
): JsonObject => {
  const { lifecycle, kind } = credential;
  const c = lifecycle.context;
  const fields: Fields = {
    created: formatInstant(c.created),
    lastModified: formatInstant(c.lastModified),
    version: c.version,
    extId: credential.extId,
    userExtId,
    policyExtId: credential.policyExtId,
    // A deleted lifecycle never reaches a stored credential.
    stateName: lifecycle.state === 'deleted' ? 'archived' : lifecycle.state,
    stateChangeReason: c.stateChangeReason,
  };
  putText(fields, 'stateChangeDetail', c.stateChangeDetail);
  putInstant(fields, 'lastSuccessfulLoginDate', c.lastSuccessfulLoginDate);
  fields.successfulLoginCount = c.successfulLoginCount;
  putInstant(fields, 'lastFailedLoginDate', c.lastFailedLoginDate);
  fields.failedLoginCount = c.failedLoginCount;
  putText(fields, 'modificationComment', c.modificationComment);
  fields.type = typeNameOfKind[kind];
  fields.validity = { from: formatInstant(c.validity.from), to: formatInstant(c.validity.to) };
  fields.resetCount = c.resetCount;
  if (!actor.selfAdmin) {
    fields.createdBy = credential.createdBy;
    fields.modifiedBy = credential.modifiedBy;
    fields.lastChangeDate = formatInstant(c.lastStateChange);
  }
  putText(fields, kind, value);
  if (kind === 'ticket') {
    putText(fields, 'identification', credential.identification);
    putText(fields, 'context', credential.context);
    fields.failureCount = c.failureCount;
    fields.successCount = c.successCount;
  }
  return fields;
};
