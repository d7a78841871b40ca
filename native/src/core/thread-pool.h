// A small fixed thread pool. Work is split into fixed chunks whose boundaries depend only on the
// problem size, so results are identical whichever thread runs a chunk (bitwise determinism).
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace studio {

class ThreadPool {
 public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /** Number of workers including the calling thread. */
  unsigned size() const { return unsigned(workers_.size()) + 1; }

  /** Runs fn(begin, end, slot) over [0, n) in chunks of `grain`; slot < size() identifies the runner.
   *  A pool without workers runs the chunks in order on the caller (slot 0), without queueing callers. */
  void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t, unsigned)>& fn);

  /** The process-wide pool: STUDIO_THREADS threads, else one per hardware thread (at most 16). */
  static ThreadPool& global();

 private:
  void worker_loop(unsigned slot);
  void run_chunks(unsigned slot, uint64_t generation);

  std::vector<std::thread> workers_;
  std::mutex submit_mu_;  // one parallel region at a time when there are workers; concurrent callers queue here
  std::mutex mu_;
  std::condition_variable cv_;
  std::condition_variable done_cv_;
  const std::function<void(int64_t, int64_t, unsigned)>* job_ = nullptr;
  int64_t n_ = 0, grain_ = 1, chunks_ = 0;
  int64_t next_ = 0;
  int64_t finished_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

/** parallel_for on `pool`, or serially on the caller when pool is null. */
inline void parallel_for(ThreadPool* pool, int64_t n, int64_t grain, const std::function<void(int64_t, int64_t, unsigned)>& fn) {
  if (n <= 0) return;
  if (pool == nullptr || n <= grain) {
    fn(0, n, 0);
    return;
  }
  pool->parallel_for(n, grain, fn);
}

}  // namespace studio
