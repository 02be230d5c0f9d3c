// SPDX-License-Identifier: Apache-2.0
// The header and the section walk (core spec 5.5.2, component model Binary.md).
#include "wasmaudit/reader/module_reader.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "sections.hpp"
#include "wasmaudit/binary/limits.hpp"
#include "wording.hpp"

namespace wasmaudit {
namespace {

using detail::count_of;

constexpr std::array<std::uint8_t, 4> kMagic = {0x00, 0x61, 0x73, 0x6D};
constexpr std::uint32_t kCoreVersion = 1;
constexpr std::uint32_t kComponentVersion = 0x0D;  // pre-standard component encoding, layer 1

// WebAssembly text: `(module` or `(component` after any blank space and `;;` line comments.
bool looks_like_wat(std::span<const std::uint8_t> b) {
  const std::string_view s(reinterpret_cast<const char*>(b.data()),
                           std::min<std::size_t>(b.size(), 4096));
  std::size_t i = 0;
  for (;;) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (s.substr(i, 2) != ";;") break;
    const std::size_t eol = s.find('\n', i);
    if (eol == std::string_view::npos) return false;
    i = eol + 1;
  }
  return s.substr(i).starts_with("(module") || s.substr(i).starts_with("(component");
}

// What a file that is not wasm most likely is, from its first bytes; for the error message only.
std::string describe_foreign(std::span<const std::uint8_t> b) {
  const auto starts = [&](std::string_view sig) {
    return b.size() >= sig.size() &&
           std::equal(sig.begin(), sig.end(), b.begin(),
                      [](char c, std::uint8_t x) { return static_cast<std::uint8_t>(c) == x; });
  };
  if (starts("\x7f"
             "ELF"))
    return "an ELF file";
  if (starts("MZ")) return "a PE/DOS executable";
  if (starts("\xcf\xfa\xed\xfe") || starts("\xce\xfa\xed\xfe") || starts("\xca\xfe\xba\xbe")) {
    return "a Mach-O file";
  }
  if (starts("PK\x03\x04")) return "a zip archive";
  if (starts("\x1f\x8b")) return "a gzip file";
  if (starts("#!")) return "a script";
  if (looks_like_wat(b)) return "WebAssembly text (compile it with wat2wasm)";
  const std::size_t n = std::min<std::size_t>(b.size(), 64);
  bool text = n > 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t c = b[i];
    if (c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B)) text = false;
  }
  if (text) return "a text file";
  return "unknown data";
}

std::string hex_prefix(std::span<const std::uint8_t> b) {
  std::string out;
  for (std::size_t i = 0; i < std::min<std::size_t>(b.size(), 4); ++i) {
    if (!out.empty()) out += ' ';
    out += fmt::format("{:02x}", b[i]);
  }
  return out;
}

void read_header(ByteReader& r, Module& m, std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) ByteReader::fail(r.offset(), "empty file (not a WebAssembly binary)");
  const std::size_t n = std::min<std::size_t>(bytes.size(), 4);
  if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n), kMagic.begin())) {
    ByteReader::fail(
        r.offset(), fmt::format("not a WebAssembly binary: {} (starts with {}, expected 00 61 73 6d)",
                       describe_foreign(bytes), hex_prefix(bytes)));
  }
  r.skip(4, "magic number");
  const std::uint64_t at = r.offset();
  if (r.remaining() < 4) r.skip(4, "version");  // reports the truncation
  const std::uint32_t word = r.read_fixed_u32("version");
  const std::uint32_t version = word & 0xFFFF;
  const std::uint32_t layer = word >> 16;
  // The word is two u16 fields: the version (at `at`) and the layer (at `at + 2`).
  if (layer == 0 && version == kCoreVersion) {
    m.kind = BinaryKind::kModule;
  } else if (layer == 1 && version == kComponentVersion) {
    m.kind = BinaryKind::kComponent;
  } else if (layer == 0) {
    ByteReader::fail(at, fmt::format("unsupported core module version {} (expected 1)", version));
  } else if (layer == 1) {
    ByteReader::fail(at,
                     fmt::format("unsupported component version 0x{:x} (expected 0xd)", version));
  } else {
    ByteReader::fail(
        at + 2, fmt::format("unknown binary layer {} (0 is a core module, 1 a component)", layer));
  }
  m.version = version;
}

// Core sections in the order the spec requires (tag and data count are not in id order).
struct CoreSection {
  std::uint8_t id;
  const char* name;
  void (*read)(ByteReader&, Module&, detail::FeatureTally&);
};

// Sections without instructions have nothing to tally.
template <void (*Read)(ByteReader&, Module&)>
void untallied(ByteReader& r, Module& m, detail::FeatureTally&) {
  Read(r, m);
}

constexpr std::array<CoreSection, 13> kCoreOrder = {{
    {1, "type", untallied<detail::read_type_section>},
    {2, "import", untallied<detail::read_import_section>},
    {3, "function", untallied<detail::read_function_section>},
    {4, "table", detail::read_table_section},
    {5, "memory", untallied<detail::read_memory_section>},
    {13, "tag", untallied<detail::read_tag_section>},
    {6, "global", detail::read_global_section},
    {7, "export", untallied<detail::read_export_section>},
    {8, "start", untallied<detail::read_start_section>},
    {9, "element", detail::read_element_section},
    {12, "data count", untallied<detail::read_data_count_section>},
    {10, "code", detail::read_code_section},
    {11, "data", detail::read_data_section},
}};

const CoreSection* find_core(std::uint8_t id, std::size_t* rank) {
  for (std::size_t i = 0; i < kCoreOrder.size(); ++i) {
    if (kCoreOrder[i].id == id) {
      *rank = i;
      return &kCoreOrder[i];
    }
  }
  return nullptr;
}

constexpr std::array<const char*, 13> kComponentSectionNames = {
    "custom", "core module", "core instance", "core type", "component", "instance", "alias",
    "type",   "canon",       "start",         "import",    "export",    "value"};

std::string context_for(const SectionInfo& s) {
  if (s.is_custom())
    return s.name.empty() ? "custom section" : fmt::format("custom section \"{}\"", s.name);
  return s.name + " section";
}

void finish_payload(const ByteReader& payload) {
  if (!payload.at_end()) {
    ByteReader::fail(payload.offset(), fmt::format("section size mismatch: {} after the last item",
                                                   count_of(payload.remaining(), "unread byte")));
  }
}

/// Where a binary sits: the file offset of its first byte, and for a component's contents how
/// deep it is nested and how many modules and components the outermost one holds so far.
struct Nesting {
  std::uint64_t base = 0;
  std::uint32_t depth = 0;  ///< 0: the file itself
};

Module read_binary(std::span<const std::uint8_t> bytes, const Nesting& at);

/// A `core module` section's payload: a whole core module, read as one (file offsets kept).
void read_core_module_part(const ByteReader& payload, const Nesting& at, Module& m) {
  if (m.parts.size() >= limits::kMaxComponentModules) {
    ByteReader::fail(payload.offset(), fmt::format("too many core modules (more than {})",
                                                   limits::kMaxComponentModules));
  }
  ComponentPart part;
  part.range = {payload.offset(), payload.remaining()};
  part.depth = at.depth;
  try {
    part.module = read_binary(payload.rest(), {payload.offset(), at.depth + 1});
  } catch (const DecodeError& e) {  // "core module 2, import section": which part, then where in it
    throw DecodeError(e.offset(), e.what(),
                      fmt::format("core module {}{}{}", m.parts.size(), e.context().empty() ? "" : ", ",
                                  e.context()));
  }
  if (part.module.kind != BinaryKind::kModule) {
    ByteReader::fail(payload.offset() + 4, "a core module section holds a component");
  }
  m.parts.push_back(std::move(part));
}

/// A `component` section's payload: a nested component, whose core modules become parts of this one.
void read_nested_component(const ByteReader& payload, const Nesting& at, Module& m,
                           std::uint32_t& nested) {
  if (++nested > limits::kMaxNestedComponents) {
    ByteReader::fail(payload.offset(), fmt::format("too many nested components (more than {})",
                                                   limits::kMaxNestedComponents));
  }
  if (at.depth >= limits::kMaxComponentNesting) {
    ByteReader::fail(payload.offset(), fmt::format("components nested more than {} deep",
                                                   limits::kMaxComponentNesting));
  }
  Module inner = read_binary(payload.rest(), {payload.offset(), at.depth + 1});
  if (inner.kind != BinaryKind::kComponent) {
    ByteReader::fail(payload.offset() + 4, "a component section holds a core module");
  }
  for (ComponentPart& part : inner.parts) {
    if (m.parts.size() >= limits::kMaxComponentModules) {
      ByteReader::fail(part.range.offset, fmt::format("too many core modules (more than {})",
                                                      limits::kMaxComponentModules));
    }
    m.parts.push_back(std::move(part));
  }
}

/// A component's features: each proposal its parts use, at its first use in the file.
std::vector<FeatureUse> union_of_parts(const Module& m) {
  std::vector<FeatureUse> all;
  for (const ComponentPart& part : m.parts) {
    for (const FeatureUse& use : part.module.features) {
      auto same = std::find_if(all.begin(), all.end(),
                               [&](const FeatureUse& u) { return u.proposal == use.proposal; });
      if (same == all.end()) {
        all.push_back(use);
      } else {
        same->count += use.count;
        if (use.offset < same->offset) {
          const std::uint64_t count = same->count;
          *same = use;
          same->count = count;
        }
      }
    }
  }
  std::sort(all.begin(), all.end(), [](const FeatureUse& a, const FeatureUse& b) {
    return a.offset != b.offset ? a.offset < b.offset : a.proposal < b.proposal;
  });
  return all;
}

Module read_binary(std::span<const std::uint8_t> bytes, const Nesting& at) {
  Module m;
  m.file_size = bytes.size();
  ByteReader r(bytes, at.base);
  std::uint32_t nested = 0;
  try {
    read_header(r, m, bytes);
  } catch (const DecodeError& e) {
    throw e.with_context("header");
  }
  const bool component = m.kind == BinaryKind::kComponent;
  detail::FeatureTally features;

  std::size_t next_rank = 0;  // core: the lowest rank the next non-custom section may have
  while (!r.at_end()) {
    SectionInfo s;
    s.range.offset = r.offset();
    const CoreSection* core = nullptr;
    std::string context = "section header";
    try {
      s.id = r.read_u8("section id");
      std::size_t rank = 0;
      if (s.id == 0) {
        s.name = "custom";
        context = "custom section";
      } else if (component) {
        if (s.id >= kComponentSectionNames.size()) {
          ByteReader::fail(s.range.offset,
                           fmt::format("unknown component section id {} (0x{:02x})", s.id, s.id));
        }
        s.name = kComponentSectionNames[s.id];
        context = s.name + " section";
      } else {
        core = find_core(s.id, &rank);
        if (core == nullptr) {
          ByteReader::fail(s.range.offset,
                           fmt::format("unknown section id {} (0x{:02x})", s.id, s.id));
        }
        s.name = core->name;
        context = s.name + " section";
        if (rank < next_rank) {
          const bool duplicate = rank + 1 == next_rank;
          ByteReader::fail(s.range.offset,
                           duplicate
                               ? fmt::format("duplicate {} section", s.name)
                               : fmt::format("section out of order: {} section after {} section",
                                             s.name, kCoreOrder[next_rank - 1].name));
        }
        next_rank = rank + 1;
      }
      const std::uint32_t size = r.read_u32("section size");
      if (size > r.remaining()) {  // the file ends inside the section: truncation, at the end
        ByteReader::fail(
            r.end_offset(),
            fmt::format("unexpected end of input reading section payload ({} declared, {} "
                        "left in the file)",
                        count_of(size, "byte"), r.remaining()));
      }
      ByteReader payload = r.take(size, "section payload");
      s.payload = {payload.offset(), size};
      s.range.size = r.offset() - s.range.offset;
      if (s.id == 0) {
        s.name = payload.read_name("custom section name");
        s.payload = {payload.offset(), payload.remaining()};
        context = context_for(s);
      } else if (component) {
        if (s.id == 1) read_core_module_part(payload, at, m);
        if (s.id == 4) read_nested_component(payload, at, m, nested);
        if (s.id == 10) detail::read_component_import_section(payload, m);
        if (s.id == 11) detail::read_component_export_section(payload, m);
        if (s.id == 10 || s.id == 11) finish_payload(payload);
      } else if (core->read != nullptr) {
        core->read(payload, m, features);
        finish_payload(payload);
      }
    } catch (const DecodeError& e) {
      throw e.with_context(context);
    }
    m.sections.push_back(std::move(s));
  }
  if (!component) {
    try {
      detail::check_section_counts(m);
    } catch (const DecodeError& e) {
      throw e.with_context("module");
    }
    m.features = detail::finish_features(m, features);
  } else {
    m.features = union_of_parts(m);
  }
  return m;
}

}  // namespace

Module read_module(std::span<const std::uint8_t> bytes) { return read_binary(bytes, {}); }

}  // namespace wasmaudit
