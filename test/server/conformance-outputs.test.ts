/**
 * What `conformance` writes besides the summary: the JSON report, JUnit
 * XML, the coverage threshold's exit code, the failure database in a
 * directory, progress rewritten in place on a terminal, `--quiet`, and
 * parallel runs through the command line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/server/command.js';
import type { MockServerOptions } from '../../src/web/server.js';
import { captureIo, conformanceAgainst } from './support.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-outputs-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const runAgainst = conformanceAgainst;

describe('conformance outputs', () => {
  it('writes the versioned JSON report and JUnit XML, and exits 1 below --min-transition-coverage', async () => {
    const dir = tempDir();
    const report = path.join(dir, 'coverage.json');
    const junit = path.join(dir, 'junit.xml');
    const r = await runAgainst({}, [
      '--runs',
      '5',
      '--seed',
      '2',
      '--report',
      report,
      '--junit',
      junit,
      '--min-transition-coverage',
      '100',
    ]);
    expect(r.code).toBe(1);
    expect(r.out.at(-1)).toMatch(
      /^conformance: transition coverage [\d.]+ % is below --min-transition-coverage 100 %$/,
    );
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    expect(json).toMatchObject({ formatVersion: 1, runs: 5, seed: 2, failures: 0 });
    expect(json.commands).toBeGreaterThan(0);
    expect(Object.keys(json.kinds)).toEqual(['password', 'tempStrongPassword', 'ticket', 'puk']);
    expect(json.kinds.password.states).toHaveProperty('tmp-locked');
    expect(json.uncovered.length).toBeGreaterThan(0);
    expect(json.uncovered[0]).toMatchObject({ kind: expect.any(String), id: expect.any(String) });
    const xml = fs.readFileSync(junit, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toContain('name="transition coverage at least 100 %"');
    expect(xml).toContain('failures="1"');
    const passing = await runAgainst({}, [
      '--runs',
      '5',
      '--seed',
      '2',
      '--min-transition-coverage',
      '1',
    ]);
    expect(passing.code).toBe(0);
  }, 120_000);

  it('saves failures in --failures DIR, replays them first and deletes them once fixed', async () => {
    const dir = path.join(tempDir(), 'failures');
    const faulty: MockServerOptions = { faults: ['skip-version-increment'] };
    const args = ['--runs', '30', '--seed', '7', '--failures', dir, '--quiet'];
    const first = await runAgainst(faulty, args);
    expect(first.code).toBe(1);
    const files = fs.readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^sequential-[0-9a-f]{8}\.json$/)]);
    const id = files[0]?.replace(/\.json$/, '');
    const saved = JSON.parse(fs.readFileSync(path.join(dir, files[0] ?? ''), 'utf8'));
    expect(saved).toMatchObject({ formatVersion: 1, mode: 'sequential', seed: 7 });
    expect(saved.script[0]).toBe('#!/bin/sh');

    const still = await runAgainst(faulty, args);
    expect(still.out).toContain(
      `saved failure ${id}: still failing — ${saved.error.split('\n')[0]}`,
    );
    expect(still.code).toBe(1);

    const kept = await runAgainst({}, [...args, '--keep-fixed']);
    expect(kept.out).toContain(`saved failure ${id}: fixed`);
    expect(kept.code).toBe(0);
    expect(fs.readdirSync(dir)).toHaveLength(1);

    const fixed = await runAgainst({}, args);
    expect(fixed.out).toContain(`saved failure ${id}: fixed (deleted)`);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 300_000);

  it('rewrites one progress line in place on a terminal, and prints none with --quiet', async () => {
    const tty = await runAgainst({}, ['--runs', '40', '--seed', '3'], true);
    expect(tty.code).toBe(0);
    expect(tty.err[0]).toMatch(/^conformance: \d+\/40 runs, /);
    for (const line of tty.err.slice(1)) expect(line.startsWith('\u001b[1A\u001b[2K')).toBe(true);
    expect(tty.err.at(-1)?.replace('\u001b[1A\u001b[2K', '')).toMatch(
      /^conformance: 40\/40 runs, \d+ commands, [\d.]+ % of transitions, [\d.]+ s$/,
    );
    const quiet = await runAgainst({}, ['--runs', '5', '--seed', '3', '--quiet']);
    expect(quiet.err).toEqual([]);
    expect(quiet.out[0]).toMatch(/^conformance: 5 runs, /);
  }, 120_000);

  it('runs parallel runs with --parallel', async () => {
    const r = await runAgainst({}, ['--runs', '20', '--seed', '5', '--parallel', '--quiet']);
    expect(r.out[0]).toMatch(
      /^conformance: 20 parallel runs, \d+ commands, 0 failures \(seed 5\)$/,
    );
    expect(r.code).toBe(0);
  }, 120_000);

  it('refuses --keep-fixed without --failures and a bad threshold', async () => {
    const { err, io } = captureIo();
    expect(await runCli(['conformance', '--base-url', 'http://x', '--keep-fixed'], io)).toBe(2);
    expect(
      await runCli(
        ['conformance', '--base-url', 'http://x', '--min-transition-coverage', '101'],
        io,
      ),
    ).toBe(2);
    expect(err).toEqual([
      '--keep-fixed: needs --failures DIR',
      '--min-transition-coverage: expected a whole number from 0 to 100, got "101"',
    ]);
  });
});
