// SPDX-License-Identifier: Apache-2.0
// Internal: one reader per section, each consuming a section payload into the Module. Each throws
// DecodeError without context; read_module() adds the section's name.
#pragma once

#include <string_view>

#include "wasmaudit/model/module.hpp"
#include "binary/byte_reader.hpp"
#include "code_scan.hpp"

namespace wasmaudit::detail {

// Core module sections (core spec 5.5).
void read_type_section(ByteReader& r, Module& m);
void read_import_section(ByteReader& r, Module& m);
void read_function_section(ByteReader& r, Module& m);
void read_table_section(ByteReader& r, Module& m, FeatureTally& features);
void read_memory_section(ByteReader& r, Module& m);
void read_tag_section(ByteReader& r, Module& m);
void read_global_section(ByteReader& r, Module& m, FeatureTally& features);
void read_export_section(ByteReader& r, Module& m);
void read_start_section(ByteReader& r, Module& m);
void read_data_count_section(ByteReader& r, Module& m);
// The sections with code or constant expressions record the proposals they use in `features`.
void read_element_section(ByteReader& r, Module& m, FeatureTally& features);  // segment_sections.cpp,
void read_code_section(ByteReader& r, Module& m, FeatureTally& features);     // like the next two
void read_data_section(ByteReader& r, Module& m, FeatureTally& features);
/// After the last section: defined functions need a code section, a non-zero data count a data
/// section. Throws at the end of the file.
void check_section_counts(const Module& m);

// Component sections (component model Binary.md).
void read_component_import_section(ByteReader& r, Module& m);
void read_component_export_section(ByteReader& r, Module& m);

// Types shared by several sections (types.cpp).
ValType read_val_type(ByteReader& r, std::string_view what);
/// heaptype: an abstract heap type byte or a type index; sets `out`'s heap fields.
void read_heap_type(ByteReader& r, ValType& out);
Limits read_limits(ByteReader& r, ExternKind kind);
TableType read_table_type(ByteReader& r);
GlobalType read_global_type(ByteReader& r);
/// Reads a type index that must name a function type (function and tag signatures).
std::uint32_t read_func_type_index(ByteReader& r, const Module& m, const char* what);

}  // namespace wasmaudit::detail
