// The JSON adapter of the analytics (api/analytics_ops.h): option parsing
// names the bad field, and the report is one object with columnar tables and
// null (never NaN, never 0) for empty or unreached cells.
#include <doctest/doctest.h>

#include "api/analytics_ops.h"
#include "core/error.h"

using namespace kpikit;
using nlohmann::json;

namespace {

// Three lines: customer x buys on 2024-01-10 and 2024-03-10, y on 2024-03-20
// (one order each, amounts 10, 20, 30).
OrderLines three_lines() {
  OrderLines t;
  t.customer_ids = {"x", "y"};
  t.order_ids = {"1", "2", "3"};
  t.customer = {0, 0, 1};
  t.order = {0, 1, 2};
  t.day = {days_from_civil(2024, 1, 10), days_from_civil(2024, 3, 10), days_from_civil(2024, 3, 20)};
  t.amount = {10, 20, 30};
  t.kind = {LineKind::purchase, LineKind::purchase, LineKind::purchase};
  t.source_row = {1, 2, 3};
  return t;
}

std::string field_of_error(const json& params) {
  try {
    api::analytics_options_from_json(params);
  } catch (const Error& e) {
    return e.field();
  }
  return "no error";
}

}  // namespace

TEST_CASE("options default to month, 365 days and the last day of data") {
  const AnalyticsOptions o = api::analytics_options_from_json(json::object());
  CHECK(o.period == PeriodUnit::month);
  CHECK(o.inactivity_days == 365);
  CHECK_FALSE(o.reference_date.has_value());
  CHECK_FALSE(o.segment_columns.has_value());
  CHECK(o.confidence_level == 0.95);
}

TEST_CASE("options are read from json") {
  const AnalyticsOptions o = api::analytics_options_from_json(
      {{"period", "quarter"}, {"inactivity_days", 90}, {"reference_date", "2024-06-30"},
       {"segments", {"Country"}}, {"rfm_monetary", "average"}, {"rfm_customers", false},
       {"confidence_level", 0.9}, {"op", "analyze"}});
  CHECK(o.period == PeriodUnit::quarter);
  CHECK(o.inactivity_days == 90);
  CHECK(*o.reference_date == days_from_civil(2024, 6, 30));
  CHECK(*o.segment_columns == std::vector<std::string>{"Country"});
  CHECK(o.rfm_monetary == RfmMonetary::average);
  CHECK_FALSE(o.rfm_customer_list);
  CHECK(o.confidence_level == 0.9);
}

TEST_CASE("bad options throw an error naming the field") {
  CHECK(field_of_error({{"period", "week"}}) == "period");
  CHECK(field_of_error({{"inactivity_days", 0}}) == "inactivity_days");
  CHECK(field_of_error({{"inactivity_days", 2.5}}) == "inactivity_days");
  CHECK(field_of_error({{"inactivity_days", "90"}}) == "inactivity_days");
  CHECK(field_of_error({{"reference_date", "31.12.2024"}}) == "reference_date");
  CHECK(field_of_error({{"segments", "Country"}}) == "segments");
  CHECK(field_of_error({{"referral_patterns", {1, 2}}}) == "referral_patterns");
  CHECK(field_of_error({{"rfm_monetary", "max"}}) == "rfm_monetary");
  CHECK(field_of_error({{"rfm_customers", 1}}) == "rfm_customers");
  CHECK(field_of_error({{"confidence_level", 95}}) == "confidence_level");
  try {
    api::analytics_options_from_json({{"period", "week"}});
  } catch (const Error& e) {
    CHECK(e.code() == "invalid_option");
    CHECK(std::string(e.what()) == "period must be \"month\", \"quarter\" or \"year\"");
  }
}

TEST_CASE("the orders report is one object with columnar tables and nulls") {
  const json r = api::analyze_orders(three_lines(), {{"inactivity_days", 30}, {"rfm_customers", true}});
  CHECK(r["mode"] == "orders");
  CHECK(r["range"]["first_day"] == "2024-01-10");
  CHECK(r["range"]["reference_date"] == "2024-03-20");
  CHECK(r["totals"]["customers"] == 2);
  CHECK(r["totals"]["orders"] == 3);
  CHECK(r["totals"]["revenue"] == 60.0);
  const json& p = r["periods"];
  CHECK(p["label"] == json{"2024-01", "2024-02", "2024-03"});
  CHECK(p["incomplete"] == json{true, false, true});
  // x is lost on 2024-02-09 (01-10 + 30) and reactivated 03-10; y is new in March.
  CHECK(p["lost"] == json{0, 1, 0});
  CHECK(p["customers_end"] == json{1, 0, 2});
  CHECK(p["crr"][0].is_null());                  // S = 0
  CHECK(p["crr"][1] == 0.0);                     // (0 - 0) / 1
  CHECK(p["crr"][2].is_null());                  // S = 0 again
  CHECK(p["average_order_value"][1].is_null());  // no order in February
  CHECK_FALSE(p.contains("margin"));
  // Cohorts: January {x}: Jan 1, Feb 0, Mar 1; March {y}; unreached cells null.
  const json& c = r["cohorts"];
  CHECK(c["size"] == json{1, 0, 1});
  CHECK(c["retention"][0] == json{1.0, 0.0, 1.0});
  CHECK(c["retention"][1] == json{nullptr, nullptr, nullptr});  // empty cohort: 0/0, then unreached
  CHECK(c["active"][1] == json{0, 0, nullptr});
  CHECK(c["retention"][2] == json{1.0, nullptr, nullptr});
  CHECK(c["revenue_retention"][0] == json{1.0, 0.0, 2.0});
  CHECK(r["cross_sell"]["available"] == false);
  CHECK(r["cross_sell"]["rate"].is_null());
  CHECK(r["referral"]["share"].is_null());
  CHECK(r["rfm"]["customers"]["id"] == json{"x", "y"});
  CHECK(r["rfm"]["segments"]["name"].size() == 11);
  CHECK(r["warnings"].size() == 1);  // 30-day window shorter than a month
  CHECK(r["warnings"][0]["code"] == "window_shorter_than_period");
  // Never NaN: the dump parses back.
  CHECK(json::parse(r.dump()) == r);
}

TEST_CASE("margin columns appear when a margin column is mapped") {
  OrderLines t = three_lines();
  t.margin = {4, 8, 12};
  const json p = api::analyze_orders(t, json::object())["periods"];
  // January: x new (4). March: x returning (8), y new (12).
  CHECK(p["margin"] == json{4.0, 0.0, 20.0});
  CHECK(p["new_margin"] == json{4.0, 0.0, 12.0});
  CHECK(p["returning_margin"] == json{0.0, 0.0, 8.0});
}

TEST_CASE("the per-customer RFM table is left out by default") {
  const json r = api::analyze_orders(three_lines(), json::object());
  CHECK(r["rfm"]["customers"].is_null());
  CHECK(r["rfm"]["segments"]["customers"].size() == 11);
}

TEST_CASE("rfm_customers_csv exports one segment's customers") {
  // x: last purchase 10 days before the reference, 2 orders, 30; y: recency 0, 1 order, 30.
  // R: x 1, y 1 + floor(5 * 1 / 2) = 3. F: x 3, y 1. M: both 1 (tie). FM: x 2, y 1.
  // -> x Lost (R 1, FM 2), y About to Sleep (R 3, FM 1).
  const json all = api::rfm_customers_csv(three_lines(), json::object());
  CHECK(all["rows"] == 2);
  CHECK(all["segment"].is_null());
  CHECK(all["csv"] ==
        "customer_id,recency_days,frequency,monetary,r,f,m,segment\n"
        "x,10,2,30.00,1,3,1,Lost\n"
        "y,0,1,30.00,3,1,1,About to Sleep\n");
  const json lost = api::rfm_customers_csv(three_lines(), {{"rfm_segment", "Lost"}});
  CHECK(lost["rows"] == 1);
  CHECK(lost["csv"] == "customer_id,recency_days,frequency,monetary,r,f,m,segment\nx,10,2,30.00,1,3,1,Lost\n");
  try {
    api::rfm_customers_csv(three_lines(), {{"rfm_segment", "Sleepers"}});
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.field() == "rfm_segment");
  }
}

TEST_CASE("the customer-list report carries the survival curve") {
  CustomerList l;
  l.customer_ids = {"a", "b"};
  l.tenure = {1, 4};
  l.churned = {1, 0};
  l.source_row = {1, 2};
  const json r = api::analyze_customers(l, json::object());
  CHECK(r["mode"] == "customers");
  CHECK(r["churn_rate"] == 0.5);
  CHECK(r["revenue_available"] == false);
  CHECK(r["revenue_churn"].is_null());
  CHECK(r["survival"]["time"] == json{1.0, 4.0});
  CHECK(r["survival"]["survival"] == json{0.5, 0.5});
  CHECK(r["survival"]["median"] == 1.0);
}
