// The JSON adapter with list inputs: pasted columns, rows in errors, tables and verdicts.
#include <doctest/doctest.h>

#include "api/request.h"

using kpikit::api::handle_request;
using nlohmann::json;

TEST_CASE("nps scores pasted as text: blank lines skipped, German decimals, rows in the echo") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "nps"}, {"locale", "de"},
                                 {"inputs", {{"scores", "10\n9\n\n8\r\n6\n0\n"}, {"promoters", ""}}}});
  REQUIRE(r["ok"] == true);
  CHECK(r["result"]["values"]["nps"].get<double>() == doctest::Approx(0));
  CHECK(r["result"]["inputs"]["scores"] == json::array({10, 9, 8, 6, 0}));
  CHECK(r["result"]["tables"][0]["name"] == "distribution");
  CHECK(r["result"]["verdict"].is_null());
}

TEST_CASE("a bad score names field and row, counted as the user sees the lines") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "nps"}, {"inputs", {{"scores", "9\n\n12\n"}}}});
  CHECK(r["ok"] == false);
  CHECK(r["error"]["code"] == "score_out_of_range");
  CHECK(r["error"]["field"] == "scores");
  CHECK(r["error"]["row"] == 3);
  CHECK(r["error"]["message"] == "row 3: score 12 is outside 0 to 10");
  const json t = handle_request({{"op", "calc"}, {"calculator", "nps"}, {"inputs", {{"scores", json::array({9, "zehn"})}}}});
  CHECK(t["error"]["code"] == "not_a_number");
  CHECK(t["error"]["row"] == 2);
}

TEST_CASE("the describe op marks list inputs; errors without a row have no row key") {
  const json list = handle_request({{"op", "calculators"}})["result"]["calculators"];
  bool found = false;
  for (const auto& c : list)
    if (c["id"] == "nps") { found = true; CHECK(c["inputs"][0]["list"] == true); CHECK(!c["inputs"][1].contains("list")); }
  CHECK(found);
  const json r = handle_request({{"op", "calc"}, {"calculator", "crr"}, {"inputs", {{"start", 0}, {"end", 0}, {"new", 0}}}});
  CHECK(!r["error"].contains("row"));
}

TEST_CASE("clv_cac returns its verdict; the what-if its table with the chart column") {
  const json v = handle_request({{"op", "calc"}, {"calculator", "clv_cac"}, {"inputs", {{"clv", 90}, {"cac", 100}}}});
  CHECK(v["result"]["verdict"] == "losing_money");
  const json w = handle_request({{"op", "calc"}, {"calculator", "retention_whatif"}, {"locale", "de"},
                                 {"inputs", {{"retention", "80"}, {"margin", "100"}, {"discount", "10"}, {"customers", "1.000"}, {"change", "5"}}}});
  REQUIRE(w["ok"] == true);
  CHECK(w["result"]["values"]["clv_change"].get<double>() == doctest::Approx(0.275));
  CHECK(w["result"]["tables"][0]["chart"] == json::array({"clv"}));
  CHECK(w["result"]["tables"][0]["rows"].size() == 7);
}
