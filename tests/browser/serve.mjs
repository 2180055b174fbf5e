// Shared by the browser test and the timing benchmark: starts `labsim serve` on a free port and
// Debian's chromium (headless, with nothing that reaches the network on its own).
import { spawn } from 'node:child_process';
import { chromium } from 'playwright-core';

// Starts LABSIM serve ARGS --port 0 and resolves to {url, stop} once it prints its address.
export function startServer(labsim, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(labsim, ['serve', ...args, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`labsim serve printed no address: ${out}`)), 10000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[0], stop: () => child.kill('SIGTERM') });
      }
    });
    child.on('exit', (code) => reject(new Error(`labsim serve exited (${code}): ${out}`)));
  });
}

export const CHROMIUM = process.env.LABSIM_CHROMIUM || '/usr/bin/chromium';

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
}

// The tests' harness: check(name, body) runs one check and prints "ok - name" or "not ok - name"
// with the error; watch(page, allowed) records the page's console errors, page errors and every
// request whose address `allowed` refuses, into `problems`; failed() counts the failed checks.
export function harness() {
  const problems = [];
  let failed = 0;
  return {
    problems,
    failed: () => failed,
    async check(name, body) {
      try {
        await body();
        console.log(`ok - ${name}`);
      } catch (error) {
        failed++;
        console.log(`not ok - ${name}\n  ${String(error.stack || error).replace(/\n/g, '\n  ')}`);
      }
    },
    watch(page, allowed) {
      page.on('console', (m) => m.type() === 'error' && problems.push(`console error: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => !allowed(r.url()) && problems.push(`request for something else: ${r.url()}`));
      return page;
    },
  };
}
