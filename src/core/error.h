#pragma once
// The one error type of the KPIkit core.
//
// Every failure the core reports to a caller is a kpikit::Error carrying
//   code    a stable snake_case identifier ("not_a_number", "zero_start") that
//           the JS API, the CLI and the UI translate; never reworded;
//   message a short lowercase English phrase for logs and the CLI
//           ("start must be greater than 0");
//   field   the input the problem concerns ("start"), empty if none;
//   row     for a list input (a pasted column), the 1-based row of the bad
//           value ("row 3: score 11 is outside 0 to 10"), 0 if none.
// Row-level problems while reading files are not thrown: they are collected as
// data (see ingest) so one bad row never ends a read.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace kpikit {

class Error : public std::runtime_error {
 public:
  Error(std::string code, const std::string& message, std::string field = {}, std::size_t row = 0)
      : std::runtime_error(message), code_(std::move(code)), field_(std::move(field)), row_(row) {}

  const std::string& code() const noexcept { return code_; }
  const std::string& field() const noexcept { return field_; }
  std::size_t row() const noexcept { return row_; }

 private:
  std::string code_;
  std::string field_;
  std::size_t row_ = 0;
};

}  // namespace kpikit
