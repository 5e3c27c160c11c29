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
#include <cstring>
#include <initializer_list>
#include <memory>
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
  // A copy's blocks have the room of the original's, so appending to the
  // copy never moves a block either.
  StringPool(const StringPool& other)
      : texts_(other.texts_), text_bytes_(other.text_bytes_), last_block_limit_(other.last_block_limit_) {
    blocks_.reserve(other.blocks_.size());
    for (const Block& b : other.blocks_) {
      blocks_.emplace_back(b.capacity);
      if (b.size != 0) std::memcpy(blocks_.back().bytes.get(), b.bytes.get(), b.size);
      blocks_.back().size = b.size;
    }
  }
  StringPool& operator=(const StringPool& other) {
    if (this != &other) *this = StringPool(other);
    return *this;
  }
  StringPool(StringPool&&) noexcept = default;
  StringPool& operator=(StringPool&&) noexcept = default;

  std::size_t size() const noexcept { return texts_.size(); }
  bool empty() const noexcept { return texts_.empty(); }
  std::size_t text_bytes() const noexcept { return text_bytes_; }

  std::string_view operator[](std::size_t i) const noexcept {
    const std::uint64_t e = texts_[i];
    const std::size_t length = static_cast<std::size_t>(e & kMaxText);
    if (length == 0) return {};
    const std::uint64_t start = e >> kLengthBits;
    const auto block = static_cast<std::size_t>(start >> kBlockBits);
    const auto offset = static_cast<std::size_t>(start & (kBlock - 1));
    return std::string_view(blocks_[block].bytes.get() + offset, length);
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
    last_block_limit_ = 0;
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
    if (blocks_.empty() || blocks_.back().size + s.size() > last_block_limit_) {
      last_block_limit_ = std::min(kBlock, std::max({kFirstBlock, last_block_limit_ * 2, s.size()}));
      blocks_.emplace_back(last_block_limit_);  // on the heap, never moves
    }
    Block& block = blocks_.back();
    const std::uint64_t start = (static_cast<std::uint64_t>(blocks_.size() - 1) << kBlockBits) + block.size;
    copy_text(block.bytes.get() + block.size, s.data(), s.size());
    block.size += s.size();
    return start;
  }

  // memcpy of n bytes; up to 16 by fixed-size copies. (A variable-size
  // memcpy is a call in WebAssembly, as costly as the rest of push_back; most
  // ids are short.) For n < 16 the two copies overlap: the bytes they both
  // write are the same, and none lies outside [dst, dst + n).
  static void copy_text(char* dst, const char* src, std::size_t n) noexcept {
    if (n >= 8 && n <= 16) {
      std::uint64_t head = 0, tail = 0;
      std::memcpy(&head, src, 8);
      std::memcpy(&tail, src + n - 8, 8);
      std::memcpy(dst, &head, 8);
      std::memcpy(dst + n - 8, &tail, 8);
    } else if (n >= 4 && n < 8) {
      std::uint32_t head = 0, tail = 0;
      std::memcpy(&head, src, 4);
      std::memcpy(&tail, src + n - 4, 4);
      std::memcpy(dst, &head, 4);
      std::memcpy(dst + n - 4, &tail, 4);
    } else if (n < 4) {
      for (std::size_t i = 0; i < n; ++i) dst[i] = src[i];
    } else {
      std::memcpy(dst, src, n);
    }
  }

  std::uint64_t append_long(std::string_view s) {
    const std::uint64_t start = static_cast<std::uint64_t>(blocks_.size()) << kBlockBits;
    blocks_.emplace_back(s.size());
    std::memcpy(blocks_.back().bytes.get(), s.data(), s.size());
    blocks_.back().size = s.size();
    const std::size_t slots = (s.size() + kBlock - 1) / kBlock;
    blocks_.resize(blocks_.size() + slots - 1);  // the empty slots it covers
    last_block_limit_ = 0;                       // full: the next short text opens a new block
    return start;
  }

  // A block of text: capacity bytes, the first size of them used.
  struct Block {
    Block() = default;
    explicit Block(std::size_t bytes_held) : bytes(new char[bytes_held]), capacity(bytes_held) {}
    std::unique_ptr<char[]> bytes;
    std::size_t capacity = 0;
    std::size_t size = 0;
  };

  std::vector<Block> blocks_;          // blocks of text, one per 1 MiB slot
  std::vector<std::uint64_t> texts_;   // per text: start << 24 | length
  std::size_t text_bytes_ = 0;
  std::size_t last_block_limit_ = 0;   // bytes the last block may hold (0: none open)
};

}  // namespace kpikit
