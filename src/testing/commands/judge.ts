/**
 * Judging one real answer in the model of a run: the instant the model
 * handles it at (its clock, or the answer's `Date` header when the run does
 * not control the system's clock), the oracle's judgement, and the coverage
 * of the step. Internal to the command set and the parallel check.
 *
 * @packageDocumentation
 */
import { either as E } from 'fp-ts';
import { type Instant, matchRoute } from '../../index.js';
import type { Judgement } from '../oracle.js';
import type { SutRequest, SutResponse } from '../system.js';
import type { ConformanceModel } from './model.js';

const httpDateOf = (headers: Readonly<Record<string, string>>): Instant | undefined => {
  const date = headers.date;
  if (date === undefined) return undefined;
  const at = new Date(date).getTime();
  return Number.isNaN(at) ? undefined : at;
};

/** Judges `actual` as the answer to `request` in the model (which learns from it). */
export const judgeInModel = (
  m: ConformanceModel,
  request: SutRequest,
  actual: SutResponse,
): Judgement => {
  const { oracle, coverage } = m;
  const at = m.clock ? oracle.now : (httpDateOf(actual.headers) ?? oracle.now);
  if (!m.clock) oracle.setNow(at);
  const route = coverage === undefined ? undefined : matchRoute(request.method, request.path);
  const match = route !== undefined && E.isRight(route) ? route.right : undefined;
  const before =
    match === undefined ? undefined : oracle.store.user(oracle.clientExtId, match.userExtId);
  const judgement = oracle.judge(request, actual, { dates: m.clock, at });
  if (coverage !== undefined && match !== undefined) {
    coverage.record({
      route: match,
      body: request.body,
      at,
      before,
      after: oracle.store.user(oracle.clientExtId, match.userExtId),
      expected: judgement.expected,
      actual,
    });
  }
  return judgement;
};
