// The JSON adapter of ingestion: options parsing and the inspect report.
#include <doctest/doctest.h>

#include <string>

#include "api/ingest_ops.h"
#include "core/error.h"

using namespace kpikit;
using nlohmann::json;

TEST_CASE("ingest options from json") {
  const IngestOptions o = api::ingest_options_from_json(json{{"delimiter", "tab"},
                                                             {"quote", ""},
                                                             {"header", "no"},
                                                             {"date_order", "mdy"},
                                                             {"decimal", "comma"},
                                                             {"mode", "orders"},
                                                             {"encoding", "windows-1252"},
                                                             {"mapping", {{"customer", 0}, {"date", "Datum"}, {"segment", {2, "Land"}}}},
                                                             {"skip_duplicates", true},
                                                             {"max_issues", 5}});
  CHECK(o.delimiter == "tab");
  REQUIRE(o.quote.has_value());
  CHECK(*o.quote == '\0');
  CHECK(o.header == HeaderMode::absent);
  CHECK(o.date_order == DateOrder::mdy);
  CHECK(o.decimal == DecimalStyle::comma);
  CHECK(o.mode == IngestMode::orders);
  CHECK(o.encoding == Encoding::windows1252);
  REQUIRE(o.mapping.size() == 4);
  CHECK(o.mapping[0].first == Role::customer);
  CHECK(o.mapping[0].second.index == 0);
  CHECK(o.mapping[1].second.name == "Datum");
  CHECK(o.mapping[2].first == Role::segment);
  CHECK(o.skip_duplicates);
  CHECK(o.max_issues == 5);
}

TEST_CASE("bad options name the field") {
  struct Case {
    json options;
    const char* field;
    const char* message;
  };
  const Case cases[] = {
      {{{"delimiter", ";;"}}, "delimiter", "delimiter must be one character, \"tab\", \"whitespace\" or \"none\""},
      {{{"header", "maybe"}}, "header", "header must be one of auto, yes, no"},
      {{{"mapping", {{"kunde", 0}}}}, "mapping.kunde", "unknown role \"kunde\""},
      {{{"mapping", {{"customer", -1}}}}, "mapping.customer", "mapping.customer must be a column index, a header name or null"},
      {{{"max_issues", "10"}}, "max_issues", "max_issues must be a whole number of at least 0"},
      {{{"colour", "red"}}, "colour", "unknown option \"colour\""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.options.dump());
    try {
      api::ingest_options_from_json(c.options);
      FAIL("no error");
    } catch (const Error& e) {
      CHECK(e.code() == "bad_option");
      CHECK(e.field() == c.field);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("inspect report of a small German file") {
  const json r = api::inspect_text(
      json{{"text", "Kundennummer;Datum;Umsatz\n1;23.11.2026;1.234,56\n;24.11.2026;5\n2;24.11.2026;-10\n3;30.02.2026;7\n"}});
  CHECK(r["encoding"]["name"] == "utf-8");
  CHECK(r["dialect"]["delimiter"] == ";");
  CHECK(r["dialect"]["quote"] == "\"");
  CHECK(r["dialect"]["line_break"] == "lf");
  CHECK(r["header"]["present"] == true);
  CHECK(r["decimal"]["style"] == "comma");
  CHECK(r["mode"]["name"] == "orders");
  CHECK(r["columns"][0]["role"] == "customer");
  CHECK(r["columns"][1]["role"] == "date");
  CHECK(r["columns"][1]["format"] == "dd.mm.yyyy");
  CHECK(r["columns"][2]["role"] == "amount");
  CHECK(r["columns"][2]["reason"] == "header \"Umsatz\" names the amount");
  CHECK(r["columns"][2]["reason_code"] == "header_names");
  CHECK(r["columns"][2]["reason_args"] == json::array({"Umsatz", "amount"}));
  CHECK(r["rows"]["read"] == 4);
  CHECK(r["rows"]["used"] == 2);
  CHECK(r["rows"]["skipped"]["no_customer_id"] == 1);
  CHECK(r["rows"]["skipped"]["bad_date"] == 1);
  CHECK(r["rows"]["skipped_total"] == 2);
  CHECK(r["issues"][0] ==
        json{{"code", "no_customer_id"}, {"message", "no customer id"}, {"row", 2}, {"column", 0}, {"value", nullptr}});
  CHECK(r["issues"][1] == json{{"code", "bad_date"},
                               {"message", "unreadable date \"30.02.2026\""},
                               {"row", 4},
                               {"column", 1},
                               {"value", "30.02.2026"}});
  CHECK(r["summary"]["lines"] == 2);
  CHECK(r["summary"]["cancellations"] == 1);
  CHECK(r["summary"]["revenue"] == 1224.56);
  CHECK(r["summary"]["first_day"] == "2026-11-23");
  CHECK(r["preview"].size() == 4);
  CHECK(r["mapping_error"].is_null());
}

TEST_CASE("inspect with fallback_to_table reports the mapping error") {
  const json r = api::inspect_text(json{{"text", "a,b\n1,2\n"}, {"options", {{"fallback_to_table", true}}}});
  CHECK(r["mode"]["name"] == "table");
  CHECK(r["mapping_error"]["code"] == "no_customer_column");
  CHECK(r["mapping_error"]["field"] == "customer");
  CHECK(r["rows"]["read"] == 1);
  CHECK_THROWS_AS(api::inspect_text(json{{"text", "a,b\n1,2\n"}}), Error);
  CHECK_THROWS_AS(api::inspect_text(json{{"txt", "x"}}), Error);
}
