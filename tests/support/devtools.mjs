// SPDX-License-Identifier: Apache-2.0
// Headless Chromium over the DevTools protocol, for the tests that need a real browser
// (tests/differential/browser_instantiate.mjs, tests/formats/matrix_html.mjs). Needs a Node with
// the WebSocket global (22 or later).
//
//   const page = await openPage(chromium);   // a started browser and its first page
//   page.version                             // "156.0.8078.108"
//   await page.send('Runtime.evaluate', {...})   // the reply message ({id, result} or {id, error})
//   page.onEvent = (message) => { ... }      // every event the page sends
//   await page.close();                      // stops the browser, removes its profile
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function openPage(chromium, extraArgs = []) {
  const profile = mkdtempSync(join(tmpdir(), 'wasmaudit-chromium-'));
  const browser = spawn(chromium, ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', ...extraArgs,
    '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const close = async () => {
    browser.kill();
    await new Promise((resolve) => { if (browser.exitCode !== null) resolve(); else browser.on('exit', resolve); });
    rmSync(profile, { recursive: true, force: true });
  };
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
    const version = (await (await fetch(`${http}/json/version`)).json()).Browser.replace(/^.*\//, '');
    const target = (await (await fetch(`${http}/json/list`)).json()).find((t) => t.type === 'page');
    const ws = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });
    const pending = new Map();
    let lastId = 0;
    const page = {
      version,
      onEvent: () => {},
      send(method, params = {}) {
        return new Promise((resolve) => {
          const id = ++lastId;
          pending.set(id, resolve);
          ws.send(JSON.stringify({ id, method, params }));
        });
      },
      async close() { ws.close(); await close(); },
    };
    ws.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.id !== undefined && pending.has(message.id)) {
        pending.get(message.id)(message);
        pending.delete(message.id);
      } else if (message.method) {
        page.onEvent(message);
      }
    };
    return page;
  } catch (e) {
    await close();
    throw e;
  }
}
