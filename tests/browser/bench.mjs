// The explorer's timing benchmark (issue 18; docs/performance.md): `labsim serve` on a scenario,
// Debian's chromium headless, and a slider moved MOVES times. Records, from the page's own clock
// (window.labsimTimings): input move to redrawn deterministic charts, and move to Monte Carlo bands
// (2,000 samples) drawn; and the page's weight (its own files, then with the API answers of the
// first view). Prints JSON. Not a test: timings on a shared machine are reported, not asserted.
//
//   node tests/browser/bench.mjs [BUILD_DIR] [SCENARIO] [MOVES]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer } from './serve.mjs';

const build = process.argv[2] || 'build';
const scenario = process.argv[3] || 'compute-divide';
const moves = Number(process.argv[4] || 60);
// --static: the page labsim explore writes, opened from the disk (the engine in WebAssembly);
// with --monte-carlo, the page that also computes Monte Carlo bands in a Web Worker.
const staticPage = process.argv.includes('--static');
let server;
if (staticPage) {
  const dir = mkdtempSync(join(tmpdir(), 'labsim-explore-'));
  execFileSync(join(build, 'labsim'), ['explore', scenario, '-o', dir, ...(process.argv.includes('--monte-carlo') ? ['--monte-carlo'] : [])]);
  server = { url: `file://${dir}/index.html`, stop: () => rmSync(dir, { recursive: true, force: true }) };
} else {
  server = await startServer(join(build, 'labsim'), [scenario]);
}
const browser = await launch();

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values) {
  const round = (v) => Math.round(v * 10) / 10;
  return { n: values.length, p50: round(percentile(values, 50)), p95: round(percentile(values, 95)), max: round(Math.max(...values)) };
}

try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const sizes = new Map();
  page.on('response', async (res) => {
    try {
      sizes.set(res.url(), (await res.body()).length);
    } catch {
      // a cancelled request has no body
    }
  });
  await page.goto(server.url);
  await page.waitForSelector('body[data-state=ready]', { state: 'attached' });
  // from the navigation's start to the first charts drawn, on the page's clock
  const ready = await page.evaluate(() => window.labsimTimings[0].drawn);
  const expectBands = !staticPage || process.argv.includes('--monte-carlo');
  if (expectBands) await page.waitForSelector('body[data-bands]', { state: 'attached', timeout: 30000 }).catch(() => {});
  const own = [...sizes].filter(([url]) => !url.includes('/api/')).reduce((a, [, n]) => a + n, 0);
  const all = [...sizes].reduce((a, [, n]) => a + n, 0);

  // Moves one at a time, each waiting for its bands (or its drawing when the scenario has no
  // uncertain inputs): the latency a user sees after letting go of a slider.
  const slider = page.locator('#inputs details[open] input[type=range]').first();
  const [lo, hi] = await slider.evaluate((s) => [Number(s.min), Number(s.max)]);
  const uncertain = await page.evaluate(() => document.body.dataset.bands !== undefined);
  await page.evaluate(() => (window.labsimTimings.length = 0));
  for (let k = 0; k < moves; k++) {
    const seq = Number(await page.getAttribute('body', 'data-seq'));
    await slider.fill(String(lo + ((k % 10) + 1) * (hi - lo) / 12));
    await page.waitForFunction(
      ([s, bands]) => Number(document.body.dataset.seq) > s && (!bands || Number(document.body.dataset.bands) > s),
      [seq, uncertain]);
  }
  const t = await page.evaluate(() => window.labsimTimings);
  const drawn = t.map((e) => e.drawn - e.move);
  const fetched = t.map((e) => e.fetched - e.move);
  const bands = t.filter((e) => e.bands).map((e) => e.bands - e.move);

  // A drag: moves 16 ms apart without waiting, as a slider sends them; only the last is drawn.
  await page.evaluate(() => (window.labsimTimings.length = 0));
  const dragStart = Date.now();
  for (let k = 0; k < 30; k++) {
    await slider.fill(String(lo + ((k % 10) + 1) * (hi - lo) / 11));
    await page.waitForTimeout(16);
  }
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  const drag = await page.evaluate(() => window.labsimTimings);

  console.log(JSON.stringify({
    scenario, moves, engine: staticPage ? 'wasm (labsim explore, file://)' : 'labsim serve',
    page_ready_ms: Math.round(ready),
    page_bytes: { own_files: own, with_first_view_api_answers: all },
    move_to_drawn_ms: summary(drawn),
    move_to_answers_ms: summary(fetched),
    move_to_bands_ms: bands.length ? summary(bands) : null,
    drag: { moves: 30, redraws: drag.length, ms: Date.now() - dragStart },
  }, null, 2));
} finally {
  await browser.close();
  server.stop();
}
