// SPDX-License-Identifier: Apache-2.0
#include "wasmaudit/batch.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace wasmaudit {
namespace {

namespace fs = std::filesystem;

/// An I/O error's message as the reader words them ("permission denied").
InputError io_error(const std::error_code& ec) {
  std::string m = ec.message();
  if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
  return InputError{m, {}, std::nullopt};
}

void walk(const std::string& dir, std::vector<BatchInput>& out) {
  std::vector<std::string> found;
  std::vector<BatchInput> errors;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec);
  if (ec) {
    out.push_back({dir, io_error(ec)});
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    const fs::directory_entry& e = *it;
    std::error_code type_ec;
    if (e.path().extension() == ".wasm" && e.is_regular_file(type_ec)) found.push_back(e.path().generic_string());
  }
  if (ec) {
    // The walk stopped in a subdirectory it cannot read: report it and keep what was found.
    errors.push_back({it == fs::recursive_directory_iterator() ? dir : it->path().generic_string(), io_error(ec)});
  }
  std::sort(found.begin(), found.end());
  if (found.empty() && errors.empty()) {
    out.push_back({dir, InputError{"no *.wasm file in this directory or below it", {}, std::nullopt}});
  }
  for (auto& f : found) out.push_back({std::move(f), std::nullopt});
  for (auto& e : errors) out.push_back(std::move(e));
}

}  // namespace

std::vector<BatchInput> expand_inputs(const std::vector<std::string>& arguments) {
  std::vector<BatchInput> out;
  for (const auto& a : arguments) {
    std::error_code ec;
    if (a != "-" && fs::is_directory(a, ec)) {
      walk(a, out);
    } else {
      out.push_back({a, std::nullopt});
    }
  }
  return out;
}

void run_ordered(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& work,
                 const std::function<void(std::size_t)>& emit) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, count));
  if (jobs <= 1) {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
      emit(i);
    }
    return;
  }
  // Workers claim the next index while it is within `window` of the next one to emit.
  const std::size_t window = 4 * static_cast<std::size_t>(jobs);
  std::mutex mu;
  std::condition_variable changed;
  std::vector<char> done(count, 0);
  std::size_t next_claim = 0;
  std::size_t next_emit = 0;
  auto worker = [&] {
    for (;;) {
      std::size_t i;
      {
        std::unique_lock lock(mu);
        changed.wait(lock, [&] { return next_claim >= count || next_claim < next_emit + window; });
        if (next_claim >= count) return;
        i = next_claim++;
      }
      work(i);
      {
        std::lock_guard lock(mu);
        done[i] = 1;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(jobs);
  for (unsigned t = 0; t < jobs; ++t) threads.emplace_back(worker);
  while (next_emit < count) {
    {
      std::unique_lock lock(mu);
      changed.wait(lock, [&] { return done[next_emit] != 0; });
    }
    emit(next_emit);
    {
      std::lock_guard lock(mu);
      ++next_emit;
    }
    changed.notify_all();
  }
  for (auto& t : threads) t.join();
}

void check_batch(const std::vector<BatchInput>& inputs, const Knowledge& knowledge, const EvalOptions& options,
                 const CheckBatchOptions& batch, const std::function<void(CheckEntry&&)>& sink) {
  std::vector<std::optional<CheckEntry>> slots(inputs.size());
  run_ordered(
      inputs.size(), batch.jobs,
      [&](std::size_t i) {
        CheckEntry e;
        if (inputs[i].error) {
          e.path = inputs[i].path;
          e.error = inputs[i].error;
        } else {
          e = check_file(inputs[i].path, knowledge, options, batch.read);
        }
        if (e.result && batch.gate != nullptr) e.gate = apply_gate(*e.result, e.path, *batch.gate);
        slots[i] = std::move(e);
      },
      [&](std::size_t i) {
        sink(std::move(*slots[i]));
        slots[i].reset();
      });
}

void inspect_batch(const std::vector<BatchInput>& inputs, unsigned jobs, const ReadOptions& read,
                   const std::function<void(InspectEntry&&)>& sink) {
  std::vector<std::optional<InspectEntry>> slots(inputs.size());
  run_ordered(
      inputs.size(), jobs,
      [&](std::size_t i) {
        if (inputs[i].error) {
          InspectEntry e;
          e.path = inputs[i].path;
          e.error = inputs[i].error;
          slots[i] = std::move(e);
        } else {
          slots[i] = inspect_file(inputs[i].path, DetectOptions{}, read);
        }
      },
      [&](std::size_t i) {
        sink(std::move(*slots[i]));
        slots[i].reset();
      });
}

}  // namespace wasmaudit
