#include "thread-pool.h"

#include <algorithm>
#include <cstdlib>

namespace studio {

ThreadPool::ThreadPool(unsigned threads) {
  for (unsigned i = 1; i < std::max(1u, threads); ++i) workers_.emplace_back([this, i] { worker_loop(i); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_) w.join();
}

ThreadPool& ThreadPool::global() {
  // STUDIO_THREADS pins the size (benchmarks, shared CI runners); otherwise one per hardware thread.
  static ThreadPool pool([] {
    const char* env = std::getenv("STUDIO_THREADS");
    const int n = env ? std::atoi(env) : 0;
    return n > 0 ? std::min(64u, unsigned(n)) : std::min(16u, std::max(1u, std::thread::hardware_concurrency()));
  }());
  return pool;
}

void ThreadPool::run_chunks(unsigned slot, uint64_t generation) {
  // Chunks are claimed under the lock with a generation check, so a late worker can never run
  // a chunk of a newer region with a stale job.
  for (;;) {
    int64_t b = 0, e = 0;
    const std::function<void(int64_t, int64_t, unsigned)>* job = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (generation_ != generation || next_ >= chunks_) return;
      b = next_++ * grain_;
      e = std::min(n_, b + grain_);
      job = job_;
    }
    (*job)(b, e, slot);
    std::lock_guard<std::mutex> lock(mu_);
    if (++finished_ == chunks_) done_cv_.notify_all();
  }
}

void ThreadPool::worker_loop(unsigned slot) {
  uint64_t seen = 0;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    run_chunks(slot, seen);
  }
}

void ThreadPool::parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t, unsigned)>& fn) {
  if (workers_.empty()) {
    // One thread: the same chunks, in order, on the caller, without the locks and wake-ups.
    const int64_t g = std::max<int64_t>(1, grain);
    for (int64_t b = 0; b < n; b += g) fn(b, std::min(n, b + g), 0);
    return;
  }
  std::lock_guard<std::mutex> submit(submit_mu_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    job_ = &fn;
    n_ = n;
    grain_ = std::max<int64_t>(1, grain);
    chunks_ = (n + grain_ - 1) / grain_;
    next_ = 0;
    finished_ = 0;
    ++generation_;
  }
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(mu_);
    generation = generation_;
  }
  cv_.notify_all();
  run_chunks(0, generation);
  std::unique_lock<std::mutex> lock(mu_);
  done_cv_.wait(lock, [&] { return finished_ == chunks_; });
  job_ = nullptr;
}

}  // namespace studio
