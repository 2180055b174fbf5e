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
