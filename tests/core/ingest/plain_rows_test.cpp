// The reader's path for plain order lines (ingest.cpp, read_lines) against
// the row-by-row path: random order files with every kind of row the line
// path must leave to on_record, read with the rest of the file in one piece
// (the tokenizer offers whole lines to read_lines) and in one-byte chunks (no
// line is whole in a chunk: every record goes through on_record). Both
// readings decide from the same sample: its first sample_bytes.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "ingest/ingest.h"

using namespace kpikit;

namespace {

constexpr std::size_t kSample = 400;

struct Layout {
  char delimiter;
  bool comma_decimal;   // amounts with a decimal comma (German files)
  bool order_column;
  bool price_quantity;  // unit price and quantity instead of an amount
  bool category;        // a product and a channel column
  const char* line_break;
  bool email = false;  // an e-mail column no row reads (plain lines read by read_lines skip it)
};

std::string pick(std::mt19937& rng, const std::vector<std::string>& options) {
  return options[std::uniform_int_distribution<std::size_t>(0, options.size() - 1)(rng)];
}

std::string header(const Layout& l) {
  const std::string d(1, l.delimiter);
  std::string h = "Customer ID" + d + "Order Date";
  h += l.price_quantity ? d + "Quantity" + d + "Unit Price" : d + "Amount";
  if (l.order_column) h += d + "Order ID";
  if (l.category) h += d + "Product" + d + "Channel";
  if (l.email) h += d + "E-Mail";
  return h;
}

// One row: mostly plain (short decimal ids, sequential orders with several
// lines, repeated ISO dates, short amounts), else (when odd) one of the other
// kinds.
std::string row(std::mt19937& rng, const Layout& l, int& order, int& day, bool odd) {
  auto chance = [&](int percent) { return odd && std::uniform_int_distribution<int>(0, 99)(rng) < percent; };
  const std::string d(1, l.delimiter);
  std::string customer = std::to_string(std::uniform_int_distribution<int>(1, 400)(rng) * 997 % 100000 + 1);
  if (chance(12)) {
    customer = pick(rng, {"", "0", "0815", "'4711", "17850.0", "C123", "anna@example.com", " 42", "1234567890",
                          "123456789", "TOTAL", "\"9\"", "12345678901234567890", "0815.0", "12.00",
                          ".0", "1.0", "4711.0", "4711.5"});
  }
  if (std::uniform_int_distribution<int>(0, 99)(rng) >= 60) ++order;
  std::string order_id = std::to_string(order);
  if (chance(6)) order_id = pick(rng, {"", "C" + std::to_string(order), "A-" + std::to_string(order), "00" + std::to_string(order)});
  if (std::uniform_int_distribution<int>(0, 99)(rng) < 3) ++day;
  std::string date = "2023-" + std::string(day % 12 < 9 ? "0" : "") + std::to_string(day % 12 + 1) + "-" +
                     std::string(day % 28 < 9 ? "0" : "") + std::to_string(day % 28 + 1);
  if (chance(6)) date = pick(rng, {"", "2023-02-30", "03/04/2023", "13/04/2023", "04/13/2023", "05.06.2023",
                                        "20230607", "2023-06-07 10:15:00", "not a date", "44927"});
  auto amount_text = [&] {
    std::string a = std::to_string(std::uniform_int_distribution<int>(1, 9999)(rng)) + (l.comma_decimal ? "," : ".") +
                     std::to_string(std::uniform_int_distribution<int>(10, 99)(rng));
    if (chance(8)) {
      a = pick(rng, {"", "0", "0,00", "0.00", "-5.5", "-5,5", "1,234.56", "1.234,56", "12.345", "12,345", "abc", "7",
                     "(3.20)", "€ 4,50", "99999999", "1e3", "123456789.5"});
    }
    return a;
  };
  std::string text = customer + d + date;
  if (l.price_quantity) {
    text += d + (chance(5) ? pick(rng, {"-1", "0", "", "2.5"}) : std::to_string(std::uniform_int_distribution<int>(1, 6)(rng)));
    text += d + amount_text();
  } else {
    text += d + amount_text();
  }
  if (l.order_column) text += d + order_id;
  if (l.category) text += d + pick(rng, {"Tee", "Kaffee", "", "Kakao"}) + d + pick(rng, {"Newsletter", "", "Empfehlung"});
  if (l.email) {
    text += d + pick(rng, {"anna@example.com", "bob.k@example.de", "c@example.org"});
    if (chance(3)) text += "\"x";  // a quote in the middle is text
    if (chance(3)) text += d + "\"quoted\"";  // a quoted field (one too many)
    if (chance(3)) text = text.substr(0, text.rfind(l.delimiter) + 1) + "\"two" + l.line_break + "lines\"";
  }
  if (chance(2)) text += d;                             // one field too many (blank)
  if (chance(1)) text += d + "extra";                   // one field too many
  if (chance(1)) text = text.substr(0, text.rfind(l.delimiter));  // one field too few
  if (chance(1)) text = "\"" + customer + "\"" + text.substr(customer.size());  // a quoted field
  return text;
}

std::string random_file(std::mt19937& rng, const Layout& l, int rows) {
  std::string csv = header(l) + l.line_break;
  int order = 1000, day = 0;
  for (int i = 0; i < rows; ++i) {
    const bool odd = i >= 12;  // the sample (the first 400 bytes) plain, so every file maps the same columns
    csv += row(rng, l, order, day, odd);
    csv += odd && rng() % 100 == 0 ? std::string(l.line_break) + l.line_break : std::string(l.line_break);  // a blank line
  }
  return csv;
}

IngestResult read_in_chunks(const std::string& csv, std::size_t chunk) {
  IngestOptions o;
  o.sample_bytes = kSample;
  IngestSession s(o);
  s.feed(std::string_view(csv).substr(0, kSample));
  for (std::size_t i = kSample; i < csv.size(); i += chunk) s.feed(std::string_view(csv).substr(i, chunk));
  return s.finish();
}

void check_categories(const std::optional<CategoryColumn>& a, const std::optional<CategoryColumn>& b) {
  REQUIRE(a.has_value() == b.has_value());
  if (!a) return;
  CHECK(a->code == b->code);
  CHECK(a->labels == b->labels);
}

void check_same(const IngestResult& a, const IngestResult& b) {
  CHECK(a.accounting.rows_read == b.accounting.rows_read);
  CHECK(a.accounting.rows_used == b.accounting.rows_used);
  CHECK(a.accounting.skipped == b.accounting.skipped);
  CHECK(a.accounting.blank_lines == b.accounting.blank_lines);
  CHECK(a.issue_counts == b.issue_counts);
  REQUIRE(a.issues.size() == b.issues.size());
  for (std::size_t i = 0; i < a.issues.size(); ++i) {
    CAPTURE(i);
    CHECK(a.issues[i].code == b.issues[i].code);
    CHECK(a.issues[i].row == b.issues[i].row);
    CHECK(a.issues[i].column == b.issues[i].column);
    CHECK(a.issues[i].message == b.issues[i].message);
  }
  CHECK(a.date_order == b.date_order);
  CHECK(a.line_break == b.line_break);
  const OrderLines &x = a.orders, &y = b.orders;
  REQUIRE(x.size() == y.size());
  CHECK(x.customer == y.customer);
  CHECK(x.order == y.order);
  CHECK(x.day == y.day);
  CHECK(x.amount == y.amount);
  CHECK(x.kind == y.kind);
  bool same_rows = x.source_row.size() == y.source_row.size();
  for (std::size_t i = 0; same_rows && i < x.size(); ++i) same_rows = x.source_row[i] == y.source_row[i];
  CHECK(same_rows);
  REQUIRE(x.customer_ids.size() == y.customer_ids.size());
  for (std::size_t i = 0; i < x.customer_ids.size(); ++i) CHECK(x.customer_ids[i] == y.customer_ids[i]);
  REQUIRE(x.order_ids.size() == y.order_ids.size());
  for (std::size_t i = 0; i < x.order_ids.size(); ++i) CHECK(x.order_ids[i] == y.order_ids[i]);
  check_categories(x.product, y.product);
  check_categories(x.channel, y.channel);
}

}  // namespace

TEST_CASE("plain order lines read where they lie give what row by row gives") {
  const std::vector<Layout> layouts = {
      {',', false, true, false, false, "\n"},  {';', true, true, false, true, "\r\n"},
      {'\t', false, false, false, false, "\n"}, {',', false, true, true, true, "\n"},
      {';', true, false, true, false, "\r\n"}, {'|', false, true, false, true, "\r"},
      // with an e-mail column no row reads
      {';', true, true, false, false, "\r\n"}, {'|', false, true, false, false, "\r", true},
      {',', false, false, false, false, "\n", true}, {';', true, true, false, false, "\r\n", true},
  };
  std::mt19937 rng(20261129);
  std::size_t files = 0, plain_rows = 0;
  for (const Layout& l : layouts) {
    for (int k = 0; k < 8; ++k) {
      const std::string csv = random_file(rng, l, 300 + 200 * k);
      CAPTURE(csv.substr(0, 200));
      const IngestResult rows = read_in_chunks(csv, 1);  // row by row
      const IngestResult whole = read_in_chunks(csv, csv.size());
      const IngestResult cut = read_in_chunks(csv, 1000);  // lines cut by chunk ends
      check_same(rows, whole);
      check_same(rows, cut);
      ++files;
      plain_rows += rows.accounting.rows_used;
    }
  }
  CHECK(files == 80);
  CHECK(plain_rows > 20000);  // most rows are used (and most of those plain)
}

TEST_CASE("plain lines cut between two chunks at every byte give what row by row gives") {
  // Lines of 23 to 44 bytes, some of them (CR included) 24 or 40: for some cut
  // a CR is a chunk's last byte just after a word of 8 read whole (the LF of
  // its CRLF comes next). The first
  // column (e-mail, not read) is once a quoted field holding what looks like
  // a plain line and a line break.
  for (const char* line_break : {"\r\n", "\r", "\n"}) {
    const std::string lb = line_break;
    const int pow10[] = {10, 100, 1000, 10000, 100000};
    std::string csv = "E-Mail;Customer ID;Order Date;Amount;Order ID" + lb;
    for (int i = 0; i < 40; ++i) {
      const std::string rest = ";" + std::to_string(i % 13 + 1) + ";2024-05-1" + std::to_string(i / 10) + ";" +
                               std::to_string((i * 7919) % pow10[i % 5] + 1) + ";" + std::to_string(1000000 + i / 2);
      csv += (i % 3 == 0 ? "" : "k" + std::to_string(i) + "@example.com") + rest + lb;
      if (i == 20) csv += ";C1000010;2024-05-12;-3;C1000010" + lb;  // a cancellation
      if (i == 30) csv += "\"x;7;2024-05-13;9;1000015" + lb + "y@example.com\"" + rest + lb;
    }
    CAPTURE(line_break);
    const IngestResult rows = read_in_chunks(csv, 1);
    REQUIRE(rows.accounting.rows_used == 42);
    for (std::size_t cut = kSample; cut < csv.size(); ++cut) {
      CAPTURE(cut);
      IngestOptions o;
      o.sample_bytes = kSample;
      IngestSession s(o);
      s.feed(std::string_view(csv).substr(0, kSample));
      s.feed(std::string_view(csv).substr(kSample, cut - kSample));
      s.feed(std::string_view(csv).substr(cut));
      check_same(rows, s.finish());
    }
  }
}

TEST_CASE("plain order lines: the values of the hand example") {
  // 300 rows, more than one block of lines appended together (256): customer i % 7 + 1, order 500 + i / 2
  // (two lines each), day 2024-03-(1 + i / 100), amount i + 0.25.
  std::string csv = "Customer ID,Order Date,Amount,Order ID\n";
  for (int i = 0; i < 300; ++i) {
    csv += std::to_string(i % 7 + 1) + ",2024-03-0" + std::to_string(1 + i / 100) + "," + std::to_string(i) + ".25," +
           std::to_string(500 + i / 2) + "\n";
  }
  const IngestResult r = ingest_bytes(csv);
  REQUIRE(r.orders.size() == 300);
  CHECK(r.accounting.rows_used == 300);
  CHECK(r.orders.customer_ids.size() == 7);
  CHECK(r.orders.order_ids.size() == 150);
  CHECK(r.orders.order_ids[149] == "649");
  CHECK(r.orders.order[299] == 149);
  CHECK(r.orders.customer[299] == 299 % 7);
  CHECK(r.orders.day[299] == days_from_civil(2024, 3, 3));
  CHECK(r.orders.amount[299] == 299.25);
  CHECK(r.orders.source_row[299] == 300);
}

TEST_CASE("plain order lines: unit price x quantity and amounts kept as cents give the read values") {
  // Amount columns hold whole cents while every amount read is one (the
  // line reader appends them as cents, no division); a product of unit price
  // and quantity is a value, never a mantissa. 300 rows: a price of 2.50
  // (whole cents, so the column keeps cents through the first rows), from
  // row 200 on also 0.85 (3 x 0.85 is 2.5500000000000003, not the double
  // nearest 2.55); then the same with an amount column of 0, 1 and 2 decimals.
  std::string products = "Customer ID,Order Date,Quantity,Unit Price,Order ID\n";
  std::string amounts = "Customer ID,Order Date,Amount,Order ID\n";
  const char* amount_text[] = {"7", "7.5", "7.55", "1999999.99", "12"};
  const double amount_value[] = {7.0, 7.5, 7.55, 1999999.99, 12.0};
  for (int i = 0; i < 300; ++i) {
    const std::string tail = ",2024-03-01,";
    products += std::to_string(i % 7 + 1) + tail + std::to_string(i % 3 + 1) + (i < 200 || i % 2 == 0 ? ",2.50," : ",0.85,") +
                std::to_string(500 + i) + "\n";
    amounts += std::to_string(i % 7 + 1) + tail + amount_text[i % 5] + "," + std::to_string(500 + i) + "\n";
  }
  const IngestResult p = ingest_bytes(products);
  REQUIRE(p.orders.size() == 300);
  for (int i = 0; i < 300; ++i) {
    CAPTURE(i);
    CHECK(p.orders.amount[static_cast<std::size_t>(i)] == (i % 3 + 1) * (i < 200 || i % 2 == 0 ? 2.50 : 0.85));
  }
  const IngestResult a = ingest_bytes(amounts);
  REQUIRE(a.orders.size() == 300);
  CHECK(a.orders.amount.is_narrow());
  for (int i = 0; i < 300; ++i) {
    CAPTURE(i);
    CHECK(a.orders.amount[static_cast<std::size_t>(i)] == amount_value[i % 5]);
  }
}

TEST_CASE("plain lines longer than 64 bytes: a quoted field starting at every offset near the 64th byte") {
  // A field that starts with the quote leaves its line to the tokenizer,
  // wherever it starts (a reader that gathered 64 bytes of a line at a time
  // once missed one just after its 64th byte). Each line's last field (a
  // note, not read) starts at an offset from 56 to 72; every other one is
  // quoted and holds a line break, so taking it as plain would split one
  // record into two.
  for (const char* line_break : {"\n", "\r\n"}) {
    const std::string lb = line_break;
    std::string csv = "E-Mail,Customer ID,Order Date,Amount,Order ID,Note" + lb;
    int order = 1000;
    for (int round = 0; round < 3; ++round) {
      for (std::size_t start = 56; start <= 72; ++start) {
        for (bool quoted : {false, true}) {
          const std::string tail = "," + std::to_string(7 + round) + ",2024-05-13,9.50," + std::to_string(++order) + ",";
          const std::string email(start - tail.size(), 'e');
          csv += email + tail + (quoted ? "\"two" + lb + "lines\"" : std::string("plain note")) + lb;
        }
      }
    }
    CAPTURE(line_break);
    const IngestResult rows = read_in_chunks(csv, 1);
    REQUIRE(rows.accounting.rows_read == 3 * 17 * 2);
    check_same(rows, read_in_chunks(csv, csv.size()));
  }
}
