// SPDX-License-Identifier: Apache-2.0
// Run advice: for one runtime, the command line or embedder snippet that grants exactly what the
// module asks and no more, filled in from the runtime profile's `run` templates
// (docs/policy-format.md). Only capabilities that need a grant (preopened directories, sockets)
// add flags; the feature flags the runtime table lists (-W shared-memory=y, -S threads) are added
// as they are.
#include <algorithm>
#include <unordered_set>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "advice.hpp"
#include "binary/glob.hpp"

namespace wasmaudit::detail {
namespace {

using Values = std::map<std::string, std::string>;

/// Replaces `{key}` for every key in `values`; any other brace is left as it is, so JavaScript and
/// Go braces need no escaping in the templates.
std::string fill(std::string text, const Values& values) {
  for (const auto& [key, value] : values) {
    const std::string token = "{" + key + "}";
    for (std::size_t pos = 0; (pos = text.find(token, pos)) != std::string::npos;
         pos += value.size()) {
      text.replace(pos, token.size(), value);
    }
  }
  return text;
}

/// A value as the recipe's language needs it: a shell word (quoted only when needed), or the inside
/// of a JavaScript '…' or Go "…" string literal.
std::string quote(const std::string& v, const std::string& language) {
  std::string out;
  if (language == "sh") {
    const bool plain = !v.empty() && std::all_of(v.begin(), v.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) ||
             std::string_view("_./:=@%+,-").find(c) != std::string_view::npos;
    });
    if (plain) return v;
    out = "'";
    for (char c : v) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  }
  const char q = language == "js" ? '\'' : '"';
  for (char c : v) {
    if (c == '\\' || c == q) out += '\\';
    out += c;
  }
  return out;
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string basename_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

/// The directories to preopen: --preopen as given, else the parent directories of the program's
/// own paths (none covering another), else a placeholder.
std::vector<Values> filesystem_items(const CheckResult& result, const EvalOptions& options) {
  std::vector<Values> items;
  if (!options.preopens.empty()) {
    for (const auto& p : options.preopens) items.push_back({{"host", p.host}, {"guest", p.guest}});
    return items;
  }
  // The parents of the program's own paths, each once, in file order; at most kMaxGuessedDirs (a
  // run line with more would not be read, and the nesting check below is quadratic in them).
  constexpr std::size_t kMaxGuessedDirs = 16;
  std::vector<std::string> dirs;
  std::unordered_set<std::string> seen;
  for (const auto& p : result.paths) {
    if (dirs.size() == kMaxGuessedDirs) break;
    if (!p.library.empty()) continue;
    std::string dir = p.path.substr(0, p.path.rfind('/'));
    if (dir.empty()) dir = "/";
    if (seen.insert(dir).second) dirs.push_back(std::move(dir));
  }
  std::vector<Preopen> kept;
  for (const auto& d : dirs) {
    std::vector<Preopen> others;
    for (const auto& o : dirs) {
      if (o != d) others.push_back({o, o});
    }
    if (!covering_preopen(d, others)) kept.push_back({d, d});
  }
  if (kept.empty()) kept.push_back({"GUEST_DIR", "GUEST_DIR"});
  for (std::size_t i = 0; i < kept.size(); ++i) {
    const std::string host = kept.size() == 1 ? "HOST_DIR" : fmt::format("HOST_DIR_{}", i + 1);
    items.push_back({{"host", host}, {"guest", kept[i].guest}});
  }
  return items;
}

struct Context {
  Context(const Module& m, const RuntimeResult& r) : module(m), runtime(r) {}
  const Module& module;
  const RuntimeResult& runtime;
  bool reactor = false;
  std::set<std::string> asked;                       // capability ids the module asks
  std::map<std::string, std::vector<Values>> items;  // capability -> granted items
  std::vector<std::string> flags;                    // feature and interface flags
  std::string file;
  std::string exported;  // the function a reactor's recipe calls
};

/// A recipe line's `when`: "", "command", "reactor", a capability id, "imports:MODULE" (the
/// module imports from MODULE), or any of them after "!" (it does not hold).
bool holds(std::string_view when, const Context& c) {
  if (when.empty()) return true;
  if (when.front() == '!') return !holds(when.substr(1), c);
  if (when == "command") return !c.reactor;
  if (when == "reactor") return c.reactor;
  if (when.starts_with("imports:")) {
    const std::string_view module = when.substr(8);
    return std::any_of(c.module.imports.begin(), c.module.imports.end(),
                       [&](const Import& i) { return i.module == module; });
  }
  return c.asked.count(std::string(when)) > 0;
}

/// The recipe's lines for this module, filled in; lines whose capability placeholder has nothing
/// to grant are dropped.
std::vector<std::string> render(const RunRecipe& recipe, const Context& c) {
  Values values{{"file", quote(c.file, recipe.language)},
                {"name", quote(basename_of(c.file), recipe.language)},
                {"export", recipe.language == "sh" ? quote(c.exported, "sh") : c.exported}};
  std::vector<std::string> all_grants;
  std::set<std::string> empty;
  for (const auto& [capability, tmpl] : recipe.grants) {
    const GrantTemplate* t = recipe.grant(capability, c.runtime.version);
    auto it = c.items.find(capability);
    if (t == nullptr || it == c.items.end() || it->second.empty()) {
      values[capability] = "";
      empty.insert(capability);
      continue;
    }
    std::string joined;
    for (const auto& item : it->second) {
      Values quoted;
      for (const auto& [k, v] : item) quoted[k] = quote(v, recipe.language);
      if (!joined.empty()) joined += t->join;
      joined += fill(t->each, quoted);
    }
    values[capability] = joined;
    all_grants.push_back(joined);
  }
  std::string grants;
  for (const auto& g : all_grants) grants += (grants.empty() ? "" : " ") + g;
  values["grants"] = grants;
  std::string flags;
  for (const auto& f : c.flags) flags += (flags.empty() ? "" : " ") + f;
  values["flags"] = flags;
  std::vector<std::string> out;
  for (const auto& line : recipe.lines) {
    if (!holds(line.when, c)) continue;
    if (std::any_of(empty.begin(), empty.end(), [&](const std::string& cap) {
          return line.text.find("{" + cap + "}") != std::string::npos;
        })) {
      continue;
    }
    std::string text = fill(line.text, values);
    if (recipe.language == "sh") text = collapse_spaces(text);
    out.push_back(std::move(text));
  }
  return out;
}

/// Flags the runtime table lists that are not a capability's grant text: feature and interface
/// switches ("-W shared-memory=y", "-S threads"), without a trailing remark in parentheses.
std::vector<std::string> flags_of(const RuntimeProfile& p, const RuntimeResult& r) {
  std::vector<std::string> out;
  for (const auto& g : r.grants) {
    const bool capability = std::any_of(p.grants.begin(), p.grants.end(),
                                        [&](const auto& kv) { return kv.second == g; });
    if (capability) continue;
    std::string f = g;
    if (const auto paren = f.find(" ("); paren != std::string::npos) f.resize(paren);
    out.push_back(f);
  }
  return out;
}

}  // namespace

std::optional<RunAdvice> run_advice(const Module& module, const RuntimeProfile& profile,
                                    const RuntimeResult& runtime, const CheckResult& result,
                                    const EvalOptions& options, std::vector<std::string>& cannot_grant) {
  // Where it cannot load, or loads only to trap on a missing import (WAMR, wasm3), there is no
  // command line that runs it.
  if (!profile.run || !runtime.instantiates || !runtime.missing.empty() ||
      module.kind != BinaryKind::kModule) {
    return std::nullopt;
  }
  const RunProfile& run = *profile.run;
  Context c(module, runtime);
  const Shape shape = shape_of(module);
  c.reactor = shape == Shape::kReactor || shape == Shape::kLibrary;
  c.file = options.file;
  for (const auto& cap : result.capabilities) c.asked.insert(cap.id);
  if (result.needs_preopens()) c.items["filesystem"] = filesystem_items(result, options);
  for (const auto& cap : result.capabilities) {
    // A preopened socket (preview 1's sock_accept), or addresses for sockets it opens itself
    // (WAMR's --addr-pool): one item each, written as the template spells it.
    if ((cap.id == "sockets" || cap.id == "network") && cap.needs_grant) c.items[cap.id] = {Values{}};
  }
  c.flags = flags_of(profile, runtime);
  c.exported = "FUNCTION";
  for (const auto& e : module.exports) {
    if (e.kind == ExternKind::kFunc && e.name != "_initialize" && e.name != "_start") {
      c.exported = e.name;
      break;
    }
  }

  RunAdvice advice;
  if (run.cli) {
    const auto lines = render(*run.cli, c);
    if (!lines.empty()) advice.command = lines.front();
  }
  if (run.embed) {
    advice.snippet = render(*run.embed, c);
    if (!advice.snippet.empty()) {
      advice.snippet_title = run.embed->title;
      advice.snippet_language = run.embed->language;
    }
  }
  // What the templates cannot grant, and what they cannot do for this shape.
  std::string guests;
  if (auto it = c.items.find("filesystem"); it != c.items.end()) {
    for (const auto& item : it->second) guests += (guests.empty() ? "" : ", ") + item.at("guest");
  }
  for (const auto& [capability, items] : c.items) {
    if (run.can_grant(capability, runtime.version)) continue;
    if (auto n = run.notes.find(capability); n != run.notes.end()) {
      cannot_grant.push_back(fill(n->second, {{"guests", guests}}));
    }
  }
  if (shape == Shape::kReactor) {  // the notes are about _initialize
    if (auto n = run.notes.find("reactor"); n != run.notes.end()) advice.notes.push_back(n->second);
  }
  // Imports only the embedder's --host declarations satisfy: the stock command cannot supply them.
  std::vector<std::string> hosted;
  std::vector<std::string> host_modules;
  for (const auto& imp : module.imports) {
    const bool declared = std::any_of(options.host.begin(), options.host.end(), [&](const Interface& h) {
      return glob_match(h.module, imp.module) && std::any_of(h.items.begin(), h.items.end(), [&](const InterfaceItem& i) {
               return i.kind == imp.kind && glob_match(i.name, imp.name);
             });
    });
    if (!declared) continue;
    hosted.push_back(imp.module + "::" + imp.name);
    if (std::find(host_modules.begin(), host_modules.end(), imp.module) == host_modules.end()) {
      host_modules.push_back(imp.module);
    }
  }
  if (!hosted.empty()) {
    const auto n = run.notes.find("host");
    std::string imports;
    for (const auto& h : hosted) imports += (imports.empty() ? "" : ", ") + h;
    std::string modules;
    for (const auto& m : host_modules) modules += (modules.empty() ? "" : ", ") + m;
    // The stock command would fail to link, unless it runs the embedder code shown (node run.mjs).
    const bool runs_snippet = run.embed && !run.embed->title.empty() &&
                              advice.command.find(run.embed->title) != std::string::npos;
    if (!runs_snippet) advice.command.clear();
    advice.notes.push_back(n != run.notes.end()
                               ? fill(n->second, {{"imports", imports}, {"modules", modules}})
                               : fmt::format("the stock command cannot supply {} (declared with --host): embed the "
                                             "module and provide them",
                                             imports));
  }
  if (advice.command.empty() && advice.snippet.empty() && advice.notes.empty()) return std::nullopt;
  return advice;
}

}  // namespace wasmaudit::detail
