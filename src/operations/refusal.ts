/**
 * How a lifecycle refusal answers over HTTP.
 *
 * @packageDocumentation
 */
import { type ApiError, apiError, ErrorCode } from '../domain/errors.js';
import { formatInstant } from '../domain/instant.js';
import type { Refusal } from '../lifecycle/index.js';

/**
 * The HTTP error for a refusal. Refused logins answer 401 with a code naming
 * the cause (locked, disabled, expired — also before the validity period and
 * after the period for a required password change); a reset beyond the limit
 * and any other rule answer 422.
 *
 * @example
 * import { refusalError } from 'credential-lifecycle';
 * refusalError({ _tag: 'ResetLimitReached', resetCount: 3, maxResetCount: 3 }).status; // 422
 * refusalError({ _tag: 'FailLocked' }).errors[0].code; // 'errors.credentialLocked'
 */
export const refusalError = (refusal: Refusal): ApiError => {
  switch (refusal._tag) {
    case 'TemporarilyLocked':
      return apiError(
        401,
        ErrorCode.credentialLocked,
        `the credential is locked until ${formatInstant(refusal.until)}`,
      );
    case 'FailLocked':
      return apiError(401, ErrorCode.credentialLocked, 'the credential is locked');
    case 'Disabled':
      return apiError(401, ErrorCode.credentialDisabled, 'the credential is disabled');
    case 'Expired':
      return apiError(
        401,
        ErrorCode.credentialExpired,
        `the credential expired at ${formatInstant(refusal.validTo)}`,
      );
    case 'NotYetValid':
      return apiError(
        401,
        ErrorCode.credentialExpired,
        `the credential is valid from ${formatInstant(refusal.validFrom)}`,
      );
    case 'PasswordChangeOverdue':
      return apiError(
        401,
        ErrorCode.credentialExpired,
        `the password had to be changed by ${formatInstant(refusal.dueBy)}`,
      );
    case 'ResetLimitReached':
      return apiError(
        422,
        ErrorCode.maxResetCountReached,
        `the credential was reset ${refusal.resetCount} times; the policy allows ${refusal.maxResetCount}`,
      );
    case 'Archived':
      return apiError(422, ErrorCode.operationNotAllowed, 'the credential is archived');
    case 'Deleted':
      return apiError(404, ErrorCode.noRecord, 'the credential no longer exists');
    case 'StateNotAllowed':
      return apiError(
        422,
        ErrorCode.invalidValue,
        `$.stateName: state ${refusal.stateName} cannot be set here`,
      );
    case 'NotForKind':
      return apiError(
        422,
        ErrorCode.operationNotAllowed,
        `${refusal.event} does not apply to this credential type`,
      );
    case 'NotAllowedInState':
      return apiError(
        422,
        ErrorCode.operationNotAllowed,
        `${refusal.event} is not allowed in state ${refusal.state}`,
      );
  }
};

/**
 * The HTTP error for a refused login attempt: like {@link refusalError}, but an
 * archived credential refuses a login as a disabled one does (401).
 *
 * @example
 * import { loginRefusalError } from 'credential-lifecycle';
 * loginRefusalError({ _tag: 'Archived' }).status; // 401
 */
export const loginRefusalError = (refusal: Refusal): ApiError =>
  refusal._tag === 'Archived'
    ? apiError(401, ErrorCode.credentialDisabled, 'the credential is archived')
    : refusalError(refusal);
