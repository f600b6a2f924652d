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
 * import { createPuk, defaultPolicyBook, resourceOf, seededRandom, superAdmin } from 'credential-lifecycle';
 * const created = createPuk({
 *   route: { kind: 'puk', action: 'create', clientExtId: 'c1', userExtId: 'u1' },
 *   body: { extId: 'puk-1' },
 *   principal: superAdmin('ops'),
 *   user: { clientExtId: 'c1', userExtId: 'u1', credentials: {} },
 *   policies: defaultPolicyBook(),
 *   env: { now: Date.UTC(2026, 0, 1), random: seededRandom(1) },
 * });
 * const puk = created._tag === 'Right' ? created.right.user.credentials.puk : undefined;
 * if (puk !== undefined) {
 *   resourceOf(puk, 'u1', puk.secretHash, { name: 'ops', selfAdmin: false });
 *   // { created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z', version: 0, extId: 'puk-1',
 *   //   userExtId: 'u1', policyExtId: 'default-puk', stateName: 'active', stateChangeReason: 'initialized',
 *   //   successfulLoginCount: 0, failedLoginCount: 0, type: 'PUK',
 *   //   validity: { from: '2026-01-01T00:00:00Z', to: '2035-12-30T00:00:00Z' }, resetCount: 0,
 *   //   createdBy: 'ops', modifiedBy: 'ops', lastChangeDate: '2026-01-01T00:00:00Z', puk: '{SSHA256}…' }
 *   'createdBy' in resourceOf(puk, 'u1', undefined, { name: 'u1', selfAdmin: true }); // false
 * }
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
