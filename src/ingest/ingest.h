#pragma once
// Ingestion: any customer or order table in, OrderLines or CustomerList out.
//
// An IngestSession takes the raw bytes of a CSV/TSV/whitespace file in chunks
// of any size (a chunk may end inside a line, a quoted field or a multi-byte
// character). It collects the first sample_bytes (64 KB) and decides from
// them, in this order: encoding, binary check, dialect, header, column types,
// decimal style, column mapping, mode (orders or customer list). Every
// decision can be overridden through IngestOptions and is reported with its
// reason. Then all rows (the sample first) are streamed into columns; only
// the current record and the columnar result are kept in memory.
//
// Row accounting: every data record is one row read; it is either used or
// skipped with one reason code, and used + sum(skipped) == read always.
// Problems in the data never throw: they are counted (exactly) and recorded
// as IngestIssue {code, message, row, column} (the first max_issues kept).
// Fatal problems throw kpikit::Error: "empty_input", "binary_data",
// "no_customer_column", "no_date_column", "no_amount_column",
// "no_churn_column", "no_header_column" (an override names a missing column),
// "session_finished".
//
// Example:
//   IngestSession s(IngestOptions{});
//   s.feed(chunk1, n1); s.feed(chunk2, n2);
//   IngestResult r = s.finish();
//   r.orders.size();  r.accounting.rows_read;
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.h"
#include "data/order_lines.h"
#include "ingest/csv_reader.h"
#include "ingest/values.h"

namespace kpikit {

enum class HeaderMode : std::uint8_t { auto_detect, present, absent };

// orders: an order history (one row per order or order line);
// customers: a customer list (one row per customer: tenure or start/end date, churn flag);
// table: detection and row counting only (nothing mapped or stored; every row
// counts as used) - for inspecting any table, and the fallback of
// IngestOptions::fallback_to_table.
enum class IngestMode : std::uint8_t { auto_detect, orders, customers, table };

// What a column means for the analyses.
enum class Role : std::uint8_t {
  none, customer, order, date, amount, quantity, unit_price, product, channel, segment, cost, margin,
  tenure, churn, monthly_revenue, start_date, end_date, status
};

// Stable snake_case names: "customer", "order", "date", "amount", "quantity",
// "unit_price", "product", "channel", "segment", "cost", "margin", "tenure",
// "churn", "monthly_revenue", "start_date", "end_date", "status", "none".
// status: an order list's order or payment status; rows whose status says the
// order did not happen or was paid back (cancelled, refunded, failed, voided,
// pending payment) are skipped as cancelled_order (docs/ingestion.md).
const char* role_name(Role r) noexcept;
std::optional<Role> role_from_name(std::string_view name) noexcept;

// Type inferred for a column from the sample.
enum class ValueType : std::uint8_t { empty, integer, number, date, flag, text };
const char* value_type_name(ValueType t) noexcept;  // "empty", "integer", "number", "date", "flag", "text"

const char* mode_name(IngestMode m) noexcept;           // "orders", "customers", "table", "auto"
const char* decimal_style_name(DecimalStyle s) noexcept;  // "point", "comma", "auto"
const char* date_order_name(DateOrder o) noexcept;        // "dmy", "mdy", "auto"

// A column chosen by the user: by 0-based index, or by header name when index < 0.
// Both empty (index < 0, name empty) means "map no column to this role".
struct ColumnRef {
  int index = -1;
  std::string name;
};

struct IngestOptions {
  Encoding encoding = Encoding::auto_detect;
  std::string delimiter;             // "" = detect; ",", ";", "\t" or "tab", "|", "whitespace", "none", any one char
  std::optional<char> quote;         // nullopt = detect; '\0' = no quoting
  char escape = '\0';                // escape character in quoted fields, '\0' = none
  char comment = '\0';               // comment line prefix, '\0' = none
  HeaderMode header = HeaderMode::auto_detect;
  DateOrder date_order = DateOrder::auto_detect;
  DecimalStyle decimal = DecimalStyle::auto_detect;
  IngestMode mode = IngestMode::auto_detect;
  std::vector<std::pair<Role, ColumnRef>> mapping;  // overrides of the detected mapping
  bool skip_duplicates = false;      // skip exact repeats of an earlier record (reason "duplicate")
  bool keep_zero_amounts = false;    // use lines with amount 0 (free items, CDNOW $0 rows) instead of skipping them
  bool fallback_to_table = false;    // missing required columns: report mapping_error and read as table instead of throwing
  std::size_t preview_rows = 20;     // data rows kept as text in IngestResult::preview
  std::size_t sample_bytes = 65536;  // bytes looked at before deciding
  std::uint64_t size_hint = 0;       // expected input size in bytes (File.size), 0 = unknown; only reserves memory
  std::size_t max_issues = 1000;     // issue records kept (counts stay exact)
};

// One column as detected and mapped.
// Why a column has its role (or none): a stable code and the values it names
// (header texts, role names, counts), from which column_reason_text makes the
// English sentence and the app its German one. Codes and their sentences:
// docs/ingestion.md (Mapping).
struct ColumnReason {
  std::string code;
  std::vector<std::string> args;
};
std::string column_reason_text(const ColumnReason& why);

struct ColumnInfo {
  std::size_t index = 0;
  std::string name;         // header text, or "column_N" (1-based) without header
  ValueType type = ValueType::empty;
  Role role = Role::none;
  ColumnReason why;         // why this role (or why none)
  std::string reason() const { return column_reason_text(why); }  // the English sentence of why
  std::string format;       // dates: "iso", "dd.mm.yyyy", "dd/mm/yyyy", "mm/dd/yyyy", "a/b/yyyy", "yyyymmdd",
                            // "excel_serial"; numbers: "point"/"comma"
};

// A row-level problem. row: 1-based data row (0 = the file as a whole);
// column: 0-based column index, -1 when the whole row is concerned.
struct IngestIssue {
  std::string code;
  std::string message;  // English, with the value: unreadable date "31.02.2025"
  std::uint64_t row = 0;
  int column = -1;
  std::string value;  // the cell's text (its first 60 bytes, whole characters) when one value is at fault
};

struct RowAccounting {
  std::uint64_t rows_read = 0;  // data records after the header
  std::uint64_t rows_used = 0;
  std::map<std::string, std::uint64_t> skipped;  // reason code -> rows
  std::uint64_t blank_lines = 0;    // not rows: blank lines are ignored
  std::uint64_t preamble_lines = 0; // not rows: lines before the header (titles, notes)

  std::uint64_t skipped_total() const noexcept {
    std::uint64_t n = 0;
    for (const auto& [code, count] : skipped) n += count;
    return n;
  }
};

struct IngestResult {
  Encoding encoding = Encoding::utf8;
  std::string encoding_reason;
  Dialect dialect;
  bool quotes_seen = false;
  std::string dialect_reason;
  std::string line_break;       // "lf", "crlf", "cr", "mixed" or "none"
  bool header = false;
  std::string header_reason;
  DecimalStyle decimal = DecimalStyle::point;
  std::string decimal_reason;
  DateOrder date_order = DateOrder::auto_detect;  // of the date column(s) read as a/b/yyyy
  IngestMode mode = IngestMode::orders;
  std::string mode_reason;
  std::vector<ColumnInfo> columns;

  std::vector<std::vector<std::string>> preview;  // the first preview_rows data rows as text
  std::optional<Error> mapping_error;  // set when fallback_to_table replaced a fatal mapping error

  OrderLines orders;        // mode == orders
  CustomerList customers;   // mode == customers

  RowAccounting accounting;
  std::vector<IngestIssue> issues;                  // first max_issues records
  std::map<std::string, std::uint64_t> issue_counts;  // exact count per code (skips included)
  std::uint64_t bytes_read = 0;
};

namespace detail {
class SessionImpl;
}

// The streaming reader. feed() any number of chunks, then finish() once.
// feed()/finish() throw kpikit::Error for fatal problems (see top of file).
class IngestSession {
 public:
  explicit IngestSession(IngestOptions options = {});
  ~IngestSession();
  IngestSession(IngestSession&&) noexcept;
  IngestSession& operator=(IngestSession&&) noexcept;
  IngestSession(const IngestSession&) = delete;
  IngestSession& operator=(const IngestSession&) = delete;

  void feed(const std::uint8_t* data, std::size_t size);
  void feed(std::string_view bytes) { feed(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()); }
  IngestResult finish();

  // Data rows read so far (for progress; rows of the sample count once it is decided).
  std::uint64_t rows_read() const noexcept;

 private:
  std::unique_ptr<detail::SessionImpl> impl_;
};

// Reads a whole input held in memory. Example:
//   ingest_bytes("Kundennummer;Datum;Umsatz\n1;23.11.2026;1.234,56\n", {}).orders.amount[0] == 1234.56
IngestResult ingest_bytes(std::string_view bytes, const IngestOptions& options = {});

}  // namespace kpikit
