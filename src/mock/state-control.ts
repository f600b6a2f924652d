/**
 * The control routes of state snapshots: `GET /__mock/state` exports the
 * store, `PUT /__mock/state` replaces it with a snapshot.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { apiError, ErrorCode } from '../domain/errors.js';
import { emptyAnswer, errorAnswer, type HttpAnswer, jsonAnswer } from '../operations/answer.js';
import { type ControlAction, type ControlRoute, invalidControlRequest } from './control-route.js';
import { decodeSnapshot, encodeSnapshot } from './snapshot.js';

const unsupported = (what: string): HttpAnswer =>
  errorAnswer(apiError(501, ErrorCode.notImplemented, `this mock's store cannot ${what}`));

const exportState: ControlAction = async ({ store }) => {
  if (store.snapshot === undefined) return unsupported('export its state');
  return jsonAnswer(200, encodeSnapshot(await store.snapshot()));
};

const importState: ControlAction = async ({ store }, _params, body) => {
  if (store.restore === undefined) return unsupported('import a state');
  const snapshot = decodeSnapshot(body);
  if (E.isLeft(snapshot)) return invalidControlRequest(snapshot.left);
  await store.restore(snapshot.right);
  return emptyAnswer(204);
};

/**
 * The snapshot control routes, for the table of `controlAnswer`.
 *
 * @example
 * import { stateControlRoutes } from 'credential-lifecycle/mock';
 * stateControlRoutes.map((r) => r.pattern.join('/')); // ['state']
 */
export const stateControlRoutes: readonly ControlRoute[] = [
  { pattern: ['state'], methods: { GET: exportState, PUT: importState } },
];
