/** Types of scripts/playground.mjs for the tests that import it. */
import type { Server } from 'node:http';
export declare const playgroundOutput: string;
export declare function buildPlayground(outDir?: string): Promise<{
  readonly files: readonly string[];
  readonly inputs: readonly string[];
  readonly url: string;
}>;
export declare function servePlayground(
  dir?: string,
  port?: number,
): Promise<{ readonly server: Server; readonly url: string }>;
