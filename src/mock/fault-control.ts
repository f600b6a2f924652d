/**
 * The control routes of latency and fault injection: `PUT`, `GET` and
 * `DELETE /__mock/faults`.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { emptyAnswer, type Json, jsonAnswer } from '../operations/answer.js';
import { type ControlAction, type ControlRoute, invalidControlRequest } from './control-route.js';
import { decodeFaultRules, noFaultRules } from './fault-rules.js';

const putFaults: ControlAction = (state, _params, body) => {
  const rules = decodeFaultRules(body);
  if (E.isLeft(rules)) return invalidControlRequest(rules.left);
  state.setFaultRules(rules.right);
  return emptyAnswer(204);
};

const getFaults: ControlAction = (state) =>
  jsonAnswer(200, { rules: state.faultRules().rules as unknown as Json });

const clearFaults: ControlAction = (state) => {
  state.setFaultRules(noFaultRules);
  return emptyAnswer(204);
};

/**
 * The fault rules' control routes, for the table of `controlAnswer`.
 *
 * @example
 * import { faultControlRoutes } from 'credential-lifecycle/mock';
 * faultControlRoutes.map((r) => r.pattern.join('/')); // ['faults']
 */
export const faultControlRoutes: readonly ControlRoute[] = [
  { pattern: ['faults'], methods: { GET: getFaults, PUT: putFaults, DELETE: clearFaults } },
];
