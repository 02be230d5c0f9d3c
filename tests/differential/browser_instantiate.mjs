// SPDX-License-Identifier: Apache-2.0
// node browser_instantiate.mjs CHROMIUM FILE... : starts headless Chromium, and for each file
// instantiates it in a page the way the `browser` runtime profile defines a browser's stock host —
// WebAssembly.instantiate(bytes, {}), no WASI, no glue — over the DevTools protocol. Prints
// {"browser": "156.0.8078.108"} first, then one JSON line per file:
// {"file": ..., "instantiates": true|false, "error": "Class: message"|null}.
// Needs a Node with the WebSocket global (22 or later).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';

const [chromium, ...files] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'wasmaudit-chromium-'));
const browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });

try {
  // Chromium says where its DevTools endpoint listens on stderr.
  const endpoint = await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('chromium did not start: ' + seen)), 60000);
    browser.stderr.on('data', (chunk) => {
      seen += chunk;
      const m = seen.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(new URL(m[1])); }
    });
    browser.on('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen}`)));
  });
  const http = `http://${endpoint.host}`;
  const version = await (await fetch(`${http}/json/version`)).json();
  process.stdout.write(JSON.stringify({ browser: version.Browser.replace(/^.*\//, '') }) + '\n');
  const page = (await (await fetch(`${http}/json/list`)).json()).find((t) => t.type === 'page');
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
  const pending = new Map();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (pending.has(message.id)) { pending.get(message.id)(message); pending.delete(message.id); }
  };
  let id = 0;
  const send = (method, params) => new Promise((resolve) => {
    pending.set(++id, resolve);
    ws.send(JSON.stringify({ id, method, params }));
  });
  for (const file of files) {
    const base64 = readFileSync(file).toString('base64');
    const expression = `(async () => {
      const s = atob(${JSON.stringify(base64)});
      const bytes = new Uint8Array(s.length);
      for (let i = 0; i < s.length; ++i) bytes[i] = s.charCodeAt(i);
      try {
        await WebAssembly.instantiate(bytes, {});
        return { instantiates: true, error: null };
      } catch (e) {
        return { instantiates: false, error: e.constructor.name + ': ' + e.message };
      }
    })()`;
    const reply = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (!reply.result || !reply.result.result) throw new Error(`${file}: ${JSON.stringify(reply)}`);
    process.stdout.write(JSON.stringify({ file, ...reply.result.result.value }) + '\n');
  }
  ws.close();
} finally {
  browser.kill();
  await new Promise((resolve) => { if (browser.exitCode !== null) resolve(); else browser.on('exit', resolve); });
  rmSync(profile, { recursive: true, force: true });
}
