#pragma once
// Retention analytics: period KPIs, cohorts, repeat behaviour, segments, RFM
// (order-history mode) and churn / Kaplan-Meier survival (customer-list mode).
//
// Every definition is written out in docs/analytics.md; the short version:
//
//   - Only purchase lines (LineKind::purchase) make someone a customer, count
//     as orders or purchase days. Cancellation lines only reduce revenue
//     ("revenue" is always net: purchases + cancellations, on the line's day).
//   - A customer EXISTS on day t when they have a purchase on some day d with
//     d <= t < d + inactivity_days. A customer whose last purchase was on day d
//     and who buys nothing afterwards is LOST on day d + inactivity_days. Buying
//     again after being lost is a REACTIVATION (a new existence spell).
//   - A period (calendar month, quarter or year) runs from its first to its
//     last calendar day, both included. S = customers existing at the end of
//     the day before the period, E = customers existing at the end of its last
//     day (for the last period: at the end of the reference day), so that
//     E = S + new + reactivated - lost.
//   - The observation ends on the reference date (default: the last day of any
//     line). Lines after it are ignored. Edge periods the data does not cover
//     completely are flagged incomplete.
//   - Ratios whose denominator is 0 are std::nullopt (JSON null), never NaN.
//
// Example:
//   AnalyticsOptions o;                     // month, 365 days, last data day
//   OrdersReport r = analyze_order_lines(lines, o);
//   r.periods.crr[3]                        // customer retention rate of period 3
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/calendar.h"
#include "core/warning.h"
#include "data/order_lines.h"

namespace kpikit {

// The calendar unit of the period table and the cohort matrix.
enum class PeriodUnit : std::uint8_t { month = 0, quarter = 1, year = 2 };

// How the RFM "monetary" value of a customer is measured.
enum class RfmMonetary : std::uint8_t {
  total = 0,    // net revenue of the customer over the whole observation (default)
  average = 1,  // net revenue divided by the customer's number of orders
};

// Parameters of analyze_order_lines / analyze_customer_list. Defaults are the
// documented defaults of the JSON op (docs/analytics.md, "Parameters").
struct AnalyticsOptions {
  PeriodUnit period = PeriodUnit::month;
  // Days without a purchase after which a customer counts as lost. Default 365:
  // one full seasonal cycle (Christmas, birthdays, yearly re-orders), so a
  // customer who buys once a year is not counted as lost and re-won each year.
  std::int32_t inactivity_days = 365;
  // Last observed day; default (nullopt) = the last day of any line.
  std::optional<Day> reference_date;
  // Categorical columns (by header name) for the segment breakdowns. nullopt =
  // every segment column of the table plus the channel column; empty = none.
  std::optional<std::vector<std::string>> segment_columns;
  // A channel label is a referral when its lower-cased text contains one of
  // these (lower-case ASCII) substrings.
  std::vector<std::string> referral_patterns = {"referr", "refer a friend", "refer-a-friend", "empfehl",
                                                "freunde werben", "kunden werben", "word of mouth",
                                                "mundpropaganda"};
  RfmMonetary rfm_monetary = RfmMonetary::total;
  // Include the per-customer RFM table in the report. Off by default: with
  // 100,000 customers it is most of the report's size; export it with rfm_csv.
  bool rfm_customer_list = false;
  // Customer-list mode: two-sided confidence level of the Kaplan-Meier band.
  double confidence_level = 0.95;
};

// Period table: one entry per period, columns as parallel vectors.
struct PeriodTable {
  std::vector<std::string> label;          // "2011-03", "2011-Q1", "2011"
  std::vector<Day> start;                  // first day of the period
  std::vector<Day> end;                    // last day of the period (calendar)
  std::vector<std::uint8_t> incomplete;    // 1 when the data does not cover the whole period
  std::vector<std::int64_t> customers_start;  // S
  std::vector<std::int64_t> new_customers;    // first purchase ever in the period
  std::vector<std::int64_t> reactivated;      // purchase in the period after having been lost
  std::vector<std::int64_t> lost;             // customers whose lost day falls in the period
  std::vector<std::int64_t> customers_end;    // E = S + new + reactivated - lost
  std::vector<std::optional<double>> crr;     // (E - new - reactivated) / S
  std::vector<std::optional<double>> churn;   // 1 - crr
  std::vector<std::int64_t> active;           // customers with a purchase in the period
  std::vector<std::int64_t> orders;           // orders whose first purchase line is in the period
  std::vector<double> revenue;                // net revenue of the lines in the period
  std::vector<double> new_revenue;            // ... of customers whose first purchase is in the period
  std::vector<double> returning_revenue;      // revenue - new_revenue
  std::vector<std::optional<double>> orders_per_customer;   // orders / active (purchase frequency)
  std::vector<std::optional<double>> average_order_value;   // revenue / orders
  std::vector<std::optional<double>> revenue_per_customer;  // revenue / active
  // Present only when the table has a margin column (else empty vectors).
  std::vector<double> margin, new_margin, returning_margin;
};

// Cohort matrix: row c = customers whose first purchase falls in period c,
// column k = the k-th period after that (k = 0 is the first-purchase period).
// Cells after the last observed period are nullopt ("not reached"), never 0.
struct CohortMatrix {
  std::vector<std::string> cohort;          // period label of each row
  std::vector<std::int64_t> size;           // customers of the cohort
  std::vector<std::vector<std::optional<std::int64_t>>> active;      // buyers in period c+k
  std::vector<std::vector<std::optional<double>>> retention;         // active / size
  std::vector<std::vector<std::optional<double>>> revenue;           // cohort's net revenue in c+k
  std::vector<std::vector<std::optional<double>>> revenue_retention; // revenue[k] / revenue[0]
};

// Repeat behaviour, cross-sell and referral over the whole observation.
struct RepeatBehaviour {
  std::int64_t customers = 0;         // customers with at least one purchase
  std::int64_t repeat_customers = 0;  // ... with at least two orders
  std::optional<double> repeat_purchase_rate;      // repeat_customers / customers
  std::int64_t orders = 0;
  double revenue = 0;                              // net
  std::optional<double> orders_per_customer;       // orders / customers
  std::optional<double> average_order_value;       // revenue / orders
  std::optional<double> revenue_per_customer;      // revenue / customers
  std::int64_t purchase_gaps = 0;                  // gaps between consecutive purchase days
  std::optional<double> median_days_between_orders;
  bool has_contacts = false;
  double contacts = 0;
  std::optional<double> contact_density;           // contacts / customers
  bool has_product = false;
  std::int64_t multi_product_customers = 0;        // bought > 1 distinct product
  std::optional<double> cross_sell_rate;           // multi_product_customers / customers
  bool has_channel = false;
  std::int64_t new_customers = 0;                  // first purchase within the observation
  std::int64_t referred_customers = 0;             // first purchase line on a referral channel
  std::optional<double> referral_share;            // referred / new
  std::vector<std::string> referral_labels;        // the channel labels matched as referral
};

// Breakdown of customer KPIs by the label of one categorical column. A
// customer belongs to the group of their first purchase line.
struct SegmentBreakdown {
  std::string column;
  std::vector<std::string> label;
  std::vector<std::int64_t> customers;         // group size
  std::vector<std::int64_t> existing;          // still existing at the reference date
  std::vector<std::int64_t> lost;              // customers - existing
  std::vector<std::optional<double>> retention;  // existing / customers
  std::vector<std::optional<double>> churn;      // lost / customers
  std::vector<std::int64_t> repeat_customers;
  std::vector<std::optional<double>> repeat_purchase_rate;
  std::vector<std::int64_t> orders;
  std::vector<std::optional<double>> orders_per_customer;
  std::vector<double> revenue;                 // net revenue of the group's customers
  std::vector<std::optional<double>> revenue_per_customer;
};

// Names of the RFM segments, in the order of the rule table (docs/analytics.md).
enum class RfmSegment : std::uint8_t {
  champions, loyal, potential_loyalists, new_customers, promising, need_attention,
  about_to_sleep, at_risk, cant_lose_them, hibernating, lost
};
constexpr int kRfmSegmentCount = 11;
const char* rfm_segment_name(RfmSegment s) noexcept;
// The segment with this exact name ("At Risk"), nullopt for any other text.
std::optional<RfmSegment> rfm_segment_from_name(const std::string& name) noexcept;

// The rule table: segment of a recency score r and a frequency-monetary score
// fm = (f + m + 1) / 2 (integer division: mean of F and M rounded half up).
// Example: rfm_segment_of(5, 5) == champions, rfm_segment_of(1, 1) == lost.
RfmSegment rfm_segment_of(int r, int fm) noexcept;

// Quantile score 1..5 of each value: 1 + floor(5 * (number of values strictly
// smaller) / n); ties get the same score. For recency pass negated values so
// that recent customers score high.
// Example: {10, 20, 30, 40, 50} -> {1, 2, 3, 4, 5}; {1, 1, 1, 2} -> {1, 1, 1, 4}.
std::vector<std::uint8_t> quantile_scores(const std::vector<double>& values);

struct RfmTable {
  Day reference_date = 0;
  // Per customer with at least one purchase, in customer-index order.
  std::vector<std::uint32_t> customer;   // index into OrderLines::customer_ids
  std::vector<std::int32_t> recency;     // days from the last purchase to the reference date
  std::vector<std::int64_t> frequency;   // orders
  std::vector<double> monetary;          // see RfmMonetary
  std::vector<std::uint8_t> r, f, m;     // 1..5
  std::vector<RfmSegment> segment;
  // Per segment, indexed by RfmSegment.
  std::vector<std::int64_t> segment_customers;
  std::vector<double> segment_revenue;   // net revenue of the segment's customers
};

struct DataRange {
  Day first_day = 0;         // first day of any used line
  Day last_day = 0;          // last day of any line in the table
  Day reference_date = 0;    // end of the observation
  std::int64_t lines = 0;
  std::int64_t purchase_lines = 0;
  std::int64_t cancellation_lines = 0;
  std::int64_t lines_after_reference = 0;  // ignored
  double purchase_revenue = 0;             // sum of purchase amounts
  double cancelled_revenue = 0;            // sum of cancellation amounts (<= 0)
};

struct OrdersReport {
  DataRange range;
  PeriodTable periods;
  CohortMatrix cohorts;
  RepeatBehaviour repeat;
  std::vector<SegmentBreakdown> segments;
  RfmTable rfm;
  // Conditions that change how the report reads (core/warning.h), by code:
  //   after_reference            lines after the reference date are left out
  //   window_shorter_than_period a customer can be new and lost in one period
  //   window_longer_than_data    the data span less than the inactivity window:
  //                              nobody can be lost yet, churn shows 0
  std::vector<Warning> warnings;
};

// The whole order-history report. Throws kpikit::Error on bad options
// (inactivity_days < 1 -> "inactivity_days"; unknown segment column ->
// "segments"; more than 1200 periods between the first day and the reference
// date -> "too_many_periods", field "period"). An empty table gives an empty
// report (no periods), not an error.
OrdersReport analyze_order_lines(const OrderLines& lines, const AnalyticsOptions& options);

// ---------------------------------------------------------------- customer list

// Kaplan-Meier estimate of the share of customers still a customer after t
// periods (tenure unit of the file). One entry per distinct tenure value
// (events = churned customers with that tenure, censored = customers still
// active with that tenure); S(t) = prod_{t_i <= t} (1 - d_i / n_i), and the
// curve is S = 1 before the first entry. Once S = 0 the band is [0, 0].
// Greenwood: Var S(t) = S(t)^2 * sum_{t_i <= t} d_i / (n_i (n_i - d_i));
// band = S +- z * sqrt(Var), clipped to [0, 1]; z from confidence_level.
struct SurvivalCurve {
  std::vector<double> time;
  std::vector<std::int64_t> at_risk;   // n_i: tenure >= t_i
  std::vector<std::int64_t> events;    // d_i: churned with tenure == t_i
  std::vector<std::int64_t> censored;  // still customers with tenure == t_i
  std::vector<double> survival;
  std::vector<double> lower, upper;
  std::optional<double> median;        // first t with S(t) <= 0.5; nullopt if never
};

struct ChurnBreakdown {
  std::string column;
  std::vector<std::string> label;
  std::vector<std::int64_t> customers;
  std::vector<std::int64_t> churned;
  std::vector<std::optional<double>> churn_rate;
  std::vector<std::optional<double>> revenue_churn;  // empty vectors when no revenue column
  std::vector<std::optional<double>> median_lifetime;
};

struct CustomerListReport {
  std::int64_t customers = 0;
  std::int64_t churned = 0;
  std::optional<double> churn_rate;          // churned / customers
  bool has_revenue = false;
  double monthly_revenue = 0;                // sum over all customers
  double churned_monthly_revenue = 0;        // sum over churned customers
  std::optional<double> revenue_churn;       // churned / total monthly revenue
  std::optional<double> mean_tenure;
  std::string tenure_column;  // as CustomerList: empty = tenure in months from start and end dates
  std::vector<ChurnBreakdown> segments;
  SurvivalCurve survival;
  std::vector<Warning> warnings;  // none are raised yet
};

// Kaplan-Meier curve of (tenure, churned) pairs. Negative or non-finite
// tenures throw kpikit::Error("invalid_tenure", ..., "tenure").
// Example: tenures {1, 2, 2, 3}, churned {1, 1, 0, 1} -> times {1, 2, 3},
// survival {0.75, 0.5, 0}, median 2.
SurvivalCurve kaplan_meier(const std::vector<double>& tenure, const std::vector<std::uint8_t>& churned,
                           double confidence_level = 0.95);

// Customer-list report; segments as in AnalyticsOptions::segment_columns.
CustomerListReport analyze_customer_list(const CustomerList& list, const AnalyticsOptions& options);

// ---------------------------------------------------------------- helpers

// "2011-03" / "2011-Q1" / "2011" for the period containing day.
std::string period_label(PeriodUnit unit, Day day);
// ISO "yyyy-mm-dd".
std::string format_day(Day day);
// Parses "yyyy-mm-dd"; nullopt when malformed or not a calendar date.
std::optional<Day> parse_iso_day(const std::string& text);

// RFM customer list as CSV (header + one row per customer, LF line ends):
// customer_id,recency_days,frequency,monetary,r,f,m,segment
// With a segment, only that segment's customers (the customer list per segment).
// Example: rfm_csv(lines, report.rfm, RfmSegment::at_risk)
std::string rfm_csv(const OrderLines& lines, const RfmTable& rfm, std::optional<RfmSegment> only = std::nullopt);

}  // namespace kpikit
