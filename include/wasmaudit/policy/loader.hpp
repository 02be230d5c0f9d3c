// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <span>
#include <string_view>

#include "wasmaudit/policy/knowledge.hpp"

namespace wasmaudit {

/// Adds the documents in `json_text` (one document object, or an array of them) to `knowledge`.
/// A document with the id of an existing interface, runtime or rule replaces it.
///
/// Throws PolicyError naming `source_name` and a JSON Pointer (or, for a syntax error, the byte
/// offset) on invalid input. Nothing is added if the text is invalid.
void load_documents(std::string_view json_text, const std::string& source_name, Knowledge& knowledge);

/// Parses a `--host` manifest, the functions an embedder provides:
/// {"functions": [{"module": "env", "name": "metrics_emit", "sig": "(i32, i32) -> ()"}]}
/// -> one embedder interface per module, with ids "host:<module>". Throws PolicyError.
std::vector<Interface> load_host_manifest(std::string_view json_text, const std::string& source_name);

/// The knowledge base compiled into the library from policies/*.json, loaded once.
const Knowledge& builtin_knowledge();

/// The built-in toolchain fingerprints (policies/toolchains) alone, loaded once: what `inspect`
/// needs for detection, without parsing the rest of the knowledge base.
const std::vector<ToolchainFingerprint>& builtin_toolchains();

/// Adds every built-in document to `knowledge`, all or nothing (what builtin_knowledge() uses).
void load_builtin_documents(Knowledge& knowledge);

/// The names and texts of the built-in documents, for `wasm-audit runtimes --sources` and tests.
struct BuiltinDocument {
  const char* path;
  const char* text;
};
std::span<const BuiltinDocument> builtin_documents();

/// What identifies the built-in knowledge base: the SHA-256 (hex) of every built-in document's
/// path and text, in load order. Two builds with the same digest predict the same.
std::string builtin_knowledge_digest();

}  // namespace wasmaudit
