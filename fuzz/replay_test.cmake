# SPDX-License-Identifier: Apache-2.0
# Included from tests/CMakeLists.txt: the fuzz harness built with the normal compiler and a plain
# main(), replaying every committed crasher (tests/regressions/) and the built fixtures, valid and
# malformed. Under -DWASMAUDIT_SANITIZE=address,undefined this is the sanitizer replay too.
add_executable(wasmaudit_fuzz_replay ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                                     ${PROJECT_SOURCE_DIR}/fuzz/fuzz_read_module.cpp)
target_link_libraries(wasmaudit_fuzz_replay PRIVATE wasmaudit::core wasmaudit_settings)

# A fixture folder exists even before anyone adds a fixture to it.
file(MAKE_DIRECTORY ${FIXTURE_OUT}/wat ${FIXTURE_OUT}/malformed ${FIXTURE_OUT}/shapes)
add_test(NAME fuzz.replay_regressions
         COMMAND wasmaudit_fuzz_replay ${PROJECT_SOURCE_DIR}/tests/regressions
                 ${FIXTURE_OUT}/malformed ${FIXTURE_OUT}/wat ${FIXTURE_OUT}/shapes)

# The `check` harness (read, detect, evaluate, gate, every reporter, diff) over the same inputs and
# the real toolchain modules; the policy harness over every JSON document the project has.
add_executable(wasmaudit_fuzz_replay_check ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                                           ${PROJECT_SOURCE_DIR}/fuzz/fuzz_check.cpp)
target_link_libraries(wasmaudit_fuzz_replay_check PRIVATE wasmaudit::core wasmaudit_settings)
# The check harness hashes with the library's internal SHA-256 (src/binary/sha256.hpp).
target_include_directories(wasmaudit_fuzz_replay_check PRIVATE ${PROJECT_SOURCE_DIR}/src)
add_test(NAME fuzz.replay_check
         COMMAND wasmaudit_fuzz_replay_check ${PROJECT_SOURCE_DIR}/tests/regressions
                 ${FIXTURE_OUT}/malformed ${FIXTURE_OUT}/wat ${FIXTURE_OUT}/shapes
                 ${PROJECT_SOURCE_DIR}/fixtures/c ${PROJECT_SOURCE_DIR}/fixtures/component
                 ${PROJECT_SOURCE_DIR}/fixtures/npm ${PROJECT_SOURCE_DIR}/fuzz/corpus/check)
# The code scan's harness over its committed corpus (function bodies, each after a shape byte).
add_executable(wasmaudit_fuzz_replay_code_scan ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                                               ${PROJECT_SOURCE_DIR}/fuzz/fuzz_code_scan.cpp)
target_link_libraries(wasmaudit_fuzz_replay_code_scan PRIVATE wasmaudit::core wasmaudit_settings)
add_test(NAME fuzz.replay_code_scan
         COMMAND wasmaudit_fuzz_replay_code_scan ${PROJECT_SOURCE_DIR}/fuzz/corpus/code_scan)
add_executable(wasmaudit_fuzz_replay_policy ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cpp
                                            ${PROJECT_SOURCE_DIR}/fuzz/fuzz_policy.cpp)
target_link_libraries(wasmaudit_fuzz_replay_policy PRIVATE wasmaudit::core wasmaudit_settings)
add_test(NAME fuzz.replay_policy
         COMMAND wasmaudit_fuzz_replay_policy ${PROJECT_SOURCE_DIR}/policies
                 ${PROJECT_SOURCE_DIR}/fixtures/policies ${PROJECT_SOURCE_DIR}/fuzz/corpus/policy)
