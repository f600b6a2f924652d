/**
 * `credential-lifecycle/postgres`: the store port on PostgreSQL. A
 * {@link PostgresStore} is a `CredentialRepository` (for `handleWith`) and a
 * `MockStore` (for `new MockServer({ store })` and `serve --database`),
 * over a `pg` pool ({@link connectPostgres}; `pg` is an optional peer
 * dependency, loaded only there) or any {@link SqlDatabase}, such as PGlite
 * through {@link pgliteDatabase}.
 * {@link migrate} creates its tables. Node and other runtimes with `pg`.
 *
 * @packageDocumentation
 * @module credential-lifecycle/postgres
 */
export * from './codecs.js';
export * from './connect.js';
export * from './pglite.js';
export * from './schema.js';
export * from './sql.js';
export * from './store.js';
