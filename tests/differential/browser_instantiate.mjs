// SPDX-License-Identifier: Apache-2.0
// node browser_instantiate.mjs CHROMIUM FILE... : starts headless Chromium, and for each file
// instantiates it in a page the way the `browser` runtime profile defines a browser's stock host —
// WebAssembly.instantiate(bytes, {}), no WASI, no glue — over the DevTools protocol. Prints
// {"browser": "156.0.8078.108"} first, then one JSON line per file:
// {"file": ..., "instantiates": true|false, "error": "Class: message"|null}.
// Needs a Node with the WebSocket global (22 or later).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { openPage } from '../support/devtools.mjs';

const [chromium, ...files] = process.argv.slice(2);
const page = await openPage(chromium);
try {
  process.stdout.write(JSON.stringify({ browser: page.version }) + '\n');
  const send = (method, params) => page.send(method, params);
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
} finally {
  await page.close();
}
