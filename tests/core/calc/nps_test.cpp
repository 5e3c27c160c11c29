// NPS and its 95 % interval, checked by hand (numbers in the comments were
// computed independently with Python's math module).
#include <doctest/doctest.h>

#include <string>

#include "calc/nps.h"
#include "calc/registry.h"
#include "core/error.h"
#include "error_of.h"

using kpikit::test::error_at_row;
using kpikit::Error;
using kpikit::nps_from_counts;

namespace {
const kpikit::Calculator& nps() { return kpikit::find_calculator("nps"); }
double value(const kpikit::CalcOutcome& out, const std::string& name) {
  for (const auto& v : out.values) if (v.name == name) return v.value;
  FAIL("no value " << name);
  return 0;
}
bool has_warning(const kpikit::CalcOutcome& out, const std::string& code) {
  for (const auto& w : out.warnings) if (w == code) return true;
  return false;
}
}  // namespace

TEST_CASE("50 promoters, 30 passives, 20 detractors: NPS 30, CI 14.69 to 45.31") {
  // p = 0.5, d = 0.2; var = 0.5 + 0.2 - 0.3^2 = 0.61; se = sqrt(0.61/100) = 0.0781025
  // moe = 1.959964 * 100 * se = 15.307808
  const auto r = nps_from_counts({50, 30, 20});
  CHECK(r.respondents == 100);
  CHECK(r.nps == doctest::Approx(30).epsilon(1e-12));
  CHECK(r.promoter_share == doctest::Approx(0.5));
  CHECK(r.passive_share == doctest::Approx(0.3));
  CHECK(r.detractor_share == doctest::Approx(0.2));
  CHECK(r.standard_error == doctest::Approx(0.07810249675906654).epsilon(1e-12));
  CHECK(r.margin_of_error == doctest::Approx(15.30780807504267).epsilon(1e-12));
  CHECK(r.ci_low == doctest::Approx(14.69219192495733).epsilon(1e-12));
  CHECK(r.ci_high == doctest::Approx(45.30780807504267).epsilon(1e-12));
}

TEST_CASE("the interval is clipped to [-100, 100]") {
  // 9 promoters, 1 passive: NPS 90, se = sqrt((0.9 - 0.81)/10) = 0.094868, moe = 18.594
  const auto r = nps_from_counts({9, 1, 0});
  CHECK(r.nps == doctest::Approx(90));
  CHECK(r.ci_low == doctest::Approx(71.40614903086316).epsilon(1e-12));
  CHECK(r.ci_high == 100);
}

TEST_CASE("raw scores: blank lines are skipped, groups 9-10 / 7-8 / 0-6") {
  // scores 10, 9, 8, 6, 0 -> P = 2, A = 1, D = 2, n = 5, NPS 0
  // var = 0.4 + 0.4 - 0 = 0.8, se = sqrt(0.8 / 5) = 0.4, moe = 78.3986
  kpikit::CalcInputValues in;
  in.lists["scores"] = {{10, 9, 8, 6, 0}, {1, 2, 4, 5, 6}};
  const auto out = nps().compute(in);
  CHECK(value(out, "nps") == doctest::Approx(0).epsilon(1e-12));
  CHECK(value(out, "promoters") == 2);
  CHECK(value(out, "passives") == 1);
  CHECK(value(out, "detractors") == 2);
  CHECK(value(out, "moe") == doctest::Approx(78.39855938160215).epsilon(1e-12));
  CHECK(has_warning(out, "small_sample"));
  REQUIRE(out.tables.size() == 1);
  const auto& rows = out.tables[0].rows;
  REQUIRE(rows.size() == 11);
  CHECK(rows[10][1] == 1);  // one 10
  CHECK(rows[6][1] == 1);   // one 6
  CHECK(rows[7][1] == 0);
  CHECK(rows[8][2] == doctest::Approx(0.2));  // one of five answers is an 8
}

TEST_CASE("a score outside 0-10 is an error naming its row") {
  kpikit::CalcInputValues in;
  in.lists["scores"] = {{9, 7, 11}, {1, 3, 4}};
  CHECK(error_at_row([&] { nps().compute(in); }) == "score_out_of_range@scores#4");
  in.lists["scores"] = {{9, -1}, {}};
  CHECK(error_at_row([&] { nps().compute(in); }) == "score_out_of_range@scores#2");
  in.lists["scores"] = {{9.5}, {}};
  CHECK(error_at_row([&] { nps().compute(in); }) == "score_not_whole@scores#1");
  try {
    kpikit::score_distribution({9, 7, 11}, {1, 3, 4});
  } catch (const Error& e) {
    CHECK(std::string(e.what()) == "row 4: score 11 is outside 0 to 10");
  }
}

TEST_CASE("all answers in one group: NPS 100 with a degenerate interval warning") {
  const auto out = nps().compute({{"promoters", 40}, {"passives", 0}, {"detractors", 0}});
  CHECK(value(out, "nps") == 100);
  CHECK(value(out, "ci_low") == 100);
  CHECK(has_warning(out, "degenerate_interval"));
  CHECK(!has_warning(out, "small_sample"));
}

TEST_CASE("bad NPS inputs are errors naming the field") {
  CHECK(error_at_row([] { nps_from_counts({0, 0, 0}); }) == "no_responses@promoters#0");
  CHECK(error_at_row([] { nps_from_counts({1.5, 0, 0}); }) == "not_whole@promoters#0");
  CHECK(error_at_row([] { nps_from_counts({1, -2, 0}); }) == "negative@passives#0");
  CHECK(error_at_row([] { nps().compute({}); }) == "missing@promoters#0");
  CHECK(error_at_row([] { nps().compute({{"promoters", 5}, {"passives", 1}}); }) == "missing@detractors#0");
  kpikit::CalcInputValues both{{"promoters", 5}};
  both.lists["scores"] = {{9}, {}};
  CHECK(error_at_row([&] { nps().compute(both); }) == "scores_and_counts@scores#0");
}
