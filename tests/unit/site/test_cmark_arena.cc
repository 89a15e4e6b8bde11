#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "site/cjk_emphasis_extension.h"
#include "site/cmark_arena.h"

using namespace mamori;

namespace {

bool aligned(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % 16 == 0;  // NOLINT(cppcoreguidelines-pro-type-reinterpret-cast)
}

// Markdown to HTML with the extensions mamori uses, through whatever cmark_page_mem() is.
std::string render(const std::string& markdown) {
  cmark_gfm_core_extensions_ensure_registered();
  cmark_mem* mem = cmark_page_mem();
  cmark_parser* parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, mem);
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_attach_syntax_extension(parser, cjk_emphasis_extension());
  cmark_parser_feed(parser, markdown.data(), markdown.size());
  cmark_node* doc = cmark_parser_finish(parser);
  char* html = cmark_render_html_with_mem(doc, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser), mem);
  std::string out = html;
  mem->free(html);
  cmark_node_free(doc);
  cmark_parser_free(parser);
  return out;
}

}  // namespace

TEST_SUITE("cmark arena") {
  TEST_CASE("outside a scope cmark gets its default allocator; scopes nest") {
    CHECK(cmark_page_mem() == cmark_get_default_mem_allocator());
    {
      const CmarkArenaScope outer;
      cmark_mem* outer_mem = cmark_page_mem();
      CHECK(outer_mem != cmark_get_default_mem_allocator());
      {
        const CmarkArenaScope inner;
        void* p = cmark_page_mem()->calloc(1, 100);
        CHECK(inner.used() >= 100);
        CHECK(outer.used() == 0);
        cmark_page_mem()->free(p);
      }
      void* q = outer_mem->calloc(1, 8);
      CHECK(outer.used() >= 8);
      outer_mem->free(q);
    }
    CHECK(cmark_page_mem() == cmark_get_default_mem_allocator());
  }

  TEST_CASE("calloc hands out zeroed, aligned, separate memory, also past a block and for large sizes") {
    const CmarkArenaScope arena;
    cmark_mem* mem = cmark_page_mem();
    std::vector<unsigned char*> blocks;
    for (size_t i = 0; i < 3000; ++i) {
      auto* p = static_cast<unsigned char*>(mem->calloc(i % 97 + 1, 7));
      REQUIRE(p != nullptr);
      CHECK(aligned(p));
      CHECK(p[0] == 0);
      CHECK(p[(i % 97 + 1) * 7 - 1] == 0);
      std::memset(p, static_cast<int>(i % 251), (i % 97 + 1) * 7);
      blocks.push_back(p);
    }
    auto* large = static_cast<unsigned char*>(mem->calloc(3, size_t{1} << 20));
    REQUIRE(large != nullptr);
    CHECK(large[(size_t{3} << 20) - 1] == 0);
    // Each allocation still holds what was written into it: none overlaps another.
    for (size_t i = 0; i < blocks.size(); ++i) {
      const size_t size = (i % 97 + 1) * 7;
      CHECK(blocks[i][0] == i % 251);
      CHECK(blocks[i][size - 1] == i % 251);
    }
    CHECK(arena.used() > (size_t{3} << 20));
    CHECK(mem->calloc(SIZE_MAX / 2, 4) == nullptr);  // overflow: cmark-gfm aborts on nullptr
  }

  TEST_CASE("realloc keeps the contents, growing in place when it can") {
    const CmarkArenaScope arena;
    cmark_mem* mem = cmark_page_mem();
    auto* buffer = static_cast<char*>(mem->realloc(nullptr, 10));
    std::memcpy(buffer, "abcdefghij", 10);
    const size_t before = arena.used();
    auto* grown = static_cast<char*>(mem->realloc(buffer, 1000));
    CHECK(grown == buffer);  // the latest allocation grows where it is
    CHECK(arena.used() - before < 1000);
    CHECK(std::string(grown, 10) == "abcdefghij");
    void* other = mem->calloc(1, 16);
    auto* moved = static_cast<char*>(mem->realloc(grown, 100000));  // no longer the latest: it moves
    CHECK(moved != grown);
    CHECK(std::string(moved, 10) == "abcdefghij");
    auto* shrunk = static_cast<char*>(mem->realloc(moved, 4));
    CHECK(std::string(shrunk, 4) == "abcd");
    mem->free(other);
    mem->free(shrunk);
  }

  TEST_CASE("a small piece freed is handed out again for its size, zeroed by calloc") {
    const CmarkArenaScope arena;
    cmark_mem* mem = cmark_page_mem();
    auto* row = static_cast<unsigned char*>(mem->calloc(1, 40));
    std::memset(row, 0xAB, 40);
    mem->free(row);
    const size_t used = arena.used();
    auto* again = static_cast<unsigned char*>(mem->calloc(1, 48));  // 40 and 48 round to the same 48
    CHECK(again == row);
    CHECK(again[0] == 0);
    CHECK(again[47] == 0);
    CHECK(arena.used() == used);
    void* other = mem->calloc(1, 100);  // another size: from the end
    CHECK(other != row);
    // A table of many rows, each allocated and freed, takes the room of one.
    for (int i = 0; i < 10000; ++i) mem->free(mem->calloc(1, 64));
    CHECK(arena.used() < used + 1000);
    // A moved buffer's old piece is reused too.
    auto* small = static_cast<char*>(mem->realloc(nullptr, 32));
    mem->calloc(1, 16);  // no longer the latest: the next realloc moves it
    auto* bigger = static_cast<char*>(mem->realloc(small, 64));
    CHECK(bigger != small);
    CHECK(mem->calloc(1, 32) == small);
    mem->free(other);
  }

  TEST_CASE("a table's rows, each parsed into a piece that is freed, reuse that piece") {
    std::string table = "| a | b |\n|---|---|\n";
    for (int i = 0; i < 3000; ++i) table += "| x | y |\n";
    const CmarkArenaScope arena;
    const std::string html = render(table);
    CHECK(html.find("<td>x</td>") != std::string::npos);
    // The tree itself takes about 1.3 KB a row (five nodes and their text); without reuse
    // the freed row pieces took 2 KB a row in all.
    CHECK(arena.used() < size_t{3000} * 1500);
  }

  TEST_CASE("cmark-gfm renders every page of the portal the same from the arena as from malloc") {
    size_t pages = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(MAMORI_SOURCE_DIR "/content")) {
      if (entry.path().extension() != ".md") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const std::string expected = render(text.str());
      std::string actual;
      {
        const CmarkArenaScope arena;
        actual = render(text.str());
      }
      CHECK_MESSAGE(actual == expected, entry.path().string());
      ++pages;
    }
    CHECK(pages >= 10);
  }
}
