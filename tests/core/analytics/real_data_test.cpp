// Real files through ingestion and the analytics: CDNOW master (order history)
// and IBM telco churn (customer list). Expected figures were computed
// independently with awk one-liners straight from the files (commands in the
// comments), not with KPIkit code.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "analytics/analytics.h"
#include "ingest/ingest.h"

using namespace kpikit;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const IngestResult& cdnow() {
  static const IngestResult r = [] {
    IngestOptions o;
    o.keep_zero_amounts = true;  // the 80 $0.00 rows are purchases of free CDs: keep them
    return ingest_bytes(read_file(std::string(KPIKIT_SHARED_DATA) + "/cdnow/CDNOW_master.txt"), o);
  }();
  return r;
}

std::size_t index_of(const std::vector<double>& v, double x) {
  for (std::size_t i = 0; i < v.size(); ++i)
    if (v[i] == x) return i;
  FAIL("value not found");
  return 0;
}

}  // namespace

TEST_CASE("CDNOW master: customers, orders, revenue and repeat buyers") {
  const OrderLines& t = cdnow().orders;
  REQUIRE(t.size() == 69659);
  AnalyticsOptions o;
  o.period = PeriodUnit::quarter;
  const OrdersReport r = analyze_order_lines(t, o);
  // awk 'NR>1{cust[$1]; cd[$1" "$2]; rev+=$4}' -> 23570 customers, 67591 customer-days, 2500315.63
  CHECK(r.repeat.customers == 23570);
  CHECK(r.repeat.orders == 67591);  // no order column: one order per customer and day
  CHECK(r.repeat.revenue == doctest::Approx(2500315.63).epsilon(1e-10));
  // customers with purchases on two or more days: 11516
  CHECK(r.repeat.repeat_customers == 11516);
  CHECK(r.range.reference_date == days_from_civil(1998, 6, 30));
}

TEST_CASE("CDNOW master: every customer is new in 1997-Q1 and quarterly activity matches") {
  AnalyticsOptions o;
  o.period = PeriodUnit::quarter;
  const OrdersReport r = analyze_order_lines(cdnow().orders, o);
  const PeriodTable& p = r.periods;
  REQUIRE(p.label == std::vector<std::string>{"1997-Q1", "1997-Q2", "1997-Q3", "1997-Q4", "1998-Q1", "1998-Q2"});
  CHECK(p.new_customers == std::vector<std::int64_t>{23570, 0, 0, 0, 0, 0});
  // distinct buyers per quarter (awk over customer and quarter of the date)
  CHECK(p.active == std::vector<std::int64_t>{23570, 5376, 4263, 4221, 3817, 3317});
  // With 365 days, the customers existing on 1998-06-30 are those whose last
  // purchase is on or after 1997-07-01: awk gives 8332.
  CHECK(p.customers_end.back() == 8332);
  CHECK(p.incomplete == std::vector<std::uint8_t>{0, 0, 0, 0, 0, 0});
}

TEST_CASE("CDNOW master: monthly cohorts exist only for January to March 1997") {
  const OrdersReport r = analyze_order_lines(cdnow().orders, AnalyticsOptions{});
  const CohortMatrix& c = r.cohorts;
  REQUIRE(c.cohort.size() == 18);
  // first purchase month (awk): 7846 in January, 8476 in February, 7248 in March
  CHECK(c.size[0] == 7846);
  CHECK(c.size[1] == 8476);
  CHECK(c.size[2] == 7248);
  for (std::size_t k = 3; k < 18; ++k) {
    CHECK(c.size[k] == 0);
    CHECK_FALSE(c.retention[k][0].has_value());
  }
  CHECK(*c.retention[0][0] == doctest::Approx(1.0));
  CHECK_FALSE(c.retention[1][17].has_value());  // not reached
}

TEST_CASE("telco churn: churn rate, revenue churn and churn by contract") {
  const IngestResult in =
      ingest_bytes(read_file(std::string(KPIKIT_SHARED_DATA) + "/telco-churn/Telco-Customer-Churn.csv"));
  REQUIRE(in.mode == IngestMode::customers);
  AnalyticsOptions o;
  o.segment_columns = std::vector<std::string>{"Contract"};
  const CustomerListReport r = analyze_customer_list(in.customers, o);
  // awk -F, 'NR>1{n++; tot+=$19; if($21=="Yes"){d++; cr+=$19}}': 7043, 1869, 456116.60, 139130.85
  CHECK(r.customers == 7043);
  CHECK(r.churned == 1869);
  CHECK(*r.churn_rate == doctest::Approx(1869.0 / 7043));
  CHECK(*r.revenue_churn == doctest::Approx(139130.85 / 456116.60));
  REQUIRE(r.segments.size() == 1);
  const ChurnBreakdown& c = r.segments[0];
  // Month-to-month 3875 / 1655 churned, One year 1473 / 166, Two year 1695 / 48
  for (std::size_t g = 0; g < c.label.size(); ++g) {
    if (c.label[g] == "Month-to-month") CHECK(c.churned[g] == 1655);
    if (c.label[g] == "Month-to-month") CHECK(c.customers[g] == 3875);
    if (c.label[g] == "One year") CHECK(c.churned[g] == 166);
    if (c.label[g] == "Two year") CHECK(c.customers[g] == 1695);
  }
}

TEST_CASE("telco churn: Kaplan-Meier curve equals an awk computation") {
  const IngestResult in =
      ingest_bytes(read_file(std::string(KPIKIT_SHARED_DATA) + "/telco-churn/Telco-Customer-Churn.csv"));
  const SurvivalCurve s = analyze_customer_list(in.customers, AnalyticsOptions{}).survival;
  // awk loop over tenure 0..72: n_t = customers with tenure >= t, d_t = churned with tenure t,
  // S *= 1 - d/n, Greenwood sum += d / (n (n - d)):
  //   t=1  n=7032 d=380 S=0.9459613197 se=0.0026961846
  //   t=12 n=4974 d=38  S=0.8431995538 se=0.0044921603
  //   t=72 n=362  d=6   S=0.5927901521 se=0.0099187669
  const std::size_t i1 = index_of(s.time, 1), i12 = index_of(s.time, 12), i72 = index_of(s.time, 72);
  CHECK(s.at_risk[i1] == 7032);
  CHECK(s.events[i1] == 380);
  CHECK(s.survival[i1] == doctest::Approx(0.9459613197).epsilon(1e-9));
  CHECK(s.at_risk[i12] == 4974);
  CHECK(s.survival[i12] == doctest::Approx(0.8431995538).epsilon(1e-9));
  CHECK(s.survival[i72] == doctest::Approx(0.5927901521).epsilon(1e-9));
  CHECK(s.upper[i72] - s.survival[i72] == doctest::Approx(1.959964 * 0.0099187669).epsilon(1e-5));
  // The curve never falls to one half within 72 months: no median lifetime.
  CHECK_FALSE(s.median.has_value());
}
