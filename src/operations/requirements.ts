/**
 * Shorthands for the permission requirements of the operation table.
 *
 * @packageDocumentation
 */
import type { Permission, Requirement } from './principal.js';

const needs =
  (selfAdmin: boolean) =>
  (...all: Permission[]): Requirement => ({ all, selfAdmin });

/**
 * A requirement administrators meet with all the permissions; users never.
 *
 * @example
 * import { adminWith } from 'credential-lifecycle';
 * adminWith('AccessControl.CredentialView').selfAdmin; // false
 */
export const adminWith = needs(false);

/**
 * A requirement administrators meet with all the permissions, and users on
 * their own data.
 *
 * @example
 * import { adminWithOrSelf } from 'credential-lifecycle';
 * adminWithOrSelf('AccessControl.CredentialView').selfAdmin; // true
 */
export const adminWithOrSelf = needs(true);
