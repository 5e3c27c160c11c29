// StringPool: texts back to back in one buffer (src/data/string_pool.h).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "data/string_pool.h"

using kpikit::StringPool;

TEST_CASE("StringPool keeps texts in order, including empty texts, NUL bytes and multi-byte characters") {
  StringPool p;
  CHECK(p.empty());
  p.push_back("anna@example.com");
  p.push_back("");
  p.push_back(std::string("a\0b", 3));
  p.push_back("Müller");
  REQUIRE(p.size() == 4);
  CHECK(p[0] == "anna@example.com");
  CHECK(p[1].empty());
  CHECK(p[2].size() == 3);
  CHECK(p[2] == std::string_view("a\0b", 3));
  CHECK(p[3] == "Müller");  // 7 bytes in UTF-8
  CHECK(p.text_bytes() == 16 + 0 + 3 + 7);
  CHECK(p.to_vector() == std::vector<std::string>{"anna@example.com", "", std::string("a\0b", 3), "Müller"});
}

TEST_CASE("StringPool texts survive the buffer growing, and pools compare by content") {
  StringPool p;
  for (int i = 0; i < 100000; ++i) p.push_back("customer-" + std::to_string(i));
  CHECK(p[0] == "customer-0");
  CHECK(p[54321] == "customer-54321");
  CHECK(p[99999] == "customer-99999");
  StringPool q = {"x", "yz"};
  CHECK(q == StringPool{"x", "yz"});
  CHECK_FALSE(q == StringPool{"xy", "z"});  // same bytes, different split
  CHECK(q == std::vector<std::string>{"x", "yz"});
  CHECK_FALSE(q == std::vector<std::string>{"x"});
  q.clear();
  CHECK(q.empty());
}
