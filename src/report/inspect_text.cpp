// SPDX-License-Identifier: Apache-2.0
#include <fmt/format.h>

#include <algorithm>

#include "detection_report.hpp"
#include "reporters.hpp"
#include "report/escape.hpp"
#include "wasmaudit/report/inspect.hpp"

namespace wasmaudit {
namespace {

class Painter {
 public:
  explicit Painter(bool color) : color_(color) {}
  std::string heading(std::string_view s) const { return wrap("1", s); }
  std::string dim(std::string_view s) const { return wrap("2", s); }
  std::string kind(std::string_view s) const { return wrap("36", s); }

 private:
  std::string wrap(std::string_view code, std::string_view s) const {
    if (!color_) return std::string(s);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, s);
  }
  bool color_;
};

std::string section_label(const SectionInfo& s) {
  if (s.is_custom()) return fmt::format("custom \"{}\"", escape_name(s.name));
  return s.name;
}

std::string import_name(const Import& i) {
  return fmt::format("{}::{}", escape_name(i.module), escape_name(i.name));
}

void write_sections(const Module& m, std::ostream& out, const Painter& p) {
  out << fmt::format("  {} ({}):\n", p.heading("sections"), m.sections.size());
  if (m.sections.empty()) return;
  std::size_t width = 4;
  for (const auto& s : m.sections) width = std::max(width, section_label(s).size());
  out << p.dim(fmt::format("    {:>3}  {:<{}}  {:>10}  {:>10}\n", "id", "name", width, "offset",
                           "size"));
  for (const auto& s : m.sections) {
    out << fmt::format("    {:>3}  {:<{}}  {:>#10x}  {:>10}\n", s.id, section_label(s), width,
                       s.range.offset, s.range.size);
  }
}

// Proposals beyond WebAssembly 1.0, by first use: "simd  first at 0x1a2b, 37 uses".
void write_features(const Module& m, std::ostream& out, const Painter& p) {
  if (m.features.empty()) {
    out << fmt::format("  {}: none beyond WebAssembly 1.0\n", p.heading("features"));
    return;
  }
  out << fmt::format("  {} ({}):\n", p.heading("features"), m.features.size());
  std::size_t width = 0;
  for (const auto& f : m.features) width = std::max(width, to_string(f.proposal).size());
  for (const auto& f : m.features) {
    out << fmt::format("    {:<{}}  first at {:#x}, {} use{}\n", to_string(f.proposal), width, f.offset, f.count,
                       f.count == 1 ? "" : "s");
  }
}

template <typename Item, typename NameFn, typename TypeFn>
void write_table(std::string_view title, const std::vector<Item>& items, NameFn name, TypeFn type,
                 std::ostream& out, const Painter& p) {
  out << fmt::format("  {} ({}):\n", p.heading(title), items.size());
  std::size_t width = 0;
  for (const auto& item : items) width = std::max(width, name(item).size());
  for (const auto& item : items) {
    out << fmt::format("    {:<{}}  {}\n", name(item), width, type(item));
  }
}

void write_module(const InspectEntry& entry, const Module& m, std::ostream& out, const Painter& p,
                  bool color, std::size_t width) {
  out << p.heading(escape_name(entry.path)) << '\n';
  const auto detection = [&] {
    if (entry.detection) {
      detail::write_detection_text(*entry.detection, detail::DetectionText::kFull, "  ", color, width,
                                   out);
    }
  };
  if (m.kind == BinaryKind::kComponent) {
    out << fmt::format("  kind:   component (layer 1, version 0x{:x}), {} bytes\n", m.version,
                       m.file_size);
    detection();
    write_sections(m, out, p);
    const auto name = [](const ComponentExtern& e) { return escape_name(e.name + e.version_suffix); };
    const auto sort = [&](const ComponentExtern& e) { return p.kind(to_string(e.sort)); };
    write_table("imports", m.component_imports, name, sort, out, p);
    write_table("exports", m.component_exports, name, sort, out, p);
    detail::write_parts_text(m, entry.detection ? &*entry.detection : nullptr, "  ", color, width, out);
    write_features(m, out, p);
    return;
  }

  const Shape shape = shape_of(m);
  std::string why;
  switch (shape) {
    case Shape::kCommand: why = "exports _start"; break;
    case Shape::kReactor: why = "exports _initialize, not _start"; break;
    case Shape::kLibrary: why = "exports neither _start nor _initialize"; break;
    case Shape::kInvalid: why = "exports both _start and _initialize"; break;
  }
  out << fmt::format("  kind:   core module (version {}), {} bytes\n", m.version, m.file_size);
  out << fmt::format("  shape:  {} ({})\n", p.kind(to_string(shape)), why);
  if (m.start) {
    out << fmt::format("  start:  func {}\n", m.start->func_index);
  } else {
    out << "  start:  none\n";
  }
  const auto imported = static_cast<std::size_t>(
      std::count_if(m.functions.begin(), m.functions.end(), [](const Function& f) { return f.imported; }));
  out << fmt::format("  functions: {} imported, {} defined\n", imported,
                     m.functions.size() - imported);
  detection();
  write_features(m, out, p);
  write_sections(m, out, p);

  write_table(
      "imports", m.imports, import_name, [&](const Import& i) { return describe(m, i); }, out, p);
  write_table(
      "exports", m.exports, [](const Export& e) { return escape_name(e.name); },
      [&](const Export& e) {
        const std::string kind = fmt::format("{} {}", to_string(e.kind), e.index);
        return fmt::format("{}{:<{}}  {}", p.kind(kind), "", 10 - std::min<std::size_t>(kind.size(), 10),
                           describe_type(m, e));
      },
      out, p);

  const auto origin = [](bool imported_item) { return imported_item ? "imported" : "defined"; };
  out << fmt::format("  {} ({}):\n", p.heading("memories"), m.memories.size());
  for (std::size_t i = 0; i < m.memories.size(); ++i) {
    out << fmt::format("    {:<3} {:<8}  {}\n", i, origin(m.memories[i].imported),
                       to_string(m.memories[i].type.limits));
  }
  out << fmt::format("  {} ({}):\n", p.heading("tables"), m.tables.size());
  for (std::size_t i = 0; i < m.tables.size(); ++i) {
    out << fmt::format("    {:<3} {:<8}  {} {}\n", i, origin(m.tables[i].imported),
                       to_string(m.tables[i].type.element), to_string(m.tables[i].type.limits));
  }
  if (!m.globals.empty()) {
    out << fmt::format("  {} ({}):\n", p.heading("globals"), m.globals.size());
    for (std::size_t i = 0; i < m.globals.size(); ++i) {
      const auto& g = m.globals[i].type;
      out << fmt::format("    {:<3} {:<8}  {}{}\n", i, origin(m.globals[i].imported),
                         to_string(g.type), g.is_mutable ? " mut" : "");
    }
  }
  if (!m.tags.empty()) {
    out << fmt::format("  {} ({}):\n", p.heading("tags"), m.tags.size());
    for (std::size_t i = 0; i < m.tags.size(); ++i) {
      const FuncType* ft = m.type_at(m.tags[i].type_index);
      out << fmt::format("    {:<3} {:<8}  {}\n", i, origin(m.tags[i].imported),
                         ft != nullptr ? to_string(*ft) : "?");
    }
  }
}

}  // namespace

namespace detail {
namespace {

class InspectTextReporter final : public InspectReporter {
 public:
  InspectTextReporter(std::ostream& out, const ReportOptions& o)
      : out_(out), color_(o.color), width_(o.width), p_(o.color) {}
  void add(const InspectEntry& entry) override {
    if (!entry.module) return;
    if (!first_) out_ << '\n';
    first_ = false;
    write_module(entry, *entry.module, out_, p_, color_, width_);
  }
  void finish() override {}

 private:
  std::ostream& out_;
  bool color_;
  std::size_t width_;
  Painter p_;
  bool first_ = true;
};

}  // namespace

std::unique_ptr<InspectReporter> make_inspect_text(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<InspectTextReporter>(out, options);
}

}  // namespace detail

void render_inspect_text(const std::vector<InspectEntry>& entries, std::ostream& out,
                         const TextOptions& options) {
  ReportOptions o;
  o.color = options.color;
  auto r = detail::make_inspect_text(out, o);
  for (const auto& entry : entries) r->add(entry);
  r->finish();
}

}  // namespace wasmaudit
