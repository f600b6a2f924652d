/**
 * The OpenAPI 3.1 document of the credential API, generated from the route
 * table and the io-ts codecs: the JSON Schema of a codec, what each
 * operation answers, and the document the mock serves at
 * `GET /__mock/openapi.json`.
 *
 * @packageDocumentation
 */
export * from './answers.js';
export * from './document.js';
export * from './json-schema.js';
