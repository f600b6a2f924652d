/**
 * `credential-lifecycle serve` run in process for the command-line tests:
 * its output, its exit code, the URL it listens on, and a way to stop it.
 */
import type { CliIo } from '../../src/server/cli-command.js';
import { runCli } from '../../src/server/command.js';

/** Runs `credential-lifecycle serve …` in-process until `stop` is called. */
export const startCli = (args: readonly string[], env: Readonly<Record<string, string>> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (signal: string) => void = () => {};
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env,
    stopped: () => stopped,
  };
  const exit = runCli(['serve', ...args], io);
  const url = async (): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const line = out.find((l) => l.includes('listening on'));
      const found = line?.match(/http:\/\/\S+/)?.[0];
      if (found !== undefined) return found;
      const code = await Promise.race([exit, new Promise((r) => setTimeout(r, 25))]);
      if (typeof code === 'number') throw new Error(`exited ${code}: ${err.join('\n')}`);
    }
    throw new Error('the server did not start');
  };
  return { out, err, exit, url, stop: (signal = 'SIGTERM') => stop(signal) };
};
