// Order-history analytics. See analytics.h and docs/analytics.md.
//
// analyze_order_lines runs in phases, one function each: scan_window (one
// pass: the observation window, the id space sizes, the DataRange),
// PeriodIndex (the period of every day), first_purchases (one pass: each
// customer's first purchase and cohort, and whether the lines already come in
// day order per customer), add_up_lines (one pass in day order: everything
// per period and cohort cell; lines_in_day_order sorts by day with one
// counting sort only when the input is not in day order), summarize_customers,
// then the tables from the sums. No per-line allocation, no maps: flat arrays
// indexed by dense period / customer / label codes.
#include "analytics/analytics.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/error.h"

namespace kpikit {

namespace detail {

// Dense index of the period containing a civil date, counted from year 0.
inline std::int32_t period_key(PeriodUnit unit, const CivilDate& c) {
  switch (unit) {
    case PeriodUnit::month: return c.year * 12 + (c.month - 1);
    case PeriodUnit::quarter: return c.year * 4 + (c.month - 1) / 3;
    case PeriodUnit::year: return c.year;
  }
  return c.year;
}

// First day of the period with the given key.
inline Day period_key_start(PeriodUnit unit, std::int32_t key) {
  switch (unit) {
    case PeriodUnit::month: return days_from_civil(key / 12, key % 12 + 1, 1);
    case PeriodUnit::quarter: return days_from_civil(key / 4, (key % 4) * 3 + 1, 1);
    case PeriodUnit::year: return days_from_civil(key, 1, 1);
  }
  return 0;
}

inline std::int32_t period_days_max(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::month: return 31;
    case PeriodUnit::quarter: return 92;
    case PeriodUnit::year: return 366;
  }
  return 31;
}

inline std::optional<double> ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  const double r = num / den;
  if (!std::isfinite(r)) return std::nullopt;
  return r;
}

std::string lower_ascii(const std::string& s) {
  std::string out = s;
  for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace detail

std::string format_day(Day day) { return format_iso_date(day); }

std::optional<Day> parse_iso_day(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  const int y = std::stoi(text.substr(0, 4));
  const int m = std::stoi(text.substr(5, 2));
  const int d = std::stoi(text.substr(8, 2));
  if (!is_valid_civil(y, m, d)) return std::nullopt;
  return days_from_civil(y, m, d);
}

std::string period_label(PeriodUnit unit, Day day) {
  const CivilDate c = civil_from_days(day);
  char buf[40];
  switch (unit) {
    case PeriodUnit::month: std::snprintf(buf, sizeof buf, "%04d-%02d", c.year, c.month); break;
    case PeriodUnit::quarter: std::snprintf(buf, sizeof buf, "%04d-Q%d", c.year, (c.month - 1) / 3 + 1); break;
    case PeriodUnit::year: std::snprintf(buf, sizeof buf, "%04d", c.year); break;
  }
  return buf;
}

const char* rfm_segment_name(RfmSegment s) noexcept {
  switch (s) {
    case RfmSegment::champions: return "Champions";
    case RfmSegment::loyal: return "Loyal";
    case RfmSegment::potential_loyalists: return "Potential Loyalists";
    case RfmSegment::new_customers: return "New";
    case RfmSegment::promising: return "Promising";
    case RfmSegment::need_attention: return "Need Attention";
    case RfmSegment::about_to_sleep: return "About to Sleep";
    case RfmSegment::at_risk: return "At Risk";
    case RfmSegment::cant_lose_them: return "Can't Lose Them";
    case RfmSegment::hibernating: return "Hibernating";
    case RfmSegment::lost: return "Lost";
  }
  return "";
}

std::optional<RfmSegment> rfm_segment_from_name(const std::string& name) noexcept {
  for (int s = 0; s < kRfmSegmentCount; ++s)
    if (name == rfm_segment_name(static_cast<RfmSegment>(s))) return static_cast<RfmSegment>(s);
  return std::nullopt;
}

RfmSegment rfm_segment_of(int r, int fm) noexcept {
  if (r >= 5) {
    if (fm >= 4) return RfmSegment::champions;
    if (fm >= 2) return RfmSegment::potential_loyalists;
    return RfmSegment::new_customers;
  }
  if (r == 4) {
    if (fm >= 4) return RfmSegment::loyal;
    if (fm >= 2) return RfmSegment::potential_loyalists;
    return RfmSegment::promising;
  }
  if (r == 3) {
    if (fm >= 4) return RfmSegment::loyal;
    if (fm == 3) return RfmSegment::need_attention;
    return RfmSegment::about_to_sleep;
  }
  // r = 1 or 2
  if (fm >= 5) return RfmSegment::cant_lose_them;
  if (fm >= 3) return RfmSegment::at_risk;
  return r == 2 ? RfmSegment::hibernating : RfmSegment::lost;
}

std::vector<std::uint8_t> quantile_scores(const std::vector<double>& values) {
  const std::size_t n = values.size();
  std::vector<std::uint8_t> scores(n);
  if (n == 0) return scores;
  // Whole numbers in a small range (recency days, order counts): counting.
  double lo = values[0], hi = values[0];
  bool whole = true;
  for (double v : values) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    whole = whole && std::isfinite(v) && v == std::floor(v);
  }
  if (whole && hi - lo <= 4.0 * static_cast<double>(n) + 1024) {
    std::vector<std::size_t> below(static_cast<std::size_t>(hi - lo) + 2, 0);
    for (double v : values) ++below[static_cast<std::size_t>(v - lo) + 1];
    for (std::size_t k = 1; k < below.size(); ++k) below[k] += below[k - 1];
    for (std::size_t i = 0; i < n; ++i)
      scores[i] = static_cast<std::uint8_t>(1 + (5 * below[static_cast<std::size_t>(values[i] - lo)]) / n);
    return scores;
  }
  // Any numbers: no sort is needed. score >= k + 1 iff below >= m_k =
  // ceil(k n / 5), and below(v) >= m iff v > (the m-th smallest value). So
  // the four order statistics m_1..m_4 (found by successive nth_element,
  // O(n) in all) decide every score.
  std::vector<double> work = values;
  double threshold[4];
  auto from = work.begin();
  for (std::size_t k = 1; k <= 4; ++k) {
    const std::size_t m = (k * n + 4) / 5;  // ceil(k n / 5) >= 1
    const auto nth = work.begin() + static_cast<std::ptrdiff_t>(m - 1);
    if (nth >= from) std::nth_element(from, nth, work.end());
    threshold[k - 1] = *nth;
    from = nth + 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    int s = 1;
    for (double t : threshold) s += values[i] > t;
    scores[i] = static_cast<std::uint8_t>(s);
  }
  return scores;
}

namespace {

constexpr Day kNoDay = 2147483647;
constexpr std::uint32_t kNoPeriod = 0xFFFFFFFFu;
// Cap of the period table (100 years of months): the cohort matrix is P x P.
constexpr std::size_t kMaxPeriods = 1200;

void check_options(const AnalyticsOptions& o) {
  if (o.inactivity_days < 1) throw Error("out_of_range", "inactivity_days must be at least 1", "inactivity_days");
  if (!(o.confidence_level > 0 && o.confidence_level < 1))
    throw Error("out_of_range", "confidence_level must be between 0 and 1", "confidence_level");
}

void check_table(const OrderLines& t) {
  const std::size_t n = t.size();
  if (t.day.size() != n || t.amount.size() != n || t.kind.size() != n || t.order.size() != n)
    throw Error("invalid_table", "order line columns differ in length", "lines");
  if (!t.margin.empty() && t.margin.size() != n)
    throw Error("invalid_table", "margin column differs in length", "margin");
  if (!t.contacts.empty() && t.contacts.size() != n)
    throw Error("invalid_table", "contacts column differs in length", "contacts");
}

// Whether a product or channel column is mapped and holds a code for every line.
bool covers_lines(const std::optional<CategoryColumn>& column, std::size_t lines) {
  return column.has_value() && column->code.size() == lines;
}

// The observation window and the sizes of the id spaces, from one pass over a
// non-empty table; fills the report's DataRange on the way. Lines after the
// reference date are counted and left out of everything else.
struct Window {
  Day first = 0;              // first day of a line on or before ref (ref when there is none)
  Day ref = 0;                // reference date: the last observed day
  std::size_t customers = 0;  // customer codes: max code + 1, at least the number of ids
  std::size_t orders = 0;     // order codes, likewise
  bool any = false;           // some line lies on or before ref
};

Window scan_window(const OrderLines& t, const AnalyticsOptions& o, DataRange& range) {
  const std::size_t n = t.size();
  // Without a reference date it is the last day: no line lies after it.
  const Day limit = o.reference_date.value_or(std::numeric_limits<Day>::max());
  Window w;
  w.customers = t.customer_ids.size();
  w.orders = t.order_ids.size();
  Day last = std::numeric_limits<Day>::min(), first = std::numeric_limits<Day>::max();
  for (std::size_t i = 0; i < n; ++i) {
    const Day d = t.day[i];
    last = std::max(last, d);
    w.customers = std::max<std::size_t>(w.customers, std::size_t{t.customer[i]} + 1);
    w.orders = std::max<std::size_t>(w.orders, std::size_t{t.order[i]} + 1);
    if (d > limit) {
      ++range.lines_after_reference;
      continue;
    }
    first = std::min(first, d);
    if (t.kind[i] == LineKind::purchase) {
      ++range.purchase_lines;
      range.purchase_revenue += t.amount[i];
    } else {
      ++range.cancellation_lines;
      range.cancelled_revenue += t.amount[i];
    }
  }
  w.ref = o.reference_date.value_or(last);
  w.any = range.lines_after_reference < static_cast<std::int64_t>(n);
  w.first = w.any ? first : w.ref;
  range.first_day = w.first;
  range.last_day = last;
  range.reference_date = w.ref;
  return w;
}

// The calendar periods from the one holding the first day to the one holding
// the reference date, numbered from 0, and the period of every day between
// (a table, so a line's period is one lookup).
class PeriodIndex {
 public:
  PeriodIndex(PeriodUnit unit, Day first, Day ref)
      : unit_(unit), first_(first), key0_(detail::period_key(unit, civil_from_days(first))) {
    const std::int32_t key_last = detail::period_key(unit, civil_from_days(ref));
    periods_ = static_cast<std::size_t>(key_last - key0_ + 1);
    if (periods_ > kMaxPeriods)
      throw Error("too_many_periods",
                  "the data spans " + std::to_string(periods_) + " periods, more than " +
                      std::to_string(kMaxPeriods) + "; check the dates or choose a longer period",
                  "period");
    period_of_day_.resize(static_cast<std::size_t>(ref - first + 1));
    std::uint32_t p = 0;
    Day next_start = start(1);
    for (std::size_t d = 0; d < period_of_day_.size(); ++d) {
      while (first + static_cast<Day>(d) >= next_start) next_start = start(++p + 1);
      period_of_day_[d] = p;
    }
  }

  std::size_t size() const noexcept { return periods_; }
  // Period of a day from the first day to the reference date.
  std::uint32_t operator()(Day day) const noexcept { return period_of_day_[static_cast<std::size_t>(day - first_)]; }
  // First day of period p; start(size()) is the day after the last period.
  Day start(std::size_t p) const { return detail::period_key_start(unit_, key0_ + static_cast<std::int32_t>(p)); }

 private:
  PeriodUnit unit_;
  Day first_;
  std::int32_t key0_;
  std::size_t periods_ = 0;
  std::vector<std::uint32_t> period_of_day_;
};

// Labels, calendar bounds and the incomplete flags of the period table.
void fill_period_frame(PeriodTable& pt, const PeriodIndex& periods, PeriodUnit unit, const Window& w) {
  const std::size_t P = periods.size();
  pt.label.resize(P);
  pt.start.resize(P);
  pt.end.resize(P);
  pt.incomplete.assign(P, 0);
  for (std::size_t p = 0; p < P; ++p) {
    pt.start[p] = periods.start(p);
    pt.end[p] = periods.start(p + 1) - 1;
    pt.label[p] = period_label(unit, pt.start[p]);
  }
  if (w.first > pt.start[0]) pt.incomplete[0] = 1;
  if (w.ref < pt.end[P - 1]) pt.incomplete[P - 1] = 1;
}

// What the line pass adds up per period, and per cohort cell: cohort c (the
// period of the first purchase), k periods later, at index c * P + k.
struct PeriodSums {
  PeriodSums(std::size_t periods, bool with_margin)
      : new_customers(periods), reactivated(periods), lost(periods), active(periods), orders(periods),
        revenue(periods), new_revenue(periods), margin(with_margin ? periods : 0),
        new_margin(with_margin ? periods : 0), cohort_size(periods), cohort_active(periods * periods),
        cohort_revenue(periods * periods) {}
  std::vector<std::int64_t> new_customers, reactivated, lost, active, orders;
  std::vector<double> revenue, new_revenue, margin, new_margin;
  std::vector<std::int64_t> cohort_size, cohort_active;
  std::vector<double> cohort_revenue;
};

// Running state of one customer while the lines stream by in day order. 32
// bytes, aligned: one cache line holds two whole states, and a line's work
// touches one cache line of them (add_up_lines).
struct alignas(32) CustomerState {
  Day first_day = kNoDay;  // first purchase day (from the first pass)
  Day prev = kNoDay;       // last purchase day so far
  std::uint32_t cohort = 0;
  std::uint32_t last_active = kNoPeriod;
  double revenue = 0;
  std::uint32_t orders = 0;  // fewer than 2^32: lines are numbered in 32 bits
  std::uint32_t first_line = 0;
};
static_assert(sizeof(CustomerState) == 32, "two states to a cache line");

// With a product column: the first purchase's product, and whether another
// product followed (a cross-sell customer). Apart from CustomerState, which
// it would make larger than 32 bytes.
struct ProductState {
  std::uint32_t first = 0;
  bool multi = false;
};

struct FirstPurchases {
  std::vector<CustomerState> customers;  // first_day and cohort set
  // Every customer's lines are in day order in the input (date-sorted exports,
  // files sorted by customer then date): the line pass can go in input order.
  bool chronological = true;
};

// Pass 1 (input order): each customer's first purchase day and cohort; counts
// the cohort sizes.
FirstPurchases first_purchases(const OrderLines& t, const Window& w, const PeriodIndex& periods, PeriodSums& sums) {
  // A compact array of its own (8 bytes per customer), so it stays in cache.
  struct Seen {
    Day first_purchase = kNoDay;
    Day last_seen = -2147483647;  // last day of any line so far, in input order
  };
  std::vector<Seen> seen(w.customers);
  FirstPurchases out;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const Day d = t.day[i];
    if (d > w.ref) continue;
    Seen& c = seen[t.customer[i]];
    if (d < c.last_seen) out.chronological = false;
    c.last_seen = d;
    if (t.kind[i] == LineKind::purchase && d < c.first_purchase) c.first_purchase = d;
  }
  out.customers.resize(w.customers);
  for (std::size_t ci = 0; ci < w.customers; ++ci) {
    CustomerState& c = out.customers[ci];
    c.first_day = seen[ci].first_purchase;
    if (c.first_day == kNoDay) continue;
    c.cohort = periods(c.first_day);
    ++sums.cohort_size[c.cohort];
  }
  return out;
}

// Line indices with day <= reference in day order (input order within a day),
// by one counting sort.
std::vector<std::uint32_t> lines_in_day_order(const OrderLines& t, Day first, Day ref) {
  const std::size_t n = t.size();
  const auto days = static_cast<std::size_t>(ref - first + 1);
  std::vector<std::uint32_t> count(days + 1, 0);
  std::size_t used = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (t.day[i] <= ref) {
      ++count[static_cast<std::size_t>(t.day[i] - first) + 1];
      ++used;
    }
  for (std::size_t d = 1; d <= days; ++d) count[d] += count[d - 1];
  std::vector<std::uint32_t> by_day(used);
  for (std::size_t i = 0; i < n; ++i)
    if (t.day[i] <= ref) by_day[count[static_cast<std::size_t>(t.day[i] - first)]++] = static_cast<std::uint32_t>(i);
  return by_day;
}

// Per channel label: 1 when it is a referral (contains one of the patterns,
// ignoring ASCII case). The matched labels are listed in the report.
std::vector<std::uint8_t> referral_flags(const CategoryColumn& channel, const AnalyticsOptions& o,
                                         std::vector<std::string>& matched) {
  std::vector<std::uint8_t> flags;
  for (const std::string& label : channel.labels) {
    const std::string low = detail::lower_ascii(label);
    bool match = false;
    for (const std::string& pat : o.referral_patterns)
      if (!pat.empty() && low.find(detail::lower_ascii(pat)) != std::string::npos) match = true;
    flags.push_back(match ? 1 : 0);
    if (match) matched.push_back(label);
  }
  return flags;
}

struct LineTotals {
  std::vector<std::int32_t> gaps;  // days between consecutive purchase days of a customer
  double contacts = 0;
  std::vector<ProductState> products;  // per customer, with a product column
};

// Pass 2 (day order): revenue, new and returning customers, reactivations and
// losses between purchases, active customers, orders and the cohort cells,
// one line at a time. `by_day` lists the lines in day order; empty = the
// input order already is (then lines after the reference date are skipped here).
LineTotals add_up_lines(const OrderLines& t, const std::vector<std::uint32_t>& by_day, const Window& w,
                        std::int32_t inactivity_days, const PeriodIndex& periods, std::vector<CustomerState>& st,
                        PeriodSums& s) {
  const std::size_t P = periods.size();
  const bool has_margin = t.has_margin();
  const bool has_contacts = t.has_contacts();
  const bool has_product = covers_lines(t.product, t.size());
  std::vector<std::uint32_t> order_counted(w.orders, 0);  // customer + 1 that counted the order
  LineTotals out;
  out.gaps.reserve(w.customers);
  if (has_product) out.products.resize(w.customers);
  const std::size_t used = by_day.empty() ? t.size() : by_day.size();
  // The customers' states (32 bytes each: 8 MB for 250,000 customers)
  // outgrow the caches, and each line would wait for its customer's. So the
  // lines go in blocks: a first loop copies the block's customers' first days
  // and cohorts (fixed in this pass) into a small array, loads that do not
  // wait for one another, so the processor overlaps their cache misses; the
  // line loop then finds the states in cache.
  constexpr std::size_t kBlock = 64;
  struct Fixed {
    Day first_day;
    std::uint32_t cohort;
  };
  Fixed fixed[kBlock];
  auto line_at = [&](std::size_t k) { return by_day.empty() ? static_cast<std::uint32_t>(k) : by_day[k]; };
  for (std::size_t k0 = 0; k0 < used; k0 += kBlock) {
    const std::size_t n = std::min(kBlock, used - k0);
    for (std::size_t j = 0; j < n; ++j) {
      const CustomerState& c = st[t.customer[line_at(k0 + j)]];
      fixed[j] = {c.first_day, c.cohort};
    }
    for (std::size_t j = 0; j < n; ++j) {
      const std::uint32_t i = line_at(k0 + j);
      const Day d = t.day[i];
      if (d > w.ref) continue;  // only when streaming in input order
      const std::uint32_t ci = t.customer[i];
      CustomerState& c = st[ci];
      const std::uint32_t p = periods(d);
      const double a = t.amount[i];
      const Day first_day = fixed[j].first_day;
      const std::uint32_t cohort = fixed[j].cohort;
      const bool buyer = first_day != kNoDay;
      s.revenue[p] += a;
      c.revenue += a;
      const bool is_new = buyer && p == cohort;
      if (is_new) s.new_revenue[p] += a;
      if (has_margin) {
        s.margin[p] += t.margin[i];
        if (is_new) s.new_margin[p] += t.margin[i];
      }
      if (has_contacts) out.contacts += t.contacts[i];
      if (buyer && p >= cohort) s.cohort_revenue[cohort * P + (p - cohort)] += a;
      if (t.kind[i] != LineKind::purchase) continue;

      if (c.prev == kNoDay) {  // first purchase line
        ++s.new_customers[p];
        c.prev = d;
        c.first_line = i;
        if (has_product) out.products[ci].first = t.product->code[i];
      } else {
        if (d != c.prev) {
          const std::int32_t gap = d - c.prev;
          out.gaps.push_back(gap);
          if (gap > inactivity_days) {
            ++s.lost[periods(c.prev + inactivity_days)];
            ++s.reactivated[p];
          }
          c.prev = d;
        }
        if (has_product && t.product->code[i] != out.products[ci].first) out.products[ci].multi = true;
      }
      if (p != c.last_active) {
        ++s.active[p];
        ++s.cohort_active[cohort * P + (p - cohort)];
        c.last_active = p;
      }
      const std::uint32_t ord = t.order[i];
      if (order_counted[ord] != ci + 1) {
        order_counted[ord] = ci + 1;
        ++s.orders[p];
        ++c.orders;
      }
    }
  }
  return out;
}

struct CustomerSummary {
  std::uint32_t customer;
  std::uint32_t first_line;  // first purchase line (day order)
  Day first_day;
  Day last_day;  // last purchase day
  std::int64_t orders;
  double revenue;  // net, all lines <= reference
};

// One summary per customer with a purchase, in customer order. Counts the
// losses still to come by the reference date, the cross-sell customers and,
// with a channel column, the new and the referred customers.
std::vector<CustomerSummary> summarize_customers(const OrderLines& t, const std::vector<CustomerState>& st,
                                                 const Window& w, std::int32_t inactivity_days,
                                                 const PeriodIndex& periods, const std::vector<std::uint8_t>& referral,
                                                 const std::vector<ProductState>& products, PeriodSums& s,
                                                 RepeatBehaviour& rb) {
  std::vector<CustomerSummary> cs;
  cs.reserve(st.size());
  for (std::uint32_t ci = 0; ci < st.size(); ++ci) {
    const CustomerState& c = st[ci];
    if (c.first_day == kNoDay) continue;
    if (c.prev + inactivity_days <= w.ref) ++s.lost[periods(c.prev + inactivity_days)];
    if (!products.empty() && products[ci].multi) ++rb.multi_product_customers;
    if (rb.has_channel) {
      ++rb.new_customers;
      if (referral[t.channel->code[c.first_line]]) ++rb.referred_customers;
    }
    cs.push_back(CustomerSummary{ci, c.first_line, c.first_day, c.prev, c.orders, c.revenue});
  }
  return cs;
}

// Customers at the start and end of each period, CRR, churn and the per-period
// ratios, from the sums (moved into the table).
void fill_period_table(PeriodTable& pt, PeriodSums& s) {
  const std::size_t P = s.revenue.size();
  pt.customers_start.resize(P);
  pt.customers_end.resize(P);
  pt.crr.resize(P);
  pt.churn.resize(P);
  std::int64_t existing = 0;
  for (std::size_t p = 0; p < P; ++p) {
    pt.customers_start[p] = existing;
    existing = existing + s.new_customers[p] + s.reactivated[p] - s.lost[p];
    pt.customers_end[p] = existing;
    const auto S = static_cast<double>(pt.customers_start[p]);
    pt.crr[p] = detail::ratio(static_cast<double>(existing - s.new_customers[p] - s.reactivated[p]), S);
    if (pt.crr[p]) pt.churn[p] = 1.0 - *pt.crr[p];
  }
  pt.returning_revenue.resize(P);
  pt.orders_per_customer.resize(P);
  pt.average_order_value.resize(P);
  pt.revenue_per_customer.resize(P);
  for (std::size_t p = 0; p < P; ++p) {
    const auto orders = static_cast<double>(s.orders[p]), active = static_cast<double>(s.active[p]);
    pt.returning_revenue[p] = s.revenue[p] - s.new_revenue[p];
    pt.orders_per_customer[p] = detail::ratio(orders, active);
    pt.average_order_value[p] = detail::ratio(s.revenue[p], orders);
    pt.revenue_per_customer[p] = detail::ratio(s.revenue[p], active);
  }
  if (!s.margin.empty()) {
    pt.returning_margin.resize(P);
    for (std::size_t p = 0; p < P; ++p) pt.returning_margin[p] = s.margin[p] - s.new_margin[p];
    pt.margin = std::move(s.margin);
    pt.new_margin = std::move(s.new_margin);
  }
  pt.new_customers = std::move(s.new_customers);
  pt.reactivated = std::move(s.reactivated);
  pt.lost = std::move(s.lost);
  pt.active = std::move(s.active);
  pt.orders = std::move(s.orders);
  pt.revenue = std::move(s.revenue);
  pt.new_revenue = std::move(s.new_revenue);
}

// Cohort rows from the cohort cells; cells after the last period stay nullopt.
void fill_cohort_matrix(CohortMatrix& cm, const std::vector<std::string>& labels, const PeriodSums& s) {
  const std::size_t P = labels.size();
  cm.cohort = labels;
  cm.size = s.cohort_size;
  cm.active.assign(P, std::vector<std::optional<std::int64_t>>(P));
  cm.retention.assign(P, std::vector<std::optional<double>>(P));
  cm.revenue.assign(P, std::vector<std::optional<double>>(P));
  cm.revenue_retention.assign(P, std::vector<std::optional<double>>(P));
  for (std::size_t c = 0; c < P; ++c) {
    const double r0 = s.cohort_revenue[c * P];
    for (std::size_t k = 0; c + k < P; ++k) {
      const std::int64_t a = s.cohort_active[c * P + k];
      const double r = s.cohort_revenue[c * P + k];
      cm.active[c][k] = a;
      cm.retention[c][k] = detail::ratio(static_cast<double>(a), static_cast<double>(s.cohort_size[c]));
      cm.revenue[c][k] = r;
      cm.revenue_retention[c][k] = r0 > 0 ? detail::ratio(r, r0) : std::nullopt;
    }
  }
}

// Median of the gaps (mean of the two middle ones for an even count); reorders them.
std::optional<double> median_gap(std::vector<std::int32_t>& gaps) {
  if (gaps.empty()) return std::nullopt;
  const std::size_t mid = gaps.size() / 2;
  std::nth_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(mid), gaps.end());
  double med = gaps[mid];
  if (gaps.size() % 2 == 0) {
    const std::int32_t lower = *std::max_element(gaps.begin(), gaps.begin() + static_cast<std::ptrdiff_t>(mid));
    med = (med + lower) / 2.0;
  }
  return med;
}

// The ratios of the repeat behaviour over the whole observation.
void fill_repeat_behaviour(RepeatBehaviour& rb, const std::vector<CustomerSummary>& cs,
                           const std::vector<double>& period_revenue, LineTotals& totals) {
  rb.customers = static_cast<std::int64_t>(cs.size());
  for (const auto& s : cs) {
    rb.orders += s.orders;
    if (s.orders >= 2) ++rb.repeat_customers;
  }
  for (double r : period_revenue) rb.revenue += r;
  const auto ncust = static_cast<double>(rb.customers);
  rb.repeat_purchase_rate = detail::ratio(static_cast<double>(rb.repeat_customers), ncust);
  rb.orders_per_customer = detail::ratio(static_cast<double>(rb.orders), ncust);
  rb.average_order_value = detail::ratio(rb.revenue, static_cast<double>(rb.orders));
  rb.revenue_per_customer = detail::ratio(rb.revenue, ncust);
  rb.purchase_gaps = static_cast<std::int64_t>(totals.gaps.size());
  rb.median_days_between_orders = median_gap(totals.gaps);
  if (rb.has_contacts) {
    rb.contacts = totals.contacts;
    rb.contact_density = detail::ratio(totals.contacts, ncust);
  }
  if (rb.has_product) rb.cross_sell_rate = detail::ratio(static_cast<double>(rb.multi_product_customers), ncust);
  if (rb.has_channel)
    rb.referral_share = detail::ratio(static_cast<double>(rb.referred_customers), static_cast<double>(rb.new_customers));
}

// Resolves the categorical columns of the segment breakdowns.
std::vector<const CategoryColumn*> segment_columns_of(const OrderLines& t, const AnalyticsOptions& o) {
  std::vector<const CategoryColumn*> out;
  if (!o.segment_columns) {
    for (const auto& c : t.segments) out.push_back(&c);
    if (t.channel) out.push_back(&*t.channel);
    return out;
  }
  for (const std::string& name : *o.segment_columns) {
    const CategoryColumn* found = nullptr;
    for (const auto& c : t.segments)
      if (c.name == name) found = &c;
    if (!found && t.channel && t.channel->name == name) found = &*t.channel;
    if (!found && t.product && t.product->name == name) found = &*t.product;
    if (!found) throw Error("unknown_column", "segment column not found: " + name, "segments");
    out.push_back(found);
  }
  return out;
}

// One column's breakdown: each customer in the group of their first purchase line.
SegmentBreakdown segment_breakdown(const CategoryColumn& col, std::size_t lines, const std::vector<CustomerSummary>& cs,
                                   std::int32_t inactivity_days, Day ref) {
  SegmentBreakdown sb;
  sb.column = col.name;
  sb.label = col.labels;
  const std::size_t L = col.labels.size();
  sb.customers.assign(L, 0);
  sb.existing.assign(L, 0);
  sb.lost.assign(L, 0);
  sb.repeat_customers.assign(L, 0);
  sb.orders.assign(L, 0);
  sb.revenue.assign(L, 0);
  if (col.code.size() == lines) {
    for (const auto& s : cs) {
      const std::uint32_t g = col.code[s.first_line];
      if (g >= L) continue;
      ++sb.customers[g];
      if (s.last_day + inactivity_days > ref) ++sb.existing[g];
      else ++sb.lost[g];
      if (s.orders >= 2) ++sb.repeat_customers[g];
      sb.orders[g] += s.orders;
      sb.revenue[g] += s.revenue;
    }
  }
  for (std::size_t g = 0; g < L; ++g) {
    const auto size = static_cast<double>(sb.customers[g]);
    sb.retention.push_back(detail::ratio(static_cast<double>(sb.existing[g]), size));
    sb.churn.push_back(detail::ratio(static_cast<double>(sb.lost[g]), size));
    sb.repeat_purchase_rate.push_back(detail::ratio(static_cast<double>(sb.repeat_customers[g]), size));
    sb.orders_per_customer.push_back(detail::ratio(static_cast<double>(sb.orders[g]), size));
    sb.revenue_per_customer.push_back(detail::ratio(sb.revenue[g], size));
  }
  return sb;
}

// Recency, frequency, monetary, their quantile scores and the named segment
// of each customer; customers and revenue per segment.
void fill_rfm(RfmTable& rt, const std::vector<CustomerSummary>& cs, Day ref, RfmMonetary monetary) {
  rt.reference_date = ref;
  const std::size_t m = cs.size();
  rt.customer.resize(m);
  rt.recency.resize(m);
  rt.frequency.resize(m);
  rt.monetary.resize(m);
  std::vector<double> neg_recency(m), freq(m);
  for (std::size_t k = 0; k < m; ++k) {
    const auto& s = cs[k];
    rt.customer[k] = s.customer;
    rt.recency[k] = ref - s.last_day;
    rt.frequency[k] = s.orders;
    rt.monetary[k] = monetary == RfmMonetary::average && s.orders > 0 ? s.revenue / static_cast<double>(s.orders)
                                                                       : s.revenue;
    neg_recency[k] = -static_cast<double>(rt.recency[k]);
    freq[k] = static_cast<double>(s.orders);
  }
  rt.r = quantile_scores(neg_recency);
  rt.f = quantile_scores(freq);
  rt.m = quantile_scores(rt.monetary);
  rt.segment.resize(m);
  rt.segment_customers.assign(kRfmSegmentCount, 0);
  rt.segment_revenue.assign(kRfmSegmentCount, 0);
  for (std::size_t k = 0; k < m; ++k) {
    const RfmSegment seg = rfm_segment_of(rt.r[k], (rt.f[k] + rt.m[k] + 1) / 2);
    rt.segment[k] = seg;
    ++rt.segment_customers[static_cast<std::size_t>(seg)];
    rt.segment_revenue[static_cast<std::size_t>(seg)] += cs[k].revenue;
  }
}

}  // namespace

OrdersReport analyze_order_lines(const OrderLines& t, const AnalyticsOptions& o) {
  check_options(o);
  check_table(t);
  OrdersReport rep;
  rep.range.lines = static_cast<std::int64_t>(t.size());
  if (t.size() == 0) return rep;

  const Window w = scan_window(t, o, rep.range);
  if (rep.range.lines_after_reference > 0)
    rep.warnings.push_back({"after_reference", "lines after the reference date are ignored"});
  if (!w.any) return rep;
  const std::int32_t W = o.inactivity_days;
  if (W < detail::period_days_max(o.period))
    rep.warnings.push_back({"window_shorter_than_period", "inactivity window shorter than a period: customers can be new and lost in one period"});
  // A customer is lost on the day W days after a purchase; the first such day is first + W.
  if (w.ref - w.first < W)
    rep.warnings.push_back({"window_longer_than_data",
                            "the data span " + std::to_string(w.ref - w.first + 1) + " days, not more than the inactivity window of " +
                                std::to_string(W) + " days: no customer can be lost yet, so churn is 0; choose a shorter window"});

  const PeriodIndex periods(o.period, w.first, w.ref);
  fill_period_frame(rep.periods, periods, o.period, w);
  PeriodSums sums(periods.size(), t.has_margin());
  FirstPurchases fp = first_purchases(t, w, periods, sums);

  RepeatBehaviour& rb = rep.repeat;
  rb.has_contacts = t.has_contacts();
  rb.has_product = covers_lines(t.product, t.size());
  rb.has_channel = covers_lines(t.channel, t.size());
  const std::vector<std::uint8_t> referral =
      rb.has_channel ? referral_flags(*t.channel, o, rb.referral_labels) : std::vector<std::uint8_t>{};

  const std::vector<std::uint32_t> by_day =
      fp.chronological ? std::vector<std::uint32_t>{} : lines_in_day_order(t, w.first, w.ref);
  LineTotals totals = add_up_lines(t, by_day, w, W, periods, fp.customers, sums);
  const std::vector<CustomerSummary> cs =
      summarize_customers(t, fp.customers, w, W, periods, referral, totals.products, sums, rb);
  fp.customers = std::vector<CustomerState>();

  fill_period_table(rep.periods, sums);
  fill_cohort_matrix(rep.cohorts, rep.periods.label, sums);
  fill_repeat_behaviour(rb, cs, rep.periods.revenue, totals);
  for (const CategoryColumn* col : segment_columns_of(t, o))
    rep.segments.push_back(segment_breakdown(*col, t.size(), cs, W, w.ref));
  fill_rfm(rep.rfm, cs, w.ref, o.rfm_monetary);
  return rep;
}

std::string rfm_csv(const OrderLines& lines, const RfmTable& rfm, std::optional<RfmSegment> only) {
  std::string out = "customer_id,recency_days,frequency,monetary,r,f,m,segment\n";
  auto quote = [](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char ch : s) {
      if (ch == '"') q += '"';
      q += ch;
    }
    return q + "\"";
  };
  char buf[64];
  for (std::size_t k = 0; k < rfm.customer.size(); ++k) {
    if (only && rfm.segment[k] != *only) continue;
    const std::uint32_t c = rfm.customer[k];
    out += quote(c < lines.customer_ids.size() ? std::string(lines.customer_ids[c]) : std::to_string(c));
    std::snprintf(buf, sizeof buf, ",%d,%lld,%.2f,%d,%d,%d,", rfm.recency[k], static_cast<long long>(rfm.frequency[k]),
                  rfm.monetary[k], rfm.r[k], rfm.f[k], rfm.m[k]);
    out += buf;
    out += quote(rfm_segment_name(rfm.segment[k]));
    out += '\n';
  }
  return out;
}

}  // namespace kpikit
