#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Prints the docs/detection.md table "Every real fixture": for each committed real module (fixtures/c,
go, npm, component), the toolchain wasm-audit recognises, the places its evidence was found, the
verdict, and the path hints it lists as the program's own and as a library's.

Usage: scripts/detection_table.py [WASM_AUDIT]   (default build/src/wasm-audit; run from the root)
"""
import json
import subprocess
import sys

tool = sys.argv[1] if len(sys.argv) > 1 else "build/src/wasm-audit"
dirs = ["fixtures/c", "fixtures/go", "fixtures/npm", "fixtures/component"]
out = subprocess.run([tool, "check", "--format", "json", *dirs], capture_output=True, text=True)
doc = json.loads(out.stdout)


def guess(t):
    wheres = []
    for e in t["evidence"]:
        if e["where"] not in wheres:
            wheres.append(e["where"])
    version = " " + t["version"] if t.get("version") else ""
    return f"{t['name']}{version} ({t['confidence']}: {', '.join(wheres)})"


print("| module | toolchain (confidence: where the evidence is) | verdict | own paths | library paths |")
print("| --- | --- | --- | --- | --- |")
for f in doc["files"]:
    path = f["path"].removeprefix("fixtures/")
    text = "; ".join(guess(t) for t in f.get("toolchains", [])) or "none"
    if f.get("kind") == "component":
        parts = [p["toolchains"][0]["id"] if p["toolchains"] else "none" for p in f.get("parts", [])]
        text += f"; core modules: {', '.join(parts)}"
    own = [p["path"] for p in f.get("paths", []) if not p.get("library")]
    library = [p for p in f.get("paths", []) if p.get("library")]
    own_text = f"{len(own)} ({', '.join('`' + p + '`' for p in own)})" if own else "0"
    print(f"| `{path}` | {text} | `{f['verdict']}` | {own_text} | {len(library)} |")
