// The mock the server benchmarks load: client `bench`, user alice holding a
// temporary strong password (seed 1). Shared by bench/server.mjs and
// bench/hono-comparison.mjs; run after `npm run build`.
import { credentialPath } from '../dist/index.js';
import { controlPath, MockServer } from '../dist/server/index.js';

/** The URL path the benchmarks load: GET alice's temporary strong password. */
export const tsp = credentialPath('bench', 'alice', 'tempStrongPassword');

/** One request to a mock's core, with a JSON body when one is given (a promise of the response). */
export const request = (mock, method, path, body) =>
  mock.handle({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    bodyText: body === undefined ? undefined : JSON.stringify(body),
  });

/** A mock holding alice with a TSP, and the text of its GET TSP answer. */
export const benchMock = async () => {
  const mock = new MockServer({ seed: 1 });
  await request(mock, 'PUT', controlPath.user('bench', 'alice'));
  const created = await request(mock, 'POST', tsp, {});
  if (created.status !== 201) throw new Error(created.bodyText);
  return { mock, body: (await request(mock, 'GET', tsp)).bodyText };
};
