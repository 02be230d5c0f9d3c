// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmaudit/model/byte_range.hpp"
#include "wasmaudit/model/features.hpp"
#include "wasmaudit/model/types.hpp"

namespace wasmaudit {

/// Core module (layer 0) or component (layer 1), from the 8-byte header.
enum class BinaryKind : std::uint8_t { kModule, kComponent };

/// One section as it appears in the file, in file order.
struct SectionInfo {
  std::uint8_t id = 0;
  std::string name;   ///< "type", "import", …; for custom sections the custom name
  ByteRange range;    ///< the whole section: id byte, size and payload
  ByteRange payload;  ///< the payload only (for custom sections: after the name)
  bool is_custom() const noexcept { return id == 0; }
};

/// Composite type of an entry in the type section (`cont` is the stack-switching proposal's).
enum class CompositeKind : std::uint8_t { kFunc, kStruct, kArray, kCont };

/// One entry in the type index space (rec groups are flattened, as the index space is).
struct TypeDef {
  CompositeKind kind = CompositeKind::kFunc;
  FuncType func;  ///< only for kFunc
  bool gc_form = false;  ///< declared in a rec group or as a subtype (GC syntax)
  ByteRange range;
};

struct Import {
  std::string module;
  std::string name;
  ExternKind kind = ExternKind::kFunc;
  std::uint32_t type_index = 0;  ///< kFunc and kTag
  TableType table;               ///< kTable
  MemoryType memory;             ///< kMemory
  GlobalType global;             ///< kGlobal
  ByteRange range;
};

struct Export {
  std::string name;
  ExternKind kind = ExternKind::kFunc;
  std::uint32_t index = 0;
  ByteRange range;
};

/// Entries of an index space; `imported` ones come first, as in the spec.
struct Function {
  std::uint32_t type_index = 0;
  bool imported = false;
};
struct Table {
  TableType type;
  bool imported = false;
  ByteRange range;
};
struct Memory {
  MemoryType type;
  bool imported = false;
  ByteRange range;
};
struct Global {
  GlobalType type;
  bool imported = false;
  ByteRange range;
};
struct Tag {
  std::uint32_t type_index = 0;
  bool imported = false;
  ByteRange range;
};

struct StartFunction {
  std::uint32_t func_index = 0;
  ByteRange range;
};

/// Sort of a component-level import or export (component model Binary.md `sort`/`externdesc`).
enum class ComponentSort : std::uint8_t {
  kCoreModule,
  kCoreFunc,
  kCoreTable,
  kCoreMemory,
  kCoreGlobal,
  kCoreType,
  kCoreInstance,
  kFunc,
  kValue,
  kType,
  kComponent,
  kInstance,
};

/// `instance`, `func`, `core module`, …
std::string_view to_string(ComponentSort sort);

/// A top-level import or export of a component, e.g. `wasi:cli/environment@0.2.0` (instance).
struct ComponentExtern {
  std::string name;
  std::string version_suffix;  ///< only in the `0x01` name encoding
  ComponentSort sort = ComponentSort::kInstance;
  ByteRange range;
};

/// The WASI application ABI shape of a core module, from its exports.
enum class Shape : std::uint8_t {
  kCommand,  ///< exports `_start`
  kReactor,  ///< exports `_initialize` and not `_start`
  kLibrary,  ///< exports neither
  kInvalid,  ///< exports both
};

/// `command`, `reactor`, `library`, `invalid`.
std::string_view to_string(Shape shape);

struct ComponentPart;

/// Everything the reader extracts from one binary. Owns its data; never points into the file.
struct Module {
  BinaryKind kind = BinaryKind::kModule;
  std::uint32_t version = 1;  ///< 1 for core modules; 0x0d for today's components
  std::uint64_t file_size = 0;
  std::vector<SectionInfo> sections;

  // Core modules.
  std::vector<TypeDef> types;
  std::vector<Import> imports;
  std::vector<Function> functions;
  std::vector<Table> tables;
  std::vector<Memory> memories;
  std::vector<Global> globals;
  std::vector<Tag> tags;
  std::vector<Export> exports;
  std::optional<StartFunction> start;
  std::optional<std::uint32_t> data_count;
  std::optional<std::uint32_t> code_bodies;    ///< the code section's body count (none: no code section)
  std::optional<std::uint32_t> data_segments;  ///< the data section's segment count (none: no data section)
  /// Proposals beyond WebAssembly 1.0 the module uses, by the offset of their first use: from the
  /// declarations and from every instruction of the function bodies and constant expressions.
  std::vector<FeatureUse> features;

  // Components.
  std::vector<ComponentExtern> component_imports;
  std::vector<ComponentExtern> component_exports;
  /// The core modules a component holds, in file order, those of its nested components included,
  /// each read in full (offsets are file offsets): what the component instantiates. A component's
  /// `features` are the union of its parts' (each at its first use in the file).
  std::vector<ComponentPart> parts;

  /// The first custom section with this name, or nullptr.
  const SectionInfo* find_custom(std::string_view name) const;
  /// The use of this proposal, or nullptr if the module does not use it.
  const FeatureUse* feature(Proposal proposal) const;
  /// The first export with this name, or nullptr.
  const Export* find_export(std::string_view name) const;
  /// The signature of function `func_index`, or nullptr if the index or its type is not a function.
  const FuncType* func_type(std::uint32_t func_index) const;
  /// The signature at type index `type_index`, or nullptr if it is not a function type.
  const FuncType* type_at(std::uint32_t type_index) const;
};

/// A core module inside a component (a `core module` section's payload).
struct ComponentPart {
  Module module;
  ByteRange range;          ///< the core module's bytes in the file
  std::uint32_t depth = 0;  ///< 0: the component's own core module; n: inside n nested components
};

/// The application-ABI shape of a core module (`_start` / `_initialize` function exports).
Shape shape_of(const Module& module);

/// The human-readable type of an import: `func (i32) -> i32`, `memory 1..∞ shared`, `global i64
/// mut`, `table funcref 1..∞`, `tag (i32) -> ()`.
std::string describe(const Module& module, const Import& import);

/// The human-readable type of what an export refers to, as `describe` does for imports.
std::string describe(const Module& module, const Export& exp);

/// `describe` without the leading kind: `(i32) -> i32`, `1..∞ shared`, `i64 mut`, `funcref 1..∞`.
std::string describe_type(const Module& module, const Export& exp);

}  // namespace wasmaudit
