// The hostile-input catalogue (issue 10): inputs a marketer's file could be,
// each generated here (no committed binaries), fed through ingestion and,
// when it reads, through the analytics report.
//
// Every case asserts: the exact fatal kpikit::Error code, or the documented
// handling (rows used / skipped with which reason, which values came out);
// the row accounting used + sum(skipped) == read; a time bound (kMaxSeconds,
// generous: it catches hangs, not slowness); and that the analytics report
// JSON holds no NaN or infinity anywhere (walked recursively).
// Expected values are written by hand from the input each case generates.
//
// KPIKIT_HOSTILE_PRINT=1 prints one summary line per case (for new cases).
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api/analytics_ops.h"
#include "core/error.h"
#include "data/calendar.h"
#include "ingest/ingest.h"

using namespace kpikit;

namespace {

constexpr double kMaxSeconds = 5.0;

// One catalogue entry. fatal: the expected Error code, or nullptr when the
// input must read; check: the documented handling of a readable input.
struct Case {
  const char* name;
  std::function<std::string()> make;
  const char* fatal;
  std::function<void(const IngestResult&)> check;
  std::function<void(IngestOptions&)> options = nullptr;
};

std::uint64_t skipped(const IngestResult& r, const char* code) {
  const auto it = r.accounting.skipped.find(code);
  return it == r.accounting.skipped.end() ? 0 : it->second;
}

// Rows of "customer,date,amount" lines after the header.
std::string orders_csv(const std::vector<std::string>& rows, const char* header = "customer,date,amount") {
  std::string s = std::string(header) + "\n";
  for (const auto& r : rows) s += r + "\n";
  return s;
}

std::string utf16(const std::string& ascii, bool big_endian, bool bom) {
  std::string s;
  if (bom) s += big_endian ? std::string("\xFE\xFF", 2) : std::string("\xFF\xFE", 2);
  for (char c : ascii) {
    if (big_endian) { s += '\0'; s += c; } else { s += c; s += '\0'; }
  }
  return s;
}

// Deterministic pseudo-random bytes (xorshift), so the junk is the same every run.
std::string junk(std::size_t n, std::uint32_t seed) {
  std::string s(n, '\0');
  std::uint32_t x = seed;
  for (auto& c : s) {
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    c = static_cast<char>(x & 0xFF);
  }
  return s;
}

// True when every number in the JSON is finite (NaN and infinity would be
// written as null by nlohmann::json, so they are looked for before dumping).
bool all_finite(const nlohmann::json& j, std::string& where, const std::string& path = "") {
  if (j.is_number_float()) {
    if (!std::isfinite(j.get<double>())) { where = path; return false; }
    return true;
  }
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it)
      if (!all_finite(it.value(), where, path + "/" + it.key())) return false;
  }
  if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      if (!all_finite(j[i], where, path + "/" + std::to_string(i))) return false;
  }
  return true;
}

std::string summary(const IngestResult& r) {
  std::string s = std::string("mode=") + mode_name(r.mode) + " enc=" + encoding_name(r.encoding) +
                  " delim=" + delimiter_name(r.dialect) + " header=" + (r.header ? "y" : "n") +
                  " cols=" + std::to_string(r.columns.size()) + " read=" + std::to_string(r.accounting.rows_read) +
                  " used=" + std::to_string(r.accounting.rows_used) + " lines=" + std::to_string(r.orders.size()) +
                  " blank=" + std::to_string(r.accounting.blank_lines) + " skipped{";
  for (const auto& [k, v] : r.accounting.skipped) s += k + ":" + std::to_string(v) + " ";
  s += "} ids[";
  for (std::size_t i = 0; i < r.orders.customer_ids.size() && i < 4; ++i) s += std::string(r.orders.customer_ids[i]) + "|";
  s += "] amounts[";
  for (std::size_t i = 0; i < r.orders.amount.size() && i < 4; ++i) s += std::to_string(r.orders.amount[i]) + "|";
  s += "]";
  return s;
}

void run_case(const Case& c) {
  CAPTURE(c.name);
  const bool print = std::getenv("KPIKIT_HOSTILE_PRINT") != nullptr;
  const std::string input = c.make();
  IngestOptions options;
  if (c.options) c.options(options);
  const auto start = std::chrono::steady_clock::now();
  std::string code;
  IngestResult r;
  try {
    r = ingest_bytes(input, options);
  } catch (const Error& e) {
    code = e.code();
  }
  if (print) std::cout << c.name << ": " << (code.empty() ? summary(r) : "ERROR " + code) << "\n";
  if (c.fatal) {
    CHECK(code == c.fatal);
  } else {
    REQUIRE_MESSAGE(code.empty(), "unexpected fatal error " << code);
    CHECK(r.accounting.rows_used + r.accounting.skipped_total() == r.accounting.rows_read);
    if (r.mode == IngestMode::orders) CHECK(r.orders.size() == r.accounting.rows_used);
    if (r.mode == IngestMode::customers) CHECK(r.customers.size() == r.accounting.rows_used);
    if (c.check) c.check(r);
    // The same bytes in 7-byte chunks (splitting lines, quotes and UTF-8/UTF-16
    // characters) give the same accounting (inputs up to 1 MB).
    if (input.size() <= (1u << 20)) {
      IngestSession session(options);
      for (std::size_t i = 0; i < input.size(); i += 7) session.feed(std::string_view(input).substr(i, 7));
      const IngestResult chunked = session.finish();
      CHECK(chunked.accounting.rows_read == r.accounting.rows_read);
      CHECK(chunked.accounting.rows_used == r.accounting.rows_used);
      CHECK(chunked.accounting.skipped == r.accounting.skipped);
      CHECK(chunked.orders.amount == r.orders.amount);
    }
    // The report on whatever was read: a kpikit::Error (e.g. nothing to
    // analyse) is a clear outcome; NaN/Inf in the JSON is a bug.
    nlohmann::json report;
    try {
      if (r.mode == IngestMode::orders) report = api::analyze_orders(r.orders, nlohmann::json::object());
      if (r.mode == IngestMode::customers) report = api::analyze_customers(r.customers, nlohmann::json::object());
    } catch (const Error& e) {
      if (print) std::cout << "  report: ERROR " << e.code() << "\n";
      CHECK(!std::string(e.code()).empty());
    }
    std::string where;
    CHECK_MESSAGE(all_finite(report, where), "non-finite number at " << where);
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < kMaxSeconds);
}

// Sum of the amounts read (used lines only).
double total(const IngestResult& r) {
  double s = 0;
  for (double a : r.orders.amount) s += a;
  return s;
}

const std::vector<Case>& catalogue() {
  static const std::vector<Case> cases = {
    // ---- empty and nearly empty -------------------------------------------------
    {"empty file", [] { return std::string(); }, "empty_input", nullptr},
    {"BOM only", [] { return std::string("\xEF\xBB\xBF"); }, "empty_input", nullptr},
    {"only blank lines", [] { return std::string("\n\n\r\n\n   \n"); }, "empty_input", nullptr},
    {"header only", [] { return std::string("customer,date,amount\n"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_read == 0); CHECK(r.orders.size() == 0); }},
    // ---- not text ----------------------------------------------------------------
    {"binary junk", [] { return junk(4096, 12345); }, "binary_data", nullptr},
    {"truncated xlsx (zip header)", [] { return std::string("PK\x03\x04\x14\x00\x06\x00", 8) + junk(300, 7); },
     "binary_data", nullptr},
    {"legacy xls (OLE header)", [] { return std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + junk(200, 9); },
     "binary_data", nullptr},
    {"pdf", [] { return std::string("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n") + junk(200, 3); }, "binary_data", nullptr},
    {"gzip", [] { return std::string("\x1F\x8B\x08\x00", 4) + junk(200, 5); }, "binary_data", nullptr},
    {"NUL bytes inside a csv", [] {
       std::string s = orders_csv({"1,2024-01-01,5", "2,2024-01-02,6"});
       s += std::string(64, '\0');
       return s;
     }, "binary_data", nullptr},
    // ---- size ----------------------------------------------------------------------
    {"10 MB single line", [] { return std::string(10u << 20, 'x'); }, "no_customer_column", nullptr},
    {"10 MB single line, read as a table", [] { return std::string(10u << 20, 'x'); }, nullptr,
     [](const IngestResult& r) {
       // one record, no column detected (no complete line in the 64 KB sample)
       CHECK(r.mode == IngestMode::table);
       CHECK(r.mapping_error.has_value());
       CHECK(r.accounting.rows_read == 1);
     },
     [](IngestOptions& o) { o.fallback_to_table = true; }},
    {"1,000 columns", [] {
       std::string h = "customer,date,amount", row = "7,2024-03-01,9.5";
       for (int i = 4; i <= 1000; ++i) { h += ",c" + std::to_string(i); row += "," + std::to_string(i); }
       return h + "\n" + row + "\n" + row + "\n";
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.columns.size() == 1000);
       CHECK(r.accounting.rows_used == 2);
       CHECK(total(r) == doctest::Approx(19.0));
     }},
    {"200k tiny rows", [] {
       std::string s = "customer,date,amount\n";
       s.reserve(200000 * 20);
       for (int i = 0; i < 200000; ++i)
         s += std::to_string(i % 5000) + ",2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + ",1\n";
       return s;
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_read == 200000);
       CHECK(r.accounting.rows_used == 200000);
       CHECK(r.orders.customer_ids.size() == 5000);
       CHECK(total(r) == 200000.0);
     }},
    {"very long field (1 MB) in a valid file", [] {
       return orders_csv({"1,2024-01-01,5,short", "2,2024-01-02,6," + std::string(1u << 20, 'n')},
                         "customer,date,amount,note");
     }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    // ---- quoting and structure -------------------------------------------------------
    {"unterminated quote", [] { return orders_csv({"1,2024-01-01,5", "2,2024-01-02,6", "3,\"2024-01-03,7", "4,2024-01-04,8"}); },
     nullptr,
     [](const IngestResult& r) {
       // the reader recovers at the line end: row 3 is skipped (its date
       // cell starts with the quote), row 4 is read normally
       CHECK(r.accounting.rows_read == 4);
       CHECK(r.accounting.rows_used == 3);
       CHECK(skipped(r, "bad_date") == 1);
       CHECK(total(r) == 19.0);
     }},
    {"quotes in unquoted fields", [] { return orders_csv({"1,2024-01-01,5", "2 \"x\",2024-01-02,6", "3,2024-01-03,7\""}); },
     nullptr,
     [](const IngestResult& r) {
       // a quote inside an unquoted field is text; 7" is not a number
       CHECK(r.accounting.rows_used == 2);
       CHECK(skipped(r, "bad_amount") == 1);
       REQUIRE(r.orders.customer_ids.size() == 2);
       CHECK(r.orders.customer_ids[1] == "2 \"x\"");
     }},
    {"ragged rows", [] { return orders_csv({"1,2024-01-01,5", "2,2024-01-02", "3,2024-01-03,7,extra,more", "4", "5,2024-01-05,9"}); },
     nullptr,
     [](const IngestResult& r) {
       // a short row lacks the amount or date; extra fields are ignored
       CHECK(r.accounting.rows_read == 5);
       CHECK(r.accounting.rows_used == 3);
       CHECK(skipped(r, "no_amount") == 1);
       CHECK(skipped(r, "no_date") == 1);
       CHECK(total(r) == 21.0);
     }},
    {"header repeated mid-file", [] { return orders_csv({"1,2024-01-01,5", "customer,date,amount", "2,2024-01-02,6"}); },
     nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_read == 3);
       CHECK(r.accounting.rows_used == 2);
       CHECK(skipped(r, "bad_date") == 1);  // the repeated header's "date"
       CHECK(total(r) == 11.0);
     }},
    {"CR-only line ends", [] { return std::string("customer,date,amount\r1,2024-01-01,5\r2,2024-01-02,6\r"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.line_break == "cr"); CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    {"mixed line ends", [] { return std::string("customer,date,amount\r\n1,2024-01-01,5\n2,2024-01-02,6\r3,2024-01-03,7\r\n"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.line_break == "mixed"); CHECK(r.accounting.rows_used == 3); CHECK(total(r) == 18.0); }},
    {"blank lines between rows", [] { return std::string("customer,date,amount\n\n1,2024-01-01,5\n\n\n2,2024-01-02,6\n\n"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_read == 2); CHECK(r.accounting.rows_used == 2); }},
    {"tab vs semicolon ambiguity", [] {
       return std::string("customer\tdate\tamount\n1\t2024-01-01\t5;5\n2\t2024-01-02\t6;0\n3\t2024-01-03\t7;5\n");
     }, nullptr,
     [](const IngestResult& r) {
       // tab wins (consistent 3 fields); "5;5" is then not a number
       CHECK(r.dialect.delimiter == '\t');
       CHECK(r.columns.size() == 3);
       CHECK(r.accounting.rows_used == 0);
       CHECK(skipped(r, "bad_amount") == 3);
     }},
    {"semicolon file with commas in numbers", [] {
       return std::string("Kunde;Datum;Umsatz\n1;01.02.2024;5,50\n2;02.02.2024;6,25\n3;03.02.2024;1.234,00\n");
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.dialect.delimiter == ';');
       CHECK(r.accounting.rows_used == 3);
       CHECK(total(r) == doctest::Approx(1245.75));
     }},
    {"title lines above the header", [] {
       return std::string("Umsatzbericht November\nErstellt am 23.11.2026\n\ncustomer,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\n");
     }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    // ---- dates -----------------------------------------------------------------------
    {"mixed date formats", [] { return orders_csv({"1,2024-01-05,5", "2,06.01.2024,6", "3,01/07/2024,7", "4,20240108,8", "5,Jan 9 2024,9"}); },
     nullptr,
     [](const IngestResult& r) {
       // iso, dd.mm.yyyy, a/b/yyyy and yyyymmdd are read; "Jan 9 2024" is not
       CHECK(r.accounting.rows_used == 4);
       CHECK(skipped(r, "bad_date") == 1);
       REQUIRE(r.orders.day.size() == 4);
       CHECK(r.orders.day[0] == days_from_civil(2024, 1, 5));
       CHECK(r.orders.day[1] == days_from_civil(2024, 1, 6));
       CHECK(r.orders.day[3] == days_from_civil(2024, 1, 8));
     }},
    {"dates in the future", [] { return orders_csv({"1,2024-01-01,5", "2,2099-12-31,6", "3,9999-12-31,7"}); },
     nullptr,
     [](const IngestResult& r) {
       // read as they are (the report then refuses the 8,000-year range: too_many_periods)
       CHECK(r.accounting.rows_used == 3);
       CHECK(r.orders.day[2] == days_from_civil(9999, 12, 31));
     }},
    {"dates before 1900", [] { return orders_csv({"1,1850-06-01,5", "2,1899-12-31,6", "3,2024-01-01,7", "4,0001-01-01,8"}); },
     nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 4);
       CHECK(r.orders.day[0] == days_from_civil(1850, 6, 1));
       CHECK(r.orders.day[3] == days_from_civil(1, 1, 1));
     }},
    {"impossible calendar dates", [] {
       return orders_csv({"1,2024-02-30,5", "2,2023-02-29,6", "3,2024-13-01,7", "4,2024-02-29,8", "5,2024-03-01,0.5",
                          "6,2024-03-02,0.5", "7,2024-03-03,0.5", "8,2024-03-04,0.5", "9,2024-03-05,0.5"});
     },
     nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 6);
       CHECK(skipped(r, "bad_date") == 3);
       CHECK(total(r) == 10.5);
     }},
    // ---- amounts ---------------------------------------------------------------------
    {"negative amounts", [] { return orders_csv({"1,2024-01-01,5", "1,2024-01-02,-5", "2,2024-01-03,-3.5"}); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 3); CHECK(total(r) == -3.5); }},
    {"zero amounts", [] { return orders_csv({"1,2024-01-01,0", "2,2024-01-02,0.00", "3,2024-01-03,4"}); }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 1);
       CHECK(skipped(r, "zero_amount") == 2);
     }},
    {"huge amounts (1e308)", [] { return orders_csv({"1,2024-01-01,1e308", "2,2024-01-02,1e308", "3,2024-02-03,1.7e308"}); }, nullptr,
     [](const IngestResult& r) {
       // finite values are read as they are; sums overflow in the report, which must not emit inf
       CHECK(r.accounting.rows_used == 3);
       CHECK(r.orders.amount[2] == 1.7e308);
     }},
    {"non-finite amounts (NaN, inf, 1e400)", [] {
       return orders_csv({"1,2024-01-01,NaN", "2,2024-01-02,inf", "3,2024-01-03,-Infinity", "4,2024-01-04,1e400", "5,2024-01-05,5"});
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 1);
       CHECK(skipped(r, "bad_amount") == 4);
       CHECK(total(r) == 5.0);
     }},
    {"thousands separators", [] { return orders_csv({"1,2024-01-01,\"1,234.56\"", "2,2024-01-02,\"2,000.00\"", "3,2024-01-03,3.5"}); },
     nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 3); CHECK(total(r) == doctest::Approx(3238.06)); }},
    {"currency symbols", [] { return orders_csv({"1,2024-01-01,€ 12.50", "2,2024-01-02,$5.00", "3,2024-01-03,7.25 EUR"}); },
     nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 3); CHECK(total(r) == doctest::Approx(24.75)); }},
    {"all rows skipped", [] { return orders_csv({"1,2024-01-01,abc", "2,2024-01-02,", "3,kaputt,5"}); }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_read == 3);
       CHECK(r.accounting.rows_used == 0);
       CHECK(skipped(r, "bad_amount") == 1);
       CHECK(skipped(r, "no_amount") == 1);
       CHECK(skipped(r, "bad_date") == 1);
       CHECK(r.orders.size() == 0);
     }},
    // ---- ids -------------------------------------------------------------------------
    {"duplicate rows kept by default", [] { return orders_csv({"1,2024-01-01,5", "1,2024-01-01,5", "1,2024-01-01,5"}); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 3); CHECK(total(r) == 15.0); }},
    {"duplicate rows skipped on request", [] { return orders_csv({"1,2024-01-01,5", "1,2024-01-01,5", "2,2024-01-01,5", "1,2024-01-01,5"}); },
     nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 2);
       CHECK(skipped(r, "duplicate") == 2);
     },
     [](IngestOptions& o) { o.skip_duplicates = true; }},
    {"Unicode ids", [] { return orders_csv({"Müller,2024-01-01,5", "北京客户,2024-01-02,6", "😀👍,2024-01-03,7"}); }, nullptr,
     [](const IngestResult& r) {
       REQUIRE(r.orders.customer_ids.size() == 3);
       CHECK(r.orders.customer_ids[0] == "Müller");
       CHECK(r.orders.customer_ids[1] == "北京客户");
       CHECK(r.orders.customer_ids[2] == "😀👍");
     }},
    {"right-to-left ids and bidi overrides", [] {
       return orders_csv({"עמית,2024-01-01,5", "عميل,2024-01-02,6", "abc\xE2\x80\xAE" "fed,2024-01-03,7"});
     }, nullptr,
     [](const IngestResult& r) {
       REQUIRE(r.orders.customer_ids.size() == 3);
       CHECK(r.orders.customer_ids[0] == "עמית");
       CHECK(r.orders.customer_ids[1] == "عميل");
       CHECK(r.orders.customer_ids[2] == "abc\xE2\x80\xAE" "fed");  // kept as data; the renderer escapes
     }},
    {"HTML and script in fields", [] {
       return orders_csv({"<script>alert(1)</script>,2024-01-01,5,<img src=x onerror=alert(2)>", "2,2024-01-02,6,<b>bold</b>"},
                         "customer,date,amount,channel");
     }, nullptr,
     [](const IngestResult& r) {
       REQUIRE(r.orders.customer_ids.size() == 2);
       CHECK(r.orders.customer_ids[0] == "<script>alert(1)</script>");  // text, never markup
       CHECK(r.accounting.rows_used == 2);
     }},
    {"formulas in fields", [] {
       return orders_csv({"=HYPERLINK(\"http://x\"),2024-01-01,5", "+1+1,2024-01-02,6", "@SUM(A1),2024-01-03,7", "-2+3,2024-01-04,8"});
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 4);
       REQUIRE(r.orders.customer_ids.size() == 4);
       CHECK(r.orders.customer_ids[0] == "=HYPERLINK(\"http://x\")");
       CHECK(r.orders.customer_ids[2] == "@sum(a1)");  // kept as text; ids with '@' are lowercased like e-mails
     }},
    {"ids as floats (Excel 17850.0)", [] { return orders_csv({"17850.0,2024-01-01,5", "17850,2024-01-02,6", "13047.0,2024-01-03,7"}); },
     nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 3);
       REQUIRE(r.orders.customer_ids.size() == 2);
       CHECK(r.orders.customer_ids[0] == "17850");
       CHECK(r.orders.customer_ids[1] == "13047");
     }},
    {"fractional numbers as ids", [] { return orders_csv({"1.5,2024-01-01,5", "2.25,2024-01-02,6", "2.5,2024-01-03,7"}); },
     "no_customer_column", nullptr},
    {"apostrophe ids", [] { return orders_csv({"'0815,2024-01-01,5", "0815,2024-01-02,6", "'0042,2024-01-03,7"}); }, nullptr,
     [](const IngestResult& r) {
       REQUIRE(r.orders.customer_ids.size() == 2);
       CHECK(r.orders.customer_ids[0] == "0815");
       CHECK(r.orders.customer_ids[1] == "0042");
     }},
    {"empty ids", [] { return orders_csv({"1,2024-01-01,5", ",2024-01-02,6", "  ,2024-01-03,7"}); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 1); CHECK(skipped(r, "no_customer_id") == 2); }},
    // ---- encodings -------------------------------------------------------------------
    {"UTF-16LE without BOM", [] { return utf16("customer,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\n", false, false); }, nullptr,
     [](const IngestResult& r) { CHECK(r.encoding == Encoding::utf16le); CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    {"UTF-16LE with BOM", [] { return utf16("customer,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\n", false, true); }, nullptr,
     [](const IngestResult& r) { CHECK(r.encoding == Encoding::utf16le); CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    {"UTF-16BE with BOM", [] { return utf16("customer,date,amount\n1,2024-01-01,5\n2,2024-01-02,6\n", true, true); }, nullptr,
     [](const IngestResult& r) { CHECK(r.encoding == Encoding::utf16be); CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    {"Windows-1252", [] { return orders_csv({"M\xFCller,2024-01-01,5", "Stra\xDF" "e,2024-01-02,6"}); }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.encoding == Encoding::windows1252);
       REQUIRE(r.orders.customer_ids.size() == 2);
       CHECK(r.orders.customer_ids[0] == "Müller");
       CHECK(r.orders.customer_ids[1] == "Straße");
     }},
    {"UTF-8 with BOM", [] { return "\xEF\xBB\xBF" + orders_csv({"1,2024-01-01,5"}); }, nullptr,
     [](const IngestResult& r) { CHECK(r.columns.at(0).name == "customer"); CHECK(r.accounting.rows_used == 1); }},
    // ---- dialects ------------------------------------------------------------------
    {"Excel serial dates", [] { return orders_csv({"1,45292,5", "2,45293,6", "3,45322,7"}); }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.accounting.rows_used == 3);
       CHECK(r.orders.day[0] == days_from_civil(2024, 1, 1));  // serial 45292 = 2024-01-01 (1900 system)
       CHECK(r.orders.day[2] == days_from_civil(2024, 1, 31));
     }},
    {"whitespace-aligned columns", [] {
       return std::string("00001  19970101   1  11.77\n00002  19970112   1  12.00\n00002  19970112   5  77.00\n");
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.dialect.whitespace);
       CHECK(r.accounting.rows_used == 3);
       CHECK(total(r) == doctest::Approx(100.77));
     }},
    {"pipe delimiter", [] { return std::string("customer|date|amount\n1|2024-01-01|5\n2|2024-01-02|6\n"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.dialect.delimiter == '|'); CHECK(total(r) == 11.0); }},
    {"trailing delimiter on every row", [] { return std::string("customer,date,amount,\n1,2024-01-01,5,\n2,2024-01-02,6,\n"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    {"duplicate header names", [] { return orders_csv({"1,2024-01-01,5,9", "2,2024-01-02,6,9"}, "customer,date,amount,amount"); }, nullptr,
     [](const IngestResult& r) { CHECK(r.accounting.rows_used == 2); CHECK(total(r) == 11.0); }},
    // ---- mapping -------------------------------------------------------------------
    {"no customer column", [] { return orders_csv({"2024-01-01,5", "2024-01-02,6"}, "date,amount"); }, "no_customer_column", nullptr},
    {"customer list with bad tenures and flags", [] {
       return std::string("customer_id,tenure,churn\nA,12,yes\nB,-3,no\nC,NaN,no\nD,5,vielleicht\nE,0,no\nA,4,no\n");
     }, nullptr,
     [](const IngestResult& r) {
       CHECK(r.mode == IngestMode::customers);
       CHECK(r.accounting.rows_used == 2);  // A and E
       CHECK(skipped(r, "bad_tenure") == 2);  // -3, NaN
       CHECK(skipped(r, "bad_churn") == 1);   // "vielleicht"
       CHECK(skipped(r, "duplicate_customer") == 1);
     }},
  };
  return cases;
}

}  // namespace

TEST_CASE("hostile-input catalogue") {
  for (const Case& c : catalogue()) {
    SUBCASE(c.name) { run_case(c); }
  }
}

TEST_CASE("the catalogue has at least 40 cases") { CHECK(catalogue().size() >= 40); }
