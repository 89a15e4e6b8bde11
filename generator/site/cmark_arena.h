// Where cmark-gfm's memory comes from while a page is parsed and rendered.
#pragma once

#include <cmark-gfm.h>

#include <array>
#include <cstddef>
#include <memory>
#include <vector>

namespace mamori {

// An arena for one page's cmark-gfm parse, tree and HTML. A page makes about a thousand
// nodes and buffers; from the arena each costs a pointer bump or, for a small size freed
// before (the table extension frees a row for every line), that piece again; all of them
// go at once when the scope ends. While it lives, cmark_page_mem() on its thread hands out
// its memory.
//
// Contract: every cmark object made from it (parser, nodes, the rendered HTML) is freed or
// no longer used when the scope ends; scopes on one thread nest. Every node of one tree
// must come from the same cmark_mem, because cmark-gfm frees some of them (text nodes it
// merges) with the root's: nodes our code adds are made with cmark_page_mem().
class CmarkArenaScope {
 public:
  CmarkArenaScope();
  ~CmarkArenaScope();
  CmarkArenaScope(const CmarkArenaScope&) = delete;
  CmarkArenaScope& operator=(const CmarkArenaScope&) = delete;
  CmarkArenaScope(CmarkArenaScope&&) = delete;
  CmarkArenaScope& operator=(CmarkArenaScope&&) = delete;

  // Bytes taken from the blocks so far, headers and freed pieces included (for the tests).
  size_t used() const;

 private:
  struct Block {
    std::unique_ptr<std::byte[]> bytes;  // NOLINT(cppcoreguidelines-avoid-c-arrays)
    size_t size = 0;
  };
  friend struct CmarkArenaAccess;
  static constexpr size_t kSizeClasses = 32;  // freed pieces of 16, 32, … 512 bytes are reused
  void* allocate(size_t size);
  void* reallocate(void* old, size_t size);
  void release(void* p);

  std::vector<Block> blocks_;
  size_t current_ = 0;                       // the block being filled
  size_t offset_ = 0;                        // within it
  void* last_ = nullptr;                     // the latest allocation, which may grow in place
  std::array<void*, kSizeClasses> freed_{};  // per size class, a list linked through the pieces
  CmarkArenaScope* outer_ = nullptr;
};

// The cmark_mem to make cmark objects with on this thread: the innermost arena's, or
// cmark-gfm's default allocator outside any.
cmark_mem* cmark_page_mem();

}  // namespace mamori
