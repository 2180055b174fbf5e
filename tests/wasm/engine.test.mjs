// The engine in WebAssembly gives the native engine's results bit for bit (issue 19): every value
// of every shipped scenario (and each with a --set that moves the model), compared as 64-bit
// patterns, through the same C interface (labsim/engine_c.h); and the module with Monte Carlo
// gives labsim mc's summaries within a stated tolerance of a few units in the last place. Usage:
//   node tests/wasm/engine.test.mjs BUILD_DIR WASM_BUILD_DIR
// Skipped, visibly (exit 77), when the WebAssembly build is missing (scripts/build-wasm makes it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [build = 'build', wasmBuild = 'build-wasm'] = process.argv.slice(2);
const moduleFile = resolve(wasmBuild, 'labsim_engine.js');
if (!existsSync(moduleFile)) {
  console.log(`SKIPPED: ${moduleFile} is not built (scripts/build-wasm builds it)`);
  process.exit(77);
}
const root = resolve(new URL('../..', import.meta.url).pathname);
const labsim = resolve(build, 'labsim');
const dump = resolve(build, 'labsim_engine_dump');
// The module's bytes handed over, as a page does (emscripten 3.1.6 would fetch() a path under node).
const engine = await createRequire(import.meta.url)(moduleFile)({ wasmBinary: readFileSync(resolve(wasmBuild, 'labsim_engine.wasm')) });

// Runs `json` in the WebAssembly engine: {layout, bits (one hex string per value)} or {error}.
function runWasm(json) {
  const size = engine.lengthBytesUTF8(json) + 1;
  const at = engine._malloc(size);
  engine.stringToUTF8(json, at, size);
  const status = engine._labsim_run_json(at, size - 1);
  engine._free(at);
  if (status !== 0) return { error: engine.UTF8ToString(engine._labsim_error()) };
  const count = engine._labsim_values_count();
  const start = engine._labsim_values() / 8;
  const values = engine.HEAPF64.slice(start, start + count);
  const bits = new BigUint64Array(values.buffer);
  return { layout: engine.UTF8ToString(engine._labsim_layout()), bits: [...bits].map((b) => b.toString(16).padStart(16, '0')) };
}

const scratch = mkdtempSync(join(tmpdir(), 'labsim-wasm-'));
let failed = 0, compared = 0;
const cases = [];
for (const file of readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml')).sort()) {
  cases.push([file, []]);
}
cases.push(['compute-divide.yaml', ['--set', 'institutions.institute.funding.nsf-institute.amount=55M', '--set', 'economy.pue=1.4']]);
cases.push(['uncertain-divide.yaml', ['--set', 'market.industry_comp.growth=9%/yr']]);
try {
  for (const [file, sets] of cases) {
    const name = `${file}${sets.length ? ' ' + sets.join(' ') : ''}`;
    const json = execFileSync(labsim, ['resolve', join(root, 'scenarios', file), ...sets], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const path = join(scratch, 'scenario.json');
    writeFileSync(path, json);
    const native = execFileSync(dump, [path], { encoding: 'utf8', maxBuffer: 1 << 26 }).trimEnd().split('\n');
    const wasm = runWasm(json);
    if (wasm.error) {
      console.log(`not ok - ${name}: the WebAssembly engine refused it:\n${wasm.error}`);
      failed++;
      continue;
    }
    const layout = native.shift();
    const differ = wasm.bits.map((b, i) => (b === native[i] ? null : i)).filter((i) => i !== null);
    if (layout !== wasm.layout || wasm.bits.length !== native.length || differ.length) {
      const meta = JSON.parse(layout);
      const where = differ.slice(0, 5).map((i) => {
        const m = i % meta.metrics.length, y = Math.floor(i / meta.metrics.length) % meta.years;
        const inst = Math.floor(i / meta.metrics.length / meta.years);
        return `${meta.institutions[inst].id} ${meta.first_year + y} ${meta.metrics[m].name}: native ${native[i]}, wasm ${wasm.bits[i]}`;
      });
      console.log(`not ok - ${name}: ${differ.length} of ${native.length} values differ${layout !== wasm.layout ? ' (and the layout)' : ''}\n  ${where.join('\n  ')}`);
      failed++;
    } else {
      compared += native.length;
      console.log(`ok - ${name}: ${native.length} values, every bit equal`);
    }
  }
  // Monte Carlo in the module with the sampler: labsim mc's draws and summaries, bit for bit.
  const mcModule = resolve(wasmBuild, 'labsim_engine_mc.js');
  const mcEngine = await createRequire(import.meta.url)(mcModule)({ wasmBinary: readFileSync(resolve(wasmBuild, 'labsim_engine_mc.wasm')) });
  for (const [file, samples, seed] of [['uncertain-divide.yaml', 500, 7], ['compute-divide.yaml', 2000, 1], ['nairr.yaml', 300, 11]]) {
    const metrics = 'compute.h100_hours_per_researcher,compute.largest_run_flop,talent.headcount';
    const json = execFileSync(labsim, ['resolve', join(root, 'scenarios', file)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const path = join(scratch, 'mc.json');
    writeFileSync(path, json);
    const native = execFileSync(dump, [path, '--mc', String(samples), String(seed), metrics], { encoding: 'utf8', maxBuffer: 1 << 26 })
      .trimEnd().split('\n');
    const size = mcEngine.lengthBytesUTF8(json) + 1, at = mcEngine._malloc(size);
    mcEngine.stringToUTF8(json, at, size);
    const names = mcEngine.lengthBytesUTF8(metrics) + 1, nat = mcEngine._malloc(names);
    mcEngine.stringToUTF8(metrics, nat, names);
    const started = performance.now();
    const status = mcEngine._labsim_mc_json(at, size - 1, samples, seed, nat);
    const ms = performance.now() - started;
    mcEngine._free(at);
    mcEngine._free(nat);
    const name = `Monte Carlo ${file} -n ${samples} --seed ${seed}`;
    if (status !== 0) {
      console.log(`not ok - ${name}: ${mcEngine.UTF8ToString(mcEngine._labsim_error())}`);
      failed++;
      continue;
    }
    const start = mcEngine._labsim_mc_values() / 8;
    const values = mcEngine.HEAPF64.slice(start, start + mcEngine._labsim_mc_values_count());
    const bits = [...new BigUint64Array(values.buffer)].map((b) => b.toString(16).padStart(16, '0'));
    const layout = native.shift();
    const differ = bits.filter((b, i) => b !== native[i]).length;
    // the double whose 64 bits the hex string gives
    const doubleOfBits = (hex) => new Float64Array(new BigUint64Array([BigInt('0x' + hex)]).buffer)[0];
    let worst = 0;
    bits.forEach((b, i) => {
      if (b === native[i]) return;
      const a = doubleOfBits(b), n = doubleOfBits(native[i]);
      worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(n), 1e-300));
    });
    // The tolerance, stated: the draws go through Boost's inverse distribution functions, which call
    // the C library's maths (log, exp, lgamma...); glibc's and emscripten's musl differ there by a
    // unit in the last place, so a few summaries may differ by as much. 1e-15 is about 4.5 units.
    const kTolerance = 1e-15;
    if (layout !== mcEngine.UTF8ToString(mcEngine._labsim_mc_layout()) || bits.length !== native.length || worst > kTolerance) {
      console.log(`not ok - ${name}: ${differ} of ${native.length} summaries differ, by up to ${worst.toExponential(2)} relative`);
      failed++;
    } else {
      compared += native.length;
      console.log(`ok - ${name}: ${native.length} summaries, ${native.length - differ} bit for bit, ${differ} within ` +
                  `${worst.toExponential(1)} relative (tolerance ${kTolerance}); ${Math.round(ms)} ms in WebAssembly, one thread`);
    }
  }
  // Refused input: a located message, not a crash.
  const bad = runWasm('{"labsim_resolved_scenario": 1, "name": 7}');
  if (!bad.error || !/scenario\.json:1:\d+: error: name: expected a string, found a number/.test(bad.error)) {
    console.log(`not ok - refused input is a located error:\n${bad.error}`);
    failed++;
  } else {
    console.log('ok - refused input is a located error');
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(failed ? `${failed} case(s) failed` : `all ${compared} values compared: runs bit for bit, Monte Carlo within its tolerance`);
process.exit(failed ? 1 : 0);
