#pragma once
// Decimal digits read 8 at a time (SWAR), for ids: the interner keys short
// decimal ids by their number, and normalize_id passes digits-only ids
// through untouched.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace kpikit::detail {

// The value of 1..8 decimal digits at p, 8 bytes at a time (SWAR, as simdjson's
// parse_eight_digits): the digits are loaded right-aligned behind '0' bytes,
// checked together, then combined pairwise by three multiplications. False
// when some byte is not a digit. Byte order: little-endian (x86, WebAssembly).
inline bool digits_value(const char* p, std::size_t n, std::uint64_t& value) noexcept {
  std::uint64_t x = 0;
  if (n == 8) {
    std::memcpy(&x, p, 8);  // a fixed-size copy: one load
  } else {
    // Two fixed-size loads that overlap (the first and the last 4 or 2 bytes;
    // the overlapping bytes are equal, so OR keeps them), never reading past
    // p + n. Not memcpy of n bytes: WebAssembly calls memcpy for a variable size.
    if (n >= 4) {
      std::uint32_t head = 0, tail = 0;
      std::memcpy(&head, p, 4);
      std::memcpy(&tail, p + n - 4, 4);
      x = head | (static_cast<std::uint64_t>(tail) << (8 * (n - 4)));
    } else if (n >= 2) {
      std::uint16_t head = 0, tail = 0;
      std::memcpy(&head, p, 2);
      std::memcpy(&tail, p + n - 2, 2);
      x = head | (static_cast<std::uint64_t>(tail) << (8 * (n - 2)));
    } else if (n == 1) {
      x = static_cast<unsigned char>(p[0]);
    } else {
      return false;
    }
    x = (x << (8 * (8 - n))) | (0x3030303030303030ULL >> (8 * n));
  }
  const bool digits = ((x & 0xF0F0F0F0F0F0F0F0ULL) | (((x + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) ==
                      0x3333333333333333ULL;
  if (!digits) return false;
  x = ((x & 0x0F0F0F0F0F0F0F0FULL) * 2561) >> 8;
  x = ((x & 0x00FF00FF00FF00FFULL) * 6553601) >> 16;
  value = ((x & 0x0000FFFF0000FFFFULL) * 42949672960001ULL) >> 32;
  return true;
}

// The value of 1..18 decimal digits, else false.
inline bool decimal_value(std::string_view s, std::uint64_t& value) noexcept {
  if (s.empty() || s.size() > 18) return false;
  // A head of 1..8 digits, then blocks of 8.
  std::size_t at = s.size() % 8 == 0 ? 8 : s.size() % 8;
  std::uint64_t v = 0;
  if (!digits_value(s.data(), at, v)) return false;
  for (; at < s.size(); at += 8) {
    std::uint64_t block = 0;
    if (!digits_value(s.data() + at, 8, block)) return false;
    v = v * 100000000ULL + block;
  }
  value = v;
  return true;
}

// An id's number when the id is 1..18 decimal digits, else nullopt.
// normalize_id reports it and the interners key by it (given by the caller
// that has read it already), so the usual id is read once.
using IdNumber = std::optional<std::uint64_t>;

inline IdNumber id_number(std::string_view s) noexcept {
  std::uint64_t v = 0;
  return decimal_value(s, v) ? IdNumber(v) : std::nullopt;
}

}  // namespace kpikit::detail
