// SPDX-License-Identifier: Apache-2.0
#include "cmd_check.hpp"

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <stdexcept>

#include "exit_code.hpp"
#include "wasmaudit/batch.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/file_bytes.hpp"
#include "wasmaudit/report/format.hpp"

namespace wasmaudit::cli {
namespace {

/// A configuration document: a regular file or a FIFO (`--policy <(…)`), at most 64 MiB.
std::string read_text_file(const std::string& path) {
  const FileBytes file = FileBytes::open(path, std::uint64_t{64} << 20, /*allow_fifo=*/true);
  const auto b = file.bytes();
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

InputError policy_error(const PolicyError& e) { return {e.what(), e.pointer(), e.byte_offset()}; }

/// Reads a configuration file with `load`; prints the one-line error and returns false if it fails.
template <class Load>
bool load_config(const std::string& path, const Io& io, Load load) {
  try {
    load(read_text_file(path));
    return true;
  } catch (const PolicyError& e) {
    io.err << format_error_line(path, policy_error(e)) << '\n';
  } catch (const IoError& e) {
    io.err << format_error_line(path, InputError::from(e)) << '\n';
  }
  return false;
}

bool write_text_file(const std::string& path, const std::string& text, const Io& io) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (f) f << text;
  if (f && f.flush()) return true;
  io.err << fmt::format("wasm-audit: error: {}: cannot write this file\n", path);
  return false;
}

/// `--runtime: unknown runtime 'x' (known: …)` for the first selector naming no profile, else "".
std::string unknown_runtime(const std::vector<RuntimeSelector>& selectors, const Knowledge& k,
                            const char* option) {
  for (const auto& s : selectors) {
    if (k.find_runtime(s.id) != nullptr) continue;
    std::string known;
    for (const auto& r : k.runtimes) known += (known.empty() ? "" : ", ") + r.id;
    return fmt::format("wasm-audit: error: {}: unknown runtime '{}' (known: {}) (see 'wasm-audit runtimes')\n",
                       option, s.id, known);
  }
  return {};
}

}  // namespace

void add_max_size_option(CLI::App& command, std::uint64_t& max_size) {
  command
      .add_option("--max-size", max_size,
                  "The most bytes read into memory from a pipe on standard input ('-') or a file that cannot be "
                  "mapped (default 1GiB; units: KiB, MiB, GiB, K, M, G)")
      ->transform(CLI::AsSizeValue(false));
}

ReportOptions report_options(const Io& io, const Knowledge* knowledge) {
  ReportOptions report;
  report.color = io.color;
  report.width = io.width;
  report.knowledge = knowledge;
  return report;
}

bool prepare_knowledge(const std::vector<std::string>& policies, std::initializer_list<SelectorOption> selectors,
                       Knowledge& knowledge, Outcome& outcome, const Io& io) {
  if (!load_knowledge(policies, knowledge, io)) {
    outcome.config_error = true;
    return false;
  }
  for (const auto& s : selectors) {
    if (const std::string e = unknown_runtime(s.selectors, knowledge, s.option); !e.empty()) {
      io.err << e;
      outcome.usage_error = true;
      return false;
    }
    if (const std::string e = resolve_versions(s.selectors, knowledge); !e.empty()) {
      io.err << fmt::format("wasm-audit: error: {}: {} (see 'wasm-audit runtimes')\n", s.option, e);
      outcome.usage_error = true;
      return false;
    }
  }
  return true;
}

bool load_knowledge(const std::vector<std::string>& policies, Knowledge& k, const Io& io) {
  k = builtin_knowledge();
  for (const auto& path : policies) {
    if (!load_config(path, io, [&](const std::string& text) { load_documents(text, path, k); })) return false;
  }
  return true;
}


CLI::App* setup_check(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Predict, per runtime, whether a module instantiates; report findings, a verdict and a gate");
  cmd->add_option("files", o.files, "WebAssembly binaries, or directories (walked for *.wasm)")->required();
  cmd->add_option("--format", o.format, "Output format: " + format_help(Command::kCheck))
      ->check(CLI::IsMember(format_names(Command::kCheck)))
      ->capture_default_str();
  cmd->add_option("--runtime", o.runtimes,
                  "Limit the runtime table (comma-separated; a version may be given: wasmtime@24)")
      ->allow_extra_args(false);  // one value per occurrence: never swallow the FILE arguments
  cmd->add_option("--require", o.require,
                  "The runtimes the artifact ships to (RUNTIME[@VERSION], comma-separated, repeatable): "
                  "exit 1 when it would not instantiate on one of them, or links lazily with imports missing")
      ->allow_extra_args(false);
  cmd->add_option("--policy", o.policies,
                  "Load a policy or knowledge document (allow/deny, allowlist, severities, runtimes, interfaces)")
      ->allow_extra_args(false);
  cmd->add_option("--host", o.hosts, "A manifest of the functions an embedder provides")
      ->allow_extra_args(false);
  cmd->add_option("--preopen", o.preopens,
                  "A directory the host will preopen, HOST::GUEST (or DIR for both): used in the run "
                  "advice and to check the data section's paths against it; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--profile", o.profile,
                  "Enable a profile's rules: plugin (the module is an untrusted plugin)");
  cmd->add_option("--fail-on", o.fail_on, "Lowest finding severity that fails the gate (exit 1)")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->capture_default_str();
  cmd->add_option("--baseline", o.baseline,
                  "Accept the findings recorded in FILE (from --write-baseline): fail only on new ones");
  cmd->add_option("--write-baseline", o.write_baseline,
                  "Record every current finding (by rule, import or export, and module path) in FILE");
  cmd->add_option("--write-policy", o.write_policy,
                  "Draft an allowlist policy of the modules' imports in FILE (load it later with --policy)");
  cmd->add_option("--sarif-root", o.sarif_root,
                  "SARIF: write module paths relative to this directory (default: the working directory)");
  cmd->add_option("-j,--jobs", o.jobs, "Audit N modules in parallel (0 = one per core); output keeps input order")
      ->capture_default_str();
  cmd->add_flag("-v,--verbose", o.verbose, "Text and Markdown: also print embedder snippets (Node run.mjs, wazero Go)");
  cmd->add_flag("-q,--quiet", o.quiet, "Text: one verdict line per module");
  add_max_size_option(*cmd, o.max_size);
  return cmd;
}

int run_check(const CheckOptions& o, const Io& io) {
  Outcome outcome;
  auto status = [&] { return to_int(exit_status(outcome)); };
  GateOptions gate;
  gate.fail_on = parse_severity(o.fail_on);  // nullopt for "none"
  gate.require = parse_runtime_list(o.require);
  EvalOptions eval;
  auto selected = parse_runtime_list(o.runtimes);
  Knowledge knowledge;
  if (!prepare_knowledge(o.policies, {{selected, "--runtime"}, {gate.require, "--require"}}, knowledge, outcome, io)) {
    return status();
  }
  eval.runtimes = with_required(selected, gate.require, knowledge);
  for (const auto& text : o.preopens) {
    auto p = parse_preopen(text);
    if (!p) {
      io.err << fmt::format("wasm-audit: error: --preopen '{}': expected HOST::GUEST or DIR\n", text);
      outcome.usage_error = true;
      return status();
    }
    eval.preopens.push_back(std::move(*p));
  }
  if (!o.profile.empty()) {
    if (knowledge.find_profile(o.profile) == nullptr) {
      std::string known;
      for (const auto& p : knowledge.profiles) known += (known.empty() ? "" : ", ") + p.id;
      io.err << fmt::format("wasm-audit: error: unknown profile '{}' (known: {})\n", o.profile, known);
      outcome.usage_error = true;
      return status();
    }
    eval.profile = o.profile;
  }
  for (const auto& path : o.hosts) {
    const bool ok = load_config(path, io, [&](const std::string& text) {
      for (auto& i : load_host_manifest(text, path)) eval.host.push_back(std::move(i));
    });
    if (!ok) {
      outcome.config_error = true;
      return status();
    }
  }
  Baseline baseline;
  if (!o.baseline.empty()) {
    if (!load_config(o.baseline, io, [&](const std::string& text) { baseline = load_baseline(text, o.baseline); })) {
      outcome.config_error = true;
      return status();
    }
    gate.baseline = &baseline;
  }

  ReportOptions report = report_options(io, &knowledge);
  report.verbose = o.verbose;
  report.quiet = o.quiet;
  report.sarif_root = o.sarif_root;
  report.gate = &gate;
  auto reporter = make_check_reporter(o.format, io.out, report);
  if (!reporter) {  // the --format check keeps this from happening
    io.err << fmt::format("wasm-audit: error: --format {} does not apply to check\n", o.format);
    outcome.usage_error = true;
    return status();
  }

  CheckBatchOptions batch;
  batch.jobs = o.jobs;
  batch.read.sha256 = o.format == "sarif" || o.format == "jsonl";
  batch.read.max_size = o.max_size;
  batch.gate = &gate;
  std::vector<FindingKey> baseline_out;
  std::vector<std::pair<std::string, std::string>> imports;  // --write-policy: in first-seen order
  std::set<std::pair<std::string, std::string>> seen_imports;
  check_batch(expand_inputs(o.files), knowledge, eval, batch, [&](CheckEntry&& e) {
    if (e.error) {
      ++outcome.input_errors;
      io.err << format_error_line(e.path, *e.error) << '\n';
    } else if (e.gate && e.gate->failed()) {
      ++outcome.gate_failures;
    }
    if (e.result && !o.write_baseline.empty()) {
      for (auto& k : baseline_keys(*e.result, e.path, gate)) baseline_out.push_back(std::move(k));
    }
    if (e.module && !o.write_policy.empty()) {
      for (const auto& imp : e.module->imports) {
        if (seen_imports.emplace(imp.module, imp.name).second) imports.emplace_back(imp.module, imp.name);
      }
    }
    reporter->add(e);
  });
  reporter->finish();

  if (!o.write_baseline.empty()) {
    if (!write_text_file(o.write_baseline, baseline_json(std::move(baseline_out)), io)) outcome.config_error = true;
    outcome.gate_failures = 0;  // what was just recorded is accepted
  }
  if (!o.write_policy.empty() && !write_text_file(o.write_policy, allowlist_policy_json(imports, o.files), io)) {
    outcome.config_error = true;
  }
  return status();
}

CLI::App* setup_runtimes(CLI::App& app, RuntimesOptions& o) {
  CLI::App* cmd = app.add_subcommand("runtimes", "List the runtime profiles the knowledge base holds");
  cmd->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember(format_names(Command::kRuntimes)))
      ->capture_default_str();
  cmd->add_option("--policy", o.policies, "Load more knowledge documents first")->allow_extra_args(false);
  return cmd;
}

int run_runtimes(const RuntimesOptions& o, const Io& io) {
  Knowledge knowledge;
  if (!load_knowledge(o.policies, knowledge, io)) return to_int(exit_status({.config_error = true}));
  if (o.format == "json") {
    render_runtimes_json(knowledge, io.out);
  } else {
    render_runtimes_text(knowledge, io.out, TextOptions{io.color});
  }
  return to_int(ExitCode::kOk);
}

}  // namespace wasmaudit::cli
