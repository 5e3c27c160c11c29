#pragma once
// StringPool: a list of texts stored back to back in one buffer.
//
// Ingestion keeps every distinct customer and order id once. As a
// std::vector<std::string> a million ids cost a million string objects (24
// bytes natively, 12 in WebAssembly) and, beyond the short-string limit (15
// characters natively, 10 in WebAssembly, so most e-mail addresses), a heap
// block each. Here they cost their bytes plus a 4-byte end offset, and
// appending never moves a string object.
//
// Conventions: index i is the i-th text appended; texts are returned as
// std::string_view valid until the next push_back (the buffer may move);
// texts may hold any bytes, including NUL. The whole pool is limited to
// 4 GiB of text (the offsets are 32-bit), far above the WebAssembly memory.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace kpikit {

class StringPool {
 public:
  using value_type = std::string_view;

  StringPool() = default;
  StringPool(std::initializer_list<std::string_view> texts) {
    for (std::string_view t : texts) push_back(t);
  }

  std::size_t size() const noexcept { return ends_.size(); }
  bool empty() const noexcept { return ends_.empty(); }
  std::size_t text_bytes() const noexcept { return text_.size(); }

  std::string_view operator[](std::size_t i) const noexcept {
    const std::uint32_t begin = i == 0 ? 0 : ends_[i - 1];
    return std::string_view(text_.data() + begin, ends_[i] - begin);
  }

  void push_back(std::string_view s) {
    text_.append(s.data(), s.size());
    ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  }

  void reserve(std::size_t texts, std::size_t bytes) {
    ends_.reserve(texts);
    text_.reserve(bytes);
  }

  void clear() noexcept {
    text_.clear();
    ends_.clear();
  }

  std::vector<std::string> to_vector() const {
    std::vector<std::string> out;
    out.reserve(size());
    for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
    return out;
  }

  friend bool operator==(const StringPool& a, const StringPool& b) noexcept {
    return a.ends_ == b.ends_ && a.text_ == b.text_;
  }
  friend bool operator==(const StringPool& a, const std::vector<std::string>& b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
      if (a[i] != b[i]) return false;
    return true;
  }

 private:
  std::string text_;                 // all texts, back to back
  std::vector<std::uint32_t> ends_;  // end offset of text i in text_
};

}  // namespace kpikit
