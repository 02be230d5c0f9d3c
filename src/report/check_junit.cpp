// SPDX-License-Identifier: Apache-2.0
// `check --format junit`: JUnit XML as GitLab (artifacts:reports:junit) and Jenkins (the junit
// step) read it. One <testsuite> per input file; in it a <testcase> per runtime of the table, one
// per finding at or above --fail-on, and one for the gate. The suite fails exactly when the gate
// does: a runtime fails only when the gate fails because of it, and is skipped (with the reason)
// when it does not run the module but the gate does not count it.
#include <algorithm>

#include <fmt/format.h>

#include "reporters.hpp"
#include "binary/byte_reader.hpp"
#include "wasmaudit/policy/gate.hpp"
#include "wasmaudit/report/check.hpp"

namespace wasmaudit {
namespace {

/// Text for an XML 1.0 document: the markup characters as entities, and what XML 1.0 cannot hold
/// (C0 controls, U+FFFE, U+FFFF, bytes that are not UTF-8) written visibly the way escape_name()
/// writes them for a terminal (`\x1b`), as are DEL and the C1 controls; a backslash is doubled so
/// that the escapes stay unambiguous. In element text (`multiline`) quotes, newlines and tabs are
/// kept; in an attribute they are escaped too (XML would fold a newline into a space).
std::string xml(std::string_view s, bool multiline = false) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t n = decode_utf8(s, i, cp);
    if (n == 0) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i]));
      ++i;
      continue;
    }
    i += n;
    switch (cp) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += multiline ? "\"" : "&quot;";
        continue;
      case '\'':
        out += multiline ? "'" : "&apos;";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      default:
        break;
    }
    if ((cp == '\n' || cp == '\t') && multiline) {
      out += static_cast<char>(cp);
    } else if (cp < 0x20 || cp == 0x7F) {
      out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
    } else if ((cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF) {
      out += fmt::format("\\u{{{:x}}}", static_cast<unsigned>(cp));
    } else {
      out.append(s.substr(i - n, n));  // the sequence as it is
    }
  }
  return out;
}

std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

bool runs(const RuntimeResult& rt) { return rt.instantiates && rt.missing.empty(); }

/// Why a runtime does not run the module (the gate's wording), or "" when it does.
std::string problem(const RuntimeResult& rt) {
  if (!rt.instantiates) {
    return "fails to instantiate: " +
           (rt.error ? error_summary(rt) : std::string("(no error text)"));
  }
  if (!rt.missing.empty()) {
    return fmt::format("instantiates only because it links lazily: {} will trap on call",
                       rt.missing.size() == 1 ? rt.missing.front()
                                              : plural(rt.missing.size(), "import", "imports"));
  }
  return {};
}

/// The full story of one runtime, for a failure's body or a testcase's <system-out>.
std::string runtime_details(const RuntimeResult& rt) {
  std::string s;
  if (rt.error) s += "error: " + *rt.error + "\n";
  if (!rt.missing.empty()) {
    s += fmt::format("missing ({}):\n", rt.missing.size());
    for (const auto& m : rt.missing) s += "  " + m + "\n";
  }
  for (const auto& g : rt.grants) s += "grant: " + g + "\n";
  for (const auto& n : rt.ungranted) s += "no grant: " + n + "\n";
  if (rt.run) {
    if (!rt.run->command.empty()) s += "run: " + rt.run->command + "\n";
    for (const auto& n : rt.run->notes) s += "note: " + n + "\n";
  }
  for (const auto& n : rt.notes) s += "note: " + n + "\n";
  return s;
}

bool has_key(const std::vector<FindingKey>& keys, std::string_view rule, std::string_view subject) {
  return std::any_of(keys.begin(), keys.end(), [&](const FindingKey& k) {
    return k.rule_id == rule && k.subject == subject;
  });
}

bool has_key(const std::vector<GateFailure>& failures, std::string_view rule,
             std::string_view subject) {
  return std::any_of(failures.begin(), failures.end(), [&](const GateFailure& f) {
    return f.key.rule_id == rule && (subject.empty() || f.key.subject == subject);
  });
}

enum class Outcome : std::uint8_t { kPass, kFailure, kSkipped, kError };

struct TestCase {
  std::string classname;
  std::string name;
  Outcome outcome = Outcome::kPass;
  std::string message;  ///< failure, skipped or error message (one line)
  std::string type;     ///< failure or error type
  std::string body;     ///< failure or error text
  std::string out;      ///< <system-out>
};

struct Suite {
  std::string name;
  std::vector<std::pair<std::string, std::string>> properties;
  std::vector<TestCase> cases;
  std::size_t count(Outcome o) const {
    return static_cast<std::size_t>(std::count_if(
        cases.begin(), cases.end(), [o](const TestCase& c) { return c.outcome == o; }));
  }
};

TestCase runtime_case(const RuntimeResult& rt, const CheckResult& r, const GateResult& gate,
                      const GateOptions& options) {
  TestCase tc;
  tc.classname = "wasm-audit." + rt.id;
  tc.name = fmt::format("{} {} instantiates", rt.id, rt.version);
  const std::string why = problem(rt);
  const std::string details = runtime_details(rt);
  auto fail = [&] {
    tc.outcome = Outcome::kFailure;
    tc.message = why;
    tc.type = rt.instantiates ? "traps-on-call" : "fails-to-instantiate";
    tc.body = details;
    tc.out.clear();
  };
  auto skip = [&](std::string message) {
    tc.outcome = Outcome::kSkipped;
    tc.message = std::move(message);
    tc.out = details;
  };
  tc.out = details;

  if (!options.require.empty()) {
    const auto required = required_runtimes(r, options);
    if (std::find(required.begin(), required.end(), &rt) == required.end()) {
      skip("not required");
    } else if (has_key(gate.failures, "runtime", rt.key)) {
      fail();
    } else if (has_key(gate.baselined, "runtime", rt.key)) {
      skip("accepted by the baseline: " + why);
    }
    return tc;
  }
  if (runs(rt)) return tc;
  // Without --require the gate asks for one runtime that runs the module, counting the WASI
  // runtimes (or every runtime of the table when it holds none).
  const bool any_wasi = std::any_of(r.runtimes.begin(), r.runtimes.end(),
                                    [](const RuntimeResult& x) { return x.wasi_host; });
  if (any_wasi && !rt.wasi_host) {
    skip("not a WASI runtime: " + why);
  } else if (has_key(gate.failures, "verdict", "")) {
    fail();
  } else if (has_key(gate.baselined, "verdict", to_string(r.verdict.verdict))) {
    skip("accepted by the baseline: " + why);
  } else {
    skip("not required: " + why);
  }
  return tc;
}

TestCase finding_case(const Finding& f, const GateResult& gate) {
  TestCase tc;
  tc.classname = "wasm-audit.findings";
  tc.name = f.rule_id + " " + f.subject;
  std::string body = f.message + "\n";
  if (!f.fix.empty()) body += "fix: " + f.fix + "\n";
  body += fmt::format("at: 0x{:x}\n", f.range.offset);
  if (f.covers.size() > 1) {
    body += fmt::format("covers ({}):\n", f.covers.size());
    for (const auto& c : f.covers) body += "  " + c + "\n";
  }
  if (has_key(gate.baselined, f.rule_id, f.subject)) {
    tc.outcome = Outcome::kSkipped;
    tc.message = "accepted by the baseline";
    tc.out = std::move(body);
  } else {
    tc.outcome = Outcome::kFailure;
    tc.message = fmt::format("{}: {}", to_string(f.severity), first_line(f.message));
    tc.type = std::string(to_string(f.severity));
    tc.body = std::move(body);
  }
  return tc;
}

TestCase gate_case(const CheckResult& r, const GateResult& gate, const GateOptions& options) {
  TestCase tc;
  tc.classname = "wasm-audit.gate";
  tc.name = "gate";
  std::string text;
  for (const auto& f : gate.failures) text += f.reason + "\n";
  text += fmt::format("verdict: {} — {}\n", to_string(r.verdict.verdict), r.verdict.summary);
  if (!options.require.empty()) {
    std::string req;
    for (const auto& s : options.require)
      req += (req.empty() ? "" : ",") + s.id + (s.version.empty() ? "" : "@" + s.version);
    text += "require: " + req + "\n";
  }
  text += "fail-on: " + std::string(options.fail_on ? to_string(*options.fail_on) : "none") + "\n";
  std::string below;
  std::size_t n = 0;
  for (const auto& f : r.findings) {
    if (options.fail_on && f.severity >= *options.fail_on) continue;
    below += fmt::format("  {} {} {}\n", to_string(f.severity), f.rule_id, f.subject);
    ++n;
  }
  if (n > 0) text += fmt::format("findings below --fail-on ({}):\n{}", n, below);
  for (const auto& k : gate.baselined)
    text += fmt::format("accepted by the baseline: {} {}\n", k.rule_id, k.subject);
  for (const auto& k : gate.fixed)
    text += fmt::format("no longer found (baseline): {} {}\n", k.rule_id, k.subject);
  if (gate.failed()) {
    tc.outcome = Outcome::kFailure;
    tc.type = "gate";
    tc.message = gate.failures.size() == 1
                     ? gate.failures.front().reason
                     : fmt::format("{} (and {} more)", gate.failures.front().reason,
                                   gate.failures.size() - 1);
    tc.body = std::move(text);
  } else {
    tc.out = "passes\n" + text;
  }
  return tc;
}

Suite module_suite(const CheckEntry& e, const GateOptions& options) {
  const CheckResult& r = *e.result;
  const GateResult gate = e.gate ? *e.gate : apply_gate(r, e.path, options);
  Suite s;
  s.name = e.path;
  const Module& m = *e.module;
  s.properties.emplace_back("kind", m.kind == BinaryKind::kComponent
                                        ? std::string("component")
                                        : "core module, " + std::string(to_string(shape_of(m))));
  if (e.detection && !e.detection->toolchains.empty()) {
    const auto& t = e.detection->toolchains.front();
    s.properties.emplace_back("toolchain", t.version.empty() ? t.name : t.name + " " + t.version);
  }
  s.properties.emplace_back("verdict", std::string(to_string(r.verdict.verdict)));
  s.properties.emplace_back("gate", gate.failed() ? "fails" : "passes");
  for (const auto& rt : r.runtimes) s.cases.push_back(runtime_case(rt, r, gate, options));
  if (options.fail_on) {
    for (const auto& f : r.findings) {
      if (f.severity >= *options.fail_on) s.cases.push_back(finding_case(f, gate));
    }
  }
  s.cases.push_back(gate_case(r, gate, options));
  return s;
}

Suite error_suite(const CheckEntry& e) {
  Suite s;
  s.name = e.path;
  TestCase tc;
  tc.classname = "wasm-audit.input";
  tc.name = "read and decode";
  tc.outcome = Outcome::kError;
  tc.type = e.error->offset ? "decode-error" : "io-error";
  std::string where;
  if (e.error->offset) where = fmt::format("0x{:x}: ", *e.error->offset);
  if (!e.error->context.empty()) where += e.error->context + ": ";
  tc.message = where + e.error->message;
  tc.body = format_error_line(e.path, *e.error) + "\n";
  s.cases.push_back(std::move(tc));
  return s;
}

void write_case(const TestCase& tc, const std::string& file, std::ostream& out) {
  out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\"", xml(tc.classname),
                     xml(tc.name), xml(file));
  if (tc.outcome == Outcome::kPass && tc.out.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  switch (tc.outcome) {
    case Outcome::kPass:
      break;
    case Outcome::kSkipped:
      out << fmt::format("      <skipped message=\"{}\"/>\n", xml(tc.message));
      break;
    case Outcome::kFailure:
    case Outcome::kError: {
      const char* tag = tc.outcome == Outcome::kFailure ? "failure" : "error";
      out << fmt::format("      <{} message=\"{}\" type=\"{}\">{}</{}>\n", tag, xml(tc.message),
                         xml(tc.type), xml(tc.body, true), tag);
      break;
    }
  }
  if (!tc.out.empty()) out << fmt::format("      <system-out>{}</system-out>\n", xml(tc.out, true));
  out << "    </testcase>\n";
}

}  // namespace

namespace detail {
namespace {

class JunitReporter final : public CheckReporter {
 public:
  JunitReporter(std::ostream& out, const ReportOptions& o) : out_(out) {
    if (o.gate != nullptr) gate_ = *o.gate;  // decides the gate of an entry that comes without one
  }
  void add(const CheckEntry& e) override {
    if (e.module && e.result) {
      suites_.push_back(module_suite(e, gate_));
    } else if (e.error) {
      suites_.push_back(error_suite(e));
    }
  }
  void finish() override {
    std::size_t tests = 0, failures = 0, errors = 0, skipped = 0;
    for (const auto& s : suites_) {
      tests += s.cases.size();
      failures += s.count(Outcome::kFailure);
      errors += s.count(Outcome::kError);
      skipped += s.count(Outcome::kSkipped);
    }
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out_ << fmt::format(
        "<testsuites name=\"wasm-audit check\" tests=\"{}\" failures=\"{}\" errors=\"{}\" "
        "skipped=\"{}\">\n",
        tests, failures, errors, skipped);
    for (const auto& s : suites_) {
      out_ << fmt::format(
          "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\">\n",
          xml(s.name), s.cases.size(), s.count(Outcome::kFailure), s.count(Outcome::kError),
          s.count(Outcome::kSkipped));
      if (!s.properties.empty()) {
        out_ << "    <properties>\n";
        for (const auto& [k, v] : s.properties) {
          out_ << fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", xml(k), xml(v));
        }
        out_ << "    </properties>\n";
      }
      for (const auto& tc : s.cases) write_case(tc, s.name, out_);
      out_ << "  </testsuite>\n";
    }
    out_ << "</testsuites>\n";
    out_.flush();
  }

 private:
  std::ostream& out_;
  GateOptions gate_;
  std::vector<Suite> suites_;
};

}  // namespace

std::unique_ptr<CheckReporter> make_check_junit(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<JunitReporter>(out, options);
}

}  // namespace detail
}  // namespace wasmaudit
