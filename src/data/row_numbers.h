#pragma once
// RowNumbers: the input row of each order line, stored as runs.
//
// Lines are appended in file order, and most rows are used, so the row
// numbers count up one by one with a gap wherever rows were skipped. A run
// {first line, first row} covers the lines up to the next run: a file with
// no skipped row costs one run instead of 4 bytes a line, and one with many
// skips at most 8 bytes a run of used rows.
//
// Conventions: index i is the i-th line appended; rows are 1-based data rows
// of the input file, as reported in skip reasons; any sequence may be
// appended (a row that does not follow the previous one opens a run).
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace kpikit {

class RowNumbers {
 public:
  RowNumbers() = default;
  RowNumbers(std::initializer_list<std::uint32_t> rows) {
    for (std::uint32_t r : rows) push_back(r);
  }

  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }
  void reserve(std::size_t) noexcept {}  // runs are few

  std::uint32_t operator[](std::size_t i) const noexcept {
    const auto it = std::upper_bound(runs_.begin(), runs_.end(), i,
                                     [](std::size_t v, const Run& r) { return v < r.first_line; });
    const Run& r = *(it - 1);
    return r.first_row + static_cast<std::uint32_t>(i - r.first_line);
  }

  // The next row (the usual case) only counts: a small body that inlines.
  void push_back(std::uint32_t row) {
    if (row != last_row_ + 1 || runs_.empty()) open_run(row);
    last_row_ = row;
    ++size_;
  }

  // push_back of first_row, first_row + 1, ..., first_row + n - 1.
  void push_consecutive(std::uint32_t first_row, std::size_t n) {
    if (n == 0) return;
    push_back(first_row);
    last_row_ = first_row + static_cast<std::uint32_t>(n - 1);
    size_ += n - 1;
  }

  // Keeps line i where keep[i] != 0 (keep has one entry per line).
  void filter(const std::vector<std::uint8_t>& keep) {
    RowNumbers kept;
    for (std::size_t i = 0; i < size_; ++i)
      if (keep[i]) kept.push_back((*this)[i]);
    *this = std::move(kept);
  }

  std::size_t runs() const noexcept { return runs_.size(); }

  friend bool operator==(const RowNumbers& a, const std::vector<std::uint32_t>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < b.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

 private:
  void open_run(std::uint32_t row) { runs_.push_back({static_cast<std::uint32_t>(size_), row}); }

  struct Run {
    std::uint32_t first_line;
    std::uint32_t first_row;
  };
  std::vector<Run> runs_;  // by first_line
  std::uint32_t last_row_ = 0;
  std::size_t size_ = 0;
};

}  // namespace kpikit
