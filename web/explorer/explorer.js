// The labsim explorer (labsim serve). The inputs come from /api/inputs; each move asks /api/run and
// /api/compare for the current state and redraws at once (the latest move wins: older requests are
// cancelled), then Monte Carlo bands follow from /api/mc. The URL holds the state as set= pairs,
// the same pairs `labsim run SCENARIO --set ...` takes. The page uses only the API.

const SAMPLES = 2000;
const BAND_METRICS = ['compute.h100_hours_per_researcher', 'compute.largest_run_flop'];
const COMPARE_METRICS = [
  'compute.h100_hours_per_researcher', 'compute.largest_run_flop', 'compute.frontier_flop', 'budget.revenue',
  'budget.personnel_spend', 'budget.compute_capex', 'budget.compute_opex', 'budget.cloud_spend', 'budget.indirect',
  'talent.headcount', 'talent.departures_to_industry', 'output.notable_models', 'compute.h100_hours',
  'compute.allocations_unserved_h100_hours', 'talent.posts_cut',
];
// The table's rows by kind of institution: what the kind has (an industry lab loses no one to
// industry; a national resource has no researchers of its own).
const TABLE_ROWS = {
  university: [
    ['compute.h100_hours_per_researcher', 'H100-hours per researcher'],
    ['compute.largest_run_flop', 'Largest training run (FLOP)'],
    ['talent.headcount', 'Researchers (headcount)'],
    ['talent.departures_to_industry', 'Moves to industry this year'],
    ['output.notable_models', 'Notable models (expected)'],
    ['budget.revenue', 'Money paid in ($)'],
  ],
  industry: [
    ['compute.h100_hours_per_researcher', 'H100-hours per researcher'],
    ['compute.largest_run_flop', 'Largest training run (FLOP)'],
    ['talent.headcount', 'Researchers (headcount)'],
    ['output.notable_models', 'Notable models (expected)'],
    ['budget.revenue', 'Money paid in ($)'],
  ],
  national_resource: [
    ['compute.h100_hours', 'H100-hours delivered'],
    ['compute.allocations_unserved_h100_hours', 'Granted hours it could not deliver'],
    ['budget.revenue', 'Money paid in ($)'],
  ],
};
const COLORS = ['#1f5fa8', '#c8553d', '#2a9d8f', '#8d6cab', '#e9a13b', '#6b8e23'];
const SECTION_TITLES = {
  economy: 'Economy', hardware: 'Hardware', 'hardware.catalog': 'GPU catalog', market: 'Labour market',
  talent: 'Talent model', training: 'Training', output: 'Research output', scenario: 'Scenario',
};

const state = {
  inputs: [],           // from /api/inputs
  byPath: new Map(),    // path -> input
  sets: new Map(),      // path -> value as sent in set= (only inputs that differ from the scenario)
  goodSets: new Map(),  // the sets of the last state the server accepted
  uncertain: false,     // any input with a distribution: Monte Carlo bands are drawn
  run: null,            // /api/run JSON of the current state
  compare: null,        // /api/compare JSON of the current state
  bands: null,          // /api/mc JSON of the current state, or null while it loads
  year: null,
  yearPicked: false,    // the reader chose the table's year (else: the year the policy changes most)
  seq: 0,               // the latest move; answers to older ones are dropped
  runCtl: null,
  mcCtl: null,
  scenario: '',
};

// Timings of each move for the benchmark script: {move, fetched (answers in), drawn, bands} in
// performance.now() ms.
const timings = [];
window.labsimTimings = timings;

// ---------------------------------------------------------------- numbers

const SUPERSCRIPT = {'-': '⁻', 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹'};

function trim(text) {
  return text.includes('e') || !text.includes('.') ? text : text.replace(/0+$/, '').replace(/\.$/, '');
}

// 3 significant digits with k, M, B, T: 1.23M.
function compact(v) {
  const a = Math.abs(v);
  if (a >= 1e15) return scientific(v);
  for (const [scale, suffix] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']])
    if (a >= scale) return trim((v / scale).toPrecision(3)) + suffix;
  if (a === 0) return '0';
  return trim(v.toPrecision(3));
}

// 1.2×10²⁴
function scientific(v) {
  if (v === 0) return '0';
  const exp = Math.floor(Math.log10(Math.abs(v)));
  const mant = trim((v / 10 ** exp).toPrecision(2));
  const sup = String(exp).split('').map((c) => SUPERSCRIPT[c]).join('');
  return (mant === '1' ? '' : mant + '×') + '10' + sup;
}

function formatValue(v, unit) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  if (unit === 'flop') return scientific(v);
  if (unit === 'usd') return (v < 0 ? '-$' : '$') + compact(Math.abs(v));
  return compact(v);
}

const digits4 = (v) => trim(Number(v.toPrecision(4)).toString());

// A value as set= writes it and labsim reads it: shares as 64%, rates and growth as 4%/yr, money
// and counts with k/M/B, anything else in plain digits.
function setText(v, input) {
  const q = input.quantity;
  if (q === 'a share' || q === 'a percentage') return digits4(v * 100) + '%';
  if (q === 'a rate per year') return digits4(v * 100) + '%/yr';
  if (input.suffix === 'x/yr') return digits4((v - 1) * 100) + '%/yr';
  if (q === 'a count') v = Math.round(v);
  if ((q === 'an amount of money' || q === 'a count') && Math.abs(v) >= 1e4) {
    for (const [scale, suffix] of [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']])
      if (Math.abs(v) >= scale) return digits4(v / scale) + suffix;
  }
  return digits4(v) + input.suffix;
}

// The number a written value stands for, in the slider's units; NaN when it is not one the page
// can read (labsim itself reads more, and says so when it cannot).
function numberOf(text, input) {
  const t = String(text).trim();
  let m = t.match(/^(-?\d*\.?\d+)\s*%(\/yr)?$/);
  if (m) return input.suffix === 'x/yr' ? 1 + Number(m[1]) / 100 : Number(m[1]) / 100;
  if ((m = t.match(/^(-?\d*\.?\d+)x\/yr$/))) return Number(m[1]);
  // A bare number in a growth box is ambiguous (4 = 4%/yr or x4?): labsim refuses it, and so does the page.
  if (input.suffix === 'x/yr') return NaN;
  if ((m = t.match(/^\$?(-?\d*\.?\d+)([kMBT]?)(\/yr)?$/))) return Number(m[1]) * {'': 1, k: 1e3, M: 1e6, B: 1e9, T: 1e12}[m[2]];
  return NaN;
}

// ---------------------------------------------------------------- requests

class ApiError extends Error {
  constructor(status, errors) {
    super(errors.map(describeError).join('\n'));
    this.status = status;
    this.errors = errors;
  }
}

function describeError(d) {
  const where = d.file ? `${d.file}:${d.line}:${d.column}: ` : '';
  const path = d.path ? `${d.path}: ` : '';
  return `${where}error: ${path}${d.message}${d.hint ? `\nhint: ${d.hint}` : ''}`;
}

async function getJson(url, ctl) {
  const res = await fetch(url, {signal: ctl ? ctl.signal : undefined});
  const body = await res.json().catch(() => ({errors: [{message: `${res.status} ${res.statusText}`}]}));
  if (!res.ok) throw new ApiError(res.status, body.errors || []);
  return body;
}

// "&set=PATH=VALUE..." for the current state (the value %-encoded, the path readable).
function setsQuery() {
  let q = '';
  for (const [path, value] of state.sets) q += `&set=${encodeURIComponent(path)}=${encodeURIComponent(value)}`;
  return q;
}

// ---------------------------------------------------------------- engines
// The page asks one of two engines: labsim serve's API, or labsim's engine compiled to
// WebAssembly and embedded in the page (labsim explore writes such a page, with the scenario
// resolved to JSON and, for each input, where its number lives in that JSON).

function serverEngine() {
  return {
    kind: 'server',
    inputs: () => getJson('api/inputs'),
    run: (sets, q, ctl) => getJson('api/run?format=json' + q, ctl),
    compare: (sets, q, ctl) => getJson(`api/compare?format=json&metrics=${COMPARE_METRICS.join(',')}` + q, ctl),
    mc: (sets, q, ctl) => getJson(`api/mc?n=${SAMPLES}&metrics=${BAND_METRICS.join(',')}` + q, ctl),
  };
}

function base64Bytes(text) {
  const raw = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function wasmEngine(data) {
  const module = await window.createLabsimEngine({wasmBinary: base64Bytes(document.getElementById('labsim-wasm').textContent)});
  // One run of a resolved scenario (an object), as labsim run --format json shapes its answer.
  const runScenario = (scenario) => {
    const json = JSON.stringify(scenario);
    const size = module.lengthBytesUTF8(json) + 1;
    const at = module._malloc(size);
    module.stringToUTF8(json, at, size);
    const status = module._labsim_run_json(at, size - 1);
    module._free(at);
    if (status !== 0) throw new ApiError(400, [{message: module.UTF8ToString(module._labsim_error())}]);
    const layout = JSON.parse(module.UTF8ToString(module._labsim_layout()));
    const start = module._labsim_values() / 8;
    const values = module.HEAPF64.slice(start, start + module._labsim_values_count());
    const years = Array.from({length: layout.years}, (_, k) => layout.first_year + k);
    const institutions = {};
    layout.institutions.forEach((inst, i) => {
      const metrics = {};
      layout.metrics.forEach((m, j) => {
        metrics[m.name] = {unit: m.unit, values: years.map((_, y) => values[(i * layout.years + y) * layout.metrics.length + j])};
      });
      institutions[inst.id] = {name: inst.name, short_name: inst.short_name, kind: inst.kind, metrics};
    });
    return {years, scenario: {scenario: {name: scenario.name, title: scenario.title}}, institutions};
  };
  // The scenario with the sets: each number where the input's own number lives (written value x
  // scale, rounded down for whole numbers), and the numbers that follow it (salary growth left to
  // follow inflation: 1 + the rate), as labsim's own binding writes them.
  const withSets = (sets) => {
    const scenario = structuredClone(data.scenario);
    const problems = [];
    for (const [path, text] of sets) {
      const input = data.inputs.inputs.find((i) => i.path === path);
      const where = data.pointers[path];
      const v = input ? numberOf(text, input) : NaN;
      if (!input || !where) {
        problems.push({path, message: 'this page cannot change this input (labsim run --set can)'});
      } else if (!Number.isFinite(v)) {
        const bare = /^-?\d*\.?\d+$/.test(text.trim());
        problems.push({path, message: input.suffix === 'x/yr'
                         ? `expected a growth such as 4%/yr or 1.04x/yr, found "${text}"`
                         : `expected a number, a percentage or an amount such as 40M, found "${text}"`,
                       hint: input.suffix === 'x/yr' && bare ? `did you mean ${text.trim()}%/yr?`
                           : 'units such as "6 months" need labsim run --set'});
      } else if ((input.lower !== null && v < input.lower) || (input.upper !== null && v > input.upper)) {
        const share = ['a share', 'a percentage', 'a rate per year'].includes(input.quantity) && /^\d*\.?\d+$/.test(text.trim());
        problems.push({path, message: `expected a value from ${setText(input.lower, input)} to ${setText(input.upper, input)}, found "${text}"`,
                       hint: share ? `did you mean ${text.trim()}%?` : ''});
      } else {
        const stored = v * where.scale;
        setPointer(scenario, where.pointer, where.whole ? Math.floor(stored) : stored);
        for (const follower of where.followers) setPointer(scenario, follower, 1 + v);
      }
    }
    if (problems.length) throw new ApiError(400, problems);
    // A value set for an uncertain input replaces its distribution, as --set does: not sampled.
    const fixed = new Set([...sets.keys()].map((path) => path.replace(/\[(\d+)\]/g, '.$1')));
    scenario.uncertain = scenario.uncertain.filter((u) => !fixed.has(u.path.replace(/\[(\d+)\]/g, '.$1')));
    return scenario;
  };
  // What the engine does not read is left out of what is handed to it at every move.
  for (const scenario of [data.scenario, data.baseline]) {
    if (!scenario) continue;
    scenario.tree = null;
    scenario.assumptions = [];
  }
  // run() and compare() of one move share one engine run.
  let last = {key: null, result: null};
  const runSets = (sets) => {
    const key = JSON.stringify([...sets]);
    if (last.key !== key) last = {key, result: runScenario(withSets(sets))};
    return last.result;
  };
  const baseline = runScenario(data.baseline || data.scenario);
  const baselineName = (data.baseline || data.scenario).name;
  const mc = monteCarloWorker(withSets);
  return {
    kind: 'wasm',
    inputs: async () => ({...data.inputs, keys: data.keys, sets: data.sets}),
    run: async (sets) => runSets(sets),
    compare: async (sets) => {
      const now = runSets(sets);
      const institutions = {};
      for (const [id, inst] of Object.entries(now.institutions)) {
        const base = baseline.institutions[id];
        if (!base) continue;
        institutions[id] = {};
        for (const metric of COMPARE_METRICS) {
          const b = base.metrics[metric].values, p = inst.metrics[metric].values;
          institutions[id][metric] = {baseline: {value: b}, policy: {value: p}, difference: {value: p.map((v, k) => v - b[k])}};
        }
      }
      return {scenario: `${now.scenario.scenario.name} vs ${baselineName}`, institutions};
    },
    mc,  // null unless the page carries the Monte Carlo module (labsim explore --monte-carlo)
  };
}

// Monte Carlo in a Web Worker with its own module (labsim_engine_mc: the sampler, the
// distributions and the summaries of labsim mc), started from the page's own bytes: a page opened
// from the disk may not fetch a script or a module. The worker runs the latest request only.
function monteCarloWorker(withSets) {
  const glue = document.getElementById('labsim-mc-js');
  const bytes = document.getElementById('labsim-mc-wasm');
  if (!glue || !bytes) return null;
  const code = glue.textContent + `
    let engine = null, pending = null, running = false;
    const text = (s) => { const n = engine.lengthBytesUTF8(s) + 1, at = engine._malloc(n); engine.stringToUTF8(s, at, n); return [at, n - 1]; };
    async function work() {
      if (running) return;
      running = true;
      engine = engine || await createLabsimEngine({wasmBinary: self.wasmBytes});
      while (pending) {
        const job = pending;
        pending = null;
        const [json, size] = text(job.json), [metrics] = text(job.metrics);
        const status = engine._labsim_mc_json(json, size, job.samples, job.seed, metrics);
        engine._free(json);
        engine._free(metrics);
        if (status !== 0) {
          postMessage({id: job.id, error: engine.UTF8ToString(engine._labsim_error())});
        } else {
          const start = engine._labsim_mc_values() / 8;
          postMessage({id: job.id, layout: engine.UTF8ToString(engine._labsim_mc_layout()),
                       values: engine.HEAPF64.slice(start, start + engine._labsim_mc_values_count())});
        }
        await new Promise((resolve) => setTimeout(resolve, 0));  // let newer requests arrive
      }
      running = false;
    }
    onmessage = (e) => {
      if (e.data.bytes) { self.wasmBytes = e.data.bytes; return; }
      if (pending) postMessage({id: pending.id, skipped: true});
      pending = e.data;
      work();
    };`;
  const worker = new Worker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'})));
  worker.postMessage({bytes: base64Bytes(bytes.textContent)});
  const waiting = new Map();
  worker.onmessage = (e) => {
    const done = waiting.get(e.data.id);
    if (!done) return;
    waiting.delete(e.data.id);
    if (e.data.skipped) return done.reject(Object.assign(new Error('superseded'), {name: 'AbortError'}));
    if (e.data.error) return done.reject(new ApiError(400, [{message: e.data.error}]));
    // The shape of /api/mc's JSON, for the bands: institutions[id][metric].value.{mean, p5, ..., p95}.
    const layout = JSON.parse(e.data.layout);
    const institutions = {};
    layout.institutions.forEach((id, i) => {
      institutions[id] = {};
      layout.metrics.forEach((metric, m) => {
        const value = {};
        layout.stats.forEach((stat, k) => {
          value[stat] = Array.from({length: layout.years}, (_, y) => e.data.values[((i * layout.metrics.length + m) * layout.years + y) * 6 + k]);
        });
        institutions[id][metric] = {value};
      });
    });
    done.resolve({samples: layout.samples, institutions});
  };
  let next = 0;
  return (sets) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, {resolve, reject});
    worker.postMessage({id, json: JSON.stringify(withSets(sets)), samples: SAMPLES, seed: 1, metrics: BAND_METRICS.join(',')});
  });
}

// Sets the number at a JSON pointer ("/institutions/0/funding/1/amount_usd").
function setPointer(object, pointer, value) {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let at = object;
  for (const key of keys.slice(0, -1)) at = at[key];
  at[keys.at(-1)] = value;
}

let engine = null;

// ---------------------------------------------------------------- inputs

function groupOf(input) {
  if (input.institution) return 'institution:' + input.institution;
  if (input.path.startsWith('hardware.catalog.')) return 'hardware.catalog';
  return input.path.split('.')[0];
}

function sliderRange(input) {
  const v = input.value;
  const lower = input.lower ?? -Infinity;
  const upper = input.upper ?? Infinity;
  if (input.suffix === 'x/yr') return [Math.max(lower, Math.min(0.9, v * 0.9)), Math.min(upper, Math.max(1.3, v * 1.2))];
  let span = Math.abs(v);
  if (span === 0) span = input.quantity === 'an amount of money' ? 1e6 : input.quantity === 'a count' ? 100 : 1;
  // A weight or a number of one sign keeps it: the slider does not cross zero.
  const lo = v > 0 ? Math.max(lower, 0) : lower, hi = v < 0 ? Math.min(upper, 0) : upper;
  return [Math.max(lo, v - 3 * span), Math.min(hi, v + 3 * span)];
}

function buildInputs() {
  const aside = document.getElementById('inputs');
  const groups = new Map();
  for (const input of state.inputs) {
    const key = groupOf(input);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(input);
  }
  const keys = [...groups.keys()].sort((a, b) => Number(b.startsWith('institution:')) - Number(a.startsWith('institution:')));
  let n = 0;
  for (const key of keys) {
    const details = document.createElement('details');
    details.dataset.group = key;
    details.open = key.startsWith('institution:');
    const summary = document.createElement('summary');
    summary.textContent = key.startsWith('institution:') ? key.slice(12) : SECTION_TITLES[key] || key;
    details.append(summary);
    for (const input of groups.get(key)) details.append(inputRow(input, n++));
    aside.append(details);
  }
}

// The input's label in plain words, with the role or group a people entry's inputs share.
function labelOf(input) {
  const words = input.label.replace(/`/g, '');
  const group = input.path.match(/\.people\.([^.]+)\./);
  const role = group && ({phd: 'PhD students', postdoc: 'Postdocs', faculty: 'Faculty', research_scientist: 'Research scientists',
                           engineer: 'Engineers'}[group[1]] || group[1].replace(/_/g, ' '));
  const text = group ? `${role}: ${words}` : words;
  return text[0].toUpperCase() + text.slice(1);
}

function inputRow(input, n) {
  const row = document.createElement('div');
  row.className = 'input';
  row.dataset.path = input.path;
  const [lo, hi] = sliderRange(input);
  const label = document.createElement('label');
  label.htmlFor = `slider-${n}`;
  label.textContent = labelOf(input);
  label.title = input.path + (input.distribution ? `\nuncertain: ${input.distribution}` : '');
  const line = document.createElement('div');
  line.className = 'row';
  const slider = document.createElement('input');
  // a round step (1, 2 or 5 times a power of ten, about 1/200 of the range): values read as written
  const raw = (hi - lo) / 200 || 1, decade = 10 ** Math.floor(Math.log10(raw));
  const step = input.quantity === 'a count' ? Math.max(1, Math.round(raw)) : [1, 2, 5, 10].map((k) => k * decade).find((k) => k >= raw);
  Object.assign(slider, {type: 'range', id: `slider-${n}`, min: lo, max: hi, step});
  slider.value = input.value;
  const text = document.createElement('input');
  Object.assign(text, {type: 'text', value: setText(input.value, input), spellcheck: false});
  text.setAttribute('aria-label', `${input.label} (typed)`);
  const unit = document.createElement('span');
  unit.className = 'unit';
  unit.textContent = input.quantity.replace(/^an? /, '') + (input.distribution ? ' · uncertain' : '');
  const revert = document.createElement('button');
  Object.assign(revert, {type: 'button', className: 'revert', textContent: '↺', title: "Back to the scenario's value", hidden: true});
  line.append(slider, text, unit, revert);
  row.append(label, line);

  slider.addEventListener('input', () => {
    const value = setText(Number(slider.value), input);
    text.value = value;
    move(input.path, value);
  });
  text.addEventListener('change', () => {
    const value = text.value.trim();
    const number = numberOf(value, input);
    if (value !== '' && Number.isFinite(number)) slider.value = number;
    move(input.path, value === '' ? null : value);
  });
  revert.addEventListener('click', () => move(input.path, null));
  input.row = {row, slider, text, revert};
  return row;
}

// Shows `value` (or the scenario's, when null) in the input's controls.
function showInput(input, value) {
  const {row, slider, text, revert} = input.row;
  const changed = value !== null && value !== undefined;
  text.value = changed ? value : setText(input.value, input);
  const number = numberOf(text.value, input);
  slider.value = changed && Number.isFinite(number) ? number : input.value;
  row.classList.toggle('changed', changed);
  row.classList.remove('invalid');
  revert.hidden = !changed;
}

function move(path, value) {
  const when = performance.now();
  const input = state.byPath.get(path);
  if (value === null || (input && value === setText(input.value, input))) state.sets.delete(path);
  else state.sets.set(path, value);
  if (input) showInput(input, state.sets.get(path) ?? null);
  refresh(when);
}

// ---------------------------------------------------------------- the state in the URL and links

function writeUrl(q) {
  let search = q.replace(/^&/, '?');
  // the table's year, once shown, is part of the view a copied link reopens
  if ((state.yearPicked || state.yearShown) && state.year !== null) search += `${search ? '&' : '?'}year=${state.year}`;
  try {
    history.replaceState(null, '', location.pathname + search);
  } catch {
    // a page inside another (the interactive brief's frame) has no address of its own to write
  }
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const pair of params.getAll('set')) {
    const eq = pair.indexOf('=');
    if (eq > 0) state.sets.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  if (params.has('year')) {
    state.year = Number(params.get('year'));
    state.yearPicked = true;
  }
}

function shellWord(text) {
  return /^[A-Za-z0-9_.,:/%=+@\[\]-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function updateLinks(q) {
  const name = state.scenario.replace(/^.*\//, '').replace(/\.yaml$/, '') || 'scenario';
  const yaml = document.getElementById('download-yaml');
  yaml.href = 'api/overlay?' + q.slice(1);
  yaml.download = `${name}-explorer.yaml`;
  const csv = document.getElementById('download-csv');
  csv.href = 'api/run?format=csv' + q;
  csv.download = `${name}-explorer.csv`;
  const pdf = document.getElementById('download-pdf');
  pdf.href = 'api/brief?' + q.slice(1);
  pdf.download = `${name}-explorer-brief.pdf`;
  let command = `labsim run ${shellWord(state.scenario)}`;
  for (const [path, value] of state.sets) command += ` --set ${shellWord(`${path}=${value}`)}`;
  document.getElementById('command').textContent = command;
}

// ---------------------------------------------------------------- refresh

// The error box: each problem in plain words (the input's label), then labsim's located message;
// the input it names is marked, its group opened and scrolled into view.
function showError(error) {
  const box = document.getElementById('error');
  const lines = [];
  let first = null;
  for (const d of error.errors || []) {
    const input = state.byPath.get(String(d.path || '').replace(/\.(\d+)(?=\.|$)/g, '[$1]'));
    if (input) {
      input.row.row.classList.add('invalid');
      input.row.row.closest('details').open = true;
      first ??= input;
      lines.push(`${labelOf(input)}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`);
    }
  }
  box.textContent = (lines.length ? lines.join('\n') + '\n\n' : '') + error.message;
  box.hidden = false;
  first?.row.row.scrollIntoView({block: 'nearest'});
}

function clearError() {
  document.getElementById('error').hidden = true;
}

function status(text) {
  document.getElementById('status').textContent = text;
}

// Asks for the current state and redraws. A refused state leaves the charts, the URL, the links
// and the command at the last valid one: the refused values are dropped from the state (their
// boxes still show them, marked) so that the next move is not refused for them again.
async function refresh(moveTime = performance.now(), keepError = false) {
  const seq = ++state.seq;
  state.runCtl?.abort();
  state.mcCtl?.abort();
  const ctl = (state.runCtl = new AbortController());
  const q = setsQuery();
  document.body.dataset.state = 'loading';
  try {
    const [run, compare] = await Promise.all([engine.run(state.sets, q, ctl), engine.compare(state.sets, q, ctl)]);
    if (seq !== state.seq) return;
    const fetched = performance.now();
    state.run = run;
    state.compare = compare;
    state.bands = null;
    state.goodSets = new Map(state.sets);
    if (!keepError) {
      clearError();
      // a box still showing a refused value shows what was run instead
      for (const row of document.querySelectorAll('div.input.invalid')) {
        const input = state.byPath.get(row.dataset.path);
        if (input) showInput(input, state.sets.get(input.path) ?? null);
      }
    }
    updateLinks(q);
    draw();
    writeUrl(q);  // after drawing: the table's year is chosen there
    const entry = {seq, move: moveTime, fetched, drawn: performance.now(), bands: null};
    timings.push(entry);
    document.body.dataset.state = 'ready';
    document.body.dataset.seq = String(seq);
    status(state.uncertain ? 'Drawn; Monte Carlo bands loading…' : 'Drawn.');
    if (state.uncertain) loadBands(seq, q, entry);
  } catch (error) {
    if (error.name === 'AbortError' || seq !== state.seq) return;
    showError(error);
    if (!state.run) {
      // Nothing drawn yet (a link with a refused value): draw the link's other values without it.
      const refused = new Set((error.errors || []).map((d) => String(d.path || '').replace(/\.(\d+)(?=\.|$)/g, '[$1]')));
      const kept = new Map([...state.sets].filter(([path]) => !refused.has(path)));
      if (kept.size === state.sets.size) return;  // the scenario itself is refused: nothing to fall back on
      state.sets = kept;
      status('A value in the link was not valid: showing the rest of the link without it.');
      await refresh(moveTime, true);
      document.body.dataset.state = 'error';
      return;
    }
    state.sets = new Map(state.goodSets);
    document.body.dataset.state = 'error';
    status('That value was not valid: the charts, the link and the downloads show the last valid state.');
  }
}

async function loadBands(seq, q, entry, attempt = 0) {
  const ctl = (state.mcCtl = new AbortController());
  try {
    const mc = await engine.mc(state.sets, q, ctl);
    if (seq !== state.seq) return;
    state.bands = mc;
    window.labsimBands = mc;  // for the tests and the benchmark
    draw();
    entry.bands = performance.now();
    document.body.dataset.bands = String(seq);
    status(`Drawn with the spread of ${SAMPLES.toLocaleString('en-US')} Monte Carlo samples.`);
  } catch (error) {
    if (error.name === 'AbortError' || seq !== state.seq) return;
    if (error.status === 503 && attempt < 20) setTimeout(() => seq === state.seq && loadBands(seq, q, entry, attempt + 1), 100);
    else status(`Monte Carlo bands unavailable: ${error.message}`);
  }
}

// ---------------------------------------------------------------- data

function institutions() {
  return Object.entries(state.run.institutions).map(([id, inst], i) => ({id, ...inst, color: COLORS[i % COLORS.length]}));
}

function focal() {
  const all = institutions();
  return all.find((i) => i.kind === 'university') || all[0];
}

function values(id, metric) {
  return state.run.institutions[id]?.metrics[metric]?.values || [];
}

function compared(id, metric, column) {
  const m = state.compare?.institutions?.[id]?.[metric];
  return m && m[column] ? m[column].value : null;
}

function band(id, metric) {
  const m = state.bands?.institutions?.[id]?.[metric]?.value;
  return m ? {lo: m.p5, hi: m.p95} : null;
}

function baselineName() {
  const name = state.compare?.scenario || '';
  const vs = name.lastIndexOf(' vs ');
  return vs >= 0 ? name.slice(vs + 4) : name;
}

// ---------------------------------------------------------------- charts

const W = 440, H = 250, M = {l: 58, r: 12, t: 10, b: 30};

function niceTicks(lo, hi) {
  const span = hi - lo || Math.abs(hi) || 1;
  const step = 10 ** Math.floor(Math.log10(span / 4));
  const unit = [1, 2, 5, 10].map((k) => k * step).find((s) => span / s <= 6) || step * 10;
  const ticks = [];
  for (let t = Math.ceil(lo / unit) * unit; t <= hi + unit * 1e-9; t += unit) ticks.push(Math.abs(t) < unit * 1e-9 ? 0 : t);
  return ticks;
}

function escapeText(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;'})[c]);
}

// series: [{name, color, values, baseline (values or null), band ({lo, hi} or null), width}]
function drawChart(svg, years, series, {log = false, unit = '', zero = false} = {}) {
  const plotH = H - M.t - M.b - 14 * Math.ceil(series.length / 2);
  const usable = (v) => v !== null && v !== undefined && Number.isFinite(v) && (!log || v > 0);
  const all = [];
  for (const s of series)
    for (const list of [s.values, s.baseline, s.band?.lo, s.band?.hi]) if (list) for (const v of list) if (usable(v)) all.push(v);
  if (zero) all.push(0);
  let lo = Math.min(...all), hi = Math.max(...all);
  if (!all.length) [lo, hi] = log ? [1, 10] : [0, 1];
  const f = log ? Math.log10 : (v) => v;
  let flo = f(lo), fhi = f(hi);
  if (log) [flo, fhi] = [Math.floor(flo), Math.ceil(fhi)];
  if (fhi === flo) [flo, fhi] = [flo - 1, fhi + 1];
  if (!log && !zero && lo >= 0 && lo < (hi - lo) * 0.5) flo = 0;
  const x = (i) => M.l + (years.length > 1 ? (i / (years.length - 1)) * (W - M.l - M.r) : 0);
  const y = (v) => M.t + plotH - ((f(v) - flo) / (fhi - flo)) * plotH;
  const out = [];
  const ticks = log ? Array.from({length: fhi - flo + 1}, (_, k) => 10 ** (flo + k)).filter((_, k, a) => a.length <= 7 || k % 2 === 0)
                    : niceTicks(flo, fhi);
  for (const t of ticks) {
    out.push(`<line class="grid" x1="${M.l}" x2="${W - M.r}" y1="${y(t)}" y2="${y(t)}"/>`);
    out.push(`<text x="${M.l - 4}" y="${y(t) + 3}" text-anchor="end">${escapeText(formatValue(t, unit))}</text>`);
  }
  years.forEach((yr, i) => {
    if (years.length <= 12 || i % 2 === 0) out.push(`<text x="${x(i)}" y="${M.t + plotH + 12}" text-anchor="middle">${yr}</text>`);
  });
  out.push(`<line class="axis" x1="${M.l}" x2="${M.l}" y1="${M.t}" y2="${M.t + plotH}"/>`);
  out.push(`<line class="axis" x1="${M.l}" x2="${W - M.r}" y1="${M.t + plotH}" y2="${M.t + plotH}"/>`);
  const path = (list) => {
    let d = '', pen = false;
    list.forEach((v, i) => {
      if (!usable(v)) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  for (const s of series) {
    if (s.band) {
      const pts = [];
      s.band.hi.forEach((v, i) => usable(v) && usable(s.band.lo[i]) && pts.push([i, v]));
      const back = [];
      s.band.lo.forEach((v, i) => usable(v) && usable(s.band.hi[i]) && back.unshift([i, v]));
      if (pts.length) out.push(`<path class="band" fill="${s.color}" d="M${[...pts, ...back].map(([i, v]) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('L')}Z"/>`);
    }
    if (s.baseline) out.push(`<path class="baseline" fill="none" stroke="${s.color}" stroke-width="1.5" d="${path(s.baseline)}"/>`);
  }
  for (const s of series)
    out.push(`<path class="current" data-name="${escapeText(s.name)}" fill="none" stroke="${s.color}" stroke-width="${s.width || 2}" d="${path(s.values)}"/>`);
  series.forEach((s, k) => {
    const lx = M.l + (k % 2) * ((W - M.l) / 2), ly = M.t + plotH + 26 + 14 * Math.floor(k / 2);
    out.push(`<g class="legend"><line x1="${lx}" x2="${lx + 14}" y1="${ly - 3}" y2="${ly - 3}" stroke="${s.color}" stroke-width="2"/>` +
             `<text x="${lx + 18}" y="${ly}">${escapeText(s.name)}</text></g>`);
  });
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.innerHTML = out.join('');
}

// What ran short of money, in words: cut posts, unfunded commitments, GPUs retired early or idle.
function drawWarnings() {
  const sum = (id, metric) => values(id, metric).reduce((a, v) => a + v, 0);
  const yearsOf = (id, metrics) => state.run.years.filter((_, k) => metrics.some((m) => values(id, m)[k] > 1e-9));
  const span = (ys) => (ys.length === 1 ? `${ys[0]}` : `${ys[0]}–${ys.at(-1)}`);
  const lines = [];
  for (const inst of institutions()) {
    const parts = [];
    const cut = sum(inst.id, 'talent.posts_cut');
    if (cut > 0.05) parts.push(`cut ${compact(cut)} posts`);
    const unfunded = sum(inst.id, 'budget.unfunded');
    if (unfunded > 0.5) parts.push(`left ${formatValue(unfunded, 'usd')} of commitments unfunded`);
    const retired = sum(inst.id, 'fleet.gpus_retired_early');
    if (retired > 0.5) parts.push(`retired ${compact(retired)} GPUs early`);
    const idle = Math.max(0, ...values(inst.id, 'fleet.gpus_idle'));
    if (idle > 0.5) parts.push(`kept up to ${compact(idle)} GPUs idle`);
    const ys = yearsOf(inst.id, ['talent.posts_cut', 'budget.unfunded', 'fleet.gpus_retired_early', 'fleet.gpus_idle']);
    if (parts.length) lines.push(`${inst.name}: ran short of money in ${span(ys)}: ${parts.join(', ')}.`);
  }
  const box = document.getElementById('warnings');
  box.textContent = lines.join('\n');
  box.hidden = !lines.length;
}

// The year the table opens on: where the policy changes the focal institution's compute per
// researcher most, or the last year when nothing changes; a year the reader picked stays.
function tableYear() {
  const years = state.run.years;
  if ((state.yearPicked || state.yearShown) && years.includes(state.year)) return state.year;
  state.yearShown = true;  // the first view's choice stays while inputs move
  const diff = compared(focal().id, 'compute.h100_hours_per_researcher', 'difference') || [];
  let best = years.length - 1;
  diff.forEach((d, k) => Math.abs(d) > Math.abs(diff[best] ?? 0) && (best = k));
  return years[best];
}

function draw() {
  const years = state.run.years;
  const s = state.run.scenario.scenario;
  document.getElementById('scenario-title').textContent = s.title || s.name;
  document.getElementById('scenario-note').textContent = `${s.name}, ${years[0]}–${years.at(-1)}: move an input and the charts redraw.`;
  state.year = tableYear();
  drawWarnings();
  const all = institutions();
  const researchers = all.filter((i) => i.kind !== 'national_resource');
  const u = focal();
  const name = (i) => (i.short_name ? i.short_name.replace(/^the /, '') : i.name) || i.id;
  const titled = (i) => name(i)[0].toUpperCase() + name(i).slice(1);

  drawChart(document.getElementById('chart-per-researcher'), years, researchers.map((i) => ({
    name: titled(i), color: i.color, values: values(i.id, 'compute.h100_hours_per_researcher'),
    baseline: compared(i.id, 'compute.h100_hours_per_researcher', 'baseline'),
    band: band(i.id, 'compute.h100_hours_per_researcher'),
  })), {log: true});

  const runs = [...researchers.map((i) => ({
    name: titled(i), color: i.color, values: values(i.id, 'compute.largest_run_flop'),
    baseline: compared(i.id, 'compute.largest_run_flop', 'baseline'), band: band(i.id, 'compute.largest_run_flop'),
  })), {name: 'Frontier', color: '#222', width: 1,
        values: values(all[0].id, 'compute.frontier_flop'), baseline: compared(all[0].id, 'compute.frontier_flop', 'baseline')}];
  drawChart(document.getElementById('chart-largest-run'), years, runs, {log: true, unit: 'flop'});

  const sum = (lists) => lists[0].map((_, k) => lists.reduce((acc, l) => acc + (l?.[k] ?? 0), 0));
  const computeMetrics = ['budget.compute_capex', 'budget.compute_opex', 'budget.cloud_spend'];
  const baseCompute = computeMetrics.map((m) => compared(u.id, m, 'baseline'));
  document.getElementById('budget-caption').textContent = `Budget of ${name(u)} (dollars a year)`;
  drawChart(document.getElementById('chart-budget'), years, [
    {name: 'People', color: COLORS[0], values: values(u.id, 'budget.personnel_spend'), baseline: compared(u.id, 'budget.personnel_spend', 'baseline')},
    {name: 'Compute', color: COLORS[1], values: sum(computeMetrics.map((m) => values(u.id, m))),
     baseline: baseCompute.every((l) => l) ? sum(baseCompute) : null},
    {name: 'Indirect costs (F&A)', color: COLORS[3], values: values(u.id, 'budget.indirect'), baseline: compared(u.id, 'budget.indirect', 'baseline')},
  ], {unit: 'usd'});

  const cumulative = (list) => { let acc = 0; return list ? list.map((v) => (acc += v)) : null; };
  document.getElementById('people-caption').textContent = `People at ${name(u)}`;
  drawChart(document.getElementById('chart-people'), years, [
    {name: 'Researchers (headcount)', color: COLORS[0], values: values(u.id, 'talent.headcount'), baseline: compared(u.id, 'talent.headcount', 'baseline')},
    {name: 'Moves to industry, cumulative', color: COLORS[1], values: cumulative(values(u.id, 'talent.departures_to_industry')),
     baseline: cumulative(compared(u.id, 'talent.departures_to_industry', 'baseline'))},
    {name: 'Posts cut for lack of money, cumulative', color: COLORS[3], values: cumulative(values(u.id, 'talent.posts_cut')),
     baseline: cumulative(compared(u.id, 'talent.posts_cut', 'baseline'))},
  ]);

  document.getElementById('effect-caption').textContent =
    `Change from the baseline: H100-hours per researcher at ${name(u)}`;
  drawChart(document.getElementById('chart-effect'), years, [
    {name: 'Now minus baseline', color: COLORS[2], values: compared(u.id, 'compute.h100_hours_per_researcher', 'difference') || []},
  ], {zero: true});

  document.getElementById('baseline-name').textContent = baselineName() === state.run.scenario.scenario.name
    ? `the scenario as opened (${baselineName()})` : `the baseline, ${baselineName()}`;
  drawTable();
  // Inside another page (the interactive brief's frame): tell it how tall this page is.
  if (window.parent !== window) window.parent.postMessage({labsimHeight: document.documentElement.scrollHeight}, '*');
}

function drawTable() {
  const years = state.run.years;
  const select = document.getElementById('year');
  if (select.options.length !== years.length) select.innerHTML = years.map((y) => `<option value="${y}">${y}</option>`).join('');
  select.value = String(state.year);
  const k = years.indexOf(state.year);
  const rows = [];
  for (const inst of institutions()) {
    const table = TABLE_ROWS[inst.kind] || TABLE_ROWS.university;
    table.forEach(([metric, label], r) => {
      const m = state.run.institutions[inst.id].metrics[metric];
      if (!m) return;
      const now = m.values[k];
      const base = compared(inst.id, metric, 'baseline')?.[k];
      const change = base === undefined || base === null ? null : now - base;
      const negligible = change !== null && (change === 0 || (base && Math.abs(change / base) < 1e-4));
      const share = base ? (100 * change) / Math.abs(base) : 0;
      const pct = !base ? '' : Math.abs(share) < 0.05 ? ` (${change > 0 ? '+' : '-'}<0.1%)` : ` (${share > 0 ? '+' : ''}${share.toFixed(1)}%)`;
      rows.push(`<tr>${r === 0 ? `<td rowspan="${table.length}">${escapeText(inst.name)}</td>` : ''}` +
        `<td>${label}</td><td data-value="${base ?? ''}">${formatValue(base, m.unit)}</td>` +
        `<td data-institution="${escapeText(inst.id)}" data-metric="${metric}" data-year="${state.year}" data-value="${now}">${formatValue(now, m.unit)}</td>` +
        `<td>${change === null ? 'n/a' : negligible ? '0' : (change > 0 ? '+' : '') + formatValue(change, m.unit) + pct}</td></tr>`);
    });
  }
  document.querySelector('#table tbody').innerHTML = rows.join('');
}

// ---------------------------------------------------------------- start

async function start() {
  const embedded = document.getElementById('labsim-static');
  performance.mark('labsim-start');
  engine = embedded ? await wasmEngine(JSON.parse(embedded.textContent)) : serverEngine();
  performance.mark('labsim-engine');
  document.body.dataset.engine = engine.kind;
  const inputs = await engine.inputs();
  // A page made for a brief offers its key inputs only (labsim brief --interactive).
  state.inputs = inputs.keys ? inputs.inputs.filter((i) => inputs.keys.includes(i.path)) : inputs.inputs;
  state.scenario = inputs.scenario || '';
  for (const input of state.inputs) state.byPath.set(input.path, input);
  state.uncertain = Boolean(engine.mc) && state.inputs.some((i) => i.distribution);
  if (engine.kind === 'wasm') {
    // A page of its own: no server to write files or run Monte Carlo; the command reproduces it.
    for (const id of ['download-yaml', 'download-csv', 'download-pdf']) document.getElementById(id).hidden = true;
    document.querySelector('.legend-note').innerHTML = 'Solid lines: the current inputs. Faint dashed lines: ' +
      '<span id="baseline-name"></span>. This page runs labsim\'s engine in your browser' +
      (state.uncertain ? '; shaded, on the two compute charts: 5th to 95th percentile of 2,000 Monte Carlo samples ' +
                         'of the uncertain inputs (seed 1, as <code>labsim mc</code>)' : '') +
      '. Downloads need <code>labsim serve</code>; the command under the table reproduces the numbers.';
  }
  const samples = document.getElementById('mc-samples');
  if (samples) samples.textContent = SAMPLES.toLocaleString('en-US');
  buildInputs();
  performance.mark('labsim-inputs');
  readUrl();
  // The state the page was written with, unless its address holds one.
  if (!state.sets.size && inputs.sets)
    for (const pair of inputs.sets) state.sets.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
  for (const [path, value] of state.sets) if (state.byPath.has(path)) showInput(state.byPath.get(path), value);
  document.getElementById('year').addEventListener('change', (e) => {
    state.year = Number(e.target.value);
    state.yearPicked = true;
    writeUrl(setsQuery());
    drawTable();
  });
  document.getElementById('reset').addEventListener('click', () => {
    state.sets.clear();
    for (const input of state.inputs) showInput(input, null);
    refresh();
  });
  const askedYear = state.yearPicked ? state.year : null;
  await refresh();
  if (state.run && askedYear !== null && !state.run.years.includes(askedYear)) {
    state.yearPicked = false;
    state.year = tableYear();
    drawTable();
    writeUrl(setsQuery());
    status(`The link asked for the year ${askedYear}, which the scenario does not cover: the table shows ${state.year}.`);
  }
  if (state.run) {
    for (const inst of institutions()) {
      const summary = document.querySelector(`details[data-group="institution:${CSS.escape(inst.id)}"] summary`);
      if (summary) summary.textContent = inst.name;
    }
  }
}

start().catch((error) => {
  showError(error);
  status('The explorer could not start.');
});
