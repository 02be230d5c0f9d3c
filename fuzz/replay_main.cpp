// SPDX-License-Identifier: Apache-2.0
// A plain main() for the fuzz targets (fmt's pattern): feeds every file named on the command line,
// and every regular file under a directory named there, to LLVMFuzzerTestOneInput. It lets the
// harness build with any compiler and replays crashers (tests/regressions/) as an ordinary test.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

bool replay(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "replay: cannot open " << path.string() << '\n';
    return false;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  // Named before it runs: if it crashes, the last line says which input did it.
  std::cout << "replay: " << path.string() << " (" << bytes.size() << " bytes)" << std::endl;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE_OR_DIR...\n";
    return 2;
  }
  std::size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) count += replay(file) ? 1 : 0;
    } else if (fs::exists(arg, ec)) {
      if (replay(arg)) {
        ++count;
      } else {
        ok = false;
      }
    } else {
      std::cerr << "replay: no such file or directory: " << arg.string() << '\n';
      ok = false;
    }
  }
  std::cout << "replay: " << count << " inputs, no crash\n";
  // Replaying nothing is a misconfigured test, not a pass.
  return ok && count > 0 ? 0 : 1;
}
