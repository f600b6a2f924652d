/**
 * The policy playground in a real browser: Debian's Chromium driven by
 * playwright-core (scripts/chromium.mjs). The page is built as
 * `npm run playground:build` builds it, opened from disk and from the
 * 127.0.0.1 server, and checked against the library itself: its timeline,
 * counters and answers against `explain` for the same script, its error
 * messages against `decodePolicy`, its figures against `analyzePolicy`, and
 * its command line through the real command line. Where /usr/bin/chromium is
 * missing the browser tests are skipped and say so; CI installs it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { either as E } from 'fp-ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, missingChromium } from '../../scripts/chromium.mjs';
import { buildPlayground, servePlayground } from '../../scripts/playground.mjs';
import {
  analysisFigures,
  analyzePolicy,
  type CredentialKind,
  compactDiagram,
  credentialKinds,
  decodePolicy,
  defaultPolicy,
  type ExplainRow,
  explain,
  lifecycleRulesOf,
  type PolicyOfKind,
  policyTypeOfKind,
  reachableTransitions,
  stepNames,
  timelineCells,
} from '../../src/index.js';
import { repoRoot } from '../docs/snippets.js';
import { shellWords } from '../reasoning/support.js';
import { runCommand } from '../server/support.js';

const browserTests = hasChromium() ? describe : describe.skip;
if (!hasChromium()) console.warn(`test/playground: browser tests skipped: ${missingChromium}`);

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'playground-'));
let browser: Browser;
let fileUrl: string;
let inputs: readonly string[];

beforeAll(async () => {
  const built = await buildPlayground(outDir);
  fileUrl = built.url;
  inputs = built.inputs;
  if (hasChromium()) browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  fs.rmSync(outDir, { recursive: true, force: true });
});

interface Opened {
  readonly page: Page;
  /** Console errors, uncaught exceptions, failed and refused requests. */
  readonly problems: string[];
}

/** Opens the page; every request off the page's own origin is refused and recorded. */
const open = async (url = fileUrl): Promise<Opened> => {
  const context = await browser.newContext({
    viewport: { width: 1600, height: 1200 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const origin = url.startsWith('file:') ? 'file:' : new URL(url).origin;
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested.startsWith(origin)) return route.continue();
    problems.push(`request off the page: ${requested}`);
    return route.abort();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed request: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#diagram[data-drawn="true"] g.node.current');
  return { page, problems };
};

const timeline = (page: Page): Promise<string[][]> =>
  page.$$eval('#timeline tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')),
  );

const credentialShown = (page: Page): Promise<Record<string, string>> =>
  page.$$eval('#credential dd', (dds) =>
    Object.fromEntries(dds.map((d) => [d.getAttribute('data-field') ?? '', d.textContent ?? ''])),
  );

/** The state the diagram highlights (and that only one node is highlighted). */
const highlighted = async (page: Page): Promise<(string | null)[]> => {
  await page.waitForSelector('#diagram[data-drawn="true"]');
  return page.$$eval('#diagram g.node.current', (ns) =>
    ns.map((n) => n.getAttribute('data-state')),
  );
};

const figuresShown = (page: Page) =>
  page.$$eval('#analysis tbody tr', (rows) =>
    rows.map((r) => {
      const [value, schedule] = [...r.querySelectorAll('td')].map((c) => c.textContent ?? '');
      const figure = { name: r.querySelector('th')?.textContent ?? '', value: value ?? '' };
      return schedule === '' ? figure : { ...figure, schedule };
    }),
  );

const pressStep = async (page: Page, step: string, wait = '60s'): Promise<void> => {
  if (step === 'wait') await page.fill('#wait-for', wait);
  await page.click(`#step-${step}`);
};

/** The counters and answer of a row, as the credential view and `explain --json` name them. */
const credentialOf = (row: ExplainRow) => ({
  state: row.state,
  failedLoginCount: String(row.failedLoginCount),
  successfulLoginCount: String(row.successfulLoginCount),
  resetCount: String(row.resetCount),
  version: String(row.version),
  stateChangeReason: row.reason,
});

const explained = <K extends CredentialKind>(kind: K, policy: PolicyOfKind<K>, script: string) => {
  const e = explain(kind, policy, script);
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
};

/** In the page: whether the copy button has said what it did. */
const copied = "document.getElementById('copy-status').textContent !== ''";

describe('the playground bundle', () => {
  it('imports the library only through its public root entry', () => {
    const dir = path.join(repoRoot, 'playground/src');
    const specifiers = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/from '([^']+)'/g)].map(
          (m) => m[1] ?? '',
        ),
      );
    const outside = specifiers.filter(
      (s) => !['credential-lifecycle', 'fp-ts'].includes(s) && !/^\.\/[\w-]+\.js$/.test(s),
    );
    expect(outside).toEqual([]);
    expect(specifiers).toContain('credential-lifecycle');
    // The bundle reached the library through src/index.ts and holds no Node module.
    expect(inputs).toContain('src/index.ts');
    expect(inputs.filter((i) => i.startsWith('node:'))).toEqual([]);
  });
});

browserTests(
  `the playground in Chromium${hasChromium() ? '' : ` (skipped: ${missingChromium})`}`,
  () => {
    // One page for the tests after the first (loading Mermaid is the slow part):
    // each starts from the default Password policy and no steps.
    let shared: Opened | undefined;
    const fresh = async (): Promise<Opened> => {
      shared ??= await open();
      const { page, problems } = shared;
      problems.length = 0;
      await page.selectOption('#kind', 'password');
      await page.click('#defaults');
      await page.click('#clear');
      await page.fill('#wait-for', '60s');
      await page.$$eval('details', (ds) => {
        for (const d of ds) d.removeAttribute('open');
      });
      expect(await timeline(page)).toHaveLength(1);
      return shared;
    };
    afterAll(async () => {
      await shared?.page.context().close();
    });

    it('loads from disk and from 127.0.0.1 with no console error and no failed request', async () => {
      const { server, url } = await servePlayground(outDir, 0);
      try {
        for (const where of [fileUrl, url]) {
          const { page, problems } = await open(where);
          expect(await page.title()).toBe('credential-lifecycle: policy playground');
          expect(await page.$$eval('#timeline tbody tr', (r) => r.length)).toBe(1);
          expect(problems, where).toEqual([]);
          await page.context().close();
        }
      } finally {
        server.close();
      }
    });

    it('wrong, wrong, wait 60 s, wrong on the default Password policy: tmp-locked, then fail-locked, as explain says', async () => {
      const { page, problems } = await fresh();
      const policy = defaultPolicy('PwdPolicy');
      const e = explained('password', policy, 'fail fail wait 60s fail');
      const clicks = ['fail', 'fail', 'wait', 'fail'];
      for (const [i, step] of clicks.entries()) {
        await pressStep(page, step);
        const row = e.steps[i] as ExplainRow;
        expect(await credentialShown(page)).toMatchObject(credentialOf(row));
        expect(await highlighted(page)).toEqual([row.state]);
      }
      // The spec's defaults (3 / 2 / 60 s / strict): failure 1 stays (3: the next one locks),
      // failure 2 tmp-locks (9), the first failure after the lock fail-locks (4).
      expect(e.steps.map((r) => [r.state, r.statusCode])).toEqual([
        ['initial', 3],
        ['tmp-locked', 9],
        ['initial', undefined],
        ['fail-locked', 4],
      ]);
      expect(await timeline(page)).toEqual(timelineCells(e));
      expect(await page.textContent('#last-login')).toMatch(/status code 4, /);
      expect(await page.textContent('#clock')).toBe('1m');
      expect(problems).toEqual([]);
    });

    it('shows the decoder message next to a bad parameter and changes no state', async () => {
      const { page, problems } = await fresh();
      await pressStep(page, 'fail');
      const views = () =>
        page.$$eval('#credential, #timeline, #command, #analysis, #last-login', (els) =>
          els.map((el) => el.textContent),
        );
      const before = await views();
      const highlightBefore = await highlighted(page);
      await page.fill('#param-tmpLockingThreshold', '0');
      const decoded = decodePolicy('PwdPolicy', 'default', { tmpLockingThreshold: '0' });
      const message = E.isLeft(decoded) ? decoded.left.errors[0].message : 'decoded';
      expect(message).toMatch(/^tmpLockingThreshold: got "0", expected/);
      expect(await page.textContent('#param-tmpLockingThreshold-error')).toBe(message);
      expect(await page.getAttribute('#param-tmpLockingThreshold', 'aria-invalid')).toBe('true');
      expect(
        await page.$eval('#param-tmpLockingThreshold', (el) => el.getAttribute('aria-describedby')),
      ).toContain('param-tmpLockingThreshold-error');
      expect(await page.textContent('#policy-status')).toMatch(/not valid/);
      expect(await views()).toEqual(before);
      expect(await highlighted(page)).toEqual(highlightBefore);
      // Another step runs under the last valid policy: the default's second failure tmp-locks.
      await pressStep(page, 'fail');
      expect((await credentialShown(page)).state).toBe('tmp-locked');
      // A good value clears the message.
      await page.fill('#param-tmpLockingThreshold', '3');
      expect(await page.textContent('#param-tmpLockingThreshold-error')).toBe('');
      expect(await page.getAttribute('#param-tmpLockingThreshold', 'aria-invalid')).toBeNull();
      expect((await credentialShown(page)).state).toBe('initial');
      // A bad duration for wait is the script language's error, and waits not.
      await page.fill('#wait-for', '5 minutes');
      await page.click('#step-wait');
      expect(await page.textContent('#wait-for-error')).toMatch(/bad duration "5 minutes"/);
      expect(await page.textContent('#clock')).toBe('0s');
      expect(problems).toEqual([]);
    });

    it('updates the analyze figures as parameters change', async () => {
      const { page, problems } = await fresh();
      const expected = (policy: PolicyOfKind<'password'>) =>
        analysisFigures(analyzePolicy('password', policy)).map((f) => ({ ...f }));
      expect(await figuresShown(page)).toEqual(expected(defaultPolicy('PwdPolicy')));
      await page.selectOption('#param-tmpLockingMode', 'threshold');
      await page.fill('#param-maxCredFailureCount', '-1');
      const changed = {
        ...defaultPolicy('PwdPolicy'),
        tmpLockingMode: 'threshold' as const,
        maxCredFailureCount: -1,
      };
      const figures = await figuresShown(page);
      expect(figures).toEqual(expected(changed));
      // Unlimited guesses change the spec's headline figure: never a permanent lock.
      expect(figures[0]).toEqual({ name: 'failuresBeforePermanentLock', value: 'never' });
      expect(problems).toEqual([]);
    });

    it.each(credentialKinds)(
      'every step button on %s matches explain, the diagram is the kind’s and the command reproduces the session',
      async (kind) => {
        const { page, problems } = await fresh();
        await page.selectOption('#kind', kind);
        await page.selectOption('#param-tmpLockingMode', 'threshold');
        const policy = {
          ...defaultPolicy(policyTypeOfKind[kind]),
          tmpLockingMode: 'threshold' as const,
        } as PolicyOfKind<typeof kind>;
        // Every step of the script language, in an order where each can act.
        const script = [
          'fail',
          'fail',
          'wait',
          'unlock',
          'login',
          'change',
          'disable',
          'enable',
          'admin-changed',
          'reset',
          'strong-login',
          'archive',
          'delete',
        ];
        expect([...new Set(script)].sort()).toEqual([...stepNames].sort());
        const e = explained(
          kind,
          policy,
          script.map((s) => (s === 'wait' ? 'wait 60s' : s)).join(' '),
        );
        const diagramStates = compactDiagram(reachableTransitions(kind, lifecycleRulesOf(policy)))
          .nodes.filter((n) => n.kind === 'state')
          .map((n) => n.id)
          .sort();
        await page.waitForSelector('#diagram[data-drawn="true"]');
        expect(
          (
            await page.$$eval('#diagram g.node[data-state]', (ns) =>
              ns.map((n) => n.getAttribute('data-state')),
            )
          ).sort(),
        ).toEqual(diagramStates);
        for (const [i, step] of script.entries()) {
          await pressStep(page, step);
          const row = e.steps[i] as ExplainRow;
          expect(await credentialShown(page), `${kind} after ${step}`).toMatchObject(
            credentialOf(row),
          );
          if (diagramStates.includes(row.state))
            expect(await highlighted(page)).toEqual([row.state]);
        }
        expect(await timeline(page)).toEqual(timelineCells(e));
        // Copy as command, then run it through the command line (with --json).
        await page.click('#copy');
        await page.waitForFunction(copied);
        const command = (await page.textContent('#command')) ?? '';
        expect(await page.textContent('#copy-status')).toBe('Copied to the clipboard.');
        expect(await page.evaluate('navigator.clipboard.readText()')).toBe(command);
        const [program, ...argv] = shellWords(command);
        expect(program).toBe('credential-lifecycle');
        expect(argv.slice(0, 3)).toEqual(['explain', '--kind', expect.any(String)]);
        expect(argv).toContain('tmpLockingMode=threshold');
        const { code, out, err } = await runCommand([...argv, '--json']);
        expect({ code, err }).toEqual({ code: 0, err: [] });
        const json = JSON.parse(out.join('\n'));
        expect(json.kind).toBe(kind);
        expect(json.steps).toEqual(e.steps);
        expect(await timeline(page)).toEqual(
          timelineCells({ kind, policy: json.policy, steps: json.steps }),
        );
        expect(problems).toEqual([]);
      },
    );

    it('every control is labelled, reachable by Tab in page order, and works with Enter and Space', async () => {
      const { page, problems } = await fresh();
      // One step first, so that "Undo" is enabled and in the tab order.
      await pressStep(page, 'login');
      await page.click('#clear');
      await pressStep(page, 'login');
      const controls = await page.$$eval(
        'button:not(:disabled), input, select, summary, [tabindex="0"]',
        (els) =>
          els.filter((el) => el.checkVisibility()).map((el) => el.id || el.tagName.toLowerCase()),
      );
      // Every input and select has a label; every button a name.
      const unlabelled = await page.$$eval('input, select, button', (els) =>
        els
          .filter((el) => {
            const { labels } = el as unknown as { labels?: readonly { textContent: string }[] };
            if (el.tagName !== 'BUTTON') return (labels?.[0]?.textContent ?? '') === '';
            return (el.textContent ?? '').trim() === '';
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unlabelled).toEqual([]);
      // From the first control, Tab visits every other one in page order.
      await page.focus('#kind');
      const visited: string[] = ['kind'];
      for (let i = 1; i < controls.length; i++) {
        await page.keyboard.press('Tab');
        visited.push(await page.$eval(':focus', (el) => el.id || el.tagName.toLowerCase()));
      }
      expect(visited).toEqual(controls);
      expect(controls.slice(0, 3)).toEqual(['kind', 'step-login', 'step-fail']);
      // Keyboard alone: a step by Enter, one by Space, wait by Enter in its field.
      await page.focus('#step-fail');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Space');
      await page.focus('#wait-for');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('2m');
      await page.keyboard.press('Enter');
      expect((await timeline(page)).map((r) => r[1])).toEqual([
        '(created)',
        'login',
        'fail',
        'fail',
        'wait 2m',
      ]);
      // Undo by Space, the kind by arrow keys, a parameter by typing.
      await page.focus('#undo');
      await page.keyboard.press('Space');
      expect((await timeline(page)).length).toBe(4);
      await page.focus('#kind');
      await page.keyboard.press('ArrowDown');
      expect(await page.$eval('#kind', (el) => (el as unknown as { value: string }).value)).toBe(
        'tempStrongPassword',
      );
      expect(await page.textContent('#command')).toMatch(
        /--kind tempstrong-password 'login fail\*2'/,
      );
      await page.focus('#param-maxCredFailureCount');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('7');
      expect(await page.textContent('[data-figure="failuresBeforePermanentLock"]')).toBe('7');
      // The other parameters open with Enter on their summary; copy by Enter.
      await page.focus('summary');
      await page.keyboard.press('Enter');
      expect(await page.$eval('details', (d) => d.hasAttribute('open'))).toBe(true);
      await page.focus('#copy');
      await page.keyboard.press('Enter');
      await page.waitForFunction(copied);
      // Start over by Enter.
      await page.focus('#clear');
      await page.keyboard.press('Enter');
      expect((await timeline(page)).length).toBe(1);
      expect(problems).toEqual([]);
    });

    it('writes a screenshot to test-results/ (not committed)', async () => {
      const { page, problems } = await fresh();
      for (const step of ['fail', 'fail', 'wait', 'fail']) await pressStep(page, step);
      const file = path.join(repoRoot, 'test-results/playground.png');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, fullPage: true });
      expect(fs.statSync(file).size).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    });
  },
);
