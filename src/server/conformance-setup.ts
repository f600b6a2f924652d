/**
 * The `--setup` file of `conformance`: the names (and policies) of a server
 * without the mock control API.
 *
 * @packageDocumentation
 */
import { option as O } from 'fp-ts';
import { isPlainObject } from '../domain/errors.js';
import { parseInstant } from '../domain/instant.js';
import { PolicyType } from '../policy/policy.js';
import type { ConformanceSetup } from '../testing/report.js';

const isStringMap = (u: unknown): u is Readonly<Record<string, string>> =>
  isPlainObject(u) && Object.values(u).every((v) => typeof v === 'string');

/**
 * Reads a `--setup` file: `{"clientExtId", "users": [{"userExtId", "loginId"?,
 * "token"?}], "policies"?: [{"extId", "type", "isDefault", "parameters"}],
 * "ghostUserExtId"?, "start"?: "<instant>"}`. Returns the setup or the
 * problems found, one line each.
 *
 * @example
 * import { decodeSetup } from 'credential-lifecycle/server';
 * decodeSetup({ clientExtId: 'acme', users: [{ userExtId: 'u-1' }] });
 * // { clientExtId: 'acme', users: [{ userExtId: 'u-1' }] }
 */
export const decodeSetup = (input: unknown): ConformanceSetup | string[] => {
  if (!isPlainObject(input)) return ['$: expected an object'];
  const problems: string[] = [];
  const { clientExtId, users, policies, ghostUserExtId, start } = input;
  if (typeof clientExtId !== 'string' || clientExtId === '') {
    problems.push('$.clientExtId: expected a non-empty string');
  }
  const decodedUsers: { userExtId: string; loginId?: string; token?: string }[] = [];
  if (!Array.isArray(users) || users.length === 0) {
    problems.push('$.users: expected a non-empty array');
  } else {
    for (const [i, u] of users.entries()) {
      const ok =
        isPlainObject(u) &&
        typeof u.userExtId === 'string' &&
        (u.loginId === undefined || typeof u.loginId === 'string') &&
        (u.token === undefined || typeof u.token === 'string');
      if (!ok || typeof u.userExtId !== 'string') {
        problems.push(`$.users[${i}]: expected {userExtId, loginId?, token?} with string values`);
        continue;
      }
      decodedUsers.push({
        userExtId: u.userExtId,
        ...(typeof u.loginId === 'string' ? { loginId: u.loginId } : {}),
        ...(typeof u.token === 'string' ? { token: u.token } : {}),
      });
    }
  }
  const decodedPolicies: NonNullable<ConformanceSetup['policies']>[number][] = [];
  if (policies !== undefined) {
    if (!Array.isArray(policies)) problems.push('$.policies: expected an array');
    else {
      for (const [i, p] of policies.entries()) {
        if (
          !isPlainObject(p) ||
          typeof p.extId !== 'string' ||
          !PolicyType.is(p.type) ||
          typeof p.isDefault !== 'boolean' ||
          !isStringMap(p.parameters)
        ) {
          problems.push(
            `$.policies[${i}]: expected {extId, type, isDefault, parameters: {string: string}}`,
          );
          continue;
        }
        decodedPolicies.push({
          extId: p.extId,
          type: p.type,
          isDefault: p.isDefault,
          parameters: p.parameters,
        });
      }
    }
  }
  if (ghostUserExtId !== undefined && typeof ghostUserExtId !== 'string') {
    problems.push('$.ghostUserExtId: expected a string');
  }
  const startAt = typeof start === 'string' ? O.toUndefined(parseInstant(start)) : undefined;
  if (start !== undefined && startAt === undefined) {
    problems.push('$.start: expected an ISO-8601 instant');
  }
  if (problems.length > 0 || typeof clientExtId !== 'string') return problems;
  return {
    clientExtId,
    users: decodedUsers,
    ...(policies === undefined ? {} : { policies: decodedPolicies }),
    ...(typeof ghostUserExtId === 'string' ? { ghostUserExtId } : {}),
    ...(startAt === undefined ? {} : { start: startAt }),
  };
};
