/**
 * A wrapper that keeps a secret out of logs, error messages and JSON.
 *
 * @packageDocumentation
 */

const REDACTED = '<redacted>';

const contents = new WeakMap<object, unknown>();

/**
 * A secret value that prints, inspects and serialises as `<redacted>`. The
 * value itself is held outside the object (no property, enumerable or not,
 * carries it) and comes out only through {@link Redacted.value} or
 * {@link reveal}.
 *
 * @example
 * import { Redacted } from 'credential-lifecycle';
 * const r = Redacted.make('s3cret');
 * String(r); // '<redacted>'
 * JSON.stringify({ r }); // '{"r":"<redacted>"}'
 * Redacted.value(r); // 's3cret'
 */
export class Redacted<A = string> {
  /** Type-level marker so a `Redacted<string>` is not assignable from other objects. */
  declare private readonly _secret: A;

  private constructor(value: A) {
    contents.set(this, value);
    Object.freeze(this);
  }

  /**
   * Wraps a value.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * const r = Redacted.make('s3cret');
   * String(r); // '<redacted>'
   * Redacted.value(r); // 's3cret'
   */
  static make<A>(value: A): Redacted<A> {
    return new Redacted(value);
  }

  /**
   * Opens a wrapper explicitly.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * Redacted.value(Redacted.make(42)); // 42
   */
  static value<A>(redacted: Redacted<A>): A {
    return contents.get(redacted) as A;
  }

  /**
   * Whether a value is a wrapper made by {@link Redacted.make}.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * Redacted.is(Redacted.make('x')); // true
   * Redacted.is('x'); // false
   */
  static is(u: unknown): u is Redacted<unknown> {
    return typeof u === 'object' && u !== null && contents.has(u);
  }

  /**
   * Always `<redacted>`.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * `${Redacted.make('x')}`; // '<redacted>'
   */
  toString(): string {
    return REDACTED;
  }

  /**
   * Always `<redacted>`, so `JSON.stringify` never shows the value.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * Redacted.make('x').toJSON(); // '<redacted>'
   */
  toJSON(): string {
    return REDACTED;
  }

  /**
   * What Node's `util.inspect` and `console.log` show: `<redacted>`.
   *
   * @example
   * import { Redacted } from 'credential-lifecycle';
   * import { inspect } from 'node:util';
   * inspect(Redacted.make('x')); // '<redacted>'
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/**
 * Opens a {@link Redacted} wrapper; the same as `Redacted.value`.
 *
 * @example
 * import { Redacted, reveal } from 'credential-lifecycle';
 * reveal(Redacted.make('s3cret')); // 's3cret'
 */
export const reveal = <A>(redacted: Redacted<A>): A => Redacted.value(redacted);
