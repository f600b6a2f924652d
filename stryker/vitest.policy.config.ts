import { mutationVitestConfig } from './vitest-base.js';

export default mutationVitestConfig('policy');
