// SPDX-License-Identifier: Apache-2.0
// Differential test: our reader against wabt's `wasm-objdump -x` on every valid core-module
// fixture. Imports, exports, the defined functions, tables, memories, globals and tags, and the
// start function must agree entry by entry: same order, kinds, indices, names, signature indices,
// limits and global types. A disagreement is a reader bug (or a wabt one: say which in the fix).
//
// wasm-objdump's `-j SECTION` keeps only the last section given, so the whole `-x` output is read
// once and its blocks (`Import[N]:` and the ` - ` lines after it, …) are picked out. wasm-objdump
// enables every feature it knows by itself; it takes no --enable flags. It cannot read components
// (wabt 1.0.32), so they are skipped.
//
// Known limits of parsing wabt's text: names are printed raw, so a name holding a newline, or a
// debug name holding `> -> "`, or an import module/name holding ` <- `, would be misparsed. No
// fixture has one; the non-ASCII names in wat/start_function.wat are compared byte for byte.
#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "catch.hpp"
#include "fixtures.hpp"
#include "process.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;

namespace {

// Runs `wasm-objdump -x FILE`, stderr merged into stdout so that any warning it prints inside a
// block breaks the parse loudly instead of being lost.
ProcessResult run_objdump(const std::filesystem::path& file) {
  return run_shell(shell_quote(WASMAUDIT_WASM_OBJDUMP) + " -x " + shell_quote(file.string()) + " 2>&1");
}

std::vector<std::string> split_words(std::string_view s) {
  std::vector<std::string> words;
  std::istringstream in{std::string(s)};
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::uint64_t parse_number(std::string_view s, const std::string& line) {
  if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) {
    FAIL("not a number: '" << std::string(s) << "' in wasm-objdump line: " << line);
  }
  return std::stoull(std::string(s));
}

// The value of a `key=value` word, or nullopt if the word has another key.
std::optional<std::uint64_t> keyed_number(const std::string& word, std::string_view key,
                                          const std::string& line) {
  if (!starts_with(word, key) || word.size() <= key.size() || word[key.size()] != '=') {
    return std::nullopt;
  }
  return parse_number(std::string_view(word).substr(key.size() + 1), line);
}

// One ` - kind[index] …` line of a section block, parsed.
struct Entry {
  std::string kind;  // func, table, memory, global, tag
  std::uint32_t index = 0;
  std::optional<std::uint32_t> sig;  // func, tag
  std::string type;                  // table element type, global value type
  std::optional<bool> is_mutable;    // global
  std::optional<Limits> limits;      // table, memory
  std::string qualified;             // imports: `module.name`
  std::string export_name;           // exports
  std::string line;                  // as printed, for failure messages
};

// Parses `kind[index]` at the start of `s` (after " - "); returns the rest of the line.
std::string_view parse_kind_index(std::string_view s, Entry& e) {
  const std::size_t open = s.find('[');
  const std::size_t close = s.find(']');
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    FAIL("no kind[index] in wasm-objdump line: " << e.line);
  }
  e.kind = std::string(s.substr(0, open));
  e.index = static_cast<std::uint32_t>(parse_number(s.substr(open + 1, close - open - 1), e.line));
  return s.substr(close + 1);
}

// Parses the type words after `kind[index]`, up to the first word that starts a debug name (`<…>`)
// or an init expression (`- init …`). Every word must be understood: a new format fails the test.
void parse_type_words(std::string_view s, Entry& e) {
  std::vector<std::string> words;
  for (auto& w : split_words(s)) {
    if (w[0] == '<' || w[0] == '-') break;
    words.push_back(std::move(w));
  }
  std::size_t i = 0;
  const auto next = [&]() -> const std::string& {
    if (i >= words.size()) FAIL("missing type in wasm-objdump line: " << e.line);
    return words[i++];
  };
  if (e.kind == "func" || e.kind == "tag") {
    const auto sig = keyed_number(next(), "sig", e.line);
    if (!sig) FAIL("expected sig=N in wasm-objdump line: " << e.line);
    e.sig = static_cast<std::uint32_t>(*sig);
  } else if (e.kind == "global") {
    e.type = next();
    const auto mut = keyed_number(next(), "mutable", e.line);
    if (!mut || *mut > 1) FAIL("expected mutable=0|1 in wasm-objdump line: " << e.line);
    e.is_mutable = *mut == 1;
  } else if (e.kind == "table" || e.kind == "memory") {
    if (e.kind == "table") {
      const std::string& t = next();
      if (!starts_with(t, "type=")) FAIL("expected type=T in wasm-objdump line: " << e.line);
      e.type = t.substr(5);
    } else if (next() != "pages:") {
      FAIL("expected pages: in wasm-objdump line: " << e.line);
    }
    Limits l;
    const auto initial = keyed_number(next(), "initial", e.line);
    if (!initial) FAIL("expected initial=N in wasm-objdump line: " << e.line);
    l.min = *initial;
    while (i < words.size()) {
      const std::string& w = words[i++];
      if (auto max = keyed_number(w, "max", e.line)) {
        l.max = *max;
      } else if (w == "shared") {
        l.shared = true;
      } else if (w == "i64") {
        l.is64 = true;
      } else {
        FAIL("unknown limits word '" << w << "' in wasm-objdump line: " << e.line);
      }
    }
    e.limits = l;
  } else {
    FAIL("unknown kind '" << e.kind << "' in wasm-objdump line: " << e.line);
  }
  if (i != words.size()) FAIL("unexpected '" << words[i] << "' in wasm-objdump line: " << e.line);
}

// ` - func[0] sig=1 <debug name> <- module.name`
Entry parse_import(const std::string& line) {
  Entry e;
  e.line = line;
  std::string_view rest = parse_kind_index(std::string_view(line).substr(3), e);
  const std::size_t arrow = rest.rfind(" <- ");
  if (arrow == std::string_view::npos) FAIL("no ' <- ' in wasm-objdump import line: " << line);
  e.qualified = std::string(rest.substr(arrow + 4));
  parse_type_words(rest.substr(0, arrow), e);
  return e;
}

// ` - func[1] <debug name> -> "export name"`
Entry parse_export(const std::string& line) {
  Entry e;
  e.line = line;
  std::string_view rest = parse_kind_index(std::string_view(line).substr(3), e);
  std::size_t quote = std::string_view::npos;
  if (starts_with(rest, " <")) {
    const std::size_t end = rest.find("> -> \"");
    if (end != std::string_view::npos) quote = end + 6;
  } else if (starts_with(rest, " -> \"")) {
    quote = 5;
  }
  if (quote == std::string_view::npos || rest.size() <= quote - 1 || rest.back() != '"') {
    FAIL("cannot parse wasm-objdump export line: " << line);
  }
  e.export_name = std::string(rest.substr(quote, rest.size() - quote - 1));
  return e;
}

// ` - table[1] type=externref initial=1`, ` - global[2] i32 mutable=0 <answer> - init i32=42`
Entry parse_definition(const std::string& line) {
  Entry e;
  e.line = line;
  parse_type_words(parse_kind_index(std::string_view(line).substr(3), e), e);
  return e;
}

// The detail blocks of `wasm-objdump -x`: header word (`Import`, `Start`, …) to its entry lines.
struct Dump {
  std::map<std::string, std::vector<std::string>> blocks;
  std::map<std::string, std::uint64_t> counts;  // the N of `Import[N]:`

  std::vector<std::string> lines(const std::string& block) const {
    const auto it = blocks.find(block);
    return it == blocks.end() ? std::vector<std::string>{} : it->second;
  }
};

// The blocks the comparison reads; the others (code, data dumps, custom sections) are skipped
// without copying, as Go fixtures print megabytes of them.
bool wanted_block(std::string_view name) {
  for (std::string_view w :
       {"Import", "Export", "Function", "Table", "Memory", "Global", "Tag", "Start"}) {
    if (name == w) return true;
  }
  return false;
}

Dump parse_dump(const std::string& text) {
  Dump d;
  const std::string_view all(text);
  const std::size_t details = all.find("\nSection Details:\n");
  if (details == std::string_view::npos) {
    FAIL("no 'Section Details:' in wasm-objdump output:\n" << text.substr(0, 2000));
  }
  std::vector<std::string>* current = nullptr;
  bool skipping = false;
  for (std::size_t pos = details + 18; pos < all.size();) {
    std::size_t end = all.find('\n', pos);
    if (end == std::string_view::npos) end = all.size();
    const std::string_view line = all.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    if (line[0] != ' ') {  // a block header: `Import[6]:`, `Start:`, `Custom:`
      if (line.back() != ':') FAIL("unexpected wasm-objdump line: " << std::string(line));
      std::string name(line.substr(0, line.size() - 1));
      const std::size_t open = name.find('[');
      if (open != std::string::npos) {
        if (name.back() != ']') FAIL("bad wasm-objdump block header: " << std::string(line));
        d.counts[name.substr(0, open)] = parse_number(
            std::string_view(name).substr(open + 1, name.size() - open - 2), std::string(line));
        name.resize(open);
      }
      skipping = !wanted_block(name);
      if (skipping) continue;
      if (d.blocks.count(name) != 0) FAIL("block twice: " << std::string(line));
      current = &d.blocks[name];
      continue;
    }
    if (skipping) continue;
    if (current == nullptr) FAIL("wasm-objdump line outside a block: " << std::string(line));
    // Entries are ` - …`; deeper lines (`  - …`) are not.
    if (starts_with(line, " - ")) current->emplace_back(line);
  }
  return d;
}

std::string_view wabt_kind(ExternKind kind) {
  switch (kind) {
    case ExternKind::kFunc:
      return "func";
    case ExternKind::kTable:
      return "table";
    case ExternKind::kMemory:
      return "memory";
    case ExternKind::kGlobal:
      return "global";
    case ExternKind::kTag:
      return "tag";
  }
  return "?";
}

void check_limits(const Entry& e, const Limits& ours) {
  REQUIRE(e.limits.has_value());
  CHECK(e.limits->min == ours.min);
  CHECK(e.limits->max == ours.max);
  CHECK(e.limits->shared == ours.shared);
  CHECK(e.limits->is64 == ours.is64);
}

void check_table(const Entry& e, const TableType& ours) {
  CHECK(e.type == to_string(ours.element));
  check_limits(e, ours.limits);
}

void check_global(const Entry& e, const GlobalType& ours) {
  CHECK(e.type == to_string(ours.type));
  CHECK(e.is_mutable == ours.is_mutable);
}

void compare_imports(const Module& m, const Dump& d) {
  const std::vector<std::string> lines = d.lines("Import");
  REQUIRE(lines.size() == m.imports.size());
  if (!lines.empty()) CHECK(d.counts.at("Import") == m.imports.size());
  std::map<ExternKind, std::uint32_t> next_index;  // imports open each kind's index space
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Entry e = parse_import(lines[i]);
    const Import& ours = m.imports[i];
    INFO("import " << i << ": wasm-objdump says: " << e.line);
    REQUIRE(e.kind == wabt_kind(ours.kind));
    CHECK(e.index == next_index[ours.kind]++);
    CHECK(e.qualified == ours.module + "." + ours.name);
    switch (ours.kind) {
      case ExternKind::kFunc:
      case ExternKind::kTag:
        CHECK(e.sig == ours.type_index);
        break;
      case ExternKind::kTable:
        check_table(e, ours.table);
        break;
      case ExternKind::kMemory:
        check_limits(e, ours.memory.limits);
        break;
      case ExternKind::kGlobal:
        check_global(e, ours.global);
        break;
    }
  }
}

void compare_exports(const Module& m, const Dump& d) {
  const std::vector<std::string> lines = d.lines("Export");
  REQUIRE(lines.size() == m.exports.size());
  if (!lines.empty()) CHECK(d.counts.at("Export") == m.exports.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Entry e = parse_export(lines[i]);
    const Export& ours = m.exports[i];
    INFO("export " << i << ": wasm-objdump says: " << e.line);
    CHECK(e.kind == wabt_kind(ours.kind));
    CHECK(e.index == ours.index);
    CHECK(e.export_name == ours.name);
  }
}

// Defined (not imported) entries of one index space, in order, against a block such as `Memory`.
template <typename Item, typename Check>
void compare_defined(const Dump& d, const std::string& block, const std::vector<Item>& items,
                     Check check) {
  const std::vector<std::string> lines = d.lines(block);
  std::vector<std::pair<std::uint32_t, const Item*>> defined;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!items[i].imported) defined.emplace_back(static_cast<std::uint32_t>(i), &items[i]);
  }
  INFO(block << " section");
  REQUIRE(lines.size() == defined.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const Entry e = parse_definition(lines[i]);
    INFO("wasm-objdump says: " << e.line);
    CHECK(e.index == defined[i].first);
    check(e, *defined[i].second);
  }
}

void compare_definitions(const Module& m, const Dump& d) {
  compare_defined(d, "Function", m.functions,
                  [](const Entry& e, const Function& f) { CHECK(e.sig == f.type_index); });
  compare_defined(d, "Table", m.tables,
                  [](const Entry& e, const Table& t) { check_table(e, t.type); });
  compare_defined(d, "Memory", m.memories,
                  [](const Entry& e, const Memory& mem) { check_limits(e, mem.type.limits); });
  compare_defined(d, "Global", m.globals,
                  [](const Entry& e, const Global& g) { check_global(e, g.type); });
  compare_defined(d, "Tag", m.tags,
                  [](const Entry& e, const Tag& t) { CHECK(e.sig == t.type_index); });

  const std::vector<std::string> start = d.lines("Start");
  REQUIRE(start.size() == (m.start ? 1U : 0U));
  if (m.start) CHECK(start[0] == " - start function: " + std::to_string(m.start->func_index));
}

struct Compared {
  std::filesystem::path path;
  Module module;
  Dump dump;
};

// Every valid core-module fixture, read by us and dumped by wabt; computed once per process.
const std::vector<Compared>& compared_fixtures() {
  static const std::vector<Compared> cached = [] {
    std::vector<Compared> out;
    for (const auto& path : valid_fixtures()) {
      INFO("fixture " << path.string());
      const std::vector<std::uint8_t> bytes = read_bytes(path);
      Module m = read_module(bytes);
      if (m.kind == BinaryKind::kComponent) continue;
      const ProcessResult r = run_objdump(path);
      INFO("wasm-objdump exit status " << r.status << ", output begins:\n"
                                       << r.out.substr(0, 2000));
      REQUIRE(r.status == 0);
      out.push_back({path, std::move(m), parse_dump(r.out)});
    }
    return out;
  }();
  return cached;
}

}  // namespace

TEST_CASE("the objdump parser reads every import, export and definition form", "[differential]") {
  // What wasm-objdump 1.0.32 prints for each form (from fixtures/wat and a module with a shared
  // memory64 import); a change of format fails here first.
  const Entry f = parse_import(
      " - func[7] sig=5 <__imported_wasi_snapshot_preview1_fd_write> <- "
      "wasi_snapshot_preview1.fd_write");
  CHECK(f.kind == "func");
  CHECK(f.index == 7);
  CHECK(f.sig == 5U);
  CHECK(f.qualified == "wasi_snapshot_preview1.fd_write");
  const Entry mem = parse_import(" - memory[0] pages: initial=1 max=2 shared i64 <- a.b.c.d");
  REQUIRE(mem.limits.has_value());
  CHECK(mem.limits->min == 1);
  CHECK(mem.limits->max == 2U);
  CHECK(mem.limits->shared);
  CHECK(mem.limits->is64);
  CHECK(mem.qualified == "a.b.c.d");
  const Entry g = parse_import(" - global[1] externref mutable=0 <- env.ext");
  CHECK(g.type == "externref");
  CHECK(g.is_mutable == false);
  const Entry t = parse_import(" - table[0] type=funcref initial=2 max=10 <- env.table");
  CHECK(t.type == "funcref");
  CHECK(t.limits->max == 10U);
  CHECK_FALSE(t.limits->shared);
  CHECK(parse_import(" - tag[0] sig=1 <env.error> <- env.error").sig == 1U);
  CHECK(parse_import(" - func[0] sig=0 <.> <- .").qualified == ".");

  CHECK(parse_export(" - memory[0] -> \"memory\"").export_name == "memory");
  CHECK(parse_export(" - func[1] <x> -> \"\"").export_name.empty());
  const Entry quoted = parse_export(" - func[1] <with \"q\" -> \"x\"> -> \"with \"q\" -> \"x\"\"");
  CHECK(quoted.index == 1);
  CHECK(quoted.export_name == "with \"q\" -> \"x\"");

  const Entry def = parse_definition(" - global[2] i32 mutable=0 <answer> - init i32=42");
  CHECK(def.index == 2);
  CHECK(def.type == "i32");
  CHECK(def.is_mutable == false);
  CHECK_FALSE(parse_definition(" - memory[2] pages: initial=0").limits->max.has_value());
}

TEST_CASE("imports and exports agree with wasm-objdump on every core fixture", "[differential]") {
  const std::vector<Compared>& fixtures = compared_fixtures();
  // Not vacuous: the .wat fixtures plus the clang-built ones in fixtures/c.
  REQUIRE(fixtures.size() > 8);
  std::size_t imports = 0;
  std::size_t exports = 0;
  for (const Compared& c : fixtures) {
    INFO("fixture " << c.path.string());
    compare_imports(c.module, c.dump);
    compare_exports(c.module, c.dump);
    imports += c.module.imports.size();
    exports += c.module.exports.size();
  }
  CHECK(imports > 30);
  CHECK(exports > 20);
}

TEST_CASE("defined functions, tables, memories, globals, tags and start agree with wasm-objdump",
          "[differential]") {
  const std::vector<Compared>& fixtures = compared_fixtures();
  REQUIRE(fixtures.size() > 8);
  for (const Compared& c : fixtures) {
    INFO("fixture " << c.path.string());
    compare_definitions(c.module, c.dump);
  }
}

TEST_CASE("non-ASCII export names match wasm-objdump byte for byte", "[differential]") {
  const std::filesystem::path path = built_fixture("wat/start_function.wasm");
  const Module m = read_module(read_bytes(path));
  const ProcessResult r = run_objdump(path);
  REQUIRE(r.status == 0);
  const Dump d = parse_dump(r.out);
  const std::vector<std::string> lines = d.lines("Export");
  REQUIRE(lines.size() == 2);
  const std::string name = parse_export(lines[1]).export_name;
  CHECK(name == "h\xC3\xA9llo \xF0\x9F\x98\x80");  // é is C3 A9, 😀 is F0 9F 98 80
  REQUIRE(m.exports.size() == 2);
  CHECK(m.exports[1].name == name);
}
