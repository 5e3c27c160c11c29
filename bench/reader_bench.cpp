// reader_bench: native throughput of the ingestion reader (IngestSession).
//
//   reader_bench [FILE ...] [--runs N]
//
// Default file: ../shared/data/online-retail/online_retail.csv. Each file is
// loaded into memory once (disk time is not measured) and fed to an
// IngestSession in 1 MiB chunks, as the browser feeds File.stream() chunks.
// Prints per file the best of N runs: MB/s and rows/s by wall and CPU time,
// and the process's peak RSS. Build (Release) with the bench target
//   cmake --build build-rel --target reader_bench
// or directly:
//   g++ -std=c++17 -O2 -Isrc bench/reader_bench.cpp src/ingest/*.cpp -o reader_bench
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"

namespace {

std::string load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

long peak_rss_kib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> files;
  int runs = 5;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--runs") && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      files.emplace_back(argv[i]);
    }
  }
#ifdef KPIKIT_SHARED_DATA
  if (files.empty()) files.emplace_back(std::string(KPIKIT_SHARED_DATA) + "/online-retail/online_retail.csv");
#endif
  if (files.empty()) {
    std::fprintf(stderr, "usage: reader_bench FILE ... [--runs N]\n");
    return 2;
  }
  for (const auto& path : files) {
    const std::string bytes = load(path);
    if (bytes.empty()) {
      std::fprintf(stderr, "reader_bench: cannot read %s\n", path.c_str());
      return 2;
    }
    double best_wall = 1e30, best_cpu = 1e30;
    std::uint64_t rows = 0;
    for (int r = 0; r < runs; ++r) {
      const auto w0 = std::chrono::steady_clock::now();
      const std::clock_t c0 = std::clock();
      kpikit::IngestOptions o;
      o.size_hint = bytes.size();
      kpikit::IngestSession s(o);
      for (std::size_t i = 0; i < bytes.size(); i += 1 << 20) {
        s.feed(std::string_view(bytes).substr(i, 1 << 20));
      }
      const kpikit::IngestResult res = s.finish();
      const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
      best_wall = std::min(best_wall, wall);
      best_cpu = std::min(best_cpu, cpu);
      rows = res.accounting.rows_read;
    }
    const double mb = static_cast<double>(bytes.size()) / 1e6;
    std::printf("%s: %.1f MB, %llu rows; best of %d: wall %.3f s = %.0f MB/s, %.0f rows/s; cpu %.3f s = %.0f MB/s, %.0f rows/s; peak RSS %ld KiB (file in memory included)\n",
                path.c_str(), mb, static_cast<unsigned long long>(rows), runs, best_wall, mb / best_wall,
                static_cast<double>(rows) / best_wall, best_cpu, mb / best_cpu, static_cast<double>(rows) / best_cpu,
                peak_rss_kib());
  }
  return 0;
}
