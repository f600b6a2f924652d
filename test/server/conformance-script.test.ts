/**
 * The printed replay script reproduces a counterexample on its own: it
 * writes no self-admin token and no generated secret literally (it captures
 * them from the server's answers into shell variables), so run with `sh`
 * against a fresh mock started without `--seed` — other tokens, other
 * secrets, other ids — it shows the same divergent answer.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/command.js';
import { startNodeServer } from '../../src/server/node.js';
import { MockServer } from '../../src/web/server.js';
import { captureIo, runScript } from './support.js';

/** The script printed under its heading (indented by two spaces), as a file's lines. */
const scriptOf = (out: readonly string[]): string[] => {
  const start = out.findIndex((l) => l.startsWith('As a shell script'));
  const lines: string[] = [];
  for (const line of out.slice(start + 1)) {
    if (line === '') break;
    lines.push(line.slice(2));
  }
  return lines;
};

describe('the replay script', () => {
  it('reproduces the divergence against a fresh mock started without --seed', async () => {
    const faults = ['skip-version-increment'] as const;
    const first = await startNodeServer({
      mock: new MockServer({ seed: 11, faults: [...faults] }),
      port: 0,
    });
    const { out, io } = captureIo();
    let code: number;
    try {
      code = await runCli(
        ['conformance', '--base-url', first.url, '--runs', '60', '--seed', '9', '--quiet'],
        io,
      );
    } finally {
      await first.close();
    }
    expect(code).toBe(1);
    const script = scriptOf(out);
    expect(script[0]).toBe('#!/bin/sh');
    const text = script.join('\n');
    // No token in clear: every X-Token header reads a captured variable.
    expect(text).not.toMatch(/X-Token: [0-9a-f]{32}/);
    expect(text).toMatch(
      /TOKEN_1=\$\(curl -s -X POST "\$BASE"'\/__mock\/clients\/conformance\/users\/u1\/token' \| capture token\)/,
    );
    const divergence = out
      .slice(out.indexOf('Divergence from the oracle:') + 1)
      .map((l) => /^\s+(\w+): expected (.+), got (.+)$/.exec(l))
      .find((m) => m !== null);
    expect(divergence).toBeDefined();
    const [, field, expected, got] = divergence ?? [];

    // A fresh mock, no seed: tokens and generated secrets differ from the run's.
    const fresh = await startNodeServer({ mock: new MockServer({ faults: [...faults] }), port: 0 });
    let stdout: string;
    try {
      stdout = await runScript(script, fresh.url);
    } finally {
      await fresh.close();
    }
    const steps = stdout.split(/^### /m);
    const lastAnswer = (steps.at(-1) ?? '').trim().split('\n').at(-1) ?? '';
    const body = JSON.parse(lastAnswer) as Record<string, unknown>;
    expect(JSON.stringify(body[field ?? ''])).toBe(got);
    expect(JSON.stringify(body[field ?? ''])).not.toBe(expected);
  }, 180_000);
});
