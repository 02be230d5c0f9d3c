// SPDX-License-Identifier: Apache-2.0
// node matrix_html.mjs CHROMIUM PAGE.html SHOT_DIR : opens `wasm-audit matrix --format html`'s page
// in headless Chromium over the DevTools protocol and prints one JSON object of what it saw, for
// tests/cli/test_matrix_html.cpp to judge against the matrix's JSON form:
//   errors     console errors, uncaught exceptions and log errors (a CSP violation is one)
//   resources  what the page fetched besides itself (it must fetch nothing)
//   rows, runtimes, cells, states   the table as loaded: row paths, column keys, td.cell count,
//              each row's cell states
//   sorted     the row paths after clicking the module header once and twice, and the wasm3
//              (or first runtime) column's states, as ranks (runs 0 … fails 3, input error 9), after clicking it
//   filtered   the visible row paths after each filter, one at a time
//   popup      the popup's text after clicking a cell with a note
//   phone      page width against the viewport at 390 px (the page must not scroll sideways)
// Screenshots (light, dark, phone) go to SHOT_DIR for a person to look at.
// Needs a Node with the WebSocket global (22 or later).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import process from 'node:process';
import { openPage } from '../support/devtools.mjs';

const [chromium, file, shots] = process.argv.slice(2);
const page = await openPage(chromium, ['--hide-scrollbars']);
try {
  const waiting = new Map();
  const errors = [];
  page.onEvent = (m) => {
    if (m.method === 'Runtime.exceptionThrown') {
      errors.push('exception: ' + (m.params.exceptionDetails.exception?.description || m.params.exceptionDetails.text));
    } else if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'assert')) {
      errors.push('console.' + m.params.type + ': ' + m.params.args.map((a) => a.value ?? a.description).join(' '));
    } else if (m.method === 'Log.entryAdded' && m.params.entry.level === 'error') {
      errors.push('log (' + m.params.entry.source + '): ' + m.params.entry.text);
    }
    if (waiting.has(m.method)) { waiting.get(m.method)(m); waiting.delete(m.method); }
  };
  const send = async (method, params = {}) => {
    const m = await page.send(method, params);
    if (m.error) throw new Error(method + ': ' + JSON.stringify(m.error));
    return m.result;
  };
  const event = (method) => new Promise((ok) => waiting.set(method, ok));
  const evaluate = async (expression) => {
    const r = await send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error('evaluate: ' + JSON.stringify(r.exceptionDetails));
    return r.result.value;
  };
  const shoot = async (name) => {
    const { data } = await send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: false });
    writeFileSync(join(shots, name), Buffer.from(data, 'base64'));
  };

  await send('Runtime.enable');
  await send('Log.enable');
  await send('Page.enable');
  await send('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  const loaded = event('Page.loadEventFired');
  await send('Page.navigate', { url: pathToFileURL(resolve(file)).href });
  await loaded;

  const result = { errors };
  result.resources = await evaluate(`performance.getEntriesByType('resource').map((e) => e.name)`);
  Object.assign(result, await evaluate(`(() => {
    const rows = [...document.querySelectorAll('#matrix tbody tr')];
    return {
      rows: rows.map((r) => r.dataset.path),
      runtimes: [...document.querySelectorAll('#matrix thead th[data-rt]')].map((th) => th.dataset.rt),
      cells: document.querySelectorAll('#matrix td.cell').length,
      states: rows.map((r) => [...r.querySelectorAll('td.cell')].map((c) => c.dataset.rt + '=' + c.dataset.state)),
      count: document.getElementById('count').value,
    };
  })()`));
  await shoot('matrix-light.png');

  const visible = `[...document.querySelectorAll('#matrix tbody tr')].filter((r) => !r.classList.contains('hidden')).map((r) => r.dataset.path)`;
  const order = `[...document.querySelectorAll('#matrix tbody tr')].map((r) => r.dataset.path)`;
  const column = result.runtimes.includes('wasm3') ? 'wasm3' : result.runtimes[0];
  result.sorted = await evaluate(`(() => {
    const click = (sel) => document.querySelector(sel).click();
    click('#matrix thead th[data-sort=path] button');
    const ascending = ${order};
    const ariaAscending = document.querySelector('#matrix thead th[data-sort=path]').getAttribute('aria-sort');
    click('#matrix thead th[data-sort=path] button');
    const descending = ${order};
    click('#matrix thead th[data-rt="${column}"] button');
    const rank = { 'runs': 0, 'runs-with-flag': 1, 'traps': 2, 'fails': 3, 'none': 4 };
    const ranks = [...document.querySelectorAll('#matrix tbody tr')].map((r) => {
      const c = r.querySelector('td.cell[data-rt="${column}"]');
      return c ? rank[c.dataset.state] : 9;
    });
    return { ascending, ariaAscending, descending, column: '${column}', ranks };
  })()`);

  // Each filter alone, then reset: the select's value set and a change (input for text) dispatched,
  // as a person's choice does.
  const filter = async (id, value) => evaluate(`(() => {
    const el = document.getElementById('${id}');
    const set = (v) => { el.value = v; el.dispatchEvent(new Event(el.tagName === 'INPUT' ? 'input' : 'change', { bubbles: true })); };
    set(${JSON.stringify(value)});
    const rows = ${visible};
    const hiddenColumns = [...document.querySelectorAll('#matrix thead th[data-rt]')].filter((th) => th.classList.contains('hidden')).map((th) => th.dataset.rt);
    const count = document.getElementById('count').value;
    set('');
    return { value: ${JSON.stringify(value)}, rows, hiddenColumns, count };
  })()`);
  const firstOption = (id) => evaluate(`[...document.getElementById('${id}').options].map((o) => o.value).filter((v) => v)`);
  result.filtered = {};
  for (const id of ['f-verdict', 'f-toolchain', 'f-finding', 'f-runtime']) {
    const values = await firstOption(id);
    result.filtered[id] = values.length ? await filter(id, values[values.length > 1 ? 1 : 0]) : null;
  }
  result.filtered['f-text'] = await filter('f-text', 'go');
  // A state within one runtime: both selects set, then both reset.
  result.filtered.state = await evaluate(`(() => {
    const rt = document.getElementById('f-runtime'), st = document.getElementById('f-state');
    rt.value = '${column}'; rt.dispatchEvent(new Event('change'));
    st.value = 'fails'; st.dispatchEvent(new Event('change'));
    const rows = ${visible};
    rt.value = ''; rt.dispatchEvent(new Event('change'));
    st.value = ''; st.dispatchEvent(new Event('change'));
    return { runtime: '${column}', state: 'fails', rows, after: ${visible}.length };
  })()`);

  result.popup = await evaluate(`(() => {
    const cell = document.querySelector('#matrix td.cell[data-note]');
    if (!cell) return null;
    cell.querySelector('a').click();
    const pop = document.getElementById('pop');
    const note = document.getElementById(cell.dataset.note);
    return { shown: !pop.hidden, text: pop.textContent, note: note ? note.textContent : null };
  })()`);
  await shoot('matrix-popup.png');
  await evaluate(`document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))`);

  await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
  result.dark = await evaluate(`getComputedStyle(document.body).backgroundColor`);
  await shoot('matrix-dark.png');
  await send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
  result.light = await evaluate(`getComputedStyle(document.body).backgroundColor`);

  await send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  await evaluate(`new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))`);
  result.phone = await evaluate(`({ viewport: window.innerWidth, page: document.documentElement.scrollWidth,
    table: document.querySelector('.scroll').scrollWidth > document.querySelector('.scroll').clientWidth })`);
  await shoot('matrix-phone.png');

  process.stdout.write(JSON.stringify(result) + '\n');
} finally {
  await page.close();
}
