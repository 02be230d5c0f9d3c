// SPDX-License-Identifier: Apache-2.0
// `check --format sarif`: one SARIF 2.1.0 log for the whole batch, as GitHub code scanning ingests
// it (docs/sarif.md). One run; the driver lists every rule of the knowledge base plus the gate's
// own; each finding and each gate failure is a result located in its module by byte range; input
// errors are tool execution notifications.
#include <algorithm>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "json_common.hpp"
#include "reporters.hpp"
#include "binary/sha256.hpp"
#include "wasmaudit/report/check.hpp"
#include "wasmaudit/report/rules.hpp"

namespace wasmaudit {
namespace {

using detail::Json;

constexpr const char* kSarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr const char* kSarifVersion = "2.1.0";
/// Where a reader learns about the tool (SARIF's driver.informationUri must be an absolute URI).
/// The project publishes no web page yet; this names the documentation inside the distribution.
constexpr const char* kInformationUri = "urn:wasm-audit:docs/sarif.md";
constexpr const char* kSrcRoot = "%SRCROOT%";
/// The partial fingerprint's name: bump the version if what it hashes ever changes.
constexpr const char* kFingerprintName = "wasmAudit/v1";

/// Rules the gate adds for failures that are not findings (GateFailure keys `runtime`, `verdict`).
struct GateRule {
  const char* key;  ///< FindingKey::rule_id of the failure
  const char* id;
  const char* title;
  const char* description;
  const char* fix;
};
constexpr GateRule kGateRules[] = {
    {"runtime", "gate.runtime", "a required runtime would not run the module",
     "check --require names the runtimes the artifact ships to. On this one the module fails to "
     "instantiate, or instantiates only because the runtime links lazily, with imports missing "
     "that trap when called. The gate fails (exit status 1).",
     "build the module for the required runtime (see the findings and the runtime table of "
     "`wasm-audit check`), or remove the runtime from --require"},
    {"verdict", "gate.verdict", "the module runs on none of the selected runtimes",
     "Without --require, the gate fails a module that runs on none of the selected WASI runtimes, "
     "a component that no selected runtime runs, and a module whose verdict is invalid-abi. The "
     "gate fails (exit status 1).",
     "fix the findings that keep it from running, select the runtimes it is meant for with "
     "--runtime, or name them with --require"},
};

const GateRule* gate_rule(std::string_view key) {
  for (const auto& r : kGateRules) {
    if (key == r.key) return &r;
  }
  return nullptr;
}

std::string_view level(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      break;
  }
  return "note";
}

/// `abi.reactor-without-initialize` -> `AbiReactorWithoutInitialize`.
std::string camel_case(std::string_view id) {
  std::string out;
  bool upper = true;
  for (const char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

/// SARIF recommends that every message end with a period.
std::string sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (!text.empty() && text.back() != '.' && text.back() != '!' && text.back() != '?') text += '.';
  return text;
}

/// Text for a Markdown paragraph: characters Markdown would read as markup are escaped.
std::string markdown_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' ||
        c == '>' || c == '#' || c == '|') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

/// A relative path as a URI reference: `/` kept, everything but RFC 3986's unreserved characters
/// and sub-delimiters percent-encoded (so `:`, `%`, `#`, `?`, spaces and non-ASCII bytes are).
std::string uri_encode(std::string_view path) {
  std::string out;
  for (const char ch : path) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       std::string_view("-._~!$&'()*+,;=@/").find(ch) != std::string_view::npos;
    if (plain) {
      out += ch;
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

/// The module's path relative to `root` ("" = the working directory), lexically normal, with `/`
/// separators. A path that cannot be made relative (another drive) is returned absolute.
std::string relative_path(const std::string& path, const std::string& root) {
  namespace fs = std::filesystem;
  const fs::path p(path);
  if (root.empty() && p.is_relative()) return normalise_module_path(path);
  std::error_code ec;
  const fs::path base = root.empty() ? fs::current_path(ec) : fs::absolute(root, ec);
  const fs::path absolute = fs::absolute(p, ec);
  if (ec) return normalise_module_path(path);
  fs::path from = base.lexically_normal();  // "/a/b/" -> "/a/b": a trailing `/` is no element
  if (!from.has_filename() && from.has_relative_path()) from = from.parent_path();
  const fs::path rel = absolute.lexically_normal().lexically_relative(from);
  if (rel.empty()) return absolute.lexically_normal().generic_string();
  return rel.generic_string();
}

std::string hash_text(std::string_view text) {
  return sha256_hex(std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

/// The rule's tags: its category (the id up to the first dot), then its own, each once.
Json rule_tags(std::string_view id, const std::vector<std::string>& tags) {
  std::vector<std::string> out{std::string(id.substr(0, id.find('.')))};
  for (const auto& t : tags) {
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
  return Json(out);
}

Json rule_json(std::string_view id, Severity severity, const std::string& title,
               const std::string& description, const std::string& fix, const Json& tags,
               const std::string& source) {
  Json j;
  j["id"] = id;
  j["name"] = camel_case(id);
  // A title, shown as the alert's heading: no period.
  j["shortDescription"] = {{"text", title.empty() ? std::string(id) : title}};
  j["fullDescription"] = {{"text", sentence(description.empty() ? title : description)}};
  std::string text = sentence(description.empty() ? title : description);
  std::string markdown = markdown_escape(text);
  if (!fix.empty()) {
    text += "\n\nFix: " + sentence(fix);
    markdown += "\n\n**Fix:** " + markdown_escape(sentence(fix));
  }
  if (!source.empty()) {
    text += "\n\nSource: " + source;
    markdown += "\n\n**Source:** " + markdown_escape(source);
  }
  j["help"] = {{"text", text}, {"markdown", markdown}};
  j["defaultConfiguration"] = {{"level", level(severity)}};
  j["properties"] = {{"tags", tags}};
  return j;
}

class SarifReporter final : public CheckReporter {
 public:
  SarifReporter(std::ostream& out, const ReportOptions& options) : out_(out), options_(options) {
    if (options.knowledge != nullptr) {
      for (const auto& r : options.knowledge->rules) {
        add_rule(r.id,
                 rule_json(r.id, effective_severity(*options.knowledge, r), r.title, r.description,
                           r.fix, rule_tags(r.id, r.tags), r.provenance.source));
      }
    }
    for (const auto& g : kGateRules) {
      add_rule(g.id, rule_json(g.id, Severity::kError, g.title, g.description, g.fix,
                               Json::array({"gate", "portability"}), ""));
    }
  }

  void add(const CheckEntry& e) override {
    const std::string rel = relative_path(e.path, options_.sarif_root);
    const std::size_t artifact = add_artifact(e, rel);
    Json location = artifact_location(rel, artifact);
    const std::uint64_t module_size = e.module ? e.module->file_size : 0;

    if (e.error) {
      ++input_errors_;
      Json n;
      n["level"] = "error";
      n["message"] = {{"text", format_error_line(rel, *e.error)}};
      Json physical{{"artifactLocation", location}};
      if (e.error->offset) physical["region"] = {{"byteOffset", *e.error->offset}};
      n["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
      notifications_.push_back(std::move(n));
    }
    if (!e.module || !e.result) return;

    const std::string key_path = normalise_module_path(rel);
    const Baseline* baseline = options_.gate != nullptr ? options_.gate->baseline : nullptr;
    const std::string module_key = normalise_module_path(e.path);
    for (const auto& f : e.result->findings) {
      std::string message = sentence(f.message);
      if (!f.fix.empty()) message += " Fix: " + sentence(f.fix);
      Json r = result_json(f.rule_id, f.severity, message, location, f.range, module_size, key_path,
                           f.subject);
      if (baseline != nullptr) {
        std::size_t known = 0;
        const std::vector<std::string> subjects =
            f.covers.empty() ? std::vector<std::string>{f.subject} : f.covers;
        for (const auto& s : subjects) {
          if (baseline->contains({module_key, f.rule_id, s})) ++known;
        }
        r["baselineState"] = known == 0                 ? "new"
                             : known == subjects.size() ? "unchanged"
                                                        : "updated";
      }
      Json props{{"subject", f.subject}};
      if (!f.covers.empty()) props["covers"] = f.covers;
      r["properties"] = std::move(props);
      results_.push_back(std::move(r));
    }
    if (!e.gate) return;
    for (const auto& g : e.gate->failures) {
      const GateRule* rule = gate_rule(g.key.rule_id);
      if (rule == nullptr) continue;  // a finding at or above --fail-on: reported above
      Json r = result_json(rule->id, Severity::kError,
                           sentence("The gate fails: " + g.reason) + " Fix: " + sentence(rule->fix),
                           location, ByteRange{}, module_size, key_path, g.key.subject);
      if (baseline != nullptr) r["baselineState"] = "new";
      r["properties"] = {{"subject", g.key.subject}};
      results_.push_back(std::move(r));
    }
  }

  void finish() override {
    Json driver;
    driver["name"] = "wasm-audit";
    driver["semanticVersion"] = kVersion;
    driver["version"] = kVersion;
    driver["informationUri"] = kInformationUri;
    driver["rules"] = std::move(rules_);

    Json invocation;
    invocation["executionSuccessful"] = input_errors_ == 0;
    if (!notifications_.empty()) {
      invocation["toolExecutionNotifications"] = std::move(notifications_);
    }

    Json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["invocations"] = Json::array({std::move(invocation)});
    const char* root =
        options_.sarif_root.empty()
            ? "The working directory wasm-audit ran in: module paths are relative to it."
            : "The directory given with --sarif-root: module paths are relative to it.";
    run["originalUriBaseIds"] = {{kSrcRoot, {{"description", {{"text", root}}}}}};
    run["artifacts"] = std::move(artifacts_);
    run["results"] = std::move(results_);
    run["columnKind"] = "unicodeCodePoints";

    Json doc;
    doc["$schema"] = kSarifSchema;
    doc["version"] = kSarifVersion;
    doc["runs"] = Json::array({std::move(run)});
    out_ << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }

 private:
  void add_rule(const std::string& id, Json rule) {
    if (rule_index_.contains(id)) return;
    rule_index_.emplace(id, rule_index_.size());
    rules_.push_back(std::move(rule));
  }

  /// The rule's index in driver.rules; a rule id the knowledge base does not define (a finding of
  /// a hook whose rule a --policy removed) gets a minimal rule of its own.
  std::size_t rule_index(const std::string& id, Severity severity) {
    if (!rule_index_.contains(id)) {
      add_rule(id, rule_json(id, severity, id, "", "", rule_tags(id, {}), ""));
    }
    return rule_index_.at(id);
  }

  std::size_t add_artifact(const CheckEntry& e, const std::string& rel) {
    if (const auto it = artifact_index_.find(rel); it != artifact_index_.end()) return it->second;
    Json a;
    a["location"] = {{"uri", uri_encode(rel)}, {"uriBaseId", kSrcRoot}};
    if (e.module) a["length"] = e.module->file_size;
    a["roles"] = Json::array({"analysisTarget"});
    a["mimeType"] = "application/wasm";
    if (!e.sha256.empty()) a["hashes"] = {{"sha-256", e.sha256}};
    if (e.result) {
      Json props;
      props["verdict"] = to_string(e.result->verdict.verdict);
      if (e.gate) props["gate"] = e.gate->failed() ? "failed" : "passed";
      a["properties"] = std::move(props);
    }
    const std::size_t index = artifacts_.size();
    artifacts_.push_back(std::move(a));
    artifact_index_.emplace(rel, index);
    return index;
  }

  static Json artifact_location(const std::string& rel, std::size_t index) {
    return Json{{"uri", uri_encode(rel)}, {"uriBaseId", kSrcRoot}, {"index", index}};
  }

  Json result_json(const std::string& rule_id, Severity severity, const std::string& message,
                   const Json& location, ByteRange range, std::uint64_t module_size,
                   const std::string& key_path, const std::string& subject) {
    Json r;
    r["ruleId"] = rule_id;
    r["ruleIndex"] = rule_index(rule_id, severity);
    r["level"] = level(severity);
    r["message"] = {{"text", message}};
    Json region;
    region["startLine"] = 1;  // GitHub places every alert on a line; a binary has only "line 1"
    if (range.offset == 0 && range.size == 0) {  // the whole module
      region["byteOffset"] = 0;
      if (module_size != 0) region["byteLength"] = module_size;
    } else {
      region["byteOffset"] = range.offset;
      region["byteLength"] = range.size;
    }
    r["locations"] = Json::array(
        {{{"physicalLocation", {{"artifactLocation", location}, {"region", std::move(region)}}}}});
    // What the finding is across rebuilds: rule, subject, module path; never an offset or a
    // message. GitHub reads primaryLocationLineHash as the alert's place in the file; set here,
    // upload-sarif does not compute it from the bytes of "line 1", which change with every build.
    const std::string hash = hash_text(rule_id + '\n' + subject + '\n' + key_path);
    r["partialFingerprints"] = {{kFingerprintName, hash},
                                {"primaryLocationLineHash", hash.substr(0, 16) + ":1"}};
    return r;
  }

  std::ostream& out_;
  const ReportOptions options_;  // a copy: the caller's may be a temporary
  Json rules_ = Json::array();
  std::map<std::string, std::size_t> rule_index_;
  Json artifacts_ = Json::array();
  std::map<std::string, std::size_t> artifact_index_;
  Json results_ = Json::array();
  Json notifications_ = Json::array();
  std::size_t input_errors_ = 0;
};

}  // namespace

namespace detail {

std::unique_ptr<CheckReporter> make_check_sarif(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<SarifReporter>(out, options);
}

}  // namespace detail
}  // namespace wasmaudit
