// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/model/module.hpp"

#include <fmt/format.h>

namespace wasmaudit {

std::string_view to_string(ComponentSort sort) {
  switch (sort) {
    case ComponentSort::kCoreModule: return "core module";
    case ComponentSort::kCoreFunc: return "core func";
    case ComponentSort::kCoreTable: return "core table";
    case ComponentSort::kCoreMemory: return "core memory";
    case ComponentSort::kCoreGlobal: return "core global";
    case ComponentSort::kCoreType: return "core type";
    case ComponentSort::kCoreInstance: return "core instance";
    case ComponentSort::kFunc: return "func";
    case ComponentSort::kValue: return "value";
    case ComponentSort::kType: return "type";
    case ComponentSort::kComponent: return "component";
    case ComponentSort::kInstance: return "instance";
  }
  return "?";
}

std::string_view to_string(Shape shape) {
  switch (shape) {
    case Shape::kCommand: return "command";
    case Shape::kReactor: return "reactor";
    case Shape::kLibrary: return "library";
    case Shape::kInvalid: return "invalid";
  }
  return "?";
}

const SectionInfo* Module::find_custom(std::string_view name) const {
  for (const auto& s : sections) {
    if (s.is_custom() && s.name == name) return &s;
  }
  return nullptr;
}

const FeatureUse* Module::feature(Proposal proposal) const {
  for (const auto& f : features) {
    if (f.proposal == proposal) return &f;
  }
  return nullptr;
}

const Export* Module::find_export(std::string_view name) const {
  for (const auto& e : exports) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

const FuncType* Module::type_at(std::uint32_t type_index) const {
  if (type_index >= types.size() || types[type_index].kind != CompositeKind::kFunc) return nullptr;
  return &types[type_index].func;
}

const FuncType* Module::func_type(std::uint32_t func_index) const {
  if (func_index >= functions.size()) return nullptr;
  return type_at(functions[func_index].type_index);
}

Shape shape_of(const Module& module) {
  const auto is_func_export = [&](std::string_view name) {
    const Export* e = module.find_export(name);
    return e != nullptr && e->kind == ExternKind::kFunc;
  };
  const bool start = is_func_export("_start");
  const bool init = is_func_export("_initialize");
  if (start && init) return Shape::kInvalid;
  if (start) return Shape::kCommand;
  if (init) return Shape::kReactor;
  return Shape::kLibrary;
}

namespace {

std::string describe_func_type(const Module& module, std::string_view kind, std::uint32_t type) {
  const FuncType* ft = module.type_at(type);
  if (ft == nullptr) return fmt::format("{} (type {})", kind, type);
  return fmt::format("{} {}", kind, to_string(*ft));
}

std::string describe_table(const TableType& t) {
  return fmt::format("table {} {}", to_string(t.element), to_string(t.limits));
}

std::string describe_global(const GlobalType& g) {
  return fmt::format("global {}{}", to_string(g.type), g.is_mutable ? " mut" : "");
}

std::string strip_kind(std::string text) {
  const auto space = text.find(' ');
  return space == std::string::npos ? text : text.substr(space + 1);
}

}  // namespace

std::string describe(const Module& module, const Import& import) {
  switch (import.kind) {
    case ExternKind::kFunc: return describe_func_type(module, "func", import.type_index);
    case ExternKind::kTable: return describe_table(import.table);
    case ExternKind::kMemory: return "memory " + to_string(import.memory.limits);
    case ExternKind::kGlobal: return describe_global(import.global);
    case ExternKind::kTag: return describe_func_type(module, "tag", import.type_index);
  }
  return "?";
}

std::string describe(const Module& module, const Export& exp) {
  // The reader guarantees export indices are in range of their index space.
  switch (exp.kind) {
    case ExternKind::kFunc:
      return describe_func_type(module, "func", module.functions.at(exp.index).type_index);
    case ExternKind::kTable: return describe_table(module.tables.at(exp.index).type);
    case ExternKind::kMemory: return "memory " + to_string(module.memories.at(exp.index).type.limits);
    case ExternKind::kGlobal: return describe_global(module.globals.at(exp.index).type);
    case ExternKind::kTag: return describe_func_type(module, "tag", module.tags.at(exp.index).type_index);
  }
  return "?";
}

std::string describe_type(const Module& module, const Export& exp) {
  return strip_kind(describe(module, exp));
}

}  // namespace wasmaudit
