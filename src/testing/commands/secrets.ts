/**
 * The secrets the commands choose themselves (not re-exported: internal to
 * the command set).
 *
 * @packageDocumentation
 */

/** Passwords the commands choose from: some satisfy the default rules, some do not. */
export const passwordPool = [
  'Correct-Horse-42',
  'S3cure!Passw0rd',
  'alice-Rocks-7!',
  'short1!',
  'Password123',
  'alllowercase1!',
] as const;

/** A secret no system can have generated or been given. */
export const wrongSecret = 'Wrong-Secret-0!';

/** What a field learnt from an earlier answer is shown as, in descriptions and curl lines. */
export const knownSecretPlaceholder = '<known secret>';
