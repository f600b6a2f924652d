/**
 * The reference store: users and policies can be added and listed; a store of
 * 100,000 users still serves operations (no timing asserted).
 */
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/operations/store.js';
import { defaultPolicy } from '../../src/policy/policy.js';
import { corePath, Harness, objectBody, stringField } from './support.js';

describe('MemoryStore', () => {
  it('adds and lists users and policies per client', () => {
    const store = new MemoryStore();
    store.putUser({ clientExtId: 'a', userExtId: 'u1', credentials: {} });
    store.putUser({ clientExtId: 'a', userExtId: 'u2', credentials: {} });
    store.putUser({ clientExtId: 'b', userExtId: 'u1', credentials: {} });
    expect(store.listUsers('a').map((u) => u.userExtId)).toEqual(['u1', 'u2']);
    expect(store.listUsers('none')).toEqual([]);
    store.putPolicy('a', defaultPolicy('PUKPolicy', 'strict-puk'), true);
    expect(store.listPolicies('a').map((p) => p.extId)).toContain('strict-puk');
    expect(store.policies('a').defaults.PUKPolicy).toBe('strict-puk');
    expect(store.policies('b').defaults.PUKPolicy).toBe('default-puk');
    store.clear();
    expect(store.listUsers('a')).toEqual([]);
  });

  it('a failed request stores nothing', () => {
    const h = new Harness();
    h.create('puk');
    const before = h.store.user('c1', 'u1');
    h.create('puk');
    expect(h.store.user('c1', 'u1')).toBe(before);
  });

  it('with 100,000 users an operation still works and touches only its user', () => {
    const store = new MemoryStore();
    for (let i = 0; i < 100_000; i++) {
      store.putUser({ clientExtId: 'big', userExtId: `user-${i}`, credentials: {} });
    }
    const h = new Harness(store);
    const path = corePath('tempStrongPassword', '', 'user-77777', 'big');
    const fragment = stringField(h.send('POST', path, {}), 'tempStrongPassword');
    expect(fragment).toHaveLength(30);
    expect(objectBody(h.send('GET', path)).userExtId).toBe('user-77777');
    expect(store.listUsers('big')).toHaveLength(100_000);
    expect(store.user('big', 'user-77776')?.credentials).toEqual({});
    expect(h.send('GET', corePath('tempStrongPassword', '', 'user-99999', 'big')).status).toBe(404);
  });
});
