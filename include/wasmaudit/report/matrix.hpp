// SPDX-License-Identifier: Apache-2.0
// A compatibility matrix: modules × runtimes, each cell what `check` predicts (runs, runs with a
// flag, instantiates but traps on a missing import, fails) with its error and the fix one step away.
// Rows are built from check entries as they come (no module is kept), or read back from `check
// --format jsonl` output produced anywhere, merged by SHA-256; and rendered as text, Markdown, CSV,
// JSON or one self-contained HTML page.
#pragma once

#include <functional>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/format.hpp"
#include "wasmaudit/report/input_error.hpp"

namespace wasmaudit {

/// What a runtime does with a module.
enum class CellState : std::uint8_t {
  kRuns,          ///< instantiates with every import linked, nothing to grant
  kRunsWithFlag,  ///< the same once granted a flag or setting (`grants`)
  kTraps,         ///< instantiates, but imports are missing: calling them traps (lazy linking)
  kFails,         ///< does not instantiate
};

/// `runs`, `runs-with-flag`, `traps`, `fails`.
std::string_view to_string(CellState state);

struct MatrixCell {
  CellState state = CellState::kRuns;
  std::string error;                 ///< the one-line error (fails), or the first missing import (traps)
  std::vector<std::string> grants;   ///< flags it needs there
  std::vector<std::string> missing;  ///< imports the runtime does not provide
  std::vector<std::string> ungranted;  ///< capabilities no flag grants there (runs, but they do nothing)
  std::string fix;                   ///< one step: the flag, or the fix of the most severe finding
};

struct MatrixRow {
  std::string path;
  std::string sha256;     ///< "" when not computed
  std::vector<std::string> duplicates;  ///< other paths with the same SHA-256, merged into this row
  std::string error;      ///< an input error: the row has no cells
  std::string kind;       ///< "module" or "component"
  std::string verdict;
  std::string toolchain;  ///< the most confident one, with its version
  std::vector<std::string> findings;  ///< rule ids, most severe first, each once
  std::map<std::string, MatrixCell> cells;  ///< by runtime key; none for a runtime it was not checked on
};

struct MatrixRuntime {
  std::string key;  ///< "wasmtime", "wasmtime@24"
  std::string name;
  std::string version;
};

struct Matrix {
  std::vector<MatrixRuntime> runtimes;  ///< the columns: every runtime any row was checked on
  std::vector<MatrixRow> rows;
  std::map<std::string, std::size_t> row_of_sha256;  ///< index into `rows`, for merging
};

/// A row from one check entry; adds the entry's runtimes to `matrix.runtimes` when new. A module
/// whose SHA-256 is already a row is merged into it: its path joins `duplicates`, and cells for
/// runtimes the row lacks are added.
void add_matrix_row(Matrix& matrix, const CheckEntry& entry);

/// Rows from `check --format jsonl` output (`wasm-audit/check-line/1` records, one per line; blank
/// lines skipped), merged as add_matrix_row() merges. A line that is not such a record is handed to
/// `on_error` (its byte offset, context `line N`, the JSON pointer of a wrong value) and skipped.
void add_matrix_jsonl(Matrix& matrix, std::string_view text, const std::function<void(const InputError&)>& on_error);

/// `matrix` rendered in `format` (text, markdown, csv, json, html); false for another format.
bool render_matrix(std::string_view format, const Matrix& matrix, std::ostream& out, const ReportOptions& options);

inline constexpr const char* kMatrixSchema = "wasm-audit/matrix/1";

}  // namespace wasmaudit
