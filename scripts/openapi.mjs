// Writes openapi.json, the OpenAPI 3.1 document of the credential API, from
// the built library (run through `npm run openapi`). The document is
// generated from the route table and the io-ts codecs; the package ships the
// file, and test/openapi/document.test.ts fails when it is not current.
import { writeFileSync } from 'node:fs';
import { openApiJson } from '../dist/openapi/index.js';

writeFileSync(new URL('../openapi.json', import.meta.url), openApiJson());
console.log('wrote openapi.json');
