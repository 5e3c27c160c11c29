// A lower bound for the read of the generated order files: the least work
// that turns their rows into columns, nothing else. It knows the file's
// layout (customer,yyyy-mm-dd,amount,order with LF line ends), checks
// nothing, keeps no id texts and counts no issues, so it is not a reader;
// it tells how fast a reader on this machine could be at best, natively and
// in WebAssembly, and what the customer lookup costs (docs/ingestion.md,
// Speed, 29 Nov, midday). Not part of the build or of any test.
//
//   g++ -std=c++17 -O3 -Isrc -o /tmp/minimal_read bench/minimal_read.cpp
//   /tmp/minimal_read bench/out/orders-1000000-en-s42-v1.csv
//
//   NODE_PATH=/usr/share/nodejs emcc -std=c++17 -O3 -Isrc bench/minimal_read.cpp -o /tmp/minimal_read.mjs
//     -sMODULARIZE=1 -sEXPORT_ES6=1 -sENVIRONMENT=web,worker -sALLOW_MEMORY_GROWTH=1
//     -sEXPORTED_FUNCTIONS=_buffer,_read_orders        (one command)
//   node bench/minimal_read.mjs /tmp/minimal_read.mjs bench/out/orders-1000000-en-s42-v1.csv
//
// Each run prints the time of each way to find the customers: none (the
// customer's number kept as is), one row at a time (a lookup in an
// open-addressing table as the row is read), and a block at a time (the
// numbers of 512 rows first, then their lookups in a loop of their own).
// The hash and the calendar are KPIkit's own (interner.h, calendar.h).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "data/calendar.h"
#include "ingest/interner.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#define KPIKIT_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define KPIKIT_EXPORT extern "C"
#endif

namespace {

using kpikit::days_from_civil;
using kpikit::detail::mix_hash;

enum Lookup : int { kNone = 0, kRowByRow = 1, kBlock = 2 };

struct Columns {
  std::vector<std::uint32_t> customer, order;
  std::vector<std::uint16_t> day;
  std::vector<std::int32_t> cents;
  std::vector<std::uint64_t> slots;  // customer number << 32 | index + 1
  std::uint32_t customers = 0;
};

Columns columns;

std::uint32_t intern(std::uint32_t number, std::uint64_t mask) {
  for (std::uint64_t i = mix_hash(number) & mask;; i = (i + 1) & mask) {
    const std::uint64_t s = columns.slots[i];
    if (s == 0) {
      columns.slots[i] = (std::uint64_t{number} << 32) | (columns.customers + 1);
      return columns.customers++;
    }
    if (static_cast<std::uint32_t>(s >> 32) == number) return static_cast<std::uint32_t>(s) - 1;
  }
}

}  // namespace

KPIKIT_EXPORT char* buffer(std::size_t n) { return static_cast<char*>(std::malloc(n)); }

// Reads the rows of text[0, n) (a header line first); returns the rows read.
KPIKIT_EXPORT std::uint32_t read_orders(const char* text, std::size_t n, int lookup) {
  const char* q = static_cast<const char*>(std::memchr(text, '\n', n)) + 1;
  const char* const end = text + n;
  const std::size_t rows = n / 30;
  Columns& c = columns;
  c.customer.clear();
  c.order.clear();
  c.day.clear();
  c.cents.clear();
  c.customer.reserve(rows);
  c.order.reserve(rows);
  c.day.reserve(rows);
  c.cents.reserve(rows);
  c.slots.assign(std::size_t{1} << 20, 0);
  c.customers = 0;
  const std::uint64_t mask = c.slots.size() - 1;
  constexpr std::size_t kBlockRows = 512;
  std::uint32_t pending[kBlockRows];
  std::size_t waiting = 0;
  char last_date[10] = {};
  int last_day = 0;
  std::uint64_t last_order = ~std::uint64_t{0};
  std::uint32_t orders = 0;
  while (q < end) {
    std::uint32_t customer = 0;
    for (; *q != ','; ++q) customer = customer * 10 + static_cast<std::uint32_t>(*q - '0');
    ++q;
    if (std::memcmp(q, last_date, 10) != 0) {
      const int y = (q[0] - '0') * 1000 + (q[1] - '0') * 100 + (q[2] - '0') * 10 + (q[3] - '0');
      last_day = days_from_civil(y, (q[5] - '0') * 10 + (q[6] - '0'), (q[8] - '0') * 10 + (q[9] - '0'));
      std::memcpy(last_date, q, 10);
    }
    q += 11;
    const bool negative = *q == '-';
    q += negative;
    std::int32_t cents = 0;
    int decimals = -1;
    for (; *q != ','; ++q) {
      if (*q == '.') {
        decimals = 0;
        continue;
      }
      cents = cents * 10 + (*q - '0');
      decimals += decimals >= 0;
    }
    for (; decimals < 2; ++decimals) cents *= 10;
    ++q;
    std::uint64_t order = 0;
    for (; *q != '\n'; ++q) order = order * 10 + static_cast<std::uint64_t>(*q - '0');
    ++q;
    if (lookup == kRowByRow) {
      c.customer.push_back(intern(customer, mask));
    } else if (lookup == kBlock) {
      c.customer.push_back(0);
      pending[waiting++] = customer;
      if (waiting == kBlockRows) {
        std::uint32_t* out = c.customer.data() + c.customer.size() - waiting;
        for (std::size_t k = 0; k < waiting; ++k) out[k] = intern(pending[k], mask);
        waiting = 0;
      }
    } else {
      c.customer.push_back(customer);
    }
    if (order != last_order) {
      ++orders;
      last_order = order;
    }
    c.order.push_back(orders - 1);
    c.day.push_back(static_cast<std::uint16_t>(last_day + 25567));
    c.cents.push_back(negative ? -cents : cents);
  }
  std::uint32_t* out = c.customer.data() + c.customer.size() - waiting;
  for (std::size_t k = 0; k < waiting; ++k) out[k] = intern(pending[k], mask);
  return static_cast<std::uint32_t>(c.customer.size());
}

#ifndef __EMSCRIPTEN__
int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: minimal_read FILE\n");
    return 2;
  }
  std::FILE* f = std::fopen(argv[1], "rb");
  if (f == nullptr) return 2;
  std::fseek(f, 0, SEEK_END);
  const auto n = static_cast<std::size_t>(std::ftell(f));
  std::fseek(f, 0, SEEK_SET);
  char* text = buffer(n);
  if (std::fread(text, 1, n, f) != n) return 2;
  std::fclose(f);
  const char* names[] = {"none", "row by row", "block"};
  for (int run = 0; run < 5; ++run) {
    for (int lookup : {kNone, kRowByRow, kBlock}) {
      const auto t0 = std::chrono::steady_clock::now();
      const std::uint32_t rows = read_orders(text, n, lookup);
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
      std::printf("%-10s %7.1f ms %5.0f MB/s  %u rows, %u customers\n", names[lookup], ms, n / 1e3 / ms, rows,
                  lookup == kNone ? 0 : columns.customers);
    }
  }
  return 0;
}
#endif
