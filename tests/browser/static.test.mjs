// The static explorer (labsim explore, issue 19) in Debian's chromium, opened from the disk
// (file://) with no server: it loads with no console error and no request for anything but the
// page itself; a slider move redraws; the page's numbers are those of `labsim run --set` for its
// set= pairs, bit for bit (through labsim resolve and the native engine's C interface); a copied
// link reopens the same state; a value the page cannot read is refused with the input named; with
// --monte-carlo, the bands computed in a Web Worker are labsim mc's; the interactive brief
// (labsim brief --interactive) redraws its charts for its key inputs.
// Usage: node static.test.mjs BUILD_DIR WASM_BUILD_DIR. Skipped, visibly (77), without chromium,
// playwright-core or the WebAssembly build.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [build = 'build', wasmBuild = 'build-wasm'] = process.argv.slice(2);
const here = new URL('.', import.meta.url).pathname;
const chromium = process.env.LABSIM_CHROMIUM || '/usr/bin/chromium';
for (const [need, what] of [[chromium, "Debian's chromium"], [join(here, 'node_modules/playwright-core'), 'playwright-core (npm ci in tests/browser)'],
                            [resolve(wasmBuild, 'labsim_engine.wasm'), 'the WebAssembly engine (scripts/build-wasm)']]) {
  if (!existsSync(need)) {
    console.log(`SKIPPED: ${what} is not installed (${need})`);
    process.exit(77);
  }
}
const { harness, launch } = await import('./serve.mjs');
const labsim = resolve(build, 'labsim');
const dump = resolve(build, 'labsim_engine_dump');
const scratch = mkdtempSync(join(tmpdir(), 'labsim-static-'));
const env = { ...process.env, LABSIM_WASM_DIR: resolve(wasmBuild) };
execFileSync(labsim, ['explore', 'nairr', '--baseline', 'compute-divide', '-o', join(scratch, 'site')], { env });
const url = `file://${join(scratch, 'site', 'index.html')}`;
const browser = await launch();
const { problems, check, watch, failed } = harness();

async function open(address, state = 'ready') {
  const page = watch(await browser.newPage({ viewport: { width: 1400, height: 1000 } }),
                     (u) => u.startsWith(url.split('?')[0]) || u.startsWith('data:'));
  await page.goto(address);
  await page.waitForSelector(`body[data-state=${state}]`, { state: 'attached' });
  return page;
}

function tableValues(page) {
  return page.$$eval('td[data-metric]', (cells) => cells.map((c) => [c.dataset.institution, c.dataset.metric, Number(c.dataset.year), c.dataset.value]));
}

// The native engine's bits for `labsim run nairr --set ...`: {institution/metric/year: hex}.
function nativeBits(sets) {
  const json = execFileSync(labsim, ['resolve', 'nairr', ...sets.flatMap((s) => ['--set', s])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  writeFileSync(join(scratch, 's.json'), json);
  const lines = execFileSync(dump, [join(scratch, 's.json')], { encoding: 'utf8', maxBuffer: 1 << 26 }).trimEnd().split('\n');
  const layout = JSON.parse(lines.shift());
  const bits = {};
  layout.institutions.forEach((inst, i) => {
    for (let y = 0; y < layout.years; y++)
      layout.metrics.forEach((m, j) => {
        bits[`${inst.id}/${m.name}/${layout.first_year + y}`] = lines[(i * layout.years + y) * layout.metrics.length + j];
      });
  });
  return bits;
}

function bitsOf(text) {
  return new BigUint64Array(new Float64Array([Number(text)]).buffer)[0].toString(16).padStart(16, '0');
}

const setsOf = (address) => new URL(address).searchParams.getAll('set');
let page, moved;
try {
  await check('the page opens from the disk and draws with the engine in the browser', async () => {
    page = await open(url);
    assert.equal(await page.getAttribute('body', 'data-engine'), 'wasm');
    assert.equal(await page.locator('svg path.current').count() > 5, true);
    assert.equal(await page.isVisible('#download-yaml'), false);
  });

  await check("a slider move redraws, with labsim run --set's numbers bit for bit", async () => {
    const before = await tableValues(page);
    const seq = Number(await page.getAttribute('body', 'data-seq'));
    await page.locator('div.input[data-path="institutions.institute.operations.mfu"] input[type=range]').fill('0.45');
    await page.waitForFunction((s) => Number(document.body.dataset.seq) > s && document.body.dataset.state === 'ready', seq);
    moved = page.url();
    const sets = setsOf(moved);
    assert.deepEqual(sets, ['institutions.institute.operations.mfu=45%']);
    const after = await tableValues(page);
    assert.notDeepEqual(after, before);
    const native = nativeBits(sets);
    for (const [inst, metric, year, value] of after) assert.equal(bitsOf(value), native[`${inst}/${metric}/${year}`], `${inst} ${metric} ${year}`);
  });

  await check('typed values in every form the page writes match labsim run --set', async () => {
    for (const [path, text] of [['institutions.institute.funding.nsf-institute.amount', '37.5M'],
                                ['market.industry_comp.growth', '6.5%/yr'],
                                ['institutions.institute.people.phd.count', '31']]) {
      await page.$eval(`div.input[data-path="${path}"]`, (row) => (row.closest('details').open = true));
      const box = page.locator(`div.input[data-path="${path}"] input[type=text]`);
      const seq = Number(await page.getAttribute('body', 'data-seq'));
      await box.fill(text);
      await box.press('Enter');
      await page.waitForFunction((s) => Number(document.body.dataset.seq) > s && document.body.dataset.state === 'ready', seq);
    }
    const sets = setsOf(page.url());
    assert.equal(sets.length, 4);
    const native = nativeBits(sets);
    for (const [inst, metric, year, value] of await tableValues(page))
      assert.equal(bitsOf(value), native[`${inst}/${metric}/${year}`], `${sets.join(' ')}: ${inst} ${metric} ${year}`);
  });

  await check('a copied link reopens the same state', async () => {
    const again = await open(page.url());
    assert.deepEqual(await tableValues(again), await tableValues(page));
    await again.close();
  });

  await check('a value the page cannot read is refused, naming the input', async () => {
    const box = page.locator('div.input[data-path="institutions.institute.operations.mfu"] input[type=text]');
    await box.fill('6 months');
    await box.press('Enter');
    await page.waitForSelector('body[data-state=error]', { state: 'attached' });
    assert.match(await page.textContent('#error'), /Model FLOPs utilization at the institute: expected a number, a percentage or an amount such as 40M, found "6 months"/);
  });

  await check('with --monte-carlo, the bands are labsim mc -n 2000 --seed 1 for the same sets', async () => {
    execFileSync(labsim, ['explore', 'uncertain-divide', '--monte-carlo', '-o', join(scratch, 'mc')], { env });
    // a plain input, and an uncertain one: a value set for it replaces its distribution, as --set does
    for (const set of ['institutions.institute.funding.nsf-institute.amount=30M', 'institutions.institute.operations.mfu=45%']) {
      const mcUrl = `file://${join(scratch, 'mc', 'index.html')}?set=${set}`;
      // the worker starts from the page's own bytes (a blob: URL); nothing else may be asked for
      const mcPage = watch(await browser.newPage(), (u) => /^(file|data|blob):/.test(u));
      await mcPage.goto(mcUrl);
      await mcPage.waitForFunction(() => document.body.dataset.bands && document.body.dataset.bands === document.body.dataset.seq,
                                   null, { timeout: 60000 });
      const bands = await mcPage.evaluate(() => window.labsimBands.institutions);
      assert.equal(await mcPage.locator('svg path.band').count() > 0, true);
      const csv = execFileSync(labsim, ['mc', 'uncertain-divide', '-n', '2000', '--seed', '1', '--set', set, '--metrics',
                                        'compute.h100_hours_per_researcher', '--metrics', 'compute.largest_run_flop', '--format', 'csv'],
                               { encoding: 'utf8' });
      let compared = 0;
      for (const line of csv.trim().split('\n').slice(1)) {
        const [, inst, year, metric, stat, value] = line.split(',');
        if (stat !== 'p5' && stat !== 'p95') continue;
        const page = bands[inst][metric].value[stat][Number(year) - 2024];
        // labsim mc prints four significant digits
        assert.ok(Math.abs(page - Number(value)) <= 5e-4 * Math.abs(Number(value)),
                  `${set}: ${inst} ${metric} ${year} ${stat}: page ${page}, labsim mc ${value}`);
        compared++;
      }
      assert.equal(compared, 2 * 2 * 11 * 2);
      await mcPage.close();
    }
  });

  await check('the interactive brief redraws its charts for its key inputs, in one file', async () => {
    execFileSync(labsim, ['brief', 'nairr', '--baseline', 'compute-divide', '--interactive', '-o', join(scratch, 'brief')], { env });
    const briefPage = watch(await browser.newPage(), (u) => /^(file|data|blob|about):/.test(u));
    await briefPage.goto(`file://${join(scratch, 'brief', 'brief-interactive.html')}`);
    assert.match(await briefPage.textContent('h1'), /./);  // the brief itself, above
    const frame = briefPage.frameLocator('#try-it iframe');
    await frame.locator('body[data-state=ready]').waitFor({ state: 'attached' });
    // its key inputs only: the uncertain ones and the institute's money and people
    const offered = await frame.locator('div.input').evaluateAll((rows) => rows.map((r) => r.dataset.path));
    assert.ok(offered.includes('institutions.institute.funding.nsf-institute.amount'));
    assert.ok(offered.includes('institutions.institute.operations.mfu'));
    assert.ok(!offered.includes('economy.pue'));
    const before = await frame.locator('svg path.current').evaluateAll((p) => p.map((x) => x.getAttribute('d')).join('|'));
    await frame.locator('div.input[data-path="institutions.institute.funding.nsf-institute.amount"] input[type=range]').fill('60000000');
    await frame.locator('body[data-seq="2"][data-state=ready]').waitFor({ state: 'attached' });
    const after = await frame.locator('svg path.current').evaluateAll((p) => p.map((x) => x.getAttribute('d')).join('|'));
    assert.notEqual(after, before);
    await briefPage.close();
  });

  await check('no console error and no request for anything but the page', async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed() ? `${failed()} check(s) failed` : 'all checks passed');
process.exit(failed() ? 1 : 0);
