/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) from io-ts codecs,
 * in one of two directions: what a decoder accepts (a request body) or what
 * an encoder writes (an answer body).
 *
 * @packageDocumentation
 */
import type * as t from 'io-ts';
import { ExtId, extIdPattern } from '../domain/ext-id.js';
import { IsoInstant, instantPatterns } from '../domain/instant.js';
import { NonNegativeInt32 } from '../domain/int32.js';

/**
 * A JSON Schema, as a JSON object.
 *
 * @example
 * import type { JsonSchema } from 'credential-lifecycle/mock';
 * const counter: JsonSchema = { type: 'integer', minimum: 0 };
 * counter.type; // 'integer'
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * Which side of a codec a schema describes. `request`: what its decoder
 * accepts; unknown fields are allowed because the decoder drops them, and
 * instants take every ISO-8601 form it reads. `answer`: what the mock writes
 * through it; objects are closed (`additionalProperties: false`, the answers
 * carry exactly the codec's fields) and instants have the one written form.
 *
 * @example
 * import type { SchemaDirection } from 'credential-lifecycle/mock';
 * const direction: SchemaDirection = 'answer';
 * direction; // 'answer'
 */
export type SchemaDirection = 'request' | 'answer';

/**
 * How a named codec inside another is referred to: a callback that receives
 * the codec's name and its schema and returns the schema to put in its place
 * (a `$ref`), or `undefined` to inline it.
 *
 * @example
 * import type { SchemaNamer } from 'credential-lifecycle/mock';
 * const inline: SchemaNamer = () => undefined;
 * inline('ExtId', { type: 'string' }); // undefined
 */
export type SchemaNamer = (name: string, schema: JsonSchema) => JsonSchema | undefined;

/** The codecs of the domain that are `new t.Type(…)` and so carry no `_tag`. */
const customSchema = (codec: t.Mixed, direction: SchemaDirection): JsonSchema | undefined => {
  if (codec === IsoInstant) {
    return direction === 'answer'
      ? { type: 'string', format: 'date-time', pattern: instantPatterns.written.source }
      : {
          type: 'string',
          pattern: instantPatterns.accepted.source,
          description:
            'an ISO-8601 instant with an offset: a calendar, ordinal or week date, extended or basic format',
        };
  }
  if (codec === ExtId) return { type: 'string', pattern: extIdPattern.source };
  if (codec === NonNegativeInt32) return { type: 'integer', minimum: 0, maximum: 2_147_483_647 };
  return undefined;
};

/** What io-ts's own codec classes expose: a `_tag` and, per class, their parts. */
interface Tagged {
  readonly _tag?: string;
  readonly name: string;
  readonly props?: Readonly<Record<string, t.Mixed>>;
  readonly type?: t.Mixed;
  readonly types?: readonly t.Mixed[];
  readonly value?: string | number | boolean;
  readonly keys?: Readonly<Record<string, unknown>>;
}

const objectSchema = (
  properties: Readonly<Record<string, JsonSchema>>,
  required: readonly string[],
  direction: SchemaDirection,
): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length === 0 ? {} : { required }),
  ...(direction === 'answer' ? { additionalProperties: false } : {}),
});

const isObjectSchema = (s: JsonSchema): boolean =>
  s.type === 'object' && typeof s.properties === 'object' && s.properties !== null;

/** Several object schemas as one: their properties and required names together. */
const mergeObjects = (parts: readonly JsonSchema[], direction: SchemaDirection): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const part of parts) {
    Object.assign(properties, part.properties);
    if (Array.isArray(part.required)) required.push(...(part.required as string[]));
  }
  return objectSchema(properties, required, direction);
};

/**
 * The JSON Schema of an io-ts codec: the combinators the library's codecs use
 * (`type`, `partial`, `exact`, `intersection`, `union`, `literal`, `keyof`,
 * `array`, `string`, `number`, `boolean`, `null`) and the domain's own
 * codecs (`IsoInstant`, `ExtId`, `NonNegativeInt32`). Named parts go through
 * `namer`; a codec it cannot express is an `Error` (a defect of the codec
 * table, found when the document is generated).
 *
 * @example
 * import { LoginResponse } from 'credential-lifecycle';
 * import { schemaOfCodec } from 'credential-lifecycle/mock';
 * schemaOfCodec(LoginResponse, 'answer').required; // ['statusCode', 'description']
 */
export const schemaOfCodec = (
  codec: t.Mixed,
  direction: SchemaDirection,
  namer: SchemaNamer = () => undefined,
): JsonSchema => {
  const inner = (part: t.Mixed): JsonSchema => {
    const schema = schemaOfCodec(part, direction, namer);
    return namer(part.name, schema) ?? schema;
  };
  const custom = customSchema(codec, direction);
  if (custom !== undefined) return custom;
  const c = codec as unknown as Tagged;
  switch (c._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'LiteralType':
      return { const: c.value };
    case 'KeyofType':
      return { type: 'string', enum: Object.keys(c.keys ?? {}) };
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: inner(c.type as t.Mixed) };
    case 'InterfaceType':
    case 'PartialType': {
      const entries = Object.entries(c.props ?? {});
      return objectSchema(
        Object.fromEntries(entries.map(([key, part]) => [key, inner(part)])),
        c._tag === 'InterfaceType' ? entries.map(([key]) => key) : [],
        direction,
      );
    }
    case 'ExactType':
    case 'ReadonlyType':
      return schemaOfCodec(c.type as t.Mixed, direction, namer);
    case 'IntersectionType': {
      const parts = (c.types ?? []).map((part) => schemaOfCodec(part, direction, namer));
      return parts.every(isObjectSchema) ? mergeObjects(parts, direction) : { allOf: parts };
    }
    case 'UnionType': {
      const parts = (c.types ?? []).map(inner);
      return parts.every((p) => 'const' in p && Object.keys(p).length === 1)
        ? { enum: parts.map((p) => p.const) }
        : { oneOf: parts };
    }
    default:
      throw new Error(`no JSON Schema for the codec ${codec.name}`);
  }
};
