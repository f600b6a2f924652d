/**
 * The control API as the server's core answers it.
 *
 * @packageDocumentation
 */
import { controlAnswer } from '../mock/control.js';
import type { MockState } from '../mock/core.js';
import { answerResponse, type CoreResponse } from './server.js';

/**
 * Answers a control request as a core response. Unknown paths are 404, other
 * methods 405, bad bodies 422.
 *
 * @example
 * import { controlPath, handleControl, MockServer } from 'credential-lifecycle/mock';
 * (await handleControl(new MockServer().state, 'POST', controlPath.reset, undefined)).status; // 204
 */
export const handleControl = async (
  state: MockState,
  method: string,
  path: string,
  body: unknown,
): Promise<CoreResponse> => answerResponse(await controlAnswer(state, method, path, body));
