// Renders Mermaid sources to SVG offline: Debian's Chromium (launched by
// scripts/chromium.mjs), with mermaid loaded from node_modules into a blank page
// that may fetch nothing. Shared by scripts/render-diagrams.mjs and the
// diagram test.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { launchChromium } from './chromium.mjs';

export { chromiumPath, hasChromium } from './chromium.mjs';

/** The SHA-256 of a Mermaid source, as the rendered SVG records it. */
export const sourceHash = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The attribute of the root `<svg>` that holds {@link sourceHash} of its source. */
export const hashAttribute = 'data-source-sha256';

const mermaidScript = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

/**
 * Renders each diagram in one browser. Returns, per diagram, the SVG (with
 * explicit width and height, a white background and the source hash), its
 * size in CSS pixels, and the labels that overlap another label or a node.
 */
export async function renderDiagrams(diagrams) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const blocked = [];
    await page.route('**/*', (route) => {
      blocked.push(route.request().url());
      return route.abort();
    });
    await page.setContent('<!doctype html><html><body style="margin:0"></body></html>');
    await page.addScriptTag({ path: mermaidScript });
    await page.evaluate(() =>
      window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' }),
    );
    const results = [];
    for (const [index, d] of diagrams.entries()) {
      const rendered = await page.evaluate(renderInPage, {
        id: `diagram-${index}`,
        text: d.mermaid,
        hash: sourceHash(d.mermaid),
        attribute: hashAttribute,
      });
      results.push({ name: d.name, ...rendered });
    }
    if (blocked.length > 0) throw new Error(`the page tried to fetch: ${blocked.join(', ')}`);
    return results;
  } finally {
    await browser.close();
  }
}

/**
 * Runs in the page: render, size the SVG from its viewBox, move each edge
 * label along its own edge until it covers no node and no label placed
 * before it (Mermaid puts every label at the middle of its edge, where edges
 * that leave one node side by side put their labels on top of each other),
 * and report the overlaps that remain.
 */
async function renderInPage({ id, text, hash, attribute }) {
  const { svg } = await window.mermaid.render(id, text);
  document.body.innerHTML = svg;
  const root = document.body.querySelector('svg');
  const box = root.viewBox.baseVal;
  const width = Math.ceil(box.width);
  const height = Math.ceil(box.height);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.style.removeProperty('max-width');
  root.style.setProperty('background-color', 'white');
  root.setAttribute(attribute, hash);

  const margin = 3;
  const rectOf = (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  };
  const meets = (a, b) =>
    a.left < b.right + margin &&
    b.left < a.right + margin &&
    a.top < b.bottom + margin &&
    b.top < a.bottom + margin;
  const named = (el) => el.textContent.trim();
  const nodes = [...root.querySelectorAll('g.node')].map((el) => ({
    text: named(el),
    rect: rectOf(el),
  }));
  const placed = [...nodes];
  const overlaps = [];
  // Fractions of the edge's length to try, from the middle outwards.
  const fractions = [0.5];
  for (let d = 0.05; d <= 0.4; d += 0.05) fractions.push(0.5 - d, 0.5 + d);
  const labels = [...root.querySelectorAll('g.edgeLabel')]
    .map((el) => ({ el, text: named(el), inner: el.querySelector('g.label') }))
    .filter((l) => l.text !== '' && l.inner !== null);
  for (const label of labels) {
    const path = root.querySelector(`path[data-id="${label.inner.getAttribute('data-id')}"]`);
    const start = rectOf(label.el);
    const w = start.right - start.left;
    const h = start.bottom - start.top;
    const centre = { x: (start.left + start.right) / 2, y: (start.top + start.bottom) / 2 };
    let best = { rect: start, dx: 0, dy: 0, hits: Infinity };
    if (path !== null) {
      const length = path.getTotalLength();
      const matrix = path.getScreenCTM();
      for (const f of fractions) {
        const p = path.getPointAtLength(f * length).matrixTransform(matrix);
        const rect = {
          left: p.x - w / 2,
          top: p.y - h / 2,
          right: p.x + w / 2,
          bottom: p.y + h / 2,
        };
        const hits = placed.filter((o) => meets(rect, o.rect)).length;
        if (hits < best.hits) best = { rect, dx: p.x - centre.x, dy: p.y - centre.y, hits };
        if (hits === 0) break;
      }
    }
    if (best.dx !== 0 || best.dy !== 0) {
      const m = /translate\(\s*([-\d.e]+)[ ,]+([-\d.e]+)\s*\)/.exec(
        label.el.getAttribute('transform') ?? '',
      );
      // Screen pixels to the label's user units.
      const scale = label.el.parentNode.getScreenCTM()?.a ?? 1;
      const x = (m === null ? 0 : Number(m[1])) + best.dx / scale;
      const y = (m === null ? 0 : Number(m[2])) + best.dy / scale;
      label.el.setAttribute('transform', `translate(${x.toFixed(2)}, ${y.toFixed(2)})`);
    }
    const rect = rectOf(label.el);
    for (const other of placed) {
      if (meets(rect, other.rect)) overlaps.push(`"${label.text}" overlaps "${other.text}"`);
    }
    placed.push({ text: label.text, rect });
  }
  // An edge drawn across a node it neither leaves nor enters.
  const inside = (p, r) =>
    p.x > r.left + 2 && p.x < r.right - 2 && p.y > r.top + 2 && p.y < r.bottom - 2;
  for (const path of root.querySelectorAll('path[data-edge="true"]')) {
    const length = path.getTotalLength();
    const matrix = path.getScreenCTM();
    const at = (l) => path.getPointAtLength(l).matrixTransform(matrix);
    const ends = nodes.filter(
      (n) =>
        inside(at(0), n.rect) ||
        inside(at(length), n.rect) ||
        inside(at(Math.min(6, length)), n.rect) ||
        inside(at(Math.max(0, length - 6)), n.rect),
    );
    for (const node of nodes) {
      if (ends.includes(node)) continue;
      for (let l = 0; l <= length; l += 4) {
        if (inside(at(l), node.rect)) {
          overlaps.push(`an edge crosses "${node.text}"`);
          break;
        }
      }
    }
  }
  return { svg: root.outerHTML, width, height, overlaps };
}
