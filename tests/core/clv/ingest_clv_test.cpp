// The CLV summary on files read by ingestion (what the CLI and the app do) equals the
// summary on the fixture reader, and the literature's counts.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "clv/models.h"
#include "clv/summary.h"
#include "ingest/ingest.h"
#include "cdnow_fixture.h"

using namespace kpikit;

namespace {

std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

CustomerSummary cdnow_summary(const OrderLines& lines) {
  return summarize_customers(lines, {days_from_civil(1997, 9, 30), TimeUnit::week, days_from_civil(1998, 6, 30)});
}

}  // namespace

TEST_CASE("CDNOW sample read by ingestion (zero amounts kept) gives the literature's counts") {
  IngestOptions o;
  o.keep_zero_amounts = true;
  const IngestResult r = ingest_bytes(file_text(testing::cdnow_path("CDNOW_sample.txt")), o);
  REQUIRE(r.mode == IngestMode::orders);
  const CustomerSummary s = cdnow_summary(r.orders);
  CHECK(s.size() == 2357);
  CHECK(s.total_repeat() == 2457);
  CHECK(s.total_holdout() == 1882);
}

TEST_CASE("CDNOW master read by ingestion fits like the fixture reader") {
  IngestOptions o;
  o.keep_zero_amounts = true;
  const IngestResult r = ingest_bytes(file_text(testing::cdnow_path("CDNOW_master.txt")), o);
  const CustomerSummary a = cdnow_summary(r.orders);
  const CustomerSummary b = cdnow_summary(testing::load_cdnow(testing::cdnow_path("CDNOW_master.txt"), false));
  CHECK(a.size() == 23570);
  CHECK(a.size() == b.size());
  CHECK(a.total_repeat() == b.total_repeat());
  CHECK(a.total_holdout() == b.total_holdout());
  const ModelFit fa = fit_bgnbd(compress_rows(a)), fb = fit_bgnbd(compress_rows(b));
  CHECK(fa.log_likelihood == doctest::Approx(fb.log_likelihood).epsilon(1e-12));
  MESSAGE("master: " << a.total_repeat() << " repeat, " << a.total_holdout() << " holdout transactions; BG/NBD LL "
                     << fa.log_likelihood);
}
