#pragma once
// StringPool: a list of texts stored back to back in blocks of memory.
//
// Ingestion keeps every distinct customer and order id once. As a
// std::vector<std::string> a million ids cost a million string objects (24
// bytes natively, 12 in WebAssembly) and, beyond the short-string limit (15
// characters natively, 10 in WebAssembly, so most e-mail addresses), a heap
// block each. Here a text costs its bytes plus 8 bytes (where it starts and
// how long it is), and the pool grows by adding blocks: nothing is ever
// copied or moved, and no allocation is larger than one block (1 MiB) or one
// long text, so a pool of a gigabyte of ids never needs a second gigabyte to
// grow into.
//
// Conventions: index i is the i-th text appended; texts are returned as
// std::string_view, valid as long as the pool lives (blocks never move);
// texts may hold any bytes, including NUL. One text may be at most 16 MiB
// (kMaxText); a longer one is the error `value_too_long`.
#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kpikit {

class StringPool {
 public:
  using value_type = std::string_view;
  static constexpr std::size_t kMaxText = (std::size_t{1} << 24) - 1;

  StringPool() = default;
  StringPool(std::initializer_list<std::string_view> texts) {
    for (std::string_view t : texts) push_back(t);
  }

  std::size_t size() const noexcept { return texts_.size(); }
  bool empty() const noexcept { return texts_.empty(); }
  std::size_t text_bytes() const noexcept { return text_bytes_; }

  std::string_view operator[](std::size_t i) const noexcept {
    const std::uint64_t e = texts_[i];
    const std::size_t length = static_cast<std::size_t>(e & kMaxText);
    if (length == 0) return {};
    const std::uint64_t start = e >> kLengthBits;
    return std::string_view(blocks_[start >> kBlockBits].data() + (start & (kBlock - 1)), length);
  }

  void push_back(std::string_view s) {
    if (s.size() > kMaxText)
      throw Error("value_too_long", "an id or label is longer than 16 MB; is the right column mapped?");
    std::uint64_t start = 0;
    if (!s.empty()) start = s.size() > kBlock ? append_long(s) : append_short(s);
    texts_.push_back((start << kLengthBits) | s.size());
    text_bytes_ += s.size();
  }

  void reserve(std::size_t texts) { texts_.reserve(texts); }

  void clear() noexcept {
    blocks_.clear();
    texts_.clear();
    last_block_open_ = false;
    text_bytes_ = 0;
  }

  std::vector<std::string> to_vector() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
  }

  friend bool operator==(const StringPool& a, const StringPool& b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }
  friend bool operator==(const StringPool& a, const std::vector<std::string>& b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

 private:
  // Texts are addressed by a start in a virtual space of 1 MiB slots, one
  // slot per block (a long text's block takes as many slots as it needs;
  // the slots after its first stay empty). 40 bits of start, 24 of length.
  static constexpr unsigned kBlockBits = 20;
  static constexpr std::size_t kBlock = std::size_t{1} << kBlockBits;
  static constexpr unsigned kLengthBits = 24;
  static constexpr std::size_t kFirstBlock = 4096;  // small inputs stay small

  std::uint64_t append_short(std::string_view s) {
    if (!last_block_open_ || blocks_.back().size() + s.size() > blocks_.back().capacity()) {
      const std::size_t previous = blocks_.empty() ? kFirstBlock / 2 : blocks_.back().capacity();
      blocks_.emplace_back();
      blocks_.back().reserve(std::min(kBlock, std::max(kFirstBlock, previous * 2)));  // on the heap, never moves
      last_block_open_ = true;
    }
    std::string& block = blocks_.back();
    const std::uint64_t start = (static_cast<std::uint64_t>(blocks_.size() - 1) << kBlockBits) + block.size();
    block.append(s.data(), s.size());  // within capacity: the block never moves
    return start;
  }

  std::uint64_t append_long(std::string_view s) {
    const std::uint64_t start = static_cast<std::uint64_t>(blocks_.size()) << kBlockBits;
    blocks_.emplace_back(s);
    const std::size_t slots = (s.size() + kBlock - 1) / kBlock;
    blocks_.resize(blocks_.size() + slots - 1);  // the empty slots it covers
    last_block_open_ = false;                    // the next short text opens a new block
    return start;
  }

  std::vector<std::string> blocks_;    // blocks of text, one per 1 MiB slot
  std::vector<std::uint64_t> texts_;   // per text: start << 24 | length
  std::size_t text_bytes_ = 0;
  bool last_block_open_ = false;       // the last block takes short texts
};

}  // namespace kpikit
