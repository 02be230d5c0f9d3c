# SPDX-License-Identifier: Apache-2.0
# Sourced by the benchmark scripts: bench_build BUILD_DIR TARGET... configures BUILD_DIR as a
# Release build with the benchmarks (once) and builds the targets. Run from the repository root.
bench_build() {
  local build=$1
  shift
  if [[ ! -f $build/build.ninja ]]; then
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DWASMAUDIT_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
  fi
  cmake --build "$build" --target "$@" >/dev/null
}
