#pragma once
// The tables every analysis reads: what ingestion produces.
//
// OrderLines holds one entry per *used* input row of an order history (an order
// line: one product in one order), stored as columns so a million rows cost a
// few flat arrays and no per-row allocation. Customer and order ids are interned
// to dense indices in first-seen order; their original text is kept once:
// customer ids in a StringPool (one buffer, no string object per id), order ids
// in an IdTable (the same, and runs of consecutive order numbers as ranges);
// amounts in an AmountColumn (whole cents in 4 bytes while every amount is one),
// days in a DayColumn (2 bytes while every day lies in 1900..2079).
//
// Conventions (the analyses rely on them, ingestion guarantees them):
//   - day is a calendar day (see calendar.h); no time zones, times are dropped;
//   - amount is the line's revenue in the file's currency: the amount column, or
//     quantity x unit price when only those are mapped;
//   - kind == cancellation marks cancellations and returns (UCI invoice prefix
//     "C", negative quantity); their amount is negative. They reduce revenue and
//     are never counted as purchases;
//   - when no order/invoice column is mapped, all lines of one customer on one
//     day form one order;
//   - margin is empty unless a margin or cost column is mapped (then it is the
//     line's gross margin: revenue - cost, or the margin column as given);
//   - categorical columns (product, channel, segments) store a dense code per
//     line and the distinct labels once.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/amount_column.h"
#include "data/calendar.h"
#include "data/day_column.h"
#include "data/id_table.h"
#include "data/row_numbers.h"
#include "data/string_pool.h"

namespace kpikit {

enum class LineKind : std::uint8_t { purchase = 0, cancellation = 1 };

struct CategoryColumn {
  std::string name;                 // header text of the source column
  std::vector<std::uint32_t> code;  // per line: index into labels
  std::vector<std::string> labels;  // distinct values, first-seen order
};

struct OrderLines {
  std::vector<std::uint32_t> customer;  // per line: index into customer_ids
  std::vector<std::uint32_t> order;     // per line: index into order_ids
  DayColumn day;                        // per line (2 bytes while every day lies in 1900..2079)
  AmountColumn amount;                  // per line; negative for cancellations (whole cents in 4 bytes when exact)
  std::vector<double> margin;           // per line, or empty when not mapped
  std::vector<LineKind> kind;           // per line
  RowNumbers source_row;                 // per line: 1-based data row in the input file (kept as runs)
  // per line: contacts/interactions recorded with the line (a contact column,
  // e.g. number of newsletter clicks or calls); empty when not mapped.
  // Analytics reports contact density = sum / customers. (added by analytics)
  std::vector<double> contacts;

  StringPool customer_ids;  // distinct, first-seen order
  IdTable order_ids;        // distinct, first-seen order; numbered runs kept as ranges

  std::optional<CategoryColumn> product;  // product / category / StockCode
  std::optional<CategoryColumn> channel;  // channel / source (referral share)
  std::vector<CategoryColumn> segments;   // other categorical columns the user may pick

  std::size_t size() const noexcept { return customer.size(); }
  bool has_margin() const noexcept { return !margin.empty(); }
  bool has_contacts() const noexcept { return !contacts.empty(); }
};

// Customer-list mode: one row per customer of a contractual business
// (e.g. the IBM telco churn file). tenure is in the file's unit (months for
// telco); churned says whether the customer has left by the end of the data.
struct CustomerList {
  std::vector<std::string> customer_ids;
  std::vector<double> tenure;           // periods the customer has been (or was) a customer
  std::string tenure_column;            // the tenure column's header, whose unit tenure is in; empty:
                                        // months (30.4375 days) from the start to the end date
  std::vector<std::uint8_t> churned;    // 1 = left, 0 = still a customer (censored)
  std::vector<double> monthly_revenue;  // may be empty when not mapped
  std::vector<CategoryColumn> segments; // categorical columns (contract, payment method, ...)
  std::vector<std::uint32_t> source_row;

  std::size_t size() const noexcept { return customer_ids.size(); }
};

}  // namespace kpikit
