# SPDX-License-Identifier: Apache-2.0
# cmake -DROOT=<policies dir> -DOUT=<file.cpp> -P EmbedToolchains.cmake
# Compiles the toolchain fingerprints (policies/toolchains/*.json) into constant tables and a
# small loop that builds the ToolchainFingerprint structs, so that `inspect` gets them without
# parsing JSON at run time (parsing them costs about 0.3 ms, a fifth of a whole inspect). The JSON
# stays the source of truth: the same files are also embedded as documents and read by the policy
# loader (for `check` and --policy), and a unit test checks that both give equal fingerprints.
# Validation is the loader's; this script only maps the keys it knows and stops on a value it
# cannot map.
file(GLOB docs RELATIVE ${ROOT} ${ROOT}/toolchains/*.json)
list(SORT docs)

# A C++ raw string literal for `text`.
function(cxx_string out text)
  if(text MATCHES "\\)kb\"")
    message(FATAL_ERROR "a toolchain document contains the raw-string delimiter: ${text}")
  endif()
  set(${out} "R\"kb(${text})kb\"" PARENT_SCOPE)
endfunction()

# json_string(OUT JSON KEY...): a C++ literal for the string at KEY..., or nullptr when absent.
function(json_string out json)
  string(JSON value ERROR_VARIABLE err GET "${json}" ${ARGN})
  if(err)
    set(${out} "nullptr" PARENT_SCOPE)
  else()
    cxx_string(lit "${value}")
    set(${out} "${lit}" PARENT_SCOPE)
  endif()
endfunction()

# json_bool(OUT JSON KEY...): true/false, false when absent.
function(json_bool out json)
  string(JSON value ERROR_VARIABLE err GET "${json}" ${ARGN})
  if(NOT err AND value)
    set(${out} "true" PARENT_SCOPE)
  else()
    set(${out} "false" PARENT_SCOPE)
  endif()
endfunction()

# json_list(OUT JSON KEY...): the strings of the array at KEY... joined by '\n' as a literal, or
# nullptr when absent.
function(json_list out json)
  string(JSON n ERROR_VARIABLE err LENGTH "${json}" ${ARGN})
  if(err OR n EQUAL 0)
    set(${out} "nullptr" PARENT_SCOPE)
    return()
  endif()
  set(joined "")
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON item GET "${json}" ${ARGN} ${i})
    if(i GREATER 0)
      string(APPEND joined "\n")
    endif()
    string(APPEND joined "${item}")
  endforeach()
  cxx_string(lit "${joined}")
  set(${out} "${lit}" PARENT_SCOPE)
endfunction()

set(evidence "")
set(calls "")
set(toolchains "")
set(ev_count 0)
set(call_count 0)
foreach(f IN LISTS docs)
  file(READ ${ROOT}/${f} doc)
  string(JSON kind GET "${doc}" kind)
  if(NOT kind STREQUAL "toolchain")
    message(FATAL_ERROR "${f}: kind \"${kind}\" (policies/toolchains holds toolchain documents)")
  endif()
  json_string(id "${doc}" id)
  json_string(name "${doc}" name)
  json_string(source "${doc}" source)
  json_string(status "${doc}" status)
  if(status STREQUAL "nullptr")
    set(status "\"verified\"")
  endif()
  json_list(supersedes "${doc}" supersedes)
  string(JSON build_info ERROR_VARIABLE err GET "${doc}" build_info)
  if(err)
    set(build "BuildInfoFormat::kNone")
  elseif(build_info STREQUAL "go")
    set(build "BuildInfoFormat::kGoModuleInfo")
  else()
    message(FATAL_ERROR "${f}: build_info \"${build_info}\" is not \"go\"")
  endif()
  json_string(role "${doc}" role)
  if(role STREQUAL "nullptr")
    set(role "\"\"")
  endif()

  set(ev_begin ${ev_count})
  string(JSON n LENGTH "${doc}" evidence)
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON e GET "${doc}" evidence ${i})
    set(kind "")
    foreach(k IN ITEMS field module pname version sig names)
      set(${k} "nullptr")
    endforeach()
    set(gives "false")
    set(first "false")
    string(JSON t ERROR_VARIABLE err TYPE "${e}" producer)
    if(NOT err)
      set(kind "kProducer")
      json_string(field "${e}" producer field)
      json_string(pname "${e}" producer name)
      json_string(version "${e}" producer version)
      json_bool(gives "${e}" producer gives_version)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" custom_section)
    if(NOT err)
      set(kind "kCustomSection")
      json_string(pname "${e}" custom_section)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" import)
    if(NOT err)
      set(kind "kImport")
      json_string(module "${e}" import module)
      json_string(pname "${e}" import name)
      if(pname STREQUAL "nullptr")
        set(pname "\"*\"")
      endif()
      json_string(sig "${e}" import sig)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" imports)
    if(NOT err)
      set(kind "kImportSet")
      json_string(module "${e}" imports module)
      json_list(names "${e}" imports names)
      json_bool(first "${e}" imports first)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" export)
    if(NOT err)
      set(kind "kExport")
      json_string(pname "${e}" export)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" function)
    if(NOT err)
      set(kind "kFunction")
      json_string(pname "${e}" function)
    endif()
    string(JSON t ERROR_VARIABLE err TYPE "${e}" data)
    if(NOT err)
      set(kind "kData")
      json_string(pname "${e}" data)
    endif()
    if(kind STREQUAL "")
      message(FATAL_ERROR "${f}: evidence ${i} has no pattern the generator knows")
    endif()
    string(JSON conf GET "${e}" confidence)
    if(conf STREQUAL "high")
      set(conf "kHigh")
    elseif(conf STREQUAL "medium")
      set(conf "kMedium")
    elseif(conf STREQUAL "low")
      set(conf "kLow")
    else()
      message(FATAL_ERROR "${f}: evidence ${i}: confidence \"${conf}\" is not high, medium or low")
    endif()
    json_string(esource "${e}" source)
    json_string(estatus "${e}" status)
    string(APPEND evidence "    {EvidenceKind::${kind}, Confidence::${conf}, ${gives}, ${first}, ${field}, ${module},\n")
    string(APPEND evidence "     ${pname}, ${version}, ${sig}, ${names}, ${esource}, ${estatus}},\n")
    math(EXPR ev_count "${ev_count} + 1")
  endforeach()

  set(call_begin ${call_count})
  string(JSON n ERROR_VARIABLE err LENGTH "${doc}" calls)
  if(NOT err AND n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON c GET "${doc}" calls ${i})
      json_string(cf "${c}" function)
      json_string(cc "${c}" call)
      json_string(cr "${c}" rule)
      json_string(cs "${c}" source)
      json_string(ct "${c}" status)
      string(APPEND calls "    {${cf}, ${cc}, ${cr}, ${cs}, ${ct}},\n")
      math(EXPR call_count "${call_count} + 1")
    endforeach()
  endif()

  string(APPEND toolchains "    // policies/${f}\n")
  string(APPEND toolchains "    {${id}, ${name}, ${source}, ${status}, ${supersedes}, ${build}, ${role},\n")
  string(APPEND toolchains "     ${ev_begin}, ${ev_count}, ${call_begin}, ${call_count}},\n")
endforeach()
if(call_count EQUAL 0)
  string(APPEND calls "    {nullptr, nullptr, nullptr, nullptr, nullptr},\n")
endif()

set(body "// Generated by cmake/EmbedToolchains.cmake from policies/toolchains. Do not edit.
#include <cstdlib>
#include <string_view>

#include \"wasmaudit/policy/knowledge.hpp\"

namespace wasmaudit::detail {
namespace {

struct EvidenceRow {
  EvidenceKind kind;
  Confidence confidence;
  bool gives_version;
  bool first;
  const char* field;
  const char* module;
  const char* name;
  const char* version;
  const char* sig;
  const char* names;  // '\\n'-separated
  const char* source;
  const char* status;
};

struct CallRow {
  const char* function;
  const char* call;
  const char* rule;
  const char* source;
  const char* status;
};

struct ToolchainRow {
  const char* id;
  const char* name;
  const char* source;
  const char* status;
  const char* supersedes;  // '\\n'-separated
  BuildInfoFormat build_info;
  const char* role;
  std::size_t evidence_begin, evidence_end, calls_begin, calls_end;
};

constexpr EvidenceRow kEvidence[] = {
${evidence}};

constexpr CallRow kCalls[] = {
${calls}};

constexpr ToolchainRow kToolchains[] = {
${toolchains}};

std::string text(const char* s) { return s == nullptr ? std::string() : std::string(s); }

std::vector<std::string> lines(const char* s) {
  std::vector<std::string> out;
  if (s == nullptr) return out;
  std::string_view rest(s);
  for (;;) {
    const auto nl = rest.find('\\n');
    out.emplace_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) return out;
    rest.remove_prefix(nl + 1);
  }
}

}  // namespace

std::vector<ToolchainFingerprint> generated_toolchains() {
  std::vector<ToolchainFingerprint> out;
  out.reserve(std::size(kToolchains));
  for (const ToolchainRow& row : kToolchains) {
    ToolchainFingerprint t;
    t.id = row.id;
    t.name = row.name;
    t.source = row.source;
    t.status = row.status;
    t.supersedes = lines(row.supersedes);
    t.build_info = row.build_info;
    t.role = row.role;
    t.evidence.reserve(row.evidence_end - row.evidence_begin);
    for (std::size_t i = row.evidence_begin; i < row.evidence_end; ++i) {
      const EvidenceRow& r = kEvidence[i];
      EvidencePattern e;
      e.kind = r.kind;
      e.field = text(r.field);
      e.module = text(r.module);
      e.name = text(r.name);
      e.version = text(r.version);
      if (r.sig != nullptr) {
        e.sig = parse_func_type(r.sig);
        if (!e.sig) std::abort();  // the loader test reports the bad signature
      }
      e.names = lines(r.names);
      e.first = r.first;
      e.gives_version = r.gives_version;
      e.confidence = r.confidence;
      e.source = text(r.source);
      e.status = text(r.status);
      t.evidence.push_back(std::move(e));
    }
    for (std::size_t i = row.calls_begin; i < row.calls_end; ++i) {
      const CallRow& r = kCalls[i];
      t.calls.push_back({text(r.function), text(r.call), text(r.rule), text(r.source), text(r.status)});
    }
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace wasmaudit::detail
")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
