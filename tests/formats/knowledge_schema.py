#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Every knowledge document under policies/ (and the test knowledge base) against
# policies/schema/knowledge.schema.json, with Debian's python3-jsonschema: the schema a policy
# author's editor uses must accept what the loader accepts. Usage: knowledge_schema.py SOURCE_DIR
import glob
import json
import os
import sys

import jsonschema

root = sys.argv[1]
schema = json.load(open(os.path.join(root, "policies/schema/knowledge.schema.json")))
# Its "$id" is a relative URI, which jsonschema 4.10 (Debian 12) would resolve the local
# "#/$defs/…" references against; the references need no base.
schema.pop("$id", None)
validator = jsonschema.Draft202012Validator(schema)
files = sorted(glob.glob(os.path.join(root, "policies/*/*.json")))
files = [f for f in files if os.sep + "schema" + os.sep not in f]
files.append(os.path.join(root, "fixtures/policies/test_kb.json"))
bad = 0
for path in files:
    with open(path) as f:
        doc = json.load(f)
    for error in validator.iter_errors(doc):
        bad += 1
        pointer = "/" + "/".join(str(p) for p in error.absolute_path)
        print(f"{os.path.relpath(path, root)}: {pointer}: {error.message[:300]}")
# The schema must be able to say no: a runtime with an unknown linking key and a bad class.
wrong = [{"kind": "runtime", "id": "x", "name": "X", "version": "1", "host": "h", "source": "s",
          "linking": {"host_creates": [{"kinds": ["func"], "modules": ["env"], "source": "s"}]}},
         {"kind": "interface", "id": "i", "title": "t", "module": "m", "class": "nope", "source": "s", "items": []}]
refused = sum(1 for d in wrong if any(True for _ in validator.iter_errors(d)))
if refused != len(wrong):
    print(f"the schema accepted {len(wrong) - refused} of {len(wrong)} wrong documents")
    bad += 1
print(f"{len(files)} documents, {bad} errors")
sys.exit(1 if bad or len(files) < 40 else 0)
