// SPDX-License-Identifier: Apache-2.0
// From an error message to its cause: the knowledge base's error templates (the ones `check` fills
// to predict what a runtime prints) inverted to recognise a pasted line, which runtime and versions
// print it that way, what failed, and the likely causes with their fixes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "wasmaudit/detect/detect.hpp"
#include "wasmaudit/model/module.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/knowledge.hpp"

namespace wasmaudit {

/// One way a recognised error can come about, and what to change.
struct ExplainCause {
  ExplainCause() = default;
  ExplainCause(std::string cause_, std::string fix_, std::string confidence_, std::string evidence_ = {},
               std::optional<bool> confirmed_ = std::nullopt)
      : cause(std::move(cause_)),
        fix(std::move(fix_)),
        confidence(std::move(confidence_)),
        evidence(std::move(evidence_)),
        confirmed(confirmed_) {}

  std::string cause;
  std::string fix;
  std::string confidence;  ///< "high", "medium", "low"
  /// What a module would show if the cause were its: "imports" (it imports what the line names),
  /// "needs-import" (it must import it, but that does not prove the cause),
  /// "uses-feature" (it uses the proposal), "no-start" (it exports no _start), "component" (it is
  /// a component), "core" (a core module), "runtime-runs" (check predicts the runtime runs it: the
  /// message came from another release or setup), "toolchain:ID" (detection names that
  /// toolchain); "" when a module can say nothing about it.
  std::string evidence;
  /// With explain --module: whether the module confirms the cause (true), rules it out (false),
  /// or says nothing (nullopt). Confirmed causes come first.
  std::optional<bool> confirmed;
};

/// A runtime that prints the line this way, over some of its versions.
struct ExplainRuntime {
  std::string id;    ///< the profile id
  std::string name;  ///< "Wasmtime"
  std::vector<std::string> versions;  ///< "24.0.0..48", ">=42.0.0", "0.14.1", "any": the span of the matching templates
};

/// The import an error names.
struct ExplainImport {
  std::string module;
  std::string name;
  std::string kind;  ///< "function", "memory", "table", "global", "instance", or "" when unknown
};

/// What the module the error came from says about it (`explain --module FILE`).
struct ExplainModule {
  std::string path;
  std::string toolchain;         ///< "Go (gc) go1.21.13", or "" when not recognised
  std::string verdict;           ///< check's verdict
  std::vector<std::string> runs_on;  ///< the runtimes check says it runs on
  std::optional<bool> imports_it;    ///< whether it imports the import the error names
  std::string import_type;           ///< that import's type, as check prints it
  /// For the runtime the error came from: whether check predicts it fails, and its one-line text.
  std::optional<bool> predicted_failure;
  std::string predicted;
  std::vector<std::string> confirms;  ///< sentences: what the module confirms or rules out
};

/// One recognised error line.
struct Explanation {
  std::size_t line = 0;  ///< 1-based, in the text given
  std::string text;      ///< the line as given (without its end of line)
  /// unknown-import, signature-mismatch, missing-memory, missing-table, missing-global,
  /// trap-on-call, feature-disabled, not-a-core-module, not-a-component, component-import,
  /// no-run-export, invalid-module
  std::string kind;
  std::vector<ExplainRuntime> runtimes;
  std::optional<ExplainImport> import;
  std::string feature;  ///< the proposal, for feature-disabled
  std::vector<ExplainCause> causes;  ///< most likely first
  std::optional<ExplainModule> module;  ///< with explain --module
};

/// What `explain` found in a text: every recognised line; when none, the templates closest to it.
struct ExplainResult {
  std::vector<Explanation> explanations;
  std::vector<std::string> closest;  ///< "wasmtime: unknown import: `{module}::{name}` has not been defined"
  bool recognised() const { return !explanations.empty(); }
};

/// Recognises the error lines in `text` (a message, or a whole log with other output around the
/// errors) from the templates of `knowledge`'s runtime profiles.
ExplainResult explain_errors(std::string_view text, const Knowledge& knowledge);

/// Adds to every explanation what the module says: whether it imports what the error names, what
/// built it, check's prediction for the runtime that printed the error, and where it runs instead.
void confirm_with_module(ExplainResult& result, const std::string& path, const Module& module,
                         const Detection* detection, const CheckResult& check);

}  // namespace wasmaudit
