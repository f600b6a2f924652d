/**
 * Plaintext never reaches a store: over random command sequences against the
 * async store port, after every step, no secret that was given (passwords in
 * requests, right or wrong) or generated (passwords, both TSP parts, tickets,
 * PUKs) appears in the stored records, as a substring of their JSON.
 *
 * The property runs for every store in `storesUnderTest`; a new store adds an
 * entry there (a factory that opens it seeded with the users and policies, and
 * reads back what it holds).
 */
import fc from 'fast-check';
import { either as E } from 'fp-ts';
import { describe, expect, it } from 'vitest';
import type { CredentialKind } from '../../src/domain/credential-type.js';
import type { HttpAnswer } from '../../src/operations/answer.js';
import { handleWith } from '../../src/operations/handle-with.js';
import type { CredentialRepository } from '../../src/operations/repository.js';
import { MemoryStore } from '../../src/operations/store.js';
import { defaultPolicy, type Policy } from '../../src/policy/policy.js';
import {
  generatePassword,
  generatePuk,
  generateTempStrongPassword,
  generateTicket,
} from '../../src/secret/generate.js';
import { seededRandom } from '../../src/secret/random.js';
import { Redacted } from '../../src/secret/redacted.js';
import { admin, CLIENT, corePath, loginPathOf, OTHER, T0, USER } from './support.js';

/** A store opened for one run of the property. */
interface OpenStore {
  readonly repository: CredentialRepository;
  /** Everything the store holds for the users of the run, as it holds it. */
  records(): Promise<unknown>;
  close(): Promise<void>;
}

/** A store the property is checked for. */
interface StoreUnderTest {
  readonly name: string;
  /** A fresh store with users USER and OTHER of CLIENT and `policies` as the defaults. */
  open(policies: readonly Policy[]): Promise<OpenStore>;
}

const memoryStore: StoreUnderTest = {
  name: 'MemoryStore',
  open: async (policies) => {
    const store = new MemoryStore();
    for (const userExtId of USERS)
      store.putUser({ clientExtId: CLIENT, userExtId, credentials: {} });
    for (const policy of policies) store.putPolicy(CLIENT, policy, true);
    return {
      repository: store,
      records: async () => USERS.map((userExtId) => store.user(CLIENT, userExtId)),
      close: async () => undefined,
    };
  },
};

/** Every store the property runs against (add a store here once it exists). */
const storesUnderTest: readonly StoreUnderTest[] = [memoryStore];

const KINDS = ['password', 'tempStrongPassword', 'ticket', 'puk'] as const;
const USERS = [USER, OTHER] as const;
/** Given passwords, all long enough not to occur in a hash by chance; the last breaks the default policy. */
const GIVEN = ['Str0ng!pass', 'N3w!passw0rd', 'Th1rd#Secret', 'onlylowercaseletters'] as const;
const MINUTE = 60_000;

/**
 * The JSON of stored records with every `Redacted` opened: a wrapper in a
 * record would otherwise print `<redacted>` here while a real store wrote
 * its contents.
 */
const opened = (records: unknown): string =>
  JSON.stringify(records, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return Redacted.is(raw) ? { opened: Redacted.value(raw) } : value;
  });

/** The default policy of each kind, with the switches that decide what is generated and shown. */
const policiesOf = (o: {
  readonly resetCodeEnabled: boolean;
  readonly tspParts: readonly [number, number];
  readonly ticketExposed: boolean;
  readonly pukExposed: boolean;
}) => ({
  password: { ...defaultPolicy('PwdPolicy', 'pw'), resetCodeEnabled: o.resetCodeEnabled },
  tempStrongPassword: {
    ...defaultPolicy('TempStrongPasswordPolicy', 'tsp'),
    ticketLen0: o.tspParts[0],
    ticketLen1: o.tspParts[1],
  },
  ticket: { ...defaultPolicy('TicketPolicy', 'tk'), plainValueExposedToCaller: o.ticketExposed },
  puk: { ...defaultPolicy('PUKPolicy', 'pk'), plainValueExposedToCaller: o.pukExposed },
});
type Policies = ReturnType<typeof policiesOf>;

const policiesArb: fc.Arbitrary<Policies> = fc
  .record({
    resetCodeEnabled: fc.boolean(),
    tspParts: fc.constantFrom<readonly [number, number]>([10, 0], [10, 8], [0, 12]),
    ticketExposed: fc.boolean(),
    pukExposed: fc.boolean(),
  })
  .map(policiesOf);

type Command =
  | {
      readonly action: 'create' | 'reset';
      readonly kind: CredentialKind;
      readonly user: 0 | 1;
      readonly given: number | null;
    }
  | {
      readonly action: 'login';
      readonly kind: CredentialKind;
      readonly user: 0 | 1;
      readonly known: boolean;
      readonly given: number;
    }
  | {
      readonly action: 'patch';
      readonly kind: CredentialKind;
      readonly user: 0 | 1;
      readonly stateName: string;
    }
  | { readonly action: 'delete' | 'unlock'; readonly kind: CredentialKind; readonly user: 0 | 1 }
  | { readonly action: 'advance'; readonly ms: number };

const kindArb = fc.constantFrom(...KINDS);
const userArb = fc.constantFrom(0 as const, 1 as const);
const givenArb = fc.nat({ max: GIVEN.length - 1 });
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({
    action: fc.constantFrom('create' as const, 'reset' as const),
    kind: kindArb,
    user: userArb,
    given: fc.option(givenArb, { nil: null }),
  }),
  fc.record({
    action: fc.constant('login' as const),
    kind: kindArb,
    user: userArb,
    known: fc.boolean(),
    given: givenArb,
  }),
  fc.record({
    action: fc.constant('patch' as const),
    kind: kindArb,
    user: userArb,
    stateName: fc.constantFrom('active', 'disabled', 'archived', 'admin-changed'),
  }),
  fc.record({
    action: fc.constantFrom('delete' as const, 'unlock' as const),
    kind: kindArb,
    user: userArb,
  }),
  fc.record({
    action: fc.constant('advance' as const),
    ms: fc.constantFrom(MINUTE, 2 * MINUTE, 6 * 24 * 60 * MINUTE),
  }),
);

/**
 * What the step's random source generates first for `kind` under its policy:
 * the same draw replayed (each request gets a fresh seeded source).
 */
const generatedBy = (policies: Policies, kind: CredentialKind, seed: number): string[] => {
  const random = seededRandom(seed);
  const open = (r: E.Either<unknown, Redacted<string>>): string[] =>
    E.isRight(r) ? [Redacted.value(r.right)] : [];
  switch (kind) {
    case 'password':
      return open(generatePassword(policies.password, random));
    case 'tempStrongPassword': {
      const parts = generateTempStrongPassword(policies.tempStrongPassword, random);
      if (E.isLeft(parts)) return [];
      return [parts.right.whole, parts.right.part0, parts.right.part1]
        .map((p) => Redacted.value(p))
        .filter((p) => p !== '');
    }
    case 'ticket':
      return open(generateTicket(policies.ticket, random));
    case 'puk':
      return open(generatePuk(policies.puk, random));
  }
};

/** The plaintext an answer shows, if any (create and reset answers of generated secrets). */
const shownIn = (answer: HttpAnswer, kind: CredentialKind): string | undefined => {
  const body = answer.body;
  if (answer.status >= 300 || typeof body !== 'object' || body === null) return undefined;
  const field = kind === 'password' ? 'passwordFragment' : kind;
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && !value.startsWith('{') ? value : undefined;
};

const run = async (under: StoreUnderTest, policies: Policies, commands: readonly Command[]) => {
  const store = await under.open(Object.values(policies));
  const plaintexts = new Set<string>(GIVEN);
  /** The latest plaintext that logs in, per user and kind (as far as the run knows it). */
  const current = new Map<string, string>();
  let now = T0;
  let shown = 0;
  try {
    for (const [i, c] of commands.entries()) {
      if (c.action === 'advance') {
        now += c.ms;
        continue;
      }
      const user = USERS[c.user];
      const seed = 1_000 + i;
      const request = (() => {
        switch (c.action) {
          case 'create':
          case 'reset': {
            const body =
              c.kind === 'password' && c.given !== null ? { password: GIVEN[c.given] } : {};
            return {
              method: 'POST',
              path: corePath(c.kind, c.action === 'reset' ? 'reset' : '', user),
              body,
            };
          }
          case 'login': {
            const secret = c.known
              ? (current.get(`${user}/${c.kind}`) ?? GIVEN[c.given])
              : GIVEN[c.given];
            return { method: 'POST', path: loginPathOf(c.kind, user), body: { [c.kind]: secret } };
          }
          case 'patch':
            return {
              method: 'PATCH',
              path: corePath(c.kind, '', user),
              body: { stateName: c.stateName },
            };
          case 'delete':
            return { method: 'DELETE', path: corePath(c.kind, '', user), body: undefined };
          case 'unlock':
            return { method: 'POST', path: corePath('password', 'unlock', user), body: undefined };
        }
      })();
      const answer = await handleWith(
        store.repository,
        { ...request, principal: admin },
        { now, random: seededRandom(seed) },
      );
      if (c.action === 'create' || c.action === 'reset') {
        const generated = generatedBy(policies, c.kind, seed);
        for (const p of generated) plaintexts.add(p);
        const seen = shownIn(answer, c.kind);
        if (seen !== undefined) {
          // The replay is the draw the server made: what it showed is among it.
          expect(generated).toContain(seen);
          shown++;
        }
        if (answer.status < 300) {
          const given = c.kind === 'password' && c.given !== null ? GIVEN[c.given] : undefined;
          const whole = given ?? generated[0];
          if (whole !== undefined) current.set(`${user}/${c.kind}`, whole);
        }
      }
      const json = opened(await store.records());
      for (const p of plaintexts) {
        expect(json.includes(p), `step ${i} (${c.action} ${c.kind}): "${p}" is stored`).toBe(false);
      }
    }
  } finally {
    await store.close();
  }
  return shown;
};

describe('plaintext never reaches a store', () => {
  for (const under of storesUnderTest) {
    it(`${under.name}: no given or generated secret in the stored records after any step`, async () => {
      let shown = 0;
      await fc.assert(
        fc.asyncProperty(
          policiesArb,
          fc.array(commandArb, { minLength: 1, maxLength: 40 }),
          async (p, cs) => {
            shown += await run(under, p, cs);
          },
        ),
        { numRuns: 150 },
      );
      // The runs did generate and show secrets, so the replayed draws were checked.
      expect(shown).toBeGreaterThan(10);
    });
  }

  it('the check sees a plaintext a record would hold, also inside a Redacted', () => {
    expect(opened([{ secretHash: 'x', note: Redacted.make('Str0ng!pass') }])).toContain(
      'Str0ng!pass',
    );
    expect(JSON.stringify({ note: Redacted.make('Str0ng!pass') })).not.toContain('Str0ng!pass');
  });
});
