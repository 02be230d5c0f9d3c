// SPDX-License-Identifier: Apache-2.0
#include "cmd_check.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "exit_code.hpp"
#include "wasmaudit/audit.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/file_bytes.hpp"

namespace wasmaudit::cli {
namespace {

std::string read_text_file(const std::string& path) {
  const FileBytes file = FileBytes::open(path);
  const auto b = file.bytes();
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

InputError policy_error(const PolicyError& e) {
  return {e.what(), e.pointer(), e.byte_offset()};
}

/// Loads the built-in knowledge plus --policy files; prints the error and returns false on failure.
bool load_knowledge(const std::vector<std::string>& policies, Knowledge& k, const Io& io) {
  k = builtin_knowledge();
  for (const auto& path : policies) {
    try {
      load_documents(read_text_file(path), path, k);
    } catch (const PolicyError& e) {
      io.err << format_error_line(path, policy_error(e)) << '\n';
      return false;
    } catch (const IoError& e) {
      io.err << format_error_line(path, InputError::from(e)) << '\n';
      return false;
    }
  }
  return true;
}

std::vector<std::string> split_commas(const std::vector<std::string>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) {
    std::size_t start = 0;
    while (start <= v.size()) {
      const auto comma = v.find(',', start);
      const std::string part = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) out.push_back(part);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return out;
}

}  // namespace

CLI::App* setup_check(CLI::App& app, CheckOptions& o) {
  CLI::App* cmd = app.add_subcommand(
      "check", "Predict, per runtime, whether a module instantiates; report findings and a verdict");
  cmd->add_option("files", o.files, "WebAssembly binaries")->required();
  cmd->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--runtime", o.runtimes,
                  "Limit the runtime table (comma-separated; a version may be given: wasmtime@24)")
      ->allow_extra_args(false);  // one value per occurrence: never swallow the FILE arguments
  cmd->add_option("--policy", o.policies,
                  "Load a policy or knowledge document (allow/deny, severities, runtimes, interfaces)")
      ->allow_extra_args(false);
  cmd->add_option("--host", o.hosts, "A manifest of the functions an embedder provides")
      ->allow_extra_args(false);
  cmd->add_option("--preopen", o.preopens,
                  "A directory the host will preopen, HOST::GUEST (or DIR for both): used in the run "
                  "advice and to check the data section's paths against it; repeatable")
      ->allow_extra_args(false);
  cmd->add_option("--profile", o.profile,
                  "Enable a profile's rules: plugin (the module is an untrusted plugin)");
  cmd->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit status 1")
      ->check(CLI::IsMember({"error", "warning", "note", "none"}))
      ->capture_default_str();
  return cmd;
}

int run_check(const CheckOptions& o, const Io& io) {
  Knowledge knowledge;
  if (!load_knowledge(o.policies, knowledge, io)) return to_int(ExitCode::kInputError);

  EvalOptions eval;
  for (const auto& sel : split_commas(o.runtimes)) {
    RuntimeSelector s;
    const auto at = sel.find('@');
    s.id = sel.substr(0, at);
    if (at != std::string::npos) s.version = sel.substr(at + 1);
    if (knowledge.find_runtime(s.id) == nullptr) {
      std::string known;
      for (const auto& r : knowledge.runtimes) {
        if (!known.empty()) known += ", ";
        known += r.id;
      }
      io.err << fmt::format("wasm-audit: error: unknown runtime '{}' (known: {}) (see 'wasm-audit runtimes')\n",
                            s.id, known);
      return to_int(ExitCode::kUsage);
    }
    eval.runtimes.push_back(std::move(s));
  }
  for (const auto& text : o.preopens) {
    auto p = parse_preopen(text);
    if (!p) {
      io.err << fmt::format("wasm-audit: error: --preopen '{}': expected HOST::GUEST or DIR\n", text);
      return to_int(ExitCode::kUsage);
    }
    eval.preopens.push_back(std::move(*p));
  }
  if (!o.profile.empty()) {
    if (knowledge.find_profile(o.profile) == nullptr) {
      std::string known;
      for (const auto& p : knowledge.profiles) known += (known.empty() ? "" : ", ") + p.id;
      io.err << fmt::format("wasm-audit: error: unknown profile '{}' (known: {})\n", o.profile, known);
      return to_int(ExitCode::kUsage);
    }
    eval.profile = o.profile;
  }
  for (const auto& path : o.hosts) {
    try {
      for (auto& i : load_host_manifest(read_text_file(path), path)) eval.host.push_back(std::move(i));
    } catch (const PolicyError& e) {
      io.err << format_error_line(path, policy_error(e)) << '\n';
      return to_int(ExitCode::kInputError);
    } catch (const IoError& e) {
      io.err << format_error_line(path, InputError::from(e)) << '\n';
      return to_int(ExitCode::kInputError);
    }
  }

  const auto threshold = parse_severity(o.fail_on);  // nullopt for "none"
  std::vector<CheckEntry> entries;
  bool input_error = false;
  bool failing = false;
  for (const auto& path : o.files) {
    entries.push_back(check_file(path, knowledge, eval));
    const CheckEntry& e = entries.back();
    if (e.error) {
      input_error = true;
      io.err << format_error_line(path, *e.error) << '\n';
      continue;
    }
    for (const auto& f : e.result->findings) failing = failing || (threshold && f.severity >= *threshold);
  }
  if (o.format == "json") {
    render_check_json(entries, io.out);
  } else {
    render_check_text(entries, io.out, TextOptions{io.color});
  }
  if (input_error) return to_int(ExitCode::kInputError);
  return to_int(failing ? ExitCode::kFindings : ExitCode::kOk);
}

CLI::App* setup_runtimes(CLI::App& app, RuntimesOptions& o) {
  CLI::App* cmd = app.add_subcommand("runtimes", "List the runtime profiles the knowledge base holds");
  cmd->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("--policy", o.policies, "Load more knowledge documents first")->allow_extra_args(false);
  return cmd;
}

int run_runtimes(const RuntimesOptions& o, const Io& io) {
  Knowledge knowledge;
  if (!load_knowledge(o.policies, knowledge, io)) return to_int(ExitCode::kInputError);
  if (o.format == "json") {
    render_runtimes_json(knowledge, io.out);
  } else {
    render_runtimes_text(knowledge, io.out, TextOptions{io.color});
  }
  return to_int(ExitCode::kOk);
}

}  // namespace wasmaudit::cli
