// The JSON request boundary: shapes of success and failure.
#include <doctest/doctest.h>

#include "api/request.h"

using kpikit::api::handle_request;
using kpikit::api::handle_request_text;
using nlohmann::json;

TEST_CASE("calc crr with German typed inputs returns values, units and the formula") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "crr"}, {"locale", "de"},
                                 {"inputs", {{"start", "30"}, {"end", "34"}, {"new", "5"}}}});
  REQUIRE(r["ok"] == true);
  const json& res = r["result"];
  CHECK(res["primary"] == "crr");
  CHECK(res["values"]["crr"].get<double>() == doctest::Approx(29.0 / 30.0).epsilon(1e-12));
  CHECK(res["values"]["lost"].get<double>() == 1);
  CHECK(res["units"]["crr"] == "percent");
  CHECK(res["units"]["start"] == "count");
  CHECK(res["formula"] == "CRR = (E − N) / S");
  CHECK(res["inputs"]["end"].get<double>() == 34);
}

TEST_CASE("an empty field is reported as missing, naming it") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "crr"}, {"inputs", {{"start", ""}, {"end", 3}, {"new", 1}}}});
  CHECK(r["ok"] == false);
  CHECK(r["error"]["code"] == "missing");
  CHECK(r["error"]["field"] == "start");
}

TEST_CASE("text that is not a number is not_a_number for its field") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "churn"}, {"inputs", {{"start", "viele"}, {"end", 3}, {"new", 1}}}});
  CHECK(r["error"]["code"] == "not_a_number");
  CHECK(r["error"]["field"] == "start");
  CHECK(r["error"]["message"] == "start is not a number: 'viele'");
}

TEST_CASE("S = 0 is zero_start, never NaN") {
  const json r = handle_request({{"op", "calc"}, {"calculator", "crr"}, {"inputs", {{"start", 0}, {"end", 0}, {"new", 0}}}});
  CHECK(r["error"]["code"] == "zero_start");
}

TEST_CASE("malformed requests get stable codes") {
  CHECK(json::parse(handle_request_text("{nope"))["error"]["code"] == "invalid_json");
  CHECK(json::parse(handle_request_text("[1,2]"))["error"]["code"] == "invalid_request");
  CHECK(json::parse(handle_request_text(R"({"op":"fly"})"))["error"]["code"] == "unknown_op");
  CHECK(json::parse(handle_request_text(R"({"op":"calc","calculator":"xyz"})"))["error"]["code"] == "unknown_calculator");
  CHECK(json::parse(handle_request_text(R"({"op":"calc","calculator":"crr","inputs":[1]})"))["error"]["code"] == "invalid_request");
  CHECK(json::parse(handle_request_text(R"({"op":"calc","calculator":"crr","locale":"fr","inputs":{}})"))["error"]["field"] == "locale");
}

TEST_CASE("the calculators op lists crr and churn with their inputs") {
  const json r = handle_request({{"op", "calculators"}});
  const json& list = r["result"]["calculators"];
  REQUIRE(list.size() >= 2);
  CHECK(list[0]["id"] == "crr");
  CHECK(list[0]["inputs"][0]["name"] == "start");
  CHECK(list[0]["inputs"][0]["unit"] == "count");
}
