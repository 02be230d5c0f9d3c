// SPDX-License-Identifier: Apache-2.0
// node node_instantiate.mjs FILE... : for each file, compiles and instantiates it the way the `node`
// runtime profile defines Node's stock host — node:wasi and nothing else, through
// WebAssembly.instantiate with wasi.wasiImport (Node 18 has no getImportObject()): preview 1 bound
// as wasi_snapshot_preview1, or, for a module importing wasi_unstable on Node 20 and later (where
// the version option exists), new WASI({version: 'unstable'}) bound as wasi_unstable — and prints
// one JSON line: {"file": ..., "instantiates": true|false, "error": "Class: message"|null}.
// Nothing is run: neither _start nor _initialize is called.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import process from 'node:process';

process.removeAllListeners('warning');  // node:wasi's ExperimentalWarning is not a result
const major = Number(process.versions.node.split('.')[0]);
for (const file of process.argv.slice(2)) {
  let result;
  try {
    const bytes = readFileSync(file);
    let preview0 = false;
    try {
      preview0 = major >= 20 && WebAssembly.Module.imports(new WebAssembly.Module(bytes)).some((i) => i.module === 'wasi_unstable');
    } catch {
      // not compilable: instantiate() below says why
    }
    const wasi = new WASI({ version: preview0 ? 'unstable' : 'preview1', args: [], env: {} });
    await WebAssembly.instantiate(bytes, preview0 ? { wasi_unstable: wasi.wasiImport } : { wasi_snapshot_preview1: wasi.wasiImport });
    result = { file, instantiates: true, error: null };
  } catch (e) {
    result = { file, instantiates: false, error: `${e.constructor.name}: ${e.message}` };
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}
