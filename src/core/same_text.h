#pragma once
// Equality of two texts without a library call. string_view's == calls
// memcmp, which WebAssembly cannot inline and runs as a byte loop; the hot
// comparisons of a read (a row's date against the previous row's, an order
// number's prefix against its run's, a product name against its label) are
// compared here 8 bytes at a time, the last word overlapping the one before
// (never past either end).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace kpikit {

template <class Word>
bool same_ends(const char* a, const char* b, std::size_t n) noexcept {
  Word a0, a1, b0, b1;
  std::memcpy(&a0, a, sizeof(Word));
  std::memcpy(&b0, b, sizeof(Word));
  std::memcpy(&a1, a + n - sizeof(Word), sizeof(Word));
  std::memcpy(&b1, b + n - sizeof(Word), sizeof(Word));
  return a0 == b0 && a1 == b1;
}

// a == b; the same result as string_view's ==.
inline bool same_text(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n > 16) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (!same_ends<std::uint64_t>(a.data() + i, b.data() + i, 8)) return false;
    }
    return same_ends<std::uint64_t>(a.data() + n - 8, b.data() + n - 8, 8);
  }
  if (n >= 8) return same_ends<std::uint64_t>(a.data(), b.data(), n);
  if (n >= 4) return same_ends<std::uint32_t>(a.data(), b.data(), n);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace kpikit
