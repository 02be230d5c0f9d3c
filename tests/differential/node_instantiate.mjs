// SPDX-License-Identifier: Apache-2.0
// node node_instantiate.mjs FILE... : for each file, compiles and instantiates it the way the `node`
// runtime profile defines Node's stock host — node:wasi preview1 and nothing else, through
// WebAssembly.instantiate with wasi.wasiImport (Node 18 has no getImportObject()) — and prints one JSON line:
// {"file": ..., "instantiates": true|false, "error": "Class: message"|null}.
// Nothing is run: neither _start nor _initialize is called.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import process from 'node:process';

process.removeAllListeners('warning');  // node:wasi's ExperimentalWarning is not a result
for (const file of process.argv.slice(2)) {
  let result;
  try {
    const wasi = new WASI({ version: 'preview1', args: [], env: {} });
    await WebAssembly.instantiate(readFileSync(file), { wasi_snapshot_preview1: wasi.wasiImport });
    result = { file, instantiates: true, error: null };
  } catch (e) {
    result = { file, instantiates: false, error: `${e.constructor.name}: ${e.message}` };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
