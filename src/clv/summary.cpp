#include "clv/summary.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <tuple>

#include "core/error.h"

namespace kpikit {

double days_per_unit(TimeUnit unit) noexcept {
  switch (unit) {
    case TimeUnit::day: return 1.0;
    case TimeUnit::week: return 7.0;
    case TimeUnit::month: return 365.25 / 12.0;
  }
  return 7.0;
}

const char* time_unit_name(TimeUnit unit) noexcept {
  switch (unit) {
    case TimeUnit::day: return "day";
    case TimeUnit::week: return "week";
    case TimeUnit::month: return "month";
  }
  return "week";
}

std::optional<TimeUnit> parse_time_unit(std::string_view text) noexcept {
  if (text == "day" || text == "days") return TimeUnit::day;
  if (text == "week" || text == "weeks") return TimeUnit::week;
  if (text == "month" || text == "months") return TimeUnit::month;
  return std::nullopt;
}

std::uint64_t CustomerSummary::total_repeat() const noexcept {
  return std::accumulate(frequency.begin(), frequency.end(), std::uint64_t{0});
}

std::uint64_t CustomerSummary::total_holdout() const noexcept {
  return std::accumulate(holdout_frequency.begin(), holdout_frequency.end(), std::uint64_t{0});
}

double WeightedRows::total_weight() const noexcept {
  return std::accumulate(weight.begin(), weight.end(), 0.0);
}

namespace {

struct Transaction {
  std::uint32_t customer;
  Day day;
  double value;
  bool purchase;   // the day has a purchase line
  bool cancelled;  // the day has a cancellation line
};

// A day's net value below this (half a cent) is nothing: the sum of a purchase
// and its cancellation can leave a rounding residue such as 2e-13.
constexpr double kNothing = 0.005;

// The lines of one customer and day merged into a transaction, sorted by
// customer then day: its value is the sum of the day's purchase lines and of
// its cancellation lines (a return on the day of the purchase is netted). A
// day without a purchase line is no transaction, nor is a day whose
// cancellations undo its purchases (net value below half a cent, e.g. UCI
// customer 16446's 80,995 units bought and cancelled on 2011-12-09). Zero-value
// purchases without a cancellation stay transactions (CDNOW's free CDs).
std::vector<Transaction> purchase_transactions(const OrderLines& lines) {
  std::vector<Transaction> tx;
  tx.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const bool purchase = lines.kind[i] == LineKind::purchase;
    tx.push_back({lines.customer[i], lines.day[i], lines.amount[i], purchase, !purchase});
  }
  std::stable_sort(tx.begin(), tx.end(), [](const Transaction& a, const Transaction& b) {
    return a.customer != b.customer ? a.customer < b.customer : a.day < b.day;
  });
  std::size_t out = 0;
  for (std::size_t i = 0; i < tx.size(); ++i) {
    if (out > 0 && tx[out - 1].customer == tx[i].customer && tx[out - 1].day == tx[i].day) {
      Transaction& t = tx[out - 1];
      t.value += tx[i].value;
      t.purchase = t.purchase || tx[i].purchase;
      t.cancelled = t.cancelled || tx[i].cancelled;
    } else {
      tx[out++] = tx[i];
    }
  }
  tx.resize(out);
  const auto undone = [](const Transaction& t) { return !t.purchase || (t.cancelled && t.value < kNothing); };
  tx.erase(std::remove_if(tx.begin(), tx.end(), undone), tx.end());
  return tx;
}

}  // namespace

HistoricalValue historical_value(const OrderLines& lines, std::optional<Day> as_of) {
  HistoricalValue h;
  const std::size_t n = lines.customer_ids.size();
  h.revenue.assign(n, 0.0);
  h.transactions.assign(n, 0);
  if (lines.has_margin()) h.margin.assign(n, 0.0);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (as_of && lines.day[i] > *as_of) continue;
    h.revenue[lines.customer[i]] += lines.amount[i];
    if (lines.has_margin()) h.margin[lines.customer[i]] += lines.margin[i];
  }
  for (const Transaction& t : purchase_transactions(lines))
    if (!as_of || t.day <= *as_of) ++h.transactions[t.customer];
  return h;
}

CustomerSummary summarize_customers(const OrderLines& lines, const SummaryOptions& options) {
  if (options.holdout_end && *options.holdout_end <= options.calibration_end)
    throw Error("invalid_holdout_end", "holdout end must be after the calibration end", "holdout_end");
  CustomerSummary s;
  s.unit = options.unit;
  s.calibration_end = options.calibration_end;
  s.holdout_end = options.holdout_end;
  const double u = days_per_unit(options.unit);
  if (options.holdout_end) s.holdout_length = (*options.holdout_end - options.calibration_end) / u;
  for (LineKind k : lines.kind) s.cancellation_lines += k == LineKind::cancellation;

  const std::vector<Transaction> tx = purchase_transactions(lines);
  const HistoricalValue hist = historical_value(lines, options.calibration_end);
  const Day end = options.holdout_end ? *options.holdout_end : options.calibration_end;

  // Repeat-transaction days of the cohort, for the period counts.
  std::vector<Day> repeat_days;
  std::size_t i = 0;
  while (i < tx.size()) {
    const std::uint32_t c = tx[i].customer;
    std::size_t j = i;
    while (j < tx.size() && tx[j].customer == c) ++j;
    if (tx[i].day > options.calibration_end) {
      ++s.customers_after_calibration;
      i = j;
      continue;
    }
    const Day first = tx[i].day;
    Day last = first;
    std::uint32_t x = 0;
    std::uint32_t holdout = 0;
    double repeat_value = 0;
    for (std::size_t k = i + 1; k < j; ++k) {
      if (tx[k].day <= options.calibration_end) {
        ++x;
        last = tx[k].day;
        repeat_value += tx[k].value;
      } else if (options.holdout_end && tx[k].day <= *options.holdout_end) {
        ++holdout;
      }
      if (tx[k].day <= end) repeat_days.push_back(tx[k].day);
    }
    s.customer.push_back(c);
    s.first_day.push_back(first);
    s.frequency.push_back(x);
    s.recency.push_back((last - first) / u);
    s.age.push_back((options.calibration_end - first) / u);
    s.mean_spend.push_back(x > 0 ? repeat_value / x : 0.0);
    s.first_spend.push_back(tx[i].value);
    s.revenue.push_back(hist.revenue[c]);
    if (lines.has_margin()) s.margin.push_back(hist.margin[c]);
    if (options.holdout_end) s.holdout_frequency.push_back(holdout);
    i = j;
  }

  if (!s.first_day.empty()) {
    s.period_origin = *std::min_element(s.first_day.begin(), s.first_day.end());
    const auto periods = static_cast<std::size_t>(std::floor((end - s.period_origin) / u)) + 1;
    s.period_repeat.assign(periods, 0.0);
    for (Day d : repeat_days) {
      const auto k = static_cast<std::size_t>(std::floor((d - s.period_origin) / u));
      if (k < periods) s.period_repeat[k] += 1.0;
    }
  }
  return s;
}

WeightedRows compress_rows(const std::vector<std::uint32_t>& x, const std::vector<double>& t_x,
                           const std::vector<double>& T) {
  const std::size_t n = x.size();
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto key = [&](std::uint32_t i) { return std::make_tuple(x[i], t_x[i], T[i]); };
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return key(a) < key(b); });
  WeightedRows w;
  w.row_of.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t i = order[k];
    if (k == 0 || key(order[k - 1]) != key(i)) {
      w.x.push_back(x[i]);
      w.t_x.push_back(t_x[i]);
      w.T.push_back(T[i]);
      w.weight.push_back(0.0);
    }
    w.weight.back() += 1.0;
    w.row_of[i] = static_cast<std::uint32_t>(w.x.size() - 1);
  }
  return w;
}

}  // namespace kpikit
