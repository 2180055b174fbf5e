// The explorer in a real browser (issue 18): `labsim serve` on a shipped scenario, driven by
// playwright-core in Debian's chromium. Usage: node explorer.test.mjs BUILD_DIR
// Checks: the page loads with no console error and no request leaving 127.0.0.1; moving a slider
// changes the charts and the table to the values /api/run gives for the same sets; a copied URL
// reopens the same state; the YAML download run by `labsim run` gives /api/run's bytes; a bad
// typed value shows the located error and keeps the last charts; Monte Carlo bands arrive.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';

// Skipped, visibly (exit 77: CTest shows it as skipped), where the browser or the npm packages
// are missing; scripts/setup installs both.
const here = new URL('.', import.meta.url).pathname;
const chromium = process.env.LABSIM_CHROMIUM || '/usr/bin/chromium';
for (const [need, what] of [[chromium, "Debian's chromium"], [join(here, 'node_modules/playwright-core'), 'playwright-core (npm ci in tests/browser)']]) {
  if (!existsSync(need)) {
    console.log(`SKIPPED: ${what} is not installed (${need}); scripts/setup installs it`);
    process.exit(77);
  }
}
const { launch, startServer } = await import('./serve.mjs');

const build = process.argv[2] || 'build';
const labsim = join(build, 'labsim');
const server = await startServer(labsim, ['compute-divide']);
const browser = await launch();
const scratch = mkdtempSync(join(tmpdir(), 'labsim-browser-'));
const problems = [];
let failed = 0;

async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`not ok - ${name}\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
  }
}

// A page that records console errors and any request not to this server.
async function open(url) {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => !r.url().startsWith(server.url) && problems.push(`request off this machine: ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector('body[data-state=ready]');
  return page;
}

// The table's "Now" cells: {institution/metric/year: value}.
function tableValues(page) {
  return page.$$eval('td[data-metric]', (cells) =>
    Object.fromEntries(cells.map((c) => [`${c.dataset.institution}/${c.dataset.metric}/${c.dataset.year}`, Number(c.dataset.value)])));
}

function chartPaths(page) {
  return page.$$eval('svg path.current', (paths) => paths.map((p) => p.getAttribute('d')).join('|'));
}

// The set= pairs of the page's address, as `labsim run --set` takes them.
function setsOf(url) {
  return new URL(url).searchParams.getAll('set');
}

async function apiRun(sets, format) {
  const q = sets.map((s) => `&set=${encodeURIComponent(s)}`).join('');
  const res = await fetch(`${server.url}api/run?format=${format}${q}`);
  assert.equal(res.status, 200);
  return format === 'json' ? res.json() : res.text();
}

const slider = 'div.input[data-path="institutions.institute.fleet[0].count"] input[type=range]';
let page;
let movedUrl;

try {
  await check('the page loads and draws every chart and the table', async () => {
    page = await open(server.url);
    assert.equal(await page.locator('svg path.current').count() > 5, true);
    assert.equal(await page.locator('td[data-metric]').count() > 0, true);
    assert.match(await page.title(), /labsim explorer/);
  });

  await check('moving a slider redraws the charts and the table with the values of /api/run', async () => {
    const beforeTable = await tableValues(page);
    const beforeCharts = await chartPaths(page);
    const seq = Number(await page.getAttribute('body', 'data-seq'));
    await page.locator(slider).fill('200');
    await page.waitForFunction((s) => Number(document.body.dataset.seq) > s && document.body.dataset.state === 'ready', seq);
    movedUrl = page.url();
    const sets = setsOf(movedUrl);
    assert.deepEqual(sets, ['institutions.institute.fleet[0].count=200']);
    const after = await tableValues(page);
    assert.notDeepEqual(after, beforeTable);
    assert.notEqual(await chartPaths(page), beforeCharts);
    const run = await apiRun(sets, 'json');
    const k = (year) => run.years.indexOf(year);
    for (const [key, value] of Object.entries(after)) {
      const [inst, metric, year] = key.split('/');
      assert.equal(value, run.institutions[inst].metrics[metric].values[k(Number(year))], key);
    }
    // and the command line agrees with the API
    const cli = execFileSync(labsim, ['run', 'compute-divide', '--format', 'csv', ...sets.flatMap((s) => ['--set', s])],
                             { encoding: 'utf8' });
    assert.equal(cli, await apiRun(sets, 'csv'));
  });

  await check('Monte Carlo bands arrive after the move', async () => {
    // the bands of this move, not the first view's
    await page.waitForFunction(() => document.body.dataset.bands === document.body.dataset.seq);
    assert.equal(await page.locator('svg path.band').count() > 0, true);
  });

  await check('a copied URL reopens the same state', async () => {
    const again = await open(movedUrl);
    assert.deepEqual(await tableValues(again), await tableValues(page));
    assert.equal(await again.inputValue(slider), await page.inputValue(slider));
    assert.equal(await again.locator('div.input.changed').count(), 1);
    await again.context().close();
  });

  await check('the YAML download reproduces the numbers through labsim run', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-yaml')]);
    const file = join(scratch, 'explorer.yaml');
    await download.saveAs(file);
    const csv = execFileSync(labsim, ['run', file, '--format', 'csv'], { encoding: 'utf8' });
    assert.equal(csv, await apiRun(setsOf(movedUrl), 'csv'));
  });

  await check('a bad typed value shows the located error and keeps the last charts', async () => {
    const charts = await chartPaths(page);
    const seen = problems.length;
    await page.click('details[data-group=economy] summary');
    const text = page.locator('div.input[data-path="economy.pue"] input[type=text]');
    await text.fill('lots');
    await text.press('Enter');
    await page.waitForSelector('body[data-state=error]');
    const message = await page.textContent('#error');
    assert.match(message, /--set #\d+:1:\d+: error: economy\.pue: /);
    assert.equal(await page.locator('div.input.invalid[data-path="economy.pue"]').count(), 1);
    assert.equal(await chartPaths(page), charts);
    await page.click('div.input[data-path="economy.pue"] button.revert');
    await page.waitForSelector('body[data-state=ready]');
    // the browser logs the two refused requests (run and compare): expected here, and only here
    const logged = problems.splice(seen);
    assert.deepEqual(logged.filter((p) => !/status of 400/.test(p)), []);
    assert.equal(logged.length <= 2, true, logged.join('\n'));
  });

  await check('the CSV and PDF links answer with the current state', async () => {
    const csv = await page.getAttribute('#download-csv', 'href');
    const pdf = await page.getAttribute('#download-pdf', 'href');
    assert.equal(await (await fetch(server.url + csv)).text(), await apiRun(setsOf(movedUrl), 'csv'));
    const res = await fetch(server.url + pdf);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString(), '%PDF-');
  });

  await check('no console error and no request left 127.0.0.1', async () => {
    assert.deepEqual(problems, []);
  });
} finally {
  await browser.close();
  server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed ? `${failed} check(s) failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
