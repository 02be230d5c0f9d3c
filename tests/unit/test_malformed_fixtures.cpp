// SPDX-License-Identifier: Apache-2.0
// Every malformed input gets exactly one error line, with the right offset, and exit code 3.
//
// fixtures/malformed/*.hex are annotated hex (the format `wat2wasm -v` prints) assembled at build
// time; each names the error it must produce in a `;; expect: 0xOFFSET: CONTEXT: message` line.
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <system_error>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "temp_dir.hpp"
#include "cli_runner.hpp"
#include "fixtures.hpp"
#include "wasm_builder.hpp"
#include "wasmaudit/error.hpp"
#include "wasmaudit/binary/limits.hpp"
#include "wasmaudit/reader/module_reader.hpp"

using namespace wasmaudit;
using namespace wasmaudit::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kExpectPrefix = ";; expect: ";

struct HexFixture {
  std::string name;                  // the file name's stem
  std::vector<std::string> expects;  // every `;; expect:` line's text
  bool described = false;            // has a `;;` line saying in words what is wrong
};

HexFixture parse_hex_fixture(const fs::path& hex) {
  HexFixture f;
  f.name = hex.stem().string();
  std::istringstream in(read_text(hex));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(kExpectPrefix, 0) == 0) {
      f.expects.push_back(line.substr(std::string(kExpectPrefix).size()));
    } else if (line.rfind(";; ", 0) == 0 && line.size() > 3) {
      f.described = true;
    }
  }
  return f;
}

std::string error_line(const std::string& path, const std::string& rest) {
  return "wasm-audit: error: " + path + ":" + rest + "\n";
}

std::string malformed(const std::string& stem) {
  return built_fixture("malformed/" + stem + ".wasm").string();
}

std::string expect_of(const std::string& stem) {
  const HexFixture f = parse_hex_fixture(source_fixture("malformed/" + stem + ".hex"));
  REQUIRE(f.expects.size() == 1);
  return f.expects.front();
}

}  // namespace

TEST_CASE("every malformed fixture gives exactly its one error line and exit code 3",
          "[malformed][cli]") {
  const std::vector<fs::path> hexes = list_fixtures(source_fixture("malformed"), ".hex");
  // The loop below must not pass vacuously (a wrong fixture folder, a broken glob).
  REQUIRE(hexes.size() >= 40);

  for (const fs::path& hex : hexes) {
    const HexFixture f = parse_hex_fixture(hex);
    DYNAMIC_SECTION(f.name) {
      INFO("fixture " << hex.filename().string());
      REQUIRE(f.expects.size() == 1);
      CHECK(f.described);
      const fs::path wasm = built_fixture("malformed/" + f.name + ".wasm");
      REQUIRE(fs::is_regular_file(wasm));

      const CliResult r = run_cli({"inspect", wasm.string()});
      CHECK(r.err == error_line(wasm.string(), f.expects.front()));
      CHECK(r.out.empty());
      CHECK(r.exit_code == 3);
    }
  }
}

TEST_CASE("fixture names follow <section>_<defect> and the expect line has an offset",
          "[malformed]") {
  for (const fs::path& hex : list_fixtures(source_fixture("malformed"), ".hex")) {
    const HexFixture f = parse_hex_fixture(hex);
    INFO("fixture " << hex.filename().string());
    CHECK(f.name.find('_') != std::string::npos);
    for (const char c : f.name)
      CHECK((std::islower(static_cast<unsigned char>(c)) ||
             std::isdigit(static_cast<unsigned char>(c)) || c == '_'));
    REQUIRE(f.expects.size() == 1);
    const std::string& e = f.expects.front();
    // 0xOFFSET: CONTEXT: message, lowercase hex, no trailing period.
    REQUIRE(e.rfind("0x", 0) == 0);
    const auto colon = e.find(": ");
    REQUIRE(colon != std::string::npos);
    for (std::size_t i = 2; i < colon; ++i) CHECK(std::isxdigit(static_cast<unsigned char>(e[i])));
    CHECK(e.find(": ", colon + 2) != std::string::npos);
    CHECK(e.back() != '.');
  }
}

TEST_CASE("hex2wasm turns a fixture without bytes into an empty file", "[malformed]") {
  const fs::path empty = built_fixture("malformed/header_empty_file.wasm");
  REQUIRE(fs::is_regular_file(empty));
  CHECK(fs::file_size(empty) == 0);
  // A fixture is as long as its highest byte: the truncated ones really end where they say.
  CHECK(fs::file_size(built_fixture("malformed/header_truncated_magic.wasm")) == 3);
  CHECK(fs::file_size(built_fixture("malformed/import_truncated_file.wasm")) == 0x14);
}

TEST_CASE("a batch reports every bad file in order and still reports the good one",
          "[malformed][cli]") {
  TempDir tmp;
  const std::string bad = malformed("import_invalid_kind");
  const std::string dir = tmp.path().string();
  const std::string missing = (tmp.path() / "missing.wasm").string();
  const std::string good = built_fixture("wat/library.wasm").string();

  const CliResult alone = run_cli({"inspect", good});
  REQUIRE(alone.exit_code == 0);
  REQUIRE_FALSE(alone.out.empty());

  const CliResult r = run_cli({"inspect", bad, dir, missing, good});
  CHECK(r.err == error_line(bad, expect_of("import_invalid_kind")) + "wasm-audit: error: " + dir +
                     ": no *.wasm file in this directory or below it\n" + "wasm-audit: error: " + missing +
                     ": no such file or directory\n");
  // The good file's report, exactly as when it is inspected alone; nothing for the bad ones.
  CHECK(r.out == alone.out);
  CHECK(r.exit_code == 3);
}

TEST_CASE("an error entry in JSON has ok false, the offset, the context and the line",
          "[malformed][cli][json]") {
  const std::string bad = malformed("export_duplicate_name");
  const std::string good = built_fixture("wat/library.wasm").string();
  const CliResult r = run_cli({"inspect", "--format", "json", bad, good});
  CHECK(r.exit_code == 3);
  // stderr still carries the line; stdout is one JSON document with both files.
  CHECK(r.err == error_line(bad, "0x33: export section: duplicate export name \"g\""));
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc["files"].size() == 2);

  const auto& f = doc["files"][0];
  CHECK(f["path"] == bad);
  CHECK(f["ok"] == false);
  const auto& e = f["error"];
  CHECK(e["offset"] == 0x33);
  CHECK(e["context"] == "export section");
  CHECK(e["message"] == "duplicate export name \"g\"");
  CHECK(e["line"] ==
        "wasm-audit: error: " + bad + ":0x33: export section: duplicate export name \"g\"");
  CHECK_FALSE(f.contains("imports"));

  CHECK(doc["files"][1]["ok"] == true);
  CHECK(doc["files"][1]["path"] == good);
}

TEST_CASE("an I/O error in JSON has no offset and no context", "[malformed][cli][json]") {
  TempDir tmp;
  const std::string missing = (tmp.path() / "nope.wasm").string();
  const CliResult r = run_cli({"inspect", "--format", "json", missing});
  CHECK(r.exit_code == 3);
  const auto doc = nlohmann::json::parse(r.out);
  const auto& e = doc["files"][0]["error"];
  CHECK(doc["files"][0]["ok"] == false);
  CHECK(e["offset"].is_null());
  CHECK(e["context"].is_null());
  CHECK(e["message"] == "no such file or directory");
  CHECK(e["line"] == "wasm-audit: error: " + missing + ": no such file or directory");
}

TEST_CASE("unreadable paths are input errors without an offset", "[malformed][cli]") {
  TempDir tmp;
  const std::string file = tmp.file("file.wasm", module({}));

  SECTION("a path through a regular file") {
    const std::string through = file + "/x";
    const CliResult r = run_cli({"inspect", through});
    CHECK(r.err == "wasm-audit: error: " + through + ": not a directory\n");
    CHECK(r.out.empty());
    CHECK(r.exit_code == 3);
  }
  SECTION("a dangling symlink") {
    const fs::path link = tmp.path() / "dangling.wasm";
    fs::create_symlink(tmp.path() / "gone.wasm", link);
    const CliResult r = run_cli({"inspect", link.string()});
    CHECK(r.err == "wasm-audit: error: " + link.string() + ": no such file or directory\n");
    CHECK(r.out.empty());
    CHECK(r.exit_code == 3);
  }
  SECTION("a directory with no *.wasm file") {
    const fs::path empty = tmp.path() / "empty";
    fs::create_directory(empty);
    fs::create_directory(empty / "sub.wasm");  // a directory named *.wasm is not a module
    const CliResult r = run_cli({"inspect", empty.string()});
    CHECK(r.err == "wasm-audit: error: " + empty.string() + ": no *.wasm file in this directory or below it\n");
    CHECK(r.out.empty());
    CHECK(r.exit_code == 3);
  }
  SECTION("a character device is refused before it is read: /dev/zero never ends") {
    const CliResult r = run_cli({"check", "/dev/zero"});
    CHECK(r.err == "wasm-audit: error: /dev/zero: is a character device, not a regular file\n");
    CHECK(r.exit_code == 3);
  }
  SECTION("a FIFO with no writer is refused at once, without blocking") {
    const fs::path fifo = tmp.path() / "pipe.wasm";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const CliResult r = run_cli({"inspect", fifo.string(), file});
    CHECK(r.err == "wasm-audit: error: " + fifo.string() +
                       ": is a FIFO (named pipe), not a regular file: pipe it to standard input with '-'\n");
    CHECK(r.exit_code == 3);
    CHECK_FALSE(r.out.empty());  // the regular file after it is still read
  }
  SECTION("a socket is refused") {
    const fs::path sock = tmp.path() / "s.wasm";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    REQUIRE(sock.string().size() < sizeof addr.sun_path);
    std::strcpy(addr.sun_path, sock.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
    const CliResult r = run_cli({"inspect", sock.string()});
    ::close(fd);
    CHECK(r.err == "wasm-audit: error: " + sock.string() + ": is a socket, not a regular file\n");
    CHECK(r.exit_code == 3);
  }
  SECTION("a file without read permission") {
    // root reads any file whatever its mode (CI runs as root), so this only means something for
    // other users.
    if (::geteuid() == 0) {
      SUCCEED("running as root: permissions do not stop reads");
    } else {
      fs::permissions(file, fs::perms::none);
      const CliResult r = run_cli({"inspect", file});
      CHECK(r.err == "wasm-audit: error: " + file + ": permission denied\n");
      CHECK(r.out.empty());
      CHECK(r.exit_code == 3);
    }
  }
}

TEST_CASE("terminal escapes in names come out escaped", "[malformed][cli][escape]") {
  TempDir tmp;
  // ESC [ 3 1 m (a colour change) and U+009B (C1 CSI, UTF-8 c2 9b) followed by "2J" (clear screen).
  const std::string evil =
      "red\x1b[31mX\xc2\x9b"
      "2J";
  const std::string escaped = "red\\x1b[31mX\\u{9b}2J";

  SECTION("in an import name of the text report") {
    const std::string path = tmp.file(
        "evil.wasm", module({
                         section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),  // type 0: () -> ()
                         section(2, cat({uleb(1), name("env\x1b]0;title\x07"), name(evil),
                                         Bytes{0x00, 0x00}})),  // import func env::evil, type 0
                     }));
    const CliResult r = run_cli({"inspect", path});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find("env\\x1b]0;title\\x07::" + escaped) != std::string::npos);
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(r.out.find('\x07') == std::string::npos);
    CHECK(r.out.find("\xc2\x9b") == std::string::npos);
  }
  SECTION("in an error message quoting an export name") {
    const std::string path = tmp.file(
        "evil_dup.wasm", module({
                             section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),
                             section(3, cat({uleb(1), uleb(0)})),  // one function of type 0
                             // export the function twice under the same name
                             section(7, cat({uleb(2), name(evil), Bytes{0x00, 0x00}, name(evil),
                                             Bytes{0x00, 0x00}})),
                         }));
    const CliResult r = run_cli({"inspect", path});
    CHECK(r.exit_code == 3);
    // header 8 + type section 6 + function section 4 = 18 (0x12); the export section's id, size
    // and count take 3 bytes; the first export takes 1 + 13 + 2 = 16, so the second is at 0x25.
    CHECK(r.err == "wasm-audit: error: " + path +
                       ":0x25: export section: duplicate export name \"" + escaped + "\"\n");
    CHECK(r.err.find('\x1b') == std::string::npos);
  }
}

TEST_CASE("a count the bytes cannot hold fails before anything is reserved",
          "[malformed][reader]") {
  // The import section claims 100,000 imports (the limit itself, so only the bytes-left check can
  // stop it) but holds one: read_count() must refuse the count before imports.reserve(100000).
  const Bytes b = module({
      section(1, cat({uleb(1), Bytes{0x60, 0x00, 0x00}})),  // 0x08: type section, 6 bytes
      // 0x0e: id, 0x0f: size, 0x10: count (3 bytes), 0x13: "env" "f" func 0 (8 bytes)
      section(2, cat({uleb(limits::kMaxImports), name("env"), name("f"), Bytes{0x00, 0x00}})),
  });
  try {
    (void)read_module(b);
    FAIL("read_module accepted an import count of 100000 with 8 bytes left");
  } catch (const DecodeError& e) {
    CHECK(e.offset() == 0x10);
    CHECK(e.context() == "import section");
    CHECK(std::string(e.what()) == "import count 100000 is larger than the 8 bytes left can hold");
  }
}

TEST_CASE("every vector count is checked against the bytes left", "[malformed][reader]") {
  struct Case {
    std::uint8_t id;
    const char* context;
    const char* message;
  };
  // Each section holds a count of 100,000 and nothing else; every count is within its limit.
  const Case c = GENERATE(
      Case{1, "type section", "type count 100000 is larger than the 0 bytes left can hold"},
      Case{2, "import section", "import count 100000 is larger than the 0 bytes left can hold"},
      Case{3, "function section", "function count 100000 is larger than the 0 bytes left can hold"},
      Case{4, "table section", "table count 100000 is larger than the 0 bytes left can hold"},
      Case{5, "memory section", "memory count 100000 is larger than the 0 bytes left can hold"},
      Case{13, "tag section", "tag count 100000 is larger than the 0 bytes left can hold"},
      Case{6, "global section", "global count 100000 is larger than the 0 bytes left can hold"},
      Case{7, "export section", "export count 100000 is larger than the 0 bytes left can hold"});
  INFO("section id " << int{c.id});
  const Bytes b = module({section(c.id, uleb(100000))});
  try {
    (void)read_module(b);
    FAIL("read_module accepted a count of 100000 with no bytes left");
  } catch (const DecodeError& e) {
    CHECK(e.offset() == 10);  // header 8, section id and size 2
    CHECK(e.context() == c.context);
    CHECK(std::string(e.what()) == c.message);
  }
}

TEST_CASE("a rec group that takes the type count past the limit fails at the group's size",
          "[malformed][reader]") {
  // One function type, then a rec group of limits::kMaxRecGroupSize empty structs (5f 00) that
  // are all really there: 1,000,001 types, one above limits::kMaxTypes.
  Bytes payload =
      cat({uleb(2), Bytes{0x60, 0x00, 0x00}, Bytes{0x4E}, uleb(limits::kMaxRecGroupSize)});
  for (std::uint32_t i = 0; i < limits::kMaxRecGroupSize; ++i) {
    payload.push_back(0x5F);
    payload.push_back(0x00);
  }
  const Bytes b = module({section(1, payload)});
  // header 8, section id 1, section size 3 (about 2 MB), type count 1, the func type 3, 0x4e 1.
  REQUIRE(uleb(payload.size()).size() == 3);
  try {
    (void)read_module(b);
    FAIL("read_module accepted 1,000,001 types");
  } catch (const DecodeError& e) {
    CHECK(e.offset() == 0x11);
    CHECK(e.context() == "type section");
    CHECK(std::string(e.what()) ==
          "rec group size 1000000 takes the type count past the limit of 1000000");
  }
}
