/**
 * fast-check arbitraries for every value of the domain: scalars, policies
 * (typed and as nevisIDM string maps), lifecycles and credentials reached by
 * real events, valid request bodies of every operation and invalid ones. The
 * tests of `credential-lifecycle/testing` decode every valid value with its
 * io-ts codec and reject every invalid one, so these cannot drift from the
 * wire model. One module per domain area, under `arbitraries/`.
 *
 * @packageDocumentation
 */
export * from './arbitraries/bodies.js';
export * from './arbitraries/lifecycles.js';
export * from './arbitraries/messages.js';
export * from './arbitraries/policies.js';
export * from './arbitraries/resources.js';
export * from './arbitraries/values.js';
