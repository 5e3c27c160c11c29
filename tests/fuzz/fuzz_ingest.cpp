// Fuzzes the streaming reader with random chunk splits.
//
// The first two bytes choose a chunk size (1..65536), the third the sample
// the reader decides the dialect and columns from (16 to 4096 bytes, so a
// decision on a cut sample is explored too); the rest is the file.
// Invariants: no crash or hang; a fatal problem is a kpikit::Error with a
// code; otherwise used + skipped == read, and when the sample holds the
// whole input, feeding the same bytes in one piece gives the same outcome,
// accounting and number of order lines (with a cut sample the decision
// legitimately depends on where the chunks end). scripts/fuzz.sh caps this
// target at -max_len=1024: CSV behaviour shows in small inputs, and the
// detection work grows with the input.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/error.h"
#include "ingest/ingest.h"

namespace {

struct Outcome {
  bool failed = false;
  std::string code;
  std::uint64_t read = 0, used = 0, skipped = 0;
  std::size_t lines = 0;
};

Outcome read_in_chunks(const std::uint8_t* data, std::size_t size, std::size_t chunk, std::size_t sample) {
  Outcome out;
  try {
    kpikit::IngestOptions options;
    options.fallback_to_table = true;
    options.sample_bytes = sample;
    kpikit::IngestSession session(options);
    for (std::size_t i = 0; i < size; i += chunk) session.feed(data + i, std::min(chunk, size - i));
    const kpikit::IngestResult r = session.finish();
    out.read = r.accounting.rows_read;
    out.used = r.accounting.rows_used;
    out.skipped = r.accounting.skipped_total();
    out.lines = r.orders.size() + r.customers.size();
  } catch (const kpikit::Error& e) {
    out.failed = true;
    out.code = e.code();
    if (out.code.empty()) std::abort();
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::size_t chunk = 1 + ((static_cast<std::size_t>(data[0]) << 8) | data[1]);
  const std::size_t sample = 16 * (1 + static_cast<std::size_t>(data[2]));
  data += 3;
  size -= 3;
  const Outcome split = read_in_chunks(data, size, chunk, sample);
  if (!split.failed && split.used + split.skipped != split.read) std::abort();
  if (sample < size || chunk > size) return 0;  // a cut sample, or already read in one piece
  const Outcome whole = read_in_chunks(data, size, size + 1, sample);
  if (split.failed != whole.failed || split.code != whole.code) std::abort();
  if (!split.failed &&
      (split.read != whole.read || split.used != whole.used || split.lines != whole.lines))
    std::abort();
  return 0;
}
