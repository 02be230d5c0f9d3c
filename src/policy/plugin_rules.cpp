// SPDX-License-Identifier: Apache-2.0
// The untrusted-plugin profile (--profile plugin): a host that runs third-party code cares about
// what the code can take from it — memory without a bound, the host's environment, and host
// functions that act on paths or commands the plugin chooses. Rule texts and fixes are in
// policies/rules/rules.json; the names that look like host I/O in policies/profiles/plugin.json.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "advice.hpp"
#include "binary/glob.hpp"

namespace wasmaudit::detail {
namespace {

/// Lower case without '_', '-' and '.': "readFile", "read_file" and "Read-File" compare equal.
std::string normalise(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '_' || c == '-' || c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

/// Two adjacent integer parameters of the same width: a guest pointer and a length.
bool takes_pointer_and_length(const FuncType& f) {
  for (std::size_t i = 0; i + 1 < f.params.size(); ++i) {
    const auto a = f.params[i].kind;
    if ((a == ValType::Kind::kI32 || a == ValType::Kind::kI64) && f.params[i + 1].kind == a)
      return true;
  }
  return false;
}

std::string pages_text(std::uint64_t pages) {
  const std::uint64_t bytes = pages * 65536;
  if (bytes >= (1u << 20)) return fmt::format("{} pages, {} MiB", pages, bytes >> 20);
  return fmt::format("{} pages, {} KiB", pages, bytes >> 10);
}

}  // namespace

std::vector<FindingDraft> plugin_findings(const Module& module, const Knowledge& knowledge,
                                          const EvalOptions& options,
                                          const std::vector<ImportClass>& imports,
                                          const std::vector<Capability>& capabilities) {
  std::vector<FindingDraft> out;
  const AuditProfile* profile = knowledge.find_profile(options.profile);
  if (profile == nullptr) return out;

  // plugin.unbounded-memory
  for (std::size_t i = 0; i < module.memories.size(); ++i) {
    const Limits& l = module.memories[i].type.limits;
    if (l.max) continue;
    out.push_back(
        {"plugin.unbounded-memory", fmt::format("memory {}", i), module.memories[i].range,
         fmt::format("memory {} has no maximum ({}{} at start): the plugin can grow it until "
                     "the host's own limit, {}",
                     i, module.memories[i].imported ? "imported, " : "", pages_text(l.min),
                     l.is64 ? "which a 64-bit memory does not have" : "4 GiB for a 32-bit memory"),
         ""});
  }

  // plugin.environment
  for (const auto& cap : capabilities) {
    if (cap.id != "env") continue;
    std::size_t first = 0;
    for (std::size_t i = 0; i < module.imports.size(); ++i) {
      if (module.imports[i].module + "::" + module.imports[i].name == cap.imports.front()) {
        first = i;
        break;
      }
    }
    std::string names;
    for (const auto& n : cap.imports)
      names += (names.empty() ? "" : ", ") + n.substr(n.find("::") + 2);
    std::string msg = fmt::format(
        "imports {}: the plugin can read every environment variable the host passes to it (secrets "
        "included)",
        names);
    if (built_by_go(options.detection)) {
      msg +=
          "; this is a Go build, and Go's runtime imports environ_get in every wasip1 program (the "
          "syscall package reads the environment at start-up), so the import says nothing about "
          "the plugin's own code: what matters is what the host passes";
    } else {
      msg +=
          "; the import alone does not prove the code reads it (language runtimes import it for "
          "getenv), so what matters is what the host passes";
    }
    out.push_back({"plugin.environment", cap.imports.front(),
                   module.imports.empty() ? ByteRange{} : module.imports[first].range, msg, ""});
  }

  // plugin.host-io-import
  std::vector<std::string> patterns;
  for (const auto& p : profile->host_io_names) patterns.push_back(normalise(p));
  for (std::size_t i = 0; i < module.imports.size(); ++i) {
    const Import& imp = module.imports[i];
    if (imp.kind != ExternKind::kFunc) continue;
    // Standard and runtime-extension functions are the runtime's, confined by its own grants; only
    // functions an embedder (or nobody known) provides are the host application's code.
    const ImportClass& cls = i < imports.size() ? imports[i] : ImportClass{};
    if (cls.iface != nullptr && cls.iface->cls != InterfaceClass::kEmbedder) continue;
    const FuncType* ft = module.type_at(imp.type_index);
    if (ft == nullptr || !takes_pointer_and_length(*ft)) continue;
    const std::string name = normalise(imp.name);
    const auto hit = std::find_if(patterns.begin(), patterns.end(),
                                  [&](const std::string& p) { return glob_match(p, name); });
    if (hit == patterns.end()) continue;
    out.push_back(
        {"plugin.host-io-import", imp.module + "::" + imp.name, imp.range,
         fmt::format("{}::{} {} takes a guest pointer and length and is named like host I/O: "
                     "the host will open, read, fetch or run whatever path, URL or command the "
                     "plugin writes there",
                     imp.module, imp.name, to_string(*ft)),
         ""});
  }
  return out;
}

}  // namespace wasmaudit::detail
