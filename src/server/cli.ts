#!/usr/bin/env node
/**
 * The `credential-lifecycle` executable: `serve`, `conformance`, `explain` and `analyze`.
 *
 * @packageDocumentation
 */
import process from 'node:process';
import { runCli } from './command.js';

const stopped = (): Promise<string> =>
  new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  stopped,
  isTty: process.stderr.isTTY === true,
});
