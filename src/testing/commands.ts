/**
 * Model commands for `fc.commands` + `fc.asyncModelRun`: every credential
 * operation of the four kinds, by administrators, restricted administrators
 * and self-administering users, and the passage of time, each checked
 * against the {@link Oracle}. One module per part, under `commands/`.
 *
 * @packageDocumentation
 */
export * from './commands/api-command.js';
export * from './commands/clock-command.js';
export * from './commands/describe.js';
export * from './commands/generators.js';
export * from './commands/model.js';
export * from './commands/prepare.js';
