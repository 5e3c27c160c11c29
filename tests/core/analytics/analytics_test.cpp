// Hand-checkable examples of every order-history KPI (analytics/analytics.h).
//
// The fixture "four shoppers" (docs/analytics.md, worked example), reference
// date 2024-04-30, inactivity window 60 days, monthly periods:
//
//   line customer order day         amount margin kind  product channel               region contacts
//   0    C        o5    2024-02-10   80     30     buy   P3      Empfehlung (Freunde)  North  0
//   1    A        o1    2024-01-05  100     40     buy   P1      Referral              North  1
//   2    B        o4    2024-01-15  200     80     buy   P1      Google Ads            South  2
//   3    A        o3    2024-03-10   30     10     buy   P2      Referral              North  1
//   4    B        o4    2024-01-16  -50    -20     canc  P1      Google Ads            South  0
//   5    A        o2    2024-01-20   50     20     buy   P1      Referral              North  1
//   6    D        o7    2024-03-05   40     15     buy   P4      Newsletter            South  0
//   7    D        o7    2024-03-05   20     10     buy   P5      Newsletter            South  0
//   8    C        o6    2024-04-20   40     15     buy   P3      Empfehlung (Freunde)  North  0
//
// Existence spells (exists on t iff a purchase d has d <= t < d + 60):
//   A: 01-05 .. last purchase 03-10, lost day 05-09 > reference -> exists at the end.
//   B: 01-15, lost day 01-15 + 60 = 03-15 (31 days to 02-15, 29 to 03-15).
//   C: 02-10, lost day 04-10 (29 + 31 days); buys again 04-20 (gap 70 > 60) -> reactivated.
//   D: 03-05, lost day 05-04 > reference.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <cmath>

#include "analytics/analytics.h"
#include "core/error.h"

using namespace kpikit;

namespace {

Day D(int y, int m, int d) { return days_from_civil(y, m, d); }

CategoryColumn category(const std::string& name, std::vector<std::uint32_t> code, std::vector<std::string> labels) {
  return CategoryColumn{name, std::move(code), std::move(labels)};
}

OrderLines four_shoppers() {
  OrderLines t;
  // customers in first-seen order: C=0, A=1, B=2, D=3
  t.customer_ids = {"C", "A", "B", "D"};
  // orders in first-seen order: o5=0, o1=1, o4=2, o3=3, o2=4, o7=5, o6=6
  t.order_ids = {"o5", "o1", "o4", "o3", "o2", "o7", "o6"};
  t.customer = {0, 1, 2, 1, 2, 1, 3, 3, 0};
  t.order = {0, 1, 2, 3, 2, 4, 5, 5, 6};
  t.day = {D(2024, 2, 10), D(2024, 1, 5), D(2024, 1, 15), D(2024, 3, 10), D(2024, 1, 16),
           D(2024, 1, 20), D(2024, 3, 5),  D(2024, 3, 5),  D(2024, 4, 20)};
  t.amount = {80, 100, 200, 30, -50, 50, 40, 20, 40};
  t.margin = {30, 40, 80, 10, -20, 20, 15, 10, 15};
  t.kind = {LineKind::purchase, LineKind::purchase, LineKind::purchase, LineKind::purchase, LineKind::cancellation,
            LineKind::purchase, LineKind::purchase, LineKind::purchase, LineKind::purchase};
  t.contacts = {0, 1, 2, 1, 0, 1, 0, 0, 0};
  for (std::uint32_t i = 0; i < 9; ++i) t.source_row.push_back(i + 1);
  t.product = category("product", {0, 1, 1, 2, 1, 1, 3, 4, 0}, {"P3", "P1", "P2", "P4", "P5"});
  t.channel = category("channel", {0, 1, 2, 1, 2, 1, 3, 3, 0},
                       {"Empfehlung (Freunde)", "Referral", "Google Ads", "Newsletter"});
  t.segments.push_back(category("region", {0, 0, 1, 0, 1, 0, 1, 1, 0}, {"North", "South"}));
  return t;
}

AnalyticsOptions sixty_days() {
  AnalyticsOptions o;
  o.inactivity_days = 60;
  o.reference_date = D(2024, 4, 30);
  return o;
}

// A plain purchase line appended to t (customer/order indices must exist).
void buy(OrderLines& t, std::uint32_t customer, std::uint32_t order, Day day, double amount,
         LineKind kind = LineKind::purchase) {
  t.customer.push_back(customer);
  t.order.push_back(order);
  t.day.push_back(day);
  t.amount.push_back(amount);
  t.kind.push_back(kind);
  t.source_row.push_back(static_cast<std::uint32_t>(t.source_row.size() + 1));
}

}  // namespace

TEST_CASE("period table of the four shoppers by month") {
  const OrdersReport r = analyze_order_lines(four_shoppers(), sixty_days());
  const PeriodTable& p = r.periods;
  REQUIRE(p.label == std::vector<std::string>{"2024-01", "2024-02", "2024-03", "2024-04"});
  CHECK(p.start[0] == D(2024, 1, 1));
  CHECK(p.end[1] == D(2024, 2, 29));  // leap year: February ends on the 29th
  // January is incomplete (data starts on the 5th); April ends on the reference date.
  CHECK(p.incomplete == std::vector<std::uint8_t>{1, 0, 0, 0});
  // Jan: A, B new. Feb: C new. Mar: D new, B lost (03-15). Apr: C lost (04-10) and reactivated (04-20).
  CHECK(p.customers_start == std::vector<std::int64_t>{0, 2, 3, 3});
  CHECK(p.new_customers == std::vector<std::int64_t>{2, 1, 1, 0});
  CHECK(p.reactivated == std::vector<std::int64_t>{0, 0, 0, 1});
  CHECK(p.lost == std::vector<std::int64_t>{0, 0, 1, 1});
  CHECK(p.customers_end == std::vector<std::int64_t>{2, 3, 3, 3});
  // CRR = (E - new - reactivated) / S: Jan S = 0 -> null; Feb (3-1)/2 = 1; Mar (3-1)/3; Apr (3-0-1)/3.
  CHECK_FALSE(p.crr[0].has_value());
  CHECK_FALSE(p.churn[0].has_value());
  CHECK(*p.crr[1] == doctest::Approx(1.0));
  CHECK(*p.crr[2] == doctest::Approx(2.0 / 3));
  CHECK(*p.churn[2] == doctest::Approx(1.0 / 3));
  CHECK(*p.crr[3] == doctest::Approx(2.0 / 3));
  // Active buyers: Jan A,B; Feb C; Mar A,D; Apr C. Orders: Jan o1,o2,o4; Feb o5; Mar o3,o7; Apr o6.
  CHECK(p.active == std::vector<std::int64_t>{2, 1, 2, 1});
  CHECK(p.orders == std::vector<std::int64_t>{3, 1, 2, 1});
  // Revenue: Jan 100+50+200-50 = 300 (the cancellation reduces it); Mar 30 (A, returning) + 60 (D, new).
  CHECK(p.revenue == std::vector<double>{300, 80, 90, 40});
  CHECK(p.new_revenue == std::vector<double>{300, 80, 60, 0});
  CHECK(p.returning_revenue == std::vector<double>{0, 0, 30, 40});
  CHECK(p.margin == std::vector<double>{120, 30, 35, 15});
  CHECK(p.new_margin == std::vector<double>{120, 30, 25, 0});
  CHECK(p.returning_margin == std::vector<double>{0, 0, 10, 15});
  // Frequency = orders / active; AOV = revenue / orders; revenue per active customer.
  CHECK(*p.orders_per_customer[0] == doctest::Approx(1.5));
  CHECK(*p.average_order_value[0] == doctest::Approx(100.0));
  CHECK(*p.average_order_value[2] == doctest::Approx(45.0));
  CHECK(*p.revenue_per_customer[0] == doctest::Approx(150.0));
  CHECK(r.warnings.empty());
}

TEST_CASE("period table of the four shoppers by quarter") {
  AnalyticsOptions o = sixty_days();
  o.period = PeriodUnit::quarter;
  const OrdersReport r = analyze_order_lines(four_shoppers(), o);
  const PeriodTable& p = r.periods;
  REQUIRE(p.label == std::vector<std::string>{"2024-Q1", "2024-Q2"});
  // Q1 starts before the data, Q2 ends after the reference date: both incomplete.
  CHECK(p.incomplete == std::vector<std::uint8_t>{1, 1});
  // Q1: A, B, C, D new, B lost -> E = 3. Q2: C lost and reactivated -> E = 3, CRR = (3-0-1)/3.
  CHECK(p.new_customers == std::vector<std::int64_t>{4, 0});
  CHECK(p.lost == std::vector<std::int64_t>{1, 1});
  CHECK(p.customers_end == std::vector<std::int64_t>{3, 3});
  CHECK(*p.crr[1] == doctest::Approx(2.0 / 3));
  CHECK(p.active == std::vector<std::int64_t>{4, 1});
  // A 60-day window is shorter than a quarter: the report says so.
  REQUIRE(r.warnings.size() == 1);
}

TEST_CASE("period table of the four shoppers by year") {
  AnalyticsOptions o = sixty_days();
  o.period = PeriodUnit::year;
  const PeriodTable p = analyze_order_lines(four_shoppers(), o).periods;
  REQUIRE(p.label == std::vector<std::string>{"2024"});
  CHECK(p.incomplete == std::vector<std::uint8_t>{1});
  // One period: A, B, C, D new; C reactivated; B and C lost -> E = 0 + 4 + 1 - 2 = 3 (A, C, D).
  CHECK(p.new_customers[0] == 4);
  CHECK(p.reactivated[0] == 1);
  CHECK(p.lost[0] == 2);
  CHECK(p.customers_end[0] == 3);
  CHECK_FALSE(p.crr[0].has_value());
  CHECK(p.orders[0] == 7);
  CHECK(p.revenue[0] == 510.0);
  CHECK(p.end[0] == D(2024, 12, 31));
}

TEST_CASE("cohort matrix of the four shoppers") {
  const CohortMatrix c = analyze_order_lines(four_shoppers(), sixty_days()).cohorts;
  CHECK(c.size == std::vector<std::int64_t>{2, 1, 1, 0});
  // January cohort {A, B}: Jan both, Feb none, Mar A, Apr none.
  CHECK(*c.active[0][0] == 2);
  CHECK(*c.retention[0][0] == doctest::Approx(1.0));
  CHECK(*c.retention[0][1] == doctest::Approx(0.0));
  CHECK(*c.retention[0][2] == doctest::Approx(0.5));
  CHECK(*c.retention[0][3] == doctest::Approx(0.0));
  // Revenue: Jan 300, Mar 30 -> revenue retention 30/300 = 0.1.
  CHECK(*c.revenue[0][0] == doctest::Approx(300.0));
  CHECK(*c.revenue_retention[0][2] == doctest::Approx(0.1));
  // February cohort {C}: buys again in April (k = 2): 40 / 80.
  CHECK(*c.retention[1][2] == doctest::Approx(1.0));
  CHECK(*c.revenue_retention[1][2] == doctest::Approx(0.5));
  // Cells after April are not reached: null, never 0.
  CHECK_FALSE(c.retention[1][3].has_value());
  CHECK_FALSE(c.active[2][2].has_value());
  CHECK(*c.retention[2][1] == doctest::Approx(0.0));
  // The April cohort is empty: its shares are null (0 / 0), its count is 0.
  CHECK(*c.active[3][0] == 0);
  CHECK_FALSE(c.retention[3][0].has_value());
  CHECK_FALSE(c.revenue_retention[3][0].has_value());
}

TEST_CASE("repeat behaviour, cross-sell and referral of the four shoppers") {
  const RepeatBehaviour b = analyze_order_lines(four_shoppers(), sixty_days()).repeat;
  CHECK(b.customers == 4);
  // Orders: A 3, B 1, C 2, D 1 = 7; repeat buyers A and C.
  CHECK(b.orders == 7);
  CHECK(b.repeat_customers == 2);
  CHECK(*b.repeat_purchase_rate == doctest::Approx(0.5));
  CHECK(b.revenue == doctest::Approx(510.0));
  CHECK(*b.orders_per_customer == doctest::Approx(1.75));
  CHECK(*b.average_order_value == doctest::Approx(510.0 / 7));
  CHECK(*b.revenue_per_customer == doctest::Approx(127.5));
  // Gaps between purchase days: A 15 and 50, C 70 -> median 50.
  CHECK(b.purchase_gaps == 3);
  CHECK(*b.median_days_between_orders == doctest::Approx(50.0));
  // Contacts 1 + 2 + 1 + 1 = 5 over 4 customers.
  CHECK(b.has_contacts);
  CHECK(*b.contact_density == doctest::Approx(1.25));
  // A bought P1 and P2, D bought P4 and P5; B and C one product each.
  CHECK(b.multi_product_customers == 2);
  CHECK(*b.cross_sell_rate == doctest::Approx(0.5));
  // "Referral" (A) and "Empfehlung (Freunde)" (C) match; "Google Ads", "Newsletter" do not.
  CHECK(b.new_customers == 4);
  CHECK(b.referred_customers == 2);
  CHECK(*b.referral_share == doctest::Approx(0.5));
  CHECK(b.referral_labels == std::vector<std::string>{"Empfehlung (Freunde)", "Referral"});
}

TEST_CASE("segment breakdown of the four shoppers by region and channel") {
  const OrdersReport r = analyze_order_lines(four_shoppers(), sixty_days());
  REQUIRE(r.segments.size() == 2);  // default: every segment column plus the channel
  const SegmentBreakdown& s = r.segments[0];
  CHECK(s.column == "region");
  // North = A, C (both still exist on 04-30); South = B (lost 03-15), D.
  CHECK(s.customers == std::vector<std::int64_t>{2, 2});
  CHECK(s.existing == std::vector<std::int64_t>{2, 1});
  CHECK(s.lost == std::vector<std::int64_t>{0, 1});
  CHECK(*s.churn[1] == doctest::Approx(0.5));
  CHECK(*s.retention[0] == doctest::Approx(1.0));
  CHECK(s.repeat_customers == std::vector<std::int64_t>{2, 0});
  CHECK(s.orders == std::vector<std::int64_t>{5, 2});
  // North: A 180 + C 120; South: B 200 - 50 + D 60.
  CHECK(s.revenue == std::vector<double>{300, 210});
  CHECK(*s.revenue_per_customer[1] == doctest::Approx(105.0));
  CHECK(r.segments[1].column == "channel");
  CHECK(r.segments[1].customers == std::vector<std::int64_t>{1, 1, 1, 1});

  AnalyticsOptions only_region = sixty_days();
  only_region.segment_columns = std::vector<std::string>{"region"};
  CHECK(analyze_order_lines(four_shoppers(), only_region).segments.size() == 1);
}

TEST_CASE("RFM scores and segments of the four shoppers") {
  const RfmTable t = analyze_order_lines(four_shoppers(), sixty_days()).rfm;
  // customer-index order: C, A, B, D
  REQUIRE(t.customer == std::vector<std::uint32_t>{0, 1, 2, 3});
  // Recency to 04-30: C 04-20 -> 10; A 03-10 -> 51; B 01-15 -> 106; D 03-05 -> 56.
  CHECK(t.recency == std::vector<std::int32_t>{10, 51, 106, 56});
  CHECK(t.frequency == std::vector<std::int64_t>{2, 3, 1, 1});
  CHECK(t.monetary == std::vector<double>{120, 180, 150, 60});
  // Scores 1 + floor(5 * below / 4): R ranks B < D < A < C -> 1, 2, 3, 4.
  CHECK(t.r == std::vector<std::uint8_t>{4, 3, 1, 2});
  CHECK(t.f == std::vector<std::uint8_t>{3, 4, 1, 1});
  CHECK(t.m == std::vector<std::uint8_t>{2, 4, 3, 1});
  // FM = (F + M + 1) / 2: C 3, A 4, B 2, D 1.
  // C r4 fm3 Potential Loyalists; A r3 fm4 Loyal; B r1 fm2 Lost; D r2 fm1 Hibernating.
  CHECK(t.segment == std::vector<RfmSegment>{RfmSegment::potential_loyalists, RfmSegment::loyal, RfmSegment::lost,
                                             RfmSegment::hibernating});
  CHECK(t.segment_customers[static_cast<int>(RfmSegment::loyal)] == 1);
  CHECK(t.segment_revenue[static_cast<int>(RfmSegment::lost)] == doctest::Approx(150.0));
  CHECK(t.segment_customers[static_cast<int>(RfmSegment::champions)] == 0);
}

TEST_CASE("RFM monetary can be the average order value") {
  AnalyticsOptions o = sixty_days();
  o.rfm_monetary = RfmMonetary::average;
  const RfmTable t = analyze_order_lines(four_shoppers(), o).rfm;
  // C 120/2, A 180/3, B 150/1, D 60/1
  CHECK(t.monetary == std::vector<double>{60, 60, 150, 60});
}

TEST_CASE("the RFM customer list exports as CSV") {
  const OrderLines lines = four_shoppers();
  const std::string csv = rfm_csv(lines, analyze_order_lines(lines, sixty_days()).rfm);
  CHECK(csv.rfind("customer_id,recency_days,frequency,monetary,r,f,m,segment\nC,10,2,120.00,4,3,2,Potential Loyalists\n", 0) == 0);
  CHECK(csv.find("B,106,1,150.00,1,1,3,Lost\n") != std::string::npos);
}

TEST_CASE("quantile scores give ties the same score") {
  CHECK(quantile_scores({10, 20, 30, 40, 50}) == std::vector<std::uint8_t>{1, 2, 3, 4, 5});
  CHECK(quantile_scores({1, 1, 1, 2}) == std::vector<std::uint8_t>{1, 1, 1, 4});
  CHECK(quantile_scores({7}) == std::vector<std::uint8_t>{1});
  CHECK(quantile_scores({}).empty());
  CHECK(quantile_scores({2.5, 0.5, 1.5, 1.5, 9.25, 0.5}) == std::vector<std::uint8_t>{4, 1, 2, 2, 5, 1});
}

TEST_CASE("quantile scores of arbitrary numbers equal the definition, counted pair by pair") {
  std::mt19937 rng(5);
  for (std::size_t n : {1, 2, 3, 4, 5, 6, 7, 10, 11, 99, 1000}) {
    std::vector<double> v(n);
    for (double& x : v) x = std::round(std::uniform_real_distribution<double>(-50, 50)(rng) * 4) / 8.0;  // ties, fractions
    const std::vector<std::uint8_t> got = quantile_scores(v);
    for (std::size_t i = 0; i < n; ++i) {
      std::size_t below = 0;
      for (double y : v) below += y < v[i];
      CAPTURE(n);
      CAPTURE(i);
      CHECK(got[i] == 1 + (5 * below) / n);
    }
  }
}

TEST_CASE("the RFM rule table covers every score pair") {
  CHECK(rfm_segment_of(5, 5) == RfmSegment::champions);
  CHECK(rfm_segment_of(5, 1) == RfmSegment::new_customers);
  CHECK(rfm_segment_of(4, 1) == RfmSegment::promising);
  CHECK(rfm_segment_of(4, 4) == RfmSegment::loyal);
  CHECK(rfm_segment_of(3, 3) == RfmSegment::need_attention);
  CHECK(rfm_segment_of(3, 2) == RfmSegment::about_to_sleep);
  CHECK(rfm_segment_of(2, 3) == RfmSegment::at_risk);
  CHECK(rfm_segment_of(1, 5) == RfmSegment::cant_lose_them);
  CHECK(rfm_segment_of(2, 2) == RfmSegment::hibernating);
  CHECK(rfm_segment_of(1, 1) == RfmSegment::lost);
  CHECK(std::string(rfm_segment_name(RfmSegment::cant_lose_them)) == "Can't Lose Them");
}

TEST_CASE("an empty table gives an empty report without error") {
  const OrdersReport r = analyze_order_lines(OrderLines{}, AnalyticsOptions{});
  CHECK(r.periods.label.empty());
  CHECK(r.repeat.customers == 0);
  CHECK_FALSE(r.repeat.repeat_purchase_rate.has_value());
}

TEST_CASE("a month without any line shows zero counts and null ratios") {
  OrderLines t;
  t.customer_ids = {"x"};
  t.order_ids = {"1", "2"};
  buy(t, 0, 0, D(2023, 1, 10), 10);
  buy(t, 0, 1, D(2023, 3, 10), 20);
  const OrdersReport r = analyze_order_lines(t, AnalyticsOptions{});  // 365 days
  const PeriodTable& p = r.periods;
  REQUIRE(p.label.size() == 3);
  CHECK(p.active[1] == 0);
  CHECK(p.orders[1] == 0);
  CHECK(p.revenue[1] == 0);
  CHECK_FALSE(p.average_order_value[1].has_value());
  CHECK_FALSE(p.revenue_per_customer[1].has_value());
  // The customer still exists in February (within 365 days): S = E = 1, CRR = 1.
  CHECK(*p.crr[1] == doctest::Approx(1.0));
  // The reference date defaults to the last day of data: March is incomplete.
  CHECK(p.incomplete == std::vector<std::uint8_t>{1, 0, 1});
  CHECK(r.range.reference_date == D(2023, 3, 10));
}

TEST_CASE("a customer whose lost day is the reference date counts as lost") {
  OrderLines t;
  t.customer_ids = {"x"};
  t.order_ids = {"1"};
  buy(t, 0, 0, D(2024, 3, 1), 10);
  AnalyticsOptions o;
  o.inactivity_days = 60;
  o.reference_date = D(2024, 4, 30);  // 03-01 + 60 days
  const OrdersReport r = analyze_order_lines(t, o);
  CHECK(r.periods.lost.back() == 1);
  CHECK(r.periods.customers_end.back() == 0);
  o.reference_date = D(2024, 4, 29);
  CHECK(analyze_order_lines(t, o).periods.customers_end.back() == 1);
}

TEST_CASE("purchases exactly inactivity_days apart keep the customer") {
  OrderLines t;
  t.customer_ids = {"x"};
  t.order_ids = {"1", "2"};
  buy(t, 0, 0, D(2024, 1, 1), 10);
  buy(t, 0, 1, D(2024, 3, 1), 10);  // 60 days later
  AnalyticsOptions o;
  o.inactivity_days = 60;
  const OrdersReport r = analyze_order_lines(t, o);
  CHECK(r.periods.reactivated == std::vector<std::int64_t>{0, 0, 0});
  CHECK(r.periods.lost == std::vector<std::int64_t>{0, 0, 0});
  o.inactivity_days = 59;  // now the gap exceeds the window: lost on 02-29, back on 03-01
  const OrdersReport r2 = analyze_order_lines(t, o);
  CHECK(r2.periods.lost == std::vector<std::int64_t>{0, 1, 0});
  CHECK(r2.periods.reactivated == std::vector<std::int64_t>{0, 0, 1});
}

TEST_CASE("lines after the reference date are ignored and reported") {
  OrderLines t = four_shoppers();
  AnalyticsOptions o = sixty_days();
  o.reference_date = D(2024, 3, 31);  // drops C's 04-20 line
  const OrdersReport r = analyze_order_lines(t, o);
  CHECK(r.range.lines_after_reference == 1);
  CHECK(r.periods.label.size() == 3);
  CHECK(r.repeat.orders == 6);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "after_reference");
}

TEST_CASE("a customer with only cancellations is no customer but reduces revenue") {
  OrderLines t;
  t.customer_ids = {"buyer", "returner"};
  t.order_ids = {"1", "C2"};
  buy(t, 0, 0, D(2024, 1, 5), 100);
  buy(t, 1, 1, D(2024, 1, 6), -30, LineKind::cancellation);
  const OrdersReport r = analyze_order_lines(t, AnalyticsOptions{});
  CHECK(r.repeat.customers == 1);
  CHECK(r.periods.revenue[0] == doctest::Approx(70.0));
  CHECK(r.periods.new_revenue[0] == doctest::Approx(100.0));
  CHECK(r.periods.returning_revenue[0] == doctest::Approx(-30.0));
  CHECK(r.range.cancelled_revenue == doctest::Approx(-30.0));
}

TEST_CASE("two orders on one day are two orders but one purchase day") {
  OrderLines t;
  t.customer_ids = {"x"};
  t.order_ids = {"1", "2", "3"};
  buy(t, 0, 0, D(2024, 1, 5), 10);
  buy(t, 0, 1, D(2024, 1, 5), 10);
  buy(t, 0, 2, D(2024, 1, 9), 10);
  const RepeatBehaviour b = analyze_order_lines(t, AnalyticsOptions{}).repeat;
  CHECK(b.orders == 3);
  CHECK(b.purchase_gaps == 1);
  CHECK(*b.median_days_between_orders == doctest::Approx(4.0));
}

TEST_CASE("bad options are rejected naming the field") {
  AnalyticsOptions o;
  o.inactivity_days = 0;
  try {
    analyze_order_lines(four_shoppers(), o);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.field() == "inactivity_days");
    CHECK(e.code() == "out_of_range");
  }
  AnalyticsOptions s;
  s.segment_columns = std::vector<std::string>{"Country"};
  try {
    analyze_order_lines(four_shoppers(), s);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.field() == "segments");
    CHECK(std::string(e.what()) == "segment column not found: Country");
  }
}

TEST_CASE("the report does not depend on the order of the lines") {
  // four_shoppers() is in no order (A's January 20 line comes after March 10);
  // the same lines sorted by day, and sorted by customer then day, give the same report.
  const OrderLines mixed = four_shoppers();
  auto permuted = [&](const std::vector<std::size_t>& perm) {
    OrderLines t = mixed;
    for (std::size_t k = 0; k < perm.size(); ++k) {
      const std::size_t i = perm[k];
      t.customer[k] = mixed.customer[i];
      t.order[k] = mixed.order[i];
      t.day.set(k, mixed.day[i]);
      t.amount.set(k, mixed.amount[i]);
      t.margin[k] = mixed.margin[i];
      t.kind[k] = mixed.kind[i];
      t.contacts[k] = mixed.contacts[i];
      t.product->code[k] = mixed.product->code[i];
      t.channel->code[k] = mixed.channel->code[i];
      t.segments[0].code[k] = mixed.segments[0].code[i];
    }
    return t;
  };
  const std::vector<std::size_t> by_day = {1, 2, 4, 5, 0, 6, 7, 3, 8};
  const std::vector<std::size_t> by_customer = {0, 8, 1, 5, 3, 2, 4, 6, 7};  // C, A, B, D
  const OrdersReport a = analyze_order_lines(mixed, sixty_days());
  for (const auto& perm : {by_day, by_customer}) {
    const OrdersReport b = analyze_order_lines(permuted(perm), sixty_days());
    CHECK(b.periods.customers_end == a.periods.customers_end);
    CHECK(b.periods.lost == a.periods.lost);
    CHECK(b.periods.orders == a.periods.orders);
    CHECK(b.periods.revenue == a.periods.revenue);
    CHECK(b.cohorts.active == a.cohorts.active);
    CHECK(b.repeat.multi_product_customers == a.repeat.multi_product_customers);
    CHECK(b.repeat.referred_customers == a.repeat.referred_customers);
    CHECK(b.rfm.segment == a.rfm.segment);
    CHECK(b.segments[0].revenue == a.segments[0].revenue);
  }
}

TEST_CASE("a stray date a century away is an error naming the period, not a huge matrix") {
  OrderLines t;
  t.customer_ids = {"x"};
  t.order_ids = {"1", "2"};
  buy(t, 0, 0, D(1901, 1, 1), 10);
  buy(t, 0, 1, D(2024, 1, 1), 10);
  try {
    analyze_order_lines(t, AnalyticsOptions{});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "too_many_periods");
    CHECK(e.field() == "period");
  }
  AnalyticsOptions yearly;
  yearly.period = PeriodUnit::year;  // 124 years are fine
  CHECK(analyze_order_lines(t, yearly).periods.label.size() == 124);
}

TEST_CASE("period labels and iso days") {
  CHECK(period_label(PeriodUnit::month, D(2011, 12, 9)) == "2011-12");
  CHECK(period_label(PeriodUnit::quarter, D(2011, 8, 1)) == "2011-Q3");
  CHECK(period_label(PeriodUnit::year, D(2011, 8, 1)) == "2011");
  CHECK(format_day(D(2010, 12, 1)) == "2010-12-01");
  CHECK(parse_iso_day("2024-02-29") == D(2024, 2, 29));
  CHECK_FALSE(parse_iso_day("2023-02-29").has_value());
  CHECK_FALSE(parse_iso_day("2023-2-1").has_value());
}

TEST_CASE("thousands of lines: period, cohort and range figures equal a direct count, in any line order") {
  // Random lines over 18 months with a reference date before the last one,
  // so the passes skip lines after the reference, and the shuffled copy takes
  // the day-order path. Amounts are multiples of 1/8, so every sum is exact in
  // any order; the 1/8 variant holds the amount column as doubles, the 1/4
  // variant as cents.
  for (const double step : {0.25, 0.125}) {
    CAPTURE(step);
    std::mt19937 rng(20261128);
    OrderLines t;
    const std::uint32_t customers = 400, lines = 3000;
    for (std::uint32_t c = 0; c < customers; ++c) t.customer_ids.push_back("c" + std::to_string(c));
    const Day first = D(2023, 1, 1), last = D(2024, 6, 30), ref = D(2024, 5, 15);
    for (std::uint32_t i = 0; i < lines; ++i) {
      const auto c = static_cast<std::uint32_t>(rng() % customers);
      // A third of the lines repeat one of the customer's few order numbers.
      const std::uint32_t order = rng() % 3 == 0 ? c * 4 + rng() % 4 : customers * 4 + i;
      const Day day = first + static_cast<Day>(rng() % static_cast<std::uint32_t>(last - first + 1));
      const bool cancel = rng() % 20 == 0;
      const double amount = static_cast<double>(1 + rng() % 4000) * step * (cancel ? -1 : 1);
      buy(t, c, order, day, amount, cancel ? LineKind::cancellation : LineKind::purchase);
    }
    for (std::uint32_t o = 0; o < customers * 4 + lines; ++o) t.order_ids.push_back("o" + std::to_string(o));
    CHECK(t.amount.is_narrow() == (step == 0.25));
    AnalyticsOptions o;
    o.inactivity_days = 90;
    o.reference_date = ref;

    // The direct count, by month index from January 2023.
    auto month = [&](Day d) {
      const CivilDate c = civil_from_days(d);
      return static_cast<std::size_t>((c.year - 2023) * 12 + c.month - 1);
    };
    const std::size_t P = month(ref) + 1;
    std::vector<double> revenue(P, 0);
    std::vector<std::set<std::uint32_t>> buyers(P);
    std::map<std::uint32_t, Day> first_purchase;
    std::map<std::pair<std::uint32_t, std::uint32_t>, Day> order_start;  // (customer, order) -> first purchase day
    std::int64_t purchases = 0, cancellations = 0, after = 0;
    std::map<std::uint32_t, double> customer_revenue;                 // net, every line up to the reference
    std::map<std::uint32_t, std::set<std::uint32_t>> customer_orders;  // orders with a purchase line
    std::map<std::uint32_t, Day> last_purchase;
    for (std::uint32_t i = 0; i < lines; ++i) {
      const Day d = t.day[i];
      if (d > ref) {
        ++after;
        continue;
      }
      revenue[month(d)] += t.amount[i];
      customer_revenue[t.customer[i]] += t.amount[i];
      if (t.kind[i] != LineKind::purchase) {
        ++cancellations;
        continue;
      }
      ++purchases;
      buyers[month(d)].insert(t.customer[i]);
      customer_orders[t.customer[i]].insert(t.order[i]);
      auto lp = last_purchase.emplace(t.customer[i], d).first;
      lp->second = std::max(lp->second, d);
      auto fp = first_purchase.emplace(t.customer[i], d).first;
      fp->second = std::min(fp->second, d);
      auto os = order_start.emplace(std::make_pair(t.customer[i], t.order[i]), d).first;
      os->second = std::min(os->second, d);
    }
    std::vector<std::int64_t> new_customers(P, 0), orders(P, 0), active(P, 0);
    std::vector<std::vector<std::int64_t>> cohort_active(P, std::vector<std::int64_t>(P, 0));
    for (const auto& [c, d] : first_purchase) ++new_customers[month(d)];
    for (const auto& [key, d] : order_start) ++orders[month(d)];
    for (std::size_t p = 0; p < P; ++p) {
      active[p] = static_cast<std::int64_t>(buyers[p].size());
      for (std::uint32_t c : buyers[p]) ++cohort_active[month(first_purchase[c])][p - month(first_purchase[c])];
    }

    // The same lines in another order: line k of the copy is line perm[k].
    auto reordered = [&](const std::vector<std::uint32_t>& perm) {
      OrderLines r = t;
      for (std::uint32_t k = 0; k < lines; ++k) {
        r.customer[k] = t.customer[perm[k]];
        r.order[k] = t.order[perm[k]];
        r.day.set(k, t.day[perm[k]]);
        r.amount.set(k, t.amount[perm[k]]);
        r.kind[k] = t.kind[perm[k]];
      }
      return r;
    };
    std::vector<std::uint32_t> perm(lines);
    for (std::uint32_t i = 0; i < lines; ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    const OrderLines shuffled = reordered(perm);
    // Sorted by day (a stable sort): the input order is the day order, the streaming path.
    std::stable_sort(perm.begin(), perm.end(), [&](std::uint32_t a, std::uint32_t b) { return t.day[a] < t.day[b]; });
    const OrderLines sorted = reordered(perm);
    for (const OrderLines* table : std::initializer_list<const OrderLines*>{&t, &shuffled, &sorted}) {
      const OrdersReport r = analyze_order_lines(*table, o);
      CHECK(r.range.purchase_lines == purchases);
      CHECK(r.range.cancellation_lines == cancellations);
      CHECK(r.range.lines_after_reference == after);
      CHECK(r.range.last_day <= last);
      REQUIRE(r.periods.revenue.size() == P);
      CHECK(r.periods.revenue == revenue);
      CHECK(r.periods.new_customers == new_customers);
      CHECK(r.periods.active == active);
      CHECK(r.periods.orders == orders);
      CHECK(r.cohorts.size == new_customers);
      bool cells_same = true;
      for (std::size_t c = 0; c < P; ++c)
        for (std::size_t k = 0; c + k < P; ++k) cells_same = cells_same && r.cohorts.active[c][k] == cohort_active[c][k];
      CHECK(cells_same);
      // Per customer (the RFM table: every customer with a purchase, in index order).
      REQUIRE(r.rfm.customer.size() == first_purchase.size());
      bool customers_same = true;
      std::size_t k = 0;
      for (const auto& [c, d] : first_purchase) {
        customers_same = customers_same && r.rfm.customer[k] == c && r.rfm.monetary[k] == customer_revenue[c] &&
                         r.rfm.frequency[k] == static_cast<std::int64_t>(customer_orders[c].size()) &&
                         r.rfm.recency[k] == ref - last_purchase[c];
        ++k;
      }
      CHECK(customers_same);
    }
  }
}

TEST_CASE("an inactivity window as long as the data is reported: nobody can be lost yet") {
  // The four shoppers' data run from 2024-01-05 to the reference date 2024-04-30:
  // 117 days, ref - first = 116. A customer is lost W days after a purchase, so
  // with W = 117 the first possible loss would be 2024-05-01, after the data.
  AnalyticsOptions o = sixty_days();
  o.inactivity_days = 117;
  const OrdersReport r = analyze_order_lines(four_shoppers(), o);
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "window_longer_than_data");
  CHECK(r.warnings[0].message ==
        "the data span 117 days, not more than the inactivity window of 117 days: no customer can be lost yet, so churn is 0; "
        "choose a shorter window");
  for (std::int64_t lost : r.periods.lost) CHECK(lost == 0);
  // One day shorter, a loss on the reference date itself is possible: no warning.
  o.inactivity_days = 116;
  CHECK(analyze_order_lines(four_shoppers(), o).warnings.empty());
  // The other warnings carry their codes too.
  o.inactivity_days = 20;
  const OrdersReport s = analyze_order_lines(four_shoppers(), o);
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].code == "window_shorter_than_period");
}
