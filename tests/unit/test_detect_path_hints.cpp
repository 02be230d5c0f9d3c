// SPDX-License-Identifier: Apache-2.0
// The data-section path scan: C strings, Go's packed strings, junk it must not report, and the real
// fixtures (src/detect/path_hints.cpp).
#include <algorithm>
#include <set>
#include <string>

#include "catch.hpp"
#include "fixtures.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/detect/detect.hpp"
#include "detect/path_hints.hpp"
#include "wasmaudit/policy/evaluator.hpp"
#include "wasmaudit/policy/loader.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
using namespace std::string_literals;

namespace {

/// A module whose data section holds one active segment with a NUL and `text` (and a memory for
/// it). The NUL keeps the segment's size byte from reading as part of the text.
Bytes data_module(std::string_view text) {
  const Bytes memory = Bytes{0x01, 0x00, 0x01};              // one memory, 1..∞
  const Bytes segment = cat({Bytes{0x00, 0x41, 0x00, 0x0B},  // active, memory 0, i32.const 0
                             uleb(text.size() + 1), Bytes{0x00}, Bytes(text.begin(), text.end())});
  return module({section(5, memory), section(11, cat({uleb(1), segment}))});
}

std::vector<std::string> scan(std::string_view text, const PathScanOptions& o = {}) {
  const Bytes bytes = data_module(text);
  const Module m = read_module(bytes);
  std::vector<std::string> out;
  for (const auto& h : scan_path_hints(m, bytes, o)) out.push_back(h.path);
  return out;
}

std::vector<std::string> scan_file(const std::string& rel) {
  const auto bytes = read_bytes(source_fixture(rel));
  const Module m = read_module(bytes);
  std::vector<std::string> out;
  for (const auto& h : scan_path_hints(m, bytes, path_scan_options(builtin_knowledge())))
    out.push_back(h.path);
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

TEST_CASE("C strings are taken whole, at their NUL", "[detect][paths]") {
  CHECK(scan("x\0/data/config.json\0/etc/hostsfile\0"s) ==
        std::vector<std::string>{"/data/config.json", "/etc/hostsfile"});
  // Known paths do not cut a whole C string.
  PathScanOptions o;
  o.known_paths = {"/etc/hosts"};
  CHECK(scan("\0/etc/hostsfile\0"s, o) == std::vector<std::string>{"/etc/hostsfile"});
}

TEST_CASE("the range of a hint is the string's place in the file", "[detect][paths]") {
  const std::string text = "ab\0/srv/app.toml\0"s;
  const Bytes bytes = data_module(text);
  const Module m = read_module(bytes);
  const auto hints = scan_path_hints(m, bytes);
  REQUIRE(hints.size() == 1);
  const std::string at(reinterpret_cast<const char*>(bytes.data() + hints[0].range.offset),
                       hints[0].range.size);
  CHECK(at == "/srv/app.toml");
}

TEST_CASE("packed strings are cut at known paths, data-file extensions and digit tables",
          "[detect][paths]") {
  PathScanOptions o;
  o.known_paths = {"/dev/stdin", "/dev/stdout", "/dev/stderr", "/etc/hosts"};
  // As Go 1.24 lays them out (fixtures/go/read_file_go124.wasm).
  CHECK(scan("(NOVERB)/dev/stdin12207031256103515625complex128t.Kind%!", o) ==
        std::vector<std::string>{"/dev/stdin"});
  CHECK(scan("(BADPREC)/dev/stdout/dev/stderrunreachable30517578125short;", o) ==
        std::vector<std::string>{"/dev/stdout", "/dev/stderr"});
  CHECK(scan("mathrandtlsrsakex/etc/hosts(BADINDEX)", o) == std::vector<std::string>{"/etc/hosts"});
  CHECK(scan("hadlinkvolume/input/config.jsonreflect.Value.Uint298023223876953125(") ==
        std::vector<std::string>{"/input/config.json"});
  CHECK(scan(" /var/lib/app/data.tar.gzsomething ") ==
        std::vector<std::string>{"/var/lib/app/data.tar.gz"});
  // At a string boundary without an extension: cut before a long digit run.
  CHECK(scan(" /srv/cache1220703125 ") == std::vector<std::string>{"/srv/cache"});
}

TEST_CASE("package paths, identifiers, URLs, metric names and binary noise are not paths",
          "[detect][paths]") {
  CHECK(scan("\x14internal/runtime/sys\0internal/abi.Name.Data\0"s).empty());
  CHECK(scan("golang.org/x/net/dns/dnsmessage").empty());
  CHECK(scan("runtime/proc.go\0"s).empty());               // source file from debug data
  CHECK(scan("crypto/internal/fips140.init\0"s).empty());  // a symbol, not "….ini"
  CHECK(scan("data/app.json\0"s).empty());                 // a relative path
  CHECK(scan("\0/rustc/abc/library/core/src/fmt/mod.rs\0"s).empty());
  CHECK(scan("https://example.com/a/b.json").empty());  // '//' after the scheme
  CHECK(scan("%s/%s").empty());
  CHECK(scan("\x8e/xs\xd4"s).empty());  // binary neighbours
  CHECK(scan("\0/N7\0"s).empty());      // a one-name path of two bytes
  PathScanOptions o;
  o.not_path_prefixes = {"/gc/"};
  CHECK(scan("memory size /gc/pauses:seconds", o).empty());
  // A Rust panic location in a crate from Cargo's registry, packed against the next string (as in
  // jco's wasm-tools.core.wasm): skipped whole with the knowledge base's `contains`, however the
  // run is cut; a real path beside it is kept.
  const std::string rust =
      "x\0/Users/dev/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/semver-1.0.25/src/"
      "identifier.rsassertion failed\0/data/config.json\0"s;
  // Without the knowledge the glued name ("identifier.rsassertion": an extension no file has, too
  // long for one) already drops it; a registry path ended cleanly needs `contains`.
  CHECK(scan(rust) == std::vector<std::string>{"/data/config.json"});
  const std::string clean =
      "x\0/Users/dev/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/semver-1.0.25/Cargo.toml\0"s;
  CHECK(scan(clean).size() == 1);
  const PathScanOptions k = path_scan_options(builtin_knowledge());
  CHECK(std::find(k.not_path_substrings.begin(), k.not_path_substrings.end(), "/.cargo/registry/src/") !=
        k.not_path_substrings.end());
  CHECK(scan(rust, k) == std::vector<std::string>{"/data/config.json"});
  CHECK(scan(clean, k).empty());
}

TEST_CASE("packed strings glued to a path are not part of it", "[detect][paths]") {
  // Go 1.24's net/http module (fixtures/go/http_server_go124.wasm) packs mime's type files against
  // their neighbours. Without the knowledge base, a dotted name with a long unknown extension is
  // two strings glued together, and so is a name holding an option ("--log-level").
  CHECK(scan(" /etc/apache2/mime.typestext/css; charset=utf-8").empty());
  CHECK(scan(" /etc/mime.typesaccept-encodingaccept-language--log-level ").empty());
  CHECK(scan(" /srv/app.rc--verbose ").empty());
  // The knowledge base's mime group cuts them where Go's string ends.
  const PathScanOptions k = path_scan_options(builtin_knowledge());
  CHECK(scan("lengthsequence tag mismatch/usr/share/mime/globs2/etc/apache/mime.typeshttp2: frame", k) ==
        std::vector<std::string>{"/usr/share/mime/globs2", "/etc/apache/mime.types"});
  CHECK(scan(" /etc/mime.typesaccept-encodingaccept-language--log-level ", k) ==
        std::vector<std::string>{"/etc/mime.types"});
  // A short dotted directory and a known extension still pass.
  CHECK(scan(" /etc/nginx/conf.d/site.conf ") == std::vector<std::string>{"/etc/nginx/conf.d/site.conf"});
}

TEST_CASE("a '/' inside a word of a C string is no path", "[detect][paths]") {
  // Go's function-name table: NUL-terminated names cut by '[' at a generic instantiation. The
  // extension cut read "ecdsa.init" as "ecdsa.ini" and "tls13.deriveSecret" as "tls13.der".
  CHECK(scan("x\0crypto/internal/fips140/ecdsa.init.OnceValue[go.shape.*uint8].func14\0"s).empty());
  CHECK(scan("x\0crypto/internal/fips140/tls13.deriveSecret[go.shape.interface { }]\0"s).empty());
  // Go's packed strings are not C strings: a path inside a run still counts there.
  CHECK(scan("x\0hadlinkvolume/input/config.jsonreflect.Value.Uint298023223876953125("s) ==
        std::vector<std::string>{"/input/config.json"});
  // At the start of a C string, a path ended by a separator counts.
  CHECK(scan("x\0/data/config.json: not found\0"s) == std::vector<std::string>{"/data/config.json"});
}

TEST_CASE("regular-expression literals are not paths", "[detect][paths]") {
  CHECK(scan("x\0Config::CONFIG[\"platform\"] =~ /wasm/\0"s).empty());
  CHECK(scan("x\0assert_not_match(/three/, 'one 2 three')\0"s).empty());
  CHECK(scan("x\0Example: '/taRget/i' matches\0"s).empty());
  CHECK(scan("x\0assert_raise_message(/exc/i) {}\0"s).empty());
  CHECK(scan("x\0^/usr/(lib|share)/ruby\0"s).empty());
  CHECK(scan("x\0\\A/usr/local/lib\\z\0"s).empty());
  CHECK(scan("x\0/srv/data/[a-z]+\\.json$\0"s).empty());
}

TEST_CASE("format strings and templates are not paths", "[detect][paths]") {
  CHECK(scan("x\0/proc/%d/status\0"s).empty());
  CHECK(scan("x\0/sys/class/net/%s/address\0"s).empty());
  CHECK(scan("x\0/data/{}/config.json\0"s).empty());     // Rust's format!
  CHECK(scan("x\0{}/config/app.json\0"s).empty());
  CHECK(scan("x\0bindgen/legacy/%.o: $(srcdir)/bindgen/legacy/%.c\0"s).empty());
  CHECK(scan("x\0$(CC) -c -I$(srcdir)/bindgen/legacy -o $@\0"s).empty());
  // Build command lines recorded in the module: option values are the build machine's.
  CHECK(scan("x\0'--with-zlib-dir=/home/me/build/zlib-1.3.1/opt/usr/local' 'AR=/opt/wasi/bin/llvm-ar'\0"s).empty());
  // A data file's name may be followed by a packed neighbour that starts with '%' (Go's fmt).
  CHECK(scan("hadlinkvolume/input/config.json%!(NOVERB)") == std::vector<std::string>{"/input/config.json"});
}

TEST_CASE("an embedded text file: only quoted string literals", "[detect][paths]") {
  const std::string gitignore = "x\0/.bundle/\n/coverage/\n/Gemfile.lock\n/pkg/\n/vendor/\n/data/x.json\n"s;
  CHECK(scan(gitignore).empty());
  const std::string ruby =
      "x\0def f\n  # see doc/text/news.md\n  news = File.read(\"doc/text/news.md\")\n"
      "  status_file = \"/proc/self/status\"\n  # reads /srv/app/config.json\n  end\n"s;
  CHECK(scan(ruby) == std::vector<std::string>{"/proc/self/status"});
}

TEST_CASE("the scan is bounded", "[detect][paths]") {
  PathScanOptions o;
  o.max_bytes = 9;  // the segment header and its NUL take 7 of them
  CHECK(scan("\0/data/config.json\0"s, o).empty());
  o = {};
  o.max_hints = 1;
  CHECK(scan("\0/srv/one.json\0/srv/two.json\0"s, o) == std::vector<std::string>{"/srv/one.json"});
}

TEST_CASE("paths in the real fixtures", "[detect][paths]") {
  const auto c = scan_file("c/file_reader.wasm");
  CHECK(c == std::vector<std::string>{"/data/config.json"});

  const auto go = scan_file("go/read_file_go124.wasm");
  CHECK(has(go, "/etc/hosts"));
  CHECK(has(go, "/input/config.json"));
  CHECK(has(go, "/dev/stdin"));
  // Nothing else: no package paths, no metric names, no binary noise.
  const std::set<std::string> expected{"/etc/hosts", "/input/config.json", "/dev/stdin",
                                       "/dev/stdout", "/dev/stderr"};
  for (const auto& p : go) {
    INFO(p);
    CHECK(expected.count(p) == 1);
  }

  const auto net = scan_file("go/net_listen_go124.wasm");
  for (const char* p : {"/etc/hosts", "/etc/services", "/etc/protocols", "/etc/resolv.conf",
                        "/etc/nsswitch.conf"}) {
    INFO(p);
    CHECK(has(net, p));
  }
  CHECK(scan_file("go/wasip1_hello_go121.wasm") ==
        std::vector<std::string>{"/dev/stdin", "/dev/stdout", "/dev/stderr"});

  // net/http and mime, a program that opens no file: every path is the standard library's, whole
  // (no "/etc/apache2/mime.typestext/css", no "/internal/fips140/ecdsa.ini").
  const auto http = scan_file("go/http_server_go124.wasm");
  const std::set<std::string> stdlib{
      "/dev/stdin",       "/dev/stdout",     "/dev/stderr",        "/etc/hosts",
      "/etc/services",    "/etc/protocols",  "/etc/resolv.conf",   "/etc/nsswitch.conf",
      "/etc/mime.types",  "/etc/apache2/mime.types", "/etc/apache/mime.types",
      "/etc/httpd/conf/mime.types", "/usr/local/share/mime/globs2", "/usr/share/mime/globs2"};
  CHECK(std::set<std::string>(http.begin(), http.end()) == stdlib);
  CHECK(http.size() == stdlib.size());
}

TEST_CASE("a component is not scanned", "[detect][paths]") {
  const auto bytes = read_bytes(source_fixture("component/hello_command.component.wasm"));
  const Module m = read_module(bytes);
  CHECK(scan_path_hints(m, bytes).empty());
}

TEST_CASE("detect() fills Detection::paths", "[detect][paths]") {
  const auto bytes = read_bytes(source_fixture("c/file_reader.wasm"));
  const Module m = read_module(bytes);
  const Detection d = detect(m, bytes);
  REQUIRE(d.paths.size() == 1);
  CHECK(d.paths[0].path == "/data/config.json");
}
