/** Helpers for the testing kit's tests: systems broken on purpose. */
import { inProcessSystem, type SystemUnderTest } from '../../src/testing/index.js';

/** The library's system, but a DELETE answers 200 where nevisIDM answers 204. */
export const deleteAnswers200 = (): SystemUnderTest => {
  const real = inProcessSystem();
  return {
    ...real,
    send: async (request) => {
      const answer = await real.send(request);
      return request.method === 'DELETE' && answer.status === 204
        ? { ...answer, status: 200 }
        : answer;
    },
  };
};
