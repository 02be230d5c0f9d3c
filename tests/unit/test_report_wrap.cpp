// SPDX-License-Identifier: Apache-2.0
// Fitting text to a terminal's columns (src/report/wrap.hpp).
#include <string>
#include <vector>

#include "report/wrap.hpp"
#include "catch.hpp"

using namespace wasmaudit::detail;
using Lines = std::vector<std::string>;

TEST_CASE("display_width counts code points, not bytes", "[report][text][wrap]") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("a — b…") == 6);             // em dash and ellipsis: 3 bytes, 1 column each
  CHECK(display_width("\xc3\xa9t\xc3\xa9") == 3);  // "été"
}

TEST_CASE("truncate_to cuts to the width with an ellipsis, never inside a code point",
          "[report][text][wrap]") {
  CHECK(truncate_to("abcdef", 6) == "abcdef");
  CHECK(truncate_to("abcdef", 5) == "abcd…");
  CHECK(display_width(truncate_to("abcdef", 5)) == 5);
  CHECK(truncate_to("ééééé", 3) == "éé…");
  CHECK(truncate_to("abc", 1) == "…");
  CHECK(truncate_to("abc", 0).empty());
}

TEST_CASE("wrap_text breaks at spaces and keeps or cuts a long word", "[report][text][wrap]") {
  CHECK(wrap_text("the quick brown fox jumps over the lazy dog", 15) ==
        Lines{"the quick brown", "fox jumps over", "the lazy dog"});
  CHECK(wrap_text("", 20) == Lines{""});
  CHECK(wrap_text("  spaced   out  ", 20) == Lines{"spaced out"});
  // A word wider than the line: a line of its own, whole or cut.
  CHECK(wrap_text("a abcdefghijklmno b", 10) == Lines{"a", "abcdefghijklmno", "b"});
  CHECK(wrap_text("a abcdefghijklmno b", 10, true) == Lines{"a", "abcdefghi…", "b"});
  // Fewer than 10 columns are taken as 10.
  CHECK(wrap_text("one two three four", 3) == Lines{"one two", "three four"});
}

TEST_CASE("wrap_lines: a shorter first line, and long words kept, cut or broken",
          "[report][text][wrap]") {
  CHECK(wrap_lines("aaa bbb ccc ddd", 7, 11, LongWords::kBreak) == Lines{"aaa bbb", "ccc ddd"});
  // A word that does not fit the short first line starts on the second.
  CHECK(wrap_lines("abcdefgh ij", 5, 10, LongWords::kKeep) == Lines{"", "abcdefgh", "ij"});
  CHECK(wrap_lines("abc", 0, 10, LongWords::kBreak) == Lines{"", "abc"});
  // Broken: no character is lost, every line fits.
  const Lines broken = wrap_lines("x abcdefghijklmnopqrstuvwxyz", 10, 10, LongWords::kBreak);
  CHECK(broken == Lines{"x", "abcdefghij", "klmnopqrst", "uvwxyz"});
  CHECK(wrap_lines("abcdéfghijkl", 4, 4, LongWords::kBreak) == Lines{"abcd", "éfgh", "ijkl"});
  CHECK(wrap_lines("abcdefghijkl", 5, 5, LongWords::kCut) == Lines{"abcd…"});
  CHECK(wrap_lines("abcdefghijkl", 5, 5, LongWords::kKeep) == Lines{"abcdefghijkl"});
}

TEST_CASE("hanging: a lead, then the text under a hanging indent", "[report][text][wrap]") {
  CHECK(hanging("  fix: ", 7, "do this and then do that", 20, 7) ==
        "  fix: do this and\n       then do that\n");
  CHECK(hanging("  a: ", 5, "short", 80, 5) == "  a: short\n");
  // Colour codes in the lead take no columns: the caller gives the lead's plain width.
  const std::string lead = "\x1b[1mverdict:\x1b[0m ";
  CHECK(hanging(lead, 9, "portable — runs everywhere", 20, 4) ==
        lead + "portable —\n    runs everywhere\n");
  // A lead that leaves no room: the text starts on the next line, without a trailing space.
  CHECK(hanging("0123456789 ", 11, "text", 10, 2) == "0123456789\n  text\n");
  // Every line fits, even with a word longer than the line.
  for (const std::size_t width : {40u, 60u, 80u}) {
    const std::string text =
        hanging("    note: ", 10,
                "calling any of the 20 missing imports traps: "
                "wasi_snapshot_preview1::a_very_long_import_name_that_goes_on_and_on_"
                "and_on_and_does_not_stop_before_the_end_of_the_line",
                width, 10);
    std::size_t start = 0;
    for (auto nl = text.find('\n'); nl != std::string::npos;
         start = nl + 1, nl = text.find('\n', start)) {
      CHECK(display_width(std::string_view(text).substr(start, nl - start)) <= width);
    }
  }
}

TEST_CASE("wrap_paragraph indents every line", "[report][text][wrap]") {
  CHECK(wrap_paragraph("one two three four five six", 16, 2) ==
        "  one two three\n  four five six\n");
}

TEST_CASE("pack_items never splits an item and cuts one that cannot fit", "[report][text][wrap]") {
  const Lines items{"GOOS=wasip1", "GOARCH=wasm", "-buildmode=exe", "CGO_ENABLED=0"};
  CHECK(pack_items(items, " ", 30, 30) ==
        Lines{"GOOS=wasip1 GOARCH=wasm", "-buildmode=exe CGO_ENABLED=0"});
  CHECK(pack_items(items, ", ", 30, 30) ==
        Lines{"GOOS=wasip1, GOARCH=wasm,", "-buildmode=exe, CGO_ENABLED=0"});
  CHECK(pack_items({"DefaultGODEBUG=asynctimerchan=1,gotestjsonbuildtext=1"}, " ", 20, 20) ==
        Lines{"DefaultGODEBUG=asyn…"});
  CHECK(pack_items({}, " ", 20, 20) == Lines{""});
}

TEST_CASE("wrap_command continues lines with a backslash and never splits a quoted word",
          "[report][text][wrap]") {
  CHECK(wrap_command("wasmtime run app.wasm", 40, 40) == Lines{"wasmtime run app.wasm"});
  CHECK(
      wrap_command("wasmtime run --dir ./input::/input fixtures/go/read_file_go124.wasm", 40, 40) ==
      Lines{"wasmtime run --dir ./input::/input \\", "fixtures/go/read_file_go124.wasm"});
  // Quotes keep their spaces: a shell reads one word.
  CHECK(wrap_command("tool --name 'a b c d' \"e f\\\" g\" end", 14, 14) ==
        Lines{"tool --name \\", "'a b c d' \\", "\"e f\\\" g\" end"});
  // Every line but the last ends in " \" and fits; a word wider than a line stays whole.
  const Lines lines = wrap_command(
      "iwasm --map-dir=/input::./input --env=A=1 --env=B=2 /a/very/long/path/to/app.wasm", 24, 24);
  REQUIRE(lines.size() > 1);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    CHECK(lines[i].size() >= 2);
    CHECK(lines[i].substr(lines[i].size() - 2) == " \\");
  }
  CHECK(lines.back() == "/a/very/long/path/to/app.wasm");
}
