import { folderConfig } from './folders.mjs';

export default folderConfig('policy');
