// Ingestion end to end: detection, mapping, cleaning, accounting, real files.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "ingest/ingest.h"

using namespace kpikit;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot open " << path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string data_path(const char* rel) { return std::string(KPIKIT_SHARED_DATA) + "/" + rel; }

// Feeds a file through a session in chunks of `chunk` bytes.
IngestResult ingest_chunked(const std::string& bytes, std::size_t chunk, const IngestOptions& o = {}) {
  IngestSession s(o);
  for (std::size_t i = 0; i < bytes.size(); i += chunk) {
    s.feed(std::string_view(bytes).substr(i, chunk));
  }
  return s.finish();
}

const ColumnInfo& column(const IngestResult& r, const char* name) {
  for (const auto& c : r.columns) {
    if (c.name == name) return c;
  }
  FAIL("no column " << name);
  return r.columns.front();
}

void check_accounting(const IngestResult& r) {
  CHECK(r.accounting.rows_used + r.accounting.skipped_total() == r.accounting.rows_read);
  if (r.mode == IngestMode::orders) CHECK(r.orders.size() == r.accounting.rows_used);
}

}  // namespace

TEST_CASE("German Excel export: semicolons, decimal comma, dotted dates") {
  const std::string csv =
      "Kundennummer;Bestelldatum;Umsatz;Kanal\r\n"
      "'0815;23.11.2026;1.234,56 €;Newsletter\r\n"
      "4711;24.11.2026;12,50;Google\r\n"
      "0815;01.12.2026;-12,50;Newsletter\r\n"
      ";02.12.2026;5,00;Google\r\n"
      "4711;kaputt;5,00;Google\r\n"
      "4711;03.12.2026;0,00;Google\r\n";
  const IngestResult r = ingest_bytes(csv);
  CHECK(r.dialect.delimiter == ';');
  CHECK(r.header);
  CHECK(r.decimal == DecimalStyle::comma);
  CHECK(r.line_break == "crlf");
  CHECK(column(r, "Kundennummer").role == Role::customer);
  CHECK(column(r, "Bestelldatum").role == Role::date);
  CHECK(column(r, "Umsatz").role == Role::amount);
  CHECK(column(r, "Kanal").role == Role::channel);
  CHECK(column(r, "Umsatz").reason() == "header \"Umsatz\" names the amount");

  CHECK(r.accounting.rows_read == 6);
  CHECK(r.accounting.rows_used == 3);
  CHECK(r.accounting.skipped.at("no_customer_id") == 1);
  CHECK(r.accounting.skipped.at("bad_date") == 1);
  CHECK(r.accounting.skipped.at("zero_amount") == 1);
  check_accounting(r);

  const OrderLines& o = r.orders;
  REQUIRE(o.size() == 3);
  CHECK(o.customer_ids == std::vector<std::string>{"0815", "4711"});
  CHECK(o.amount[0] == doctest::Approx(1234.56));
  CHECK(o.amount[2] == doctest::Approx(-12.5));
  CHECK(o.kind[2] == LineKind::cancellation);
  CHECK(o.kind[0] == LineKind::purchase);
  CHECK(o.day[0] == days_from_civil(2026, 11, 23));
  CHECK(o.source_row == std::vector<std::uint32_t>{1, 2, 3});
  // No order column: one customer's lines on one day form one order.
  CHECK(o.order_ids == std::vector<std::string>{"0815@2026-11-23", "4711@2026-11-24", "0815@2026-12-01"});
  REQUIRE(o.channel.has_value());
  CHECK(o.channel->labels == std::vector<std::string>{"Newsletter", "Google"});
  CHECK(o.channel->code == std::vector<std::uint32_t>{0, 1, 0});

  // The skipped rows are reported as records with row and column.
  REQUIRE(r.issues.size() >= 3);
  CHECK(r.issues[0].code == "no_customer_id");
  CHECK(r.issues[0].row == 4);
  CHECK(r.issues[0].column == 0);
  CHECK(r.issues[1].code == "bad_date");
  CHECK(r.issues[1].message == "unreadable date \"kaputt\"");
  CHECK(r.issues[1].value == "kaputt");
  CHECK(r.issues[0].value.empty());  // no value at fault: the cell is empty
}

TEST_CASE("an issue's value is the cell's first 60 bytes, cut between characters") {
  std::string long_date = "x";
  for (int i = 0; i < 40; ++i) long_date += "\xC3\xA4";  // "ä", 2 bytes: byte 60 is the middle of one
  const std::string csv = "Kundennummer;Bestelldatum;Umsatz\n1;" + long_date + ";5,00\n2;01.02.2025;6,00\n";
  const IngestResult r = ingest_bytes(csv);
  REQUIRE(r.issues.size() == 1);
  CHECK(r.issues[0].code == "bad_date");
  CHECK(r.issues[0].value == long_date.substr(0, 59));  // "x" and 29 whole "ä"
  CHECK(r.issues[0].message == "unreadable date \"" + long_date.substr(0, 59) + "\"");
}

TEST_CASE("English headers, quantity x unit price, header synonyms") {
  const std::string csv =
      "Order Date,Customer ID,Invoice,Quantity,UnitPrice,Category\n"
      "2024-03-01,A1,1001,2,\"1,250.00\",Shoes\n"
      "2024-03-01,A1,1001,1,$9.99,Socks\n"
      "2024-03-02,B2,1002,3,5,Shoes\n";
  const IngestResult r = ingest_bytes(csv);
  CHECK(column(r, "Customer ID").role == Role::customer);
  CHECK(column(r, "Invoice").role == Role::order);
  CHECK(column(r, "Order Date").role == Role::date);
  CHECK(column(r, "Quantity").role == Role::quantity);
  CHECK(column(r, "UnitPrice").role == Role::unit_price);
  CHECK(column(r, "Category").role == Role::product);
  CHECK(column(r, "UnitPrice").reason() == "amount = Quantity x UnitPrice");
  CHECK(column(r, "UnitPrice").why.args == std::vector<std::string>{"Quantity", "UnitPrice"});
  CHECK(column(r, "Customer ID").reason() == "header \"Customer ID\" names the customer");
  CHECK(column(r, "Customer ID").why.code == "header_names");
  REQUIRE(r.orders.size() == 3);
  CHECK(r.orders.amount == std::vector<double>{2500.0, 9.99, 15.0});
  CHECK(r.orders.order == std::vector<std::uint32_t>{0, 0, 1});
  CHECK(r.orders.product->labels == std::vector<std::string>{"Shoes", "Socks"});
}

TEST_CASE("a column whose header names an id, date or amount is never a candidate segment") {
  // A shop export: a second customer id (E-Mail) and quantity and unit price
  // beside the line's total hold no groups; Zahlungsart and Kundengruppe do
  // ("Kundengruppe" contains the customer stem "kunde": only exact names count).
  const std::string csv =
      "Bestellnummer;Bestelldatum;Kunden-Nr.;E-Mail;Menge;Einzelpreis;Gesamt;Zahlungsart;Kundengruppe\n"
      "10001;03.01.2025;K-100;anna@example.de;2;4,50;9,00;PayPal;Endkunde\n"
      "10002;05.01.2025;K-101;ben@example.de;1;4,50;4,50;Rechnung;Haendler\n"
      "10003;07.02.2025;K-102;cem@example.de;3;3,00;9,00;PayPal;Endkunde\n";
  const IngestResult r = ingest_bytes(csv);
  CHECK(column(r, "Kunden-Nr.").role == Role::customer);
  CHECK(column(r, "Gesamt").role == Role::amount);
  CHECK(column(r, "E-Mail").role == Role::none);
  CHECK(column(r, "E-Mail").reason() == "header \"E-Mail\" names the customer too; \"Kunden-Nr.\" is used for it");
  CHECK(column(r, "E-Mail").why.code == "named_too");  // the app words the code and its args in German
  CHECK(column(r, "E-Mail").why.args == std::vector<std::string>{"E-Mail", "customer", "Kunden-Nr."});
  CHECK(column(r, "Zahlungsart").why.code == "segment_candidate");
  CHECK(column(r, "Zahlungsart").reason() == "2 distinct values: a candidate segment");
  CHECK(column(r, "Menge").role == Role::none);
  CHECK(column(r, "Menge").reason() == "header \"Menge\" names the quantity; not needed: \"Gesamt\" holds the line's amount");
  CHECK(column(r, "Einzelpreis").role == Role::none);
  CHECK(column(r, "Zahlungsart").role == Role::segment);
  CHECK(column(r, "Kundengruppe").role == Role::segment);
  REQUIRE(r.orders.segments.size() == 2);
  CHECK(r.orders.segments[0].name == "Zahlungsart");
  CHECK(r.orders.segments[1].name == "Kundengruppe");

  // The user can still make such a column a segment.
  IngestOptions o;
  o.mapping = {{Role::segment, ColumnRef{-1, "Menge"}}};
  const IngestResult by_user = ingest_bytes(csv, o);
  CHECK(column(by_user, "Menge").role == Role::segment);
  CHECK(column(by_user, "Menge").reason() == "set by the user");
}

TEST_CASE("columns of people's names, addresses and phones are never candidate segments") {
  // A shop export whose sample holds few customers: first and last names,
  // street, phone and company have few distinct values, yet they name people;
  // Land and Zahlungsart are groups. "Kampagnenname" names a campaign, a group.
  const std::string csv =
      "Bestellnummer;Bestelldatum;Kundennummer;Vorname;Nachname;Straße;Telefon;Firma;Billing Name;Kampagnenname;Land;Zahlungsart;Gesamt\n"
      "40001;03.01.2025;10001;Anna;Schäfer;Hauptstr. 1;0301234;Anna GmbH;Anna Schäfer;Winter;DE;PayPal;9,00\n"
      "40002;05.01.2025;10002;Jörg;Weiß;Ringweg 2;0405678;Weiß KG;Jörg Weiß;Winter;AT;Rechnung;4,50\n"
      "40003;07.02.2025;10001;Anna;Schäfer;Hauptstr. 1;0301234;Anna GmbH;Anna Schäfer;Frühling;DE;PayPal;9,00\n";
  const IngestResult r = ingest_bytes(csv);
  for (const char* name : {"Vorname", "Nachname", "Straße", "Telefon", "Firma", "Billing Name"}) {
    CAPTURE(name);
    CHECK(column(r, name).role == Role::none);
    CHECK(column(r, name).why.code == "personal_data");
    CHECK(column(r, name).reason() == "a person's name, address or phone: personal data, never a segment");
  }
  REQUIRE(r.orders.segments.size() == 3);
  CHECK(r.orders.segments[0].name == "Kampagnenname");
  CHECK(r.orders.segments[1].name == "Land");
  CHECK(r.orders.segments[2].name == "Zahlungsart");

  // The user can still pick one.
  IngestOptions o;
  o.mapping = {{Role::segment, ColumnRef{-1, "Nachname"}}};
  const IngestResult by_user = ingest_bytes(csv, o);
  CHECK(column(by_user, "Nachname").role == Role::segment);
  REQUIRE(by_user.orders.segments.size() == 1);
  CHECK(by_user.orders.segments[0].labels == std::vector<std::string>{"Schäfer", "Weiß"});
}

TEST_CASE("WooCommerce guest orders (customer id 0) are told apart by their e-mail address") {
  // WooCommerce exports "Customer User ID" 0 for every guest checkout: before,
  // all guests were one customer "0". A registered customer keeps the id.
  const std::string csv =
      "Order Number,Order Status,Order Date,Customer User ID,Billing Email,Order Total Amount\n"
      "1001,Completed,2024-03-05 14:22:11,0,Guest1@x.com,$12.50\n"
      "1002,Completed,2024-03-06 10:00:00,0,guest2@x.com,$20.00\n"
      "1003,Completed,2024-03-07 10:00:00,17,anna@x.com,$30.00\n"
      "1004,Completed,2024-04-07 10:00:00,0,guest1@x.com,$15.00\n"
      "1005,Completed,2024-04-08 10:00:00,17,anna@x.com,$5.00\n"
      "1006,Completed,2024-04-09 10:00:00,0,,$7.00\n";
  const IngestResult r = ingest_bytes(csv);
  CHECK(column(r, "Customer User ID").role == Role::customer);
  CHECK(column(r, "Billing Email").role == Role::none);
  CHECK(column(r, "Billing Email").why.code == "guest_emails");
  CHECK(column(r, "Billing Email").reason() ==
        "e-mail addresses: the customer of a row whose \"Customer User ID\" is 0 or blank (guest orders)");
  REQUIRE(r.orders.size() == 6);
  // A guest without an e-mail address stays customer "0".
  CHECK(r.orders.customer_ids == std::vector<std::string>{"guest1@x.com", "guest2@x.com", "17", "0"});
  CHECK(r.orders.customer == std::vector<std::uint32_t>{0, 1, 2, 0, 2, 3});
  REQUIRE(r.issue_counts.count("guest_orders") == 1);
  CHECK(r.issue_counts.at("guest_orders") == 3);
  REQUIRE(!r.issues.empty());
  CHECK(r.issues.back().code == "guest_orders");
  CHECK(r.issues.back().message == "3 rows with customer id 0 or blank (guest orders) took their customer from \"Billing Email\"");

  // Without a 0 or a blank id in the sample, the e-mail column is only a second id (as before).
  const IngestResult k = ingest_bytes(
      "Order Number,Order Date,Customer User ID,Billing Email,Order Total Amount\n"
      "1,2024-03-05,17,anna@x.com,5.00\n2,2024-03-06,18,ben@x.com,6.00\n");
  CHECK(column(k, "Billing Email").why.code == "emails");
  CHECK(k.issue_counts.count("guest_orders") == 0);
}

TEST_CASE("Shopify export: the order's channel and segments, written on its first line only, hold for its other lines") {
  // Source and Billing City stand on an order's first line item only. Before,
  // the blanks of the other lines became a group "" of 0 customers in the
  // segment tables. A blank on an order's first line stays blank.
  const std::string csv =
      "Name,Email,Financial Status,Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing City,Source\n"
      "#1001,anna@example.com,paid,2023-01-05 10:15:00 +0100,2,T-Shirt,19.90,Boston,web\n"
      "#1001,,,,1,Mug,20.00,,\n"
      "#1002,bob@example.com,paid,2023-01-06 18:00:00 +0100,1,Cap,15.00,Austin,pos\n"
      "#1002,,,,1,Mug,20.00,,\n"
      "#1002,,,,1,Tee,10.00,,\n"
      "#1003,cem@example.com,paid,2023-01-07 09:00:00 +0100,1,Cap,15.00,,web\n";
  const IngestResult r = ingest_bytes(csv);
  REQUIRE(r.orders.size() == 6);
  CHECK(column(r, "Source").role == Role::channel);
  REQUIRE(r.orders.channel.has_value());
  CHECK(r.orders.channel->labels == std::vector<std::string>{"web", "pos"});
  CHECK(r.orders.channel->code == std::vector<std::uint32_t>{0, 0, 1, 1, 1, 0});
  REQUIRE(r.orders.segments.size() == 1);
  CHECK(r.orders.segments[0].name == "Billing City");
  CHECK(r.orders.segments[0].labels == std::vector<std::string>{"Boston", "Austin", ""});
  CHECK(r.orders.segments[0].code == std::vector<std::uint32_t>{0, 0, 1, 1, 1, 2});
}

TEST_CASE("Shopify export: line items grouped by Name, blanks carried from the first line") {
  const std::string csv =
      "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku\n"
      "#1001,anna@example.com,paid,2023-01-05 10:20:00 +0100,EUR,59.80,4.90,64.70,2023-01-05 10:15:00 +0100,2,T-Shirt,19.90,TS-1\n"
      "#1001,,,,,,,,,1,Mug,20.00,MUG-1\n"
      "#1002,Bob@Example.com,paid,2023-01-07 09:00:00 +0100,EUR,15.00,0,15.00,2023-01-06 18:00:00 +0100,1,Cap,15.00,CAP-1\n";
  const IngestResult r = ingest_bytes(csv);
  CHECK(column(r, "Name").role == Role::order);
  CHECK(column(r, "Email").role == Role::customer);
  CHECK(column(r, "Created at").role == Role::date);
  CHECK(column(r, "Lineitem quantity").role == Role::quantity);
  CHECK(column(r, "Lineitem price").role == Role::unit_price);
  CHECK(column(r, "Total").role == Role::none);  // order-level, only on the first line item
  CHECK(column(r, "Total").why.code == "shopify_total");
  CHECK(column(r, "Total").reason() ==
        "Shopify export: \"Total\" stands on an order's first line only, with shipping and taxes; the amount is each line item's quantity x price");
  REQUIRE(r.orders.size() == 3);
  CHECK(r.orders.customer_ids == std::vector<std::string>{"anna@example.com", "bob@example.com"});
  CHECK(r.orders.customer == std::vector<std::uint32_t>{0, 0, 1});
  CHECK(r.orders.order_ids == std::vector<std::string>{"#1001", "#1002"});
  CHECK(r.orders.amount[0] == doctest::Approx(39.8));
  CHECK(r.orders.amount[1] == doctest::Approx(20.0));
  CHECK(r.orders.day == std::vector<Day>{days_from_civil(2023, 1, 5), days_from_civil(2023, 1, 5), days_from_civil(2023, 1, 6)});
  check_accounting(r);
}

TEST_CASE("an order status column: cancelled, refunded, failed and unpaid orders are skipped as cancelled_order") {
  // WooCommerce: one row per order, the status in plain words or as its key.
  const std::string woo =
      "Order Number,Order Status,Order Date,Customer User ID,Billing Email,Order Total Amount\n"
      "1201,Completed,2025-01-03 14:22,12,anna@x.de,\"1,299.00\"\n"
      "1202,Refunded,2025-01-04 09:01,13,ben@x.de,49.90\n"
      "1203,Processing,2025-02-10 10:00,12,anna@x.de,19.90\n"
      "1204,wc-cancelled,2025-02-11 11:00,14,cem@x.de,9.90\n"
      "1205,Pending payment,2025-02-12 11:00,15,dora@x.de,5.00\n"
      "1206,Failed,2025-02-13 11:00,16,emil@x.de,5.00\n"
      "1207,Partially refunded,2025-03-01 12:00,13,ben@x.de,100\n";
  const IngestResult r = ingest_bytes(woo);
  CHECK(column(r, "Order Status").role == Role::status);
  CHECK(column(r, "Billing Email").role == Role::none);  // e-mail addresses are ids, not groups
  CHECK(r.accounting.rows_read == 7);
  CHECK(r.accounting.rows_used == 3);
  CHECK(r.accounting.skipped.at("cancelled_order") == 4);
  check_accounting(r);
  CHECK(r.orders.order_ids == std::vector<std::string>{"1201", "1203", "1207"});
  CHECK(r.orders.customer_ids == std::vector<std::string>{"12", "13"});
  CHECK(r.orders.amount == std::vector<double>{1299.0, 19.9, 100.0});
  REQUIRE(r.issues.size() == 4);
  CHECK(r.issues[0].code == "cancelled_order");
  CHECK(r.issues[0].row == 2);
  CHECK(r.issues[0].column == 1);
  CHECK(r.issues[0].message == "order status \"Refunded\"");
  CHECK(r.issues[1].row == 4);
  CHECK(r.issues[2].row == 5);
  CHECK(r.issues[3].row == 6);

  // Unmapped by the user, the status is not read: every row is a purchase.
  IngestOptions all;
  all.mapping = {{Role::status, ColumnRef{}}};
  const IngestResult unmapped = ingest_bytes(woo, all);
  CHECK(column(unmapped, "Order Status").role != Role::status);
  CHECK(unmapped.accounting.rows_used == 7);

  // Shopify writes the financial status on an order's first line item only:
  // the other lines of a voided order go with it, those of a paid one stay.
  const std::string shopify =
      "Name,Email,Financial Status,Fulfillment Status,Created at,Lineitem quantity,Lineitem name,Lineitem price\n"
      "#1001,anna@example.com,paid,fulfilled,2023-01-05 10:15:00 +0100,2,T-Shirt,19.90\n"
      "#1001,,,,,1,Mug,20.00\n"
      "#1002,bob@example.com,voided,,2023-01-06 18:00:00 +0100,1,Cap,15.00\n"
      "#1002,,,,,1,Mug,20.00\n"
      "#1003,bob@example.com,partially_refunded,fulfilled,2023-01-07 09:00:00 +0100,1,Cap,15.00\n"
      "#1003,,,,,3,Pin,2.00\n";
  const IngestResult s = ingest_bytes(shopify);
  CHECK(column(s, "Financial Status").role == Role::status);
  CHECK(s.accounting.rows_used == 4);
  CHECK(s.accounting.skipped.at("cancelled_order") == 2);
  check_accounting(s);
  CHECK(s.orders.order_ids == std::vector<std::string>{"#1001", "#1003"});
  CHECK(s.orders.amount == std::vector<double>{39.8, 20.0, 15.0, 6.0});
  REQUIRE(s.issues.size() == 2);
  CHECK(s.issues[1].row == 4);
  CHECK(s.issues[1].message == "line of an order whose status says cancelled, refunded or unpaid");

  // German statuses (Shopware); "Kundenstatus" holds groups, not an order status.
  const std::string shopware =
      "Bestellnummer;Bestelldatum;Kundennummer;Bestellstatus;Kundenstatus;Gesamt\n"
      "5001;03.01.2025;K1;Abgeschlossen;Stammkunde;10,00\n"
      "5002;04.01.2025;K2;Storniert;Neukunde;20,00\n"
      "5003;05.01.2025;K1;Offen;Stammkunde;30,00\n"
      "5004;06.01.2025;K3;Zahlung fehlgeschlagen;Neukunde;40,00\n"
      "5005;07.01.2025;K3;Fehlgeschlagen;Neukunde;50,00\n";
  const IngestResult g = ingest_bytes(shopware);
  CHECK(column(g, "Bestellstatus").role == Role::status);
  CHECK(column(g, "Kundenstatus").role == Role::segment);
  CHECK(g.accounting.skipped.at("cancelled_order") == 3);
  CHECK(g.orders.order_ids == std::vector<std::string>{"5001", "5003"});
}

TEST_CASE("order statuses that are not purchases, table-driven") {
  const std::vector<std::pair<const char*, bool>> statuses = {
      {"Completed", false}, {"Abgeschlossen", false}, {"paid", false}, {"Bezahlt", false}, {"Processing", false},
      {"In Bearbeitung", false}, {"On hold", false}, {"authorized", false}, {"partially_refunded", false},
      {"Teilweise erstattet", false}, {"Offen", false}, {"fulfilled", false},
      {"Cancelled", true}, {"canceled", true}, {"wc-cancelled", true}, {"Storniert", true}, {"Stornierung", true},
      {"Annulliert", true}, {"Abgebrochen", true}, {"Refunded", true}, {"R\xC3\xBC" "ckerstattet", true},
      {"voided", true}, {"Failed", true}, {"Zahlung fehlgeschlagen", true}, {"declined", true}, {"Abgelehnt", true},
      {"trash", true}, {"Gel\xC3\xB6scht", true}, {"pending", true}, {"Pending payment", true},
      {"Zahlung ausstehend", true}, {"Retoure", true}, {"returned", true}, {"R\xC3\xBC" "cksendung", true},
      {"Versendet", false}, {"Zugestellt", false}};
  std::string csv = "Bestellnummer;Bestelldatum;Kundennummer;Bestellstatus;Gesamt\n";
  for (std::size_t i = 0; i < statuses.size(); ++i)
    csv += std::to_string(1000 + i) + ";03.01.2025;K" + std::to_string(i) + ";" + statuses[i].first + ";10,00\n";
  const IngestResult r = ingest_bytes(csv);
  REQUIRE(column(r, "Bestellstatus").role == Role::status);
  std::vector<std::string> expected;  // the orders of the statuses that are purchases
  for (std::size_t i = 0; i < statuses.size(); ++i)
    if (!statuses[i].second) expected.push_back(std::to_string(1000 + i));
  CHECK(r.orders.order_ids == expected);
  CHECK(r.accounting.skipped.at("cancelled_order") == statuses.size() - expected.size());
}

TEST_CASE("a spreadsheet's totals row is skipped as totals_row, not read as a customer") {
  // Dated totals rows would otherwise add the whole revenue once more under a customer "Summe".
  const IngestResult r = ingest_bytes(
      "Kunde;Datum;Betrag\n"
      "Meier GmbH;02.01.2025;100,00\n"
      "Schulz;03.01.2025;50,00\n"
      "Summe:;31.01.2025;150,00\n"
      "TOTAL;31.01.2025;150,00\n"
      "\xCE\xA3;31.01.2025;150,00\n"
      "Total Energies;04.01.2025;20,00\n");
  CHECK(r.accounting.rows_used == 3);
  CHECK(r.accounting.skipped.at("totals_row") == 3);
  check_accounting(r);
  CHECK(r.orders.customer_ids == std::vector<std::string>{"Meier GmbH", "Schulz", "Total Energies"});
  REQUIRE(!r.issues.empty());
  CHECK(r.issues[0].code == "totals_row");
  CHECK(r.issues[0].row == 3);
  CHECK(r.issues[0].value == "Summe:");
  // Customer lists too.
  const IngestResult l = ingest_bytes("Kundennummer;Vertragsbeginn;Gek\xC3\xBCndigt\n1;01.01.2024;ja\nGesamt;01.01.2024;nein\n");
  CHECK(l.customers.size() == 1);
  CHECK(l.accounting.skipped.at("totals_row") == 1);
}

TEST_CASE("amounts in more than one currency are reported, not converted") {
  const std::string mixed =
      "Name,Email,Currency,Created at,Lineitem quantity,Lineitem price\n"
      "#1,a@x.de,EUR,2024-01-02,1,10.00\n"
      "#1,,,,1,5.00\n"
      "#2,b@x.de,USD,2024-01-03,1,20.00\n"
      "#3,c@x.de,CHF,2024-01-04,1,30.00\n";
  const IngestResult r = ingest_bytes(mixed);
  REQUIRE(r.issue_counts.count("mixed_currencies") == 1);
  const auto it = std::find_if(r.issues.begin(), r.issues.end(), [](const IngestIssue& i) { return i.code == "mixed_currencies"; });
  REQUIRE(it != r.issues.end());
  CHECK(it->row == 0);
  CHECK(it->column == 2);
  CHECK(it->value == "CHF, EUR, USD");
  CHECK(r.accounting.rows_used == 4);  // a warning: every row is still read
  // One currency (blank on later line items): nothing to report.
  const IngestResult one = ingest_bytes(
      "Name,Email,Currency,Created at,Lineitem quantity,Lineitem price\n#1,a@x.de,EUR,2024-01-02,1,10.00\n#1,,,,1,5.00\n"
      "#2,b@x.de,EUR,2024-01-03,1,20.00\n");
  CHECK(one.issue_counts.count("mixed_currencies") == 0);
}

TEST_CASE("a line of the previous row's order is recognised by its id: digits-only ids by number and length") {
  // A blank customer is carried only to another line of the same order.
  const std::string csv =
      "Order ID,Customer ID,Order Date,Amount\n"
      "0123,7,2026-01-02,10\n"
      "0123,,2026-01-02,5\n"    // the same order: customer 7 carried
      "123,,2026-01-02,4\n"     // not "0123" (same number, other length): no customer, skipped
      "123,8,2026-01-03,3\n"
      "123,8,2026-01-03,2\n"    // the same order
      "A1,9,2026-01-04,1\n"
      "A1,,2026-01-04,1\n"      // the same order (text compared)
      "1,,2026-01-04,1\n";      // not "A1": skipped
  const IngestResult r = ingest_bytes(csv);
  CHECK(r.accounting.rows_read == 8);
  CHECK(r.accounting.rows_used == 6);
  CHECK(r.orders.order_ids == std::vector<std::string>{"0123", "123", "A1"});
  CHECK(r.orders.order == std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2});
  CHECK(r.orders.customer_ids == std::vector<std::string>{"7", "8", "9"});
  CHECK(r.orders.customer == std::vector<std::uint32_t>{0, 0, 1, 1, 2, 2});
  check_accounting(r);
}

TEST_CASE("customers are interned in first-seen order of used lines, whichever way their ids are written") {
  // Short decimal customer ids are looked up a block at a time (512 lines),
  // every other id at once, carried blanks and repeats of the previous line's
  // customer without a lookup: 20,000 random lines mixing them, with skipped
  // lines between, read whole and in chunks, must give the indices of an
  // independent first-seen count over the used lines.
  std::mt19937 rng(29);
  auto pick = [&](unsigned n) { return static_cast<unsigned>(rng() % n); };
  std::string csv = "Order ID,Customer ID,Order Date,Amount\n";
  std::unordered_map<std::string, std::uint32_t> first_seen;
  std::vector<std::string> expected_ids;
  std::vector<std::uint32_t> expected_customer;
  std::uint32_t order = 1000;
  std::string last_used;  // normalised id of the previous used line
  bool last_row_used = false;
  for (int i = 0; i < 20000; ++i) {
    const bool same_order = last_row_used && pick(3) == 0;
    if (!same_order) ++order;
    const unsigned n = 1 + pick(4000);
    std::string cell, id;  // as written, and as the reader must normalise it
    switch (pick(10)) {
      case 0: cell = id = "kunde" + std::to_string(n % 300); break;                   // text
      case 1: cell = id = "0" + std::to_string(n % 200); break;                       // leading zero
      case 2: cell = id = std::to_string(10000000000ULL + n % 100); break;            // 11 digits
      case 3: cell = "'" + std::to_string(n); id = std::to_string(n); break;          // apostrophe
      case 4: cell = std::to_string(n) + ".0"; id = std::to_string(n); break;         // float spelling
      case 5: cell = id = std::to_string(999999000 + n % 1000); break;                // 9 digits
      default: cell = id = std::to_string(n); break;                                  // the usual number
    }
    if (same_order && pick(2) == 0) cell = id = "";                                   // carried from the order's line
    const bool zero = pick(25) == 0;                                                  // skipped: zero amount
    const bool blank_alone = !same_order && pick(40) == 0;                            // skipped: no customer id
    if (blank_alone) cell = id = "";
    csv += std::to_string(order) + "," + cell + ",2024-03-" + std::to_string(1 + i % 28) + "," + (zero ? "0" : "9.5") + "\n";
    last_row_used = !zero && !blank_alone;
    if (!last_row_used) continue;
    if (id.empty()) id = last_used;
    const auto it = first_seen.emplace(id, static_cast<std::uint32_t>(first_seen.size())).first;
    if (it->second == expected_ids.size()) expected_ids.push_back(id);
    expected_customer.push_back(it->second);
    last_used = id;
  }
  REQUIRE(expected_ids.size() > 3000);
  const IngestResult whole = ingest_bytes(csv);
  CHECK(whole.accounting.rows_used == expected_customer.size());
  CHECK(whole.orders.customer_ids == expected_ids);
  CHECK(whole.orders.customer == expected_customer);
  check_accounting(whole);
  for (std::size_t chunk : {97, 5000}) {
    CAPTURE(chunk);
    const IngestResult r = ingest_chunked(csv, chunk);
    CHECK(r.orders.customer_ids == expected_ids);
    CHECK(r.orders.customer == expected_customer);
  }
}

TEST_CASE("date order is decided per column from all values, also beyond the sample") {
  // 3000 ambiguous rows (day <= 12) fill the sample; the first unambiguous
  // date (25/12) comes at the very end and settles day-first.
  std::string csv = "customer,date,amount\n";
  for (int i = 0; i < 3000; ++i) csv += "c" + std::to_string(i % 50) + ",0" + std::to_string(1 + i % 9) + "/02/2021,10\n";
  csv += "c1,25/12/2021,10\n";
  IngestOptions o;
  o.sample_bytes = 4096;
  const IngestResult r = ingest_bytes(csv, o);
  CHECK(r.date_order == DateOrder::dmy);
  CHECK(r.orders.day[0] == days_from_civil(2021, 2, 1));
  CHECK(r.orders.day.back() == days_from_civil(2021, 12, 25));
  CHECK(r.issue_counts.count("ambiguous_date_order") == 0);

  // Month-first evidence.
  const IngestResult us = ingest_bytes("customer,date,amount\na,03/04/2021,1\nb,12/31/2021,2\n");
  CHECK(us.date_order == DateOrder::mdy);
  CHECK(column(us, "date").format == "mm/dd/yyyy");
  CHECK(us.orders.day[0] == days_from_civil(2021, 3, 4));
  CHECK(column(r, "date").format == "dd/mm/yyyy");

  // Truly ambiguous: reported, read day-first, and the user can choose.
  const std::string amb = "customer,date,amount\na,03/04/2021,1\nb,05/06/2021,2\n";
  const IngestResult r2 = ingest_bytes(amb);
  CHECK(r2.issue_counts.at("ambiguous_date_order") == 1);
  CHECK(r2.orders.day[0] == days_from_civil(2021, 4, 3));
  CHECK(r2.date_order == DateOrder::dmy);
  IngestOptions mdy;
  mdy.date_order = DateOrder::mdy;
  const IngestResult chosen = ingest_bytes(amb, mdy);
  CHECK(chosen.orders.day[0] == days_from_civil(2021, 3, 4));
  CHECK(chosen.date_order == DateOrder::mdy);  // the report says the order the dates were read with
  CHECK(column(chosen, "date").format == "mm/dd/yyyy");
  CHECK(chosen.issue_counts.count("ambiguous_date_order") == 0);
  // Without a/b/yyyy dates no order was needed.
  CHECK(ingest_bytes("customer,date,amount\na,2021-03-04,1\n").date_order == DateOrder::auto_detect);

  // Mixed evidence: the majority wins, the rows that do not fit are skipped as bad dates.
  const IngestResult r3 = ingest_bytes("customer,date,amount\na,13/01/2021,1\nb,14/01/2021,2\nc,01/13/2021,3\n");
  CHECK(r3.date_order == DateOrder::dmy);
  CHECK(r3.accounting.rows_used == 2);
  CHECK(r3.accounting.skipped.at("bad_date") == 1);
  CHECK(r3.orders.customer_ids == std::vector<std::string>{"a", "b"});
  check_accounting(r3);

  // Repeated date texts (read once, then taken from the previous row) count
  // as evidence row by row: 1 day-first text on 3 rows outweighs 2 month-first rows.
  const IngestResult r4 = ingest_bytes(
      "customer,date,amount\na,13/01/2021,1\nb,13/01/2021,2\nc,13/01/2021,3\nd,01/14/2021,4\ne,01/15/2021,5\nf,13/01/2021,6\n");
  CHECK(r4.date_order == DateOrder::dmy);
  CHECK(r4.accounting.rows_used == 4);
  CHECK(r4.accounting.skipped.at("bad_date") == 2);
  CHECK(r4.orders.day == std::vector<Day>(4, days_from_civil(2021, 1, 13)));
  REQUIRE(r4.issue_counts.at("mixed_date_order") == 1);
  bool counted = false;
  for (const auto& issue : r4.issues)
    counted = counted || issue.message == "4 dates are only valid as day/month and 2 only as month/day; read as day/month";
  CHECK(counted);
  check_accounting(r4);
}

TEST_CASE("excel serial dates under a date header") {
  const IngestResult r = ingest_bytes("Kunde;Datum;Betrag\n1;40513,35;10\n2;40514;20\n");
  CHECK(column(r, "Datum").format == "excel_serial");
  CHECK(r.orders.day == std::vector<Day>{days_from_civil(2010, 12, 1), days_from_civil(2010, 12, 2)});
}

TEST_CASE("overrides: mapping by name and index, header, delimiter, decimal") {
  const std::string csv = "x;y;z\n7;2021-01-01;1.500\n8;2021-01-02;2.000\n";
  IngestOptions o;
  o.mapping = {{Role::customer, ColumnRef{0, ""}}, {Role::date, ColumnRef{-1, "y"}}, {Role::amount, ColumnRef{2, ""}}};
  o.decimal = DecimalStyle::comma;
  const IngestResult r = ingest_bytes(csv, o);
  CHECK(r.columns[0].reason() == "set by the user");
  CHECK(r.orders.amount == std::vector<double>{1500.0, 2000.0});
  o.decimal = DecimalStyle::point;
  CHECK(ingest_bytes(csv, o).orders.amount == std::vector<double>{1.5, 2.0});

  IngestOptions bad;
  bad.mapping = {{Role::customer, ColumnRef{-1, "nope"}}};
  try {
    ingest_bytes(csv, bad);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.code() == "no_header_column");
    CHECK(e.field() == "customer");
  }
  CHECK_THROWS_AS(ingest_bytes("a,b\nx,y\n"), Error);  // nothing to map
  try {
    ingest_bytes("name,city\nAnna,Berlin\nBen,Köln\n");
  } catch (const Error& e) {
    CHECK(e.code() == "no_customer_column");
  }
}

TEST_CASE("chunked feeding gives the same result as one piece") {
  std::string csv = "\xEF\xBB\xBFKunde;Datum;Umsatz;Notiz\r\n";
  for (int i = 0; i < 500; ++i) {
    csv += std::to_string(i % 37) + ";" + std::to_string(1 + i % 28) + ".03.2024;" + std::to_string(i) + ",5" +
           ";\"Zeile mit ; und \r\n Umbruch, Größe\"\r\n";
  }
  IngestOptions o;
  o.sample_bytes = 1000;
  const IngestResult whole = ingest_bytes(csv, o);
  CHECK(whole.accounting.rows_read == 500);
  CHECK(whole.accounting.rows_used == 500);
  for (std::size_t chunk : {1, 7, 333, 4096}) {
    CAPTURE(chunk);
    const IngestResult r = ingest_chunked(csv, chunk, o);
    CHECK(r.orders.amount == whole.orders.amount);
    CHECK(r.orders.day == whole.orders.day);
    CHECK(r.orders.customer_ids == whole.orders.customer_ids);
  }
}

TEST_CASE("error records are capped, counts stay exact") {
  std::string csv = "customer,date,amount\n";
  for (int i = 0; i < 50; ++i) csv += "a,2021-01-01,oops\n";
  IngestOptions o;
  o.max_issues = 10;
  const IngestResult r = ingest_bytes(csv, o);
  CHECK(r.issues.size() == 10);
  CHECK(r.issue_counts.at("bad_amount") == 50);
  CHECK(r.accounting.skipped.at("bad_amount") == 50);
  check_accounting(r);
}

TEST_CASE("duplicates are skipped on request") {
  const std::string csv = "customer,date,amount\na,2021-01-01,5\na,2021-01-01,5\nb,2021-01-01,5\n";
  CHECK(ingest_bytes(csv).accounting.rows_used == 3);
  IngestOptions o;
  o.skip_duplicates = true;
  const IngestResult r = ingest_bytes(csv, o);
  CHECK(r.accounting.rows_used == 2);
  CHECK(r.accounting.skipped.at("duplicate") == 1);
  // A repeat is found whether a row was passed uncopied (whole in a chunk)
  // or copied (split between chunks): with a 36-byte sample (header and the
  // first row) and 44-byte chunks, the first row is whole, the second split.
  o.sample_bytes = 36;
  const IngestResult split = ingest_chunked(csv, 44, o);
  CHECK(split.accounting.rows_used == 2);
  CHECK(split.accounting.skipped.at("duplicate") == 1);
}

TEST_CASE("UCI Online Retail loads with the exact accounting") {
  // Expected figures computed independently with Python's csv module:
  //   python3 -c "import csv; r=csv.reader(open('online_retail.csv',newline='')); next(r); ..."
  //   rows 541909; CustomerID blank -> 135080; Quantity*UnitPrice == 0 -> 40;
  //   used 406789; of which cancellations ('C' invoice or negative amount) 8905;
  //   4371 customers, 22186 invoices, net revenue 8300065.81.
  const std::string bytes = read_file(data_path("online-retail/online_retail.csv"));
  const IngestResult r = ingest_chunked(bytes, 1 << 20);
  CHECK(r.encoding == Encoding::utf8);
  CHECK(r.dialect.delimiter == ',');
  CHECK(r.header);
  CHECK(column(r, "CustomerID").role == Role::customer);
  CHECK(column(r, "InvoiceNo").role == Role::order);
  CHECK(column(r, "InvoiceDate").role == Role::date);
  CHECK(column(r, "Quantity").role == Role::quantity);
  CHECK(column(r, "UnitPrice").role == Role::unit_price);
  CHECK(column(r, "StockCode").role == Role::product);
  CHECK(column(r, "Country").role == Role::segment);
  CHECK(r.accounting.rows_read == 541909);
  CHECK(r.accounting.rows_used == 406789);
  CHECK(r.accounting.skipped.at("no_customer_id") == 135080);
  CHECK(r.accounting.skipped.at("zero_amount") == 40);
  CHECK(r.accounting.skipped.size() == 2);
  check_accounting(r);
  const OrderLines& o = r.orders;
  CHECK(o.customer_ids.size() == 4371);
  CHECK(o.order_ids.size() == 22186);
  CHECK(std::count(o.kind.begin(), o.kind.end(), LineKind::cancellation) == 8905);
  CHECK(std::accumulate(o.amount.begin(), o.amount.end(), 0.0) == doctest::Approx(8300065.81).epsilon(1e-9));
  CHECK(o.customer_ids[0] == "17850");
  CHECK(o.day.front() == days_from_civil(2010, 12, 1));
  CHECK(o.day.back() == days_from_civil(2011, 12, 9));
}

TEST_CASE("CDNOW master: whitespace-aligned, yyyymmdd, orders from customer-days") {
  // python3: split each line; rows 69659, $0.00 rows 80; used 69579, 23502
  // customers, 67511 distinct customer-days, sum 2500315.63. With
  // keep_zero_amounts all 23570 customers remain.
  const std::string bytes = read_file(data_path("cdnow/CDNOW_master.txt"));
  const IngestResult r = ingest_chunked(bytes, 65536);
  CHECK(r.dialect.whitespace);
  CHECK(r.header);
  CHECK(r.line_break == "crlf");
  CHECK(column(r, "customer_id").role == Role::customer);
  CHECK(column(r, "date").role == Role::date);
  CHECK(column(r, "dollar_value").role == Role::amount);
  CHECK(r.accounting.rows_read == 69659);
  CHECK(r.accounting.rows_used == 69579);
  CHECK(r.accounting.skipped.at("zero_amount") == 80);
  CHECK(r.orders.customer_ids.size() == 23502);
  CHECK(r.orders.order_ids.size() == 67511);
  CHECK(std::accumulate(r.orders.amount.begin(), r.orders.amount.end(), 0.0) == doctest::Approx(2500315.63));
  CHECK(r.orders.day.front() == days_from_civil(1997, 1, 1));
  IngestOptions keep;
  keep.keep_zero_amounts = true;
  CHECK(ingest_bytes(bytes, keep).orders.customer_ids.size() == 23570);
}

TEST_CASE("CDNOW sample without header: columns found by type") {
  // python3: 6919 rows, 8 with $0.00; 2349 customers among the used rows.
  const IngestResult r = ingest_bytes(read_file(data_path("cdnow/CDNOW_sample.txt")));
  CHECK_FALSE(r.header);
  CHECK(r.dialect.whitespace);
  CHECK(r.columns[0].role == Role::customer);
  CHECK(r.columns[2].role == Role::date);
  CHECK(r.columns[4].role == Role::amount);
  CHECK(r.accounting.rows_read == 6919);
  CHECK(r.accounting.rows_used == 6911);
  CHECK(r.orders.customer_ids.size() == 2349);
}

TEST_CASE("telco churn file loads as a customer list") {
  // python3 csv.DictReader: 7043 customers, 1869 with Churn == "Yes",
  // sum(tenure) 227990, sum(MonthlyCharges) 456116.6.
  const IngestResult r = ingest_bytes(read_file(data_path("telco-churn/Telco-Customer-Churn.csv")));
  CHECK(r.mode == IngestMode::customers);
  CHECK(column(r, "customerID").role == Role::customer);
  CHECK(column(r, "tenure").role == Role::tenure);
  CHECK(r.customers.tenure_column == "tenure");  // tenure in the column's own unit
  CHECK(column(r, "Churn").role == Role::churn);
  CHECK(column(r, "MonthlyCharges").role == Role::monthly_revenue);
  CHECK(column(r, "Contract").role == Role::segment);
  const CustomerList& l = r.customers;
  CHECK(l.size() == 7043);
  CHECK(r.accounting.rows_used == 7043);
  CHECK(std::accumulate(l.churned.begin(), l.churned.end(), 0) == 1869);
  CHECK(std::accumulate(l.tenure.begin(), l.tenure.end(), 0.0) == 227990.0);
  CHECK(std::accumulate(l.monthly_revenue.begin(), l.monthly_revenue.end(), 0.0) == doctest::Approx(456116.6));
  bool has_contract = false;
  for (const auto& s : l.segments) {
    if (s.name == "Contract") {
      has_contract = true;
      CHECK(s.labels.size() == 3);
      CHECK(s.code.size() == 7043);
    }
  }
  CHECK(has_contract);
}

TEST_CASE("a German CRM export: \"Kunde seit\" and \"Gekündigt am\" make a customer list, not an order list") {
  // Before, "Kunde seit" was found as the start date but "Gekündigt am" (no
  // known name) became the order date as the first date column, and the file
  // was read as an order list without amounts.
  const IngestResult r = ingest_bytes(
      "Kundennummer;Kunde seit;Gek\xC3\xBCndigt am;Monatsbeitrag;Tarif\n"
      "1001;01.03.2023;;29,90 \xE2\x82\xAC;Basis\n"
      "1002;15.05.2023;31.01.2025;49,90 \xE2\x82\xAC;Premium\n"
      "1003;01.01.2024;;29,90 \xE2\x82\xAC;Basis\n"
      "1004;10.02.2024;30.06.2024;19,90 \xE2\x82\xAC;Mini\n");
  CHECK(r.mode == IngestMode::customers);
  CHECK(column(r, "Kunde seit").role == Role::start_date);
  CHECK(column(r, "Gek\xC3\xBCndigt am").role == Role::end_date);
  CHECK(column(r, "Monatsbeitrag").role == Role::monthly_revenue);
  CHECK(column(r, "Tarif").role == Role::segment);
  REQUIRE(r.customers.size() == 4);
  CHECK(r.customers.churned == std::vector<std::uint8_t>{0, 1, 0, 1});
  // Open contracts run to the last date in the file, 2025-01-31: 1001 has 702 days, 1004 141.
  CHECK(r.customers.tenure[0] == doctest::Approx(702.0 / 30.4375));
  CHECK(r.customers.tenure[3] == doctest::Approx(141.0 / 30.4375));
  CHECK(r.customers.tenure_column.empty());  // months from the dates
  CHECK(r.customers.monthly_revenue == std::vector<double>{29.9, 49.9, 29.9, 19.9});

  // A date column of no known name (a birthday) is not taken for an order
  // date when the headers name a customer list's columns.
  const IngestResult b = ingest_bytes(
      "Kundennummer;Geburtsdatum;Vertragsbeginn;Gek\xC3\xBCndigt\n"
      "1;03.04.1980;01.01.2024;ja\n"
      "2;05.06.1990;01.02.2024;nein\n");
  CHECK(b.mode == IngestMode::customers);
  CHECK(column(b, "Geburtsdatum").role == Role::none);
  CHECK(column(b, "Vertragsbeginn").role == Role::start_date);
  CHECK(b.customers.churned == std::vector<std::uint8_t>{1, 0});
}

TEST_CASE("customer list with start and end dates") {
  const IngestResult r = ingest_bytes(
      "Kundennummer;Vertragsbeginn;Vertragsende;Monatsbeitrag\n"
      "1;01.01.2024;01.07.2024;9,90\n"
      "2;01.01.2024;;19,90\n"
      "2;01.02.2024;;19,90\n");
  CHECK(r.mode == IngestMode::customers);
  REQUIRE(r.customers.size() == 2);
  CHECK(r.customers.churned == std::vector<std::uint8_t>{1, 0});
  // 182 days / 30.4375 = 5.9795 months; the open contract runs to the last date in the file.
  CHECK(r.customers.tenure[0] == doctest::Approx(182.0 / 30.4375));
  CHECK(r.customers.tenure[1] == doctest::Approx(182.0 / 30.4375));
  CHECK(r.accounting.skipped.at("duplicate_customer") == 1);
}

TEST_CASE("size_hint reserves the columns once, also when the first chunk is larger than the sample") {
  // 100,000 lines of 30-odd bytes fed in 1 MiB chunks: the sample the reader decides from is
  // the whole first chunk (about 32,000 rows), of which it keeps 2,000 for detection.
  std::string text = "Customer ID,Order Date,Amount,Order ID\n";
  for (int i = 0; i < 100000; ++i)
    text += std::to_string(1000000 + i % 7919) + ",2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) +
            "," + std::to_string(10 + i % 90) + ".5," + std::to_string(500000 + i) + "\n";
  kpikit::IngestOptions o;
  o.size_hint = text.size();
  kpikit::IngestSession session(o);
  const std::size_t chunk = std::size_t{1} << 20;
  for (std::size_t at = 0; at < text.size(); at += chunk)
    session.feed(reinterpret_cast<const std::uint8_t*>(text.data()) + at, std::min(chunk, text.size() - at));
  const kpikit::IngestResult r = session.finish();
  REQUIRE(r.orders.size() == 100000);
  // Reserved for the estimated rows (+5 %), never regrown by doubling.
  CHECK(r.orders.amount.capacity() >= 100000);
  CHECK(r.orders.amount.capacity() <= 110000);
  CHECK(r.orders.customer.capacity() <= 110000);
  // Consecutive order numbers are one range, and the rows one run.
  CHECK(r.orders.order_ids.size() == 100000);
  CHECK(r.orders.order_ids.ranges() == 1);
  CHECK(r.orders.order_ids[99999] == "599999");
  CHECK(r.orders.source_row.runs() == 1);
  CHECK(r.orders.source_row[99999] == 100000);
}

#if defined(__SANITIZE_ADDRESS__)
#define KPIKIT_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KPIKIT_UNDER_ASAN 1
#endif
#endif

#ifndef KPIKIT_UNDER_ASAN  // ASan stops the process at an allocation this large instead of failing it
TEST_CASE("a size_hint too large to reserve is only a hint: the file is read all the same") {
  kpikit::IngestOptions o;
  o.size_hint = std::uint64_t{1} << 50;  // 1 PiB: the columns cannot be reserved
  const kpikit::IngestResult r =
      kpikit::ingest_bytes("customer,date,amount\nA,2024-01-05,10\nB,2024-01-06,20\nA,2024-02-07,5\n", o);
  CHECK(r.orders.size() == 3);
  CHECK(r.accounting.rows_used == 3);
  CHECK(r.orders.amount.capacity() < 1000);  // released after the failed reserve
}
#endif

TEST_CASE("The preview holds the first preview_rows data rows, after the header and a preamble") {
  std::string csv = "Monthly export\nCustomer ID,Order Date,Amount\n";
  for (int i = 1; i <= 25; ++i) csv += std::to_string(1000 + i) + ",2026-01-" + (i < 10 ? "0" : "") + std::to_string(i) + ",1.50\n";
  IngestOptions o;
  const IngestResult all = ingest_chunked(csv, 7, o);
  REQUIRE(all.preview.size() == 20);
  CHECK(all.preview.front() == std::vector<std::string>{"1001", "2026-01-01", "1.50"});
  CHECK(all.preview.back() == std::vector<std::string>{"1020", "2026-01-20", "1.50"});
  CHECK(all.accounting.rows_read == 25);
  o.preview_rows = 3;
  const IngestResult three = ingest_chunked(csv, 7, o);
  REQUIRE(three.preview.size() == 3);
  CHECK(three.preview.back() == std::vector<std::string>{"1003", "2026-01-03", "1.50"});
  o.preview_rows = 0;
  CHECK(ingest_chunked(csv, 7, o).preview.empty());
}
