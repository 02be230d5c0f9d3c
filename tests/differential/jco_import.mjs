// SPDX-License-Identifier: Apache-2.0
// node jco_import.mjs JCO MODULE.js : imports the ES module `jco transpile` wrote (MODULE.js, in its
// output directory) the way an application would — its wasi:* imports resolved to the
// @bytecodealliance/preview2-shim the jco at JCO uses, linked into the directory as `jco run` links
// it — so the component is instantiated (the transpiled module instantiates at import, top-level
// await). Prints one JSON line: {"file": MODULE.js, "instantiates": true|false,
// "error": "Class: message"|null, "exports": [names]}. Nothing the component exports is called.
import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import process from 'node:process';

const [jco, file] = process.argv.slice(2);
let result;
try {
  // bin/jco -> @bytecodealliance/jco/dist/jco.js; its package resolves the shim (nested or hoisted).
  const jcoPackage = resolve(dirname(await realpath(jco)), '..', 'package.json');
  // dist/nodejs/index.js -> the package directory, as jco's run.js computes it.
  const shim = resolve(createRequire(jcoPackage).resolve('@bytecodealliance/preview2-shim'), '../../../');
  const out = dirname(resolve(file));
  await writeFile(resolve(out, 'package.json'), JSON.stringify({ type: 'module' }));
  await mkdir(resolve(out, 'node_modules', '@bytecodealliance'), { recursive: true });
  await symlink(shim, resolve(out, 'node_modules', '@bytecodealliance', 'preview2-shim'), 'dir');
  let mod;
  try {
    mod = await import(pathToFileURL(resolve(file)).href);
  } catch (e) {
    result = { file, instantiates: false, error: `${e.constructor.name}: ${e.message}`, exports: [] };
  }
  if (!result) result = { file, instantiates: true, error: null, exports: Object.keys(mod).sort() };
} catch (e) {
  // The harness itself failed (no shim next to jco): not a verdict on the component.
  process.stderr.write(`jco_import.mjs: ${e.stack}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
