#include "site/cmark_arena.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__SANITIZE_ADDRESS__)
#define MAMORI_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MAMORI_ASAN 1
#endif
#endif

#if defined(MAMORI_ASAN)
#include <sanitizer/asan_interface.h>
// Under AddressSanitizer the arena marks what it has not handed out (and what was freed)
// as poisoned, so an overflow into the next allocation's header or a use after free or
// after the scope is still reported.
#define MAMORI_POISON(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define MAMORI_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#else
#define MAMORI_POISON(p, n) ((void)(p), (void)(n))
#define MAMORI_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

namespace mamori {
namespace {

// Each allocation is preceded by a header that holds its size (realloc copies that much),
// and starts at a multiple of 16 bytes, as malloc's do.
constexpr size_t kAlign = 16;
constexpr size_t kHeader = kAlign;
constexpr size_t kFirstBlock = size_t{64} << 10;
constexpr size_t kLargestBlock = size_t{1} << 20;

thread_local CmarkArenaScope* t_current = nullptr;

size_t round_up(size_t n) {
  return (n + kAlign - 1) & ~(kAlign - 1);
}

// The size stored before an allocation (its header stays poisoned under ASan).
size_t stored_size(void* user) {
  std::byte* header = static_cast<std::byte*>(user) - kHeader;
  MAMORI_UNPOISON(header, kHeader);
  size_t size = 0;
  std::memcpy(&size, header, sizeof size);
  MAMORI_POISON(header, kHeader);
  return size;
}

void store_size(void* user, size_t size) {
  std::byte* header = static_cast<std::byte*>(user) - kHeader;
  MAMORI_UNPOISON(header, kHeader);
  std::memcpy(header, &size, sizeof size);
  MAMORI_POISON(header, kHeader);
}

[[noreturn]] void misuse(const char* what) {
  std::fprintf(stderr, "mamori: cmark-gfm %s outside its arena\n", what);  // NOLINT(cppcoreguidelines-pro-type-vararg)
  std::abort();
}

}  // namespace

// The functions cmark-gfm calls through cmark_page_mem(); they reach the thread's arena.
struct CmarkArenaAccess {
  static void* calloc(size_t count, size_t size) {
    if (t_current == nullptr) misuse("calloc");
    if (size != 0 && count > SIZE_MAX / size / 2) return nullptr;  // cmark-gfm then aborts, as on any failure
    void* p = t_current->allocate(count * size);
    std::memset(p, 0, count * size);
    return p;
  }
  static void* realloc(void* old, size_t size) {
    if (t_current == nullptr) misuse("realloc");
    if (size > SIZE_MAX / 2) return nullptr;
    return t_current->reallocate(old, size);
  }
  static void free(void* p) {
    if (p != nullptr && t_current != nullptr) t_current->release(p);
  }
};

namespace {
// cmark-gfm takes a non-const cmark_mem*; nothing writes to it.
cmark_mem arena_mem{// NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
                    &CmarkArenaAccess::calloc, &CmarkArenaAccess::realloc, &CmarkArenaAccess::free};
}  // namespace

CmarkArenaScope::CmarkArenaScope() : outer_(t_current) {
  t_current = this;
}

CmarkArenaScope::~CmarkArenaScope() {
  t_current = outer_;
  for (Block& block : blocks_) MAMORI_UNPOISON(block.bytes.get(), block.size);
}

size_t CmarkArenaScope::used() const {
  size_t total = offset_;
  for (size_t i = 0; i < current_ && i < blocks_.size(); ++i) total += blocks_[i].size;
  return total;
}

void* CmarkArenaScope::allocate(size_t size) {
  const size_t size_class = round_up(size) / kAlign;  // 0: not reused
  if (size_class != 0 && size_class <= kSizeClasses && freed_[size_class - 1] != nullptr) {
    void* piece = freed_[size_class - 1];
    MAMORI_UNPOISON(piece, sizeof piece);
    std::memcpy(&freed_[size_class - 1], piece, sizeof piece);  // the next in the list
    MAMORI_POISON(piece, sizeof piece);
    store_size(piece, size);
    MAMORI_UNPOISON(piece, size);
    return piece;
  }
  const size_t need = kHeader + round_up(size);
  if (blocks_.empty() || offset_ + need > blocks_[current_].size) {
    const size_t next = blocks_.empty() ? kFirstBlock : std::min(blocks_.back().size * 2, kLargestBlock);
    const size_t block_size = std::max(next, need);
    blocks_.push_back(Block{std::make_unique_for_overwrite<std::byte[]>(block_size), block_size});  // NOLINT
    MAMORI_POISON(blocks_.back().bytes.get(), block_size);
    current_ = blocks_.size() - 1;
    offset_ = 0;
  }
  void* user = blocks_[current_].bytes.get() + offset_ + kHeader;
  store_size(user, size);
  offset_ += need;
  last_ = user;
  MAMORI_UNPOISON(user, size);
  return user;
}

// A buffer that grows (cmark's strbuf grows by half) grows in place when it was the latest
// allocation and its block has room; otherwise it moves.
void* CmarkArenaScope::reallocate(void* old, size_t size) {
  if (old == nullptr) return allocate(size);
  const size_t old_size = stored_size(old);
  if (old == last_) {
    const size_t begin = offset_ - kHeader - round_up(old_size);  // where `old`'s header is
    if (begin + kHeader + round_up(size) <= blocks_[current_].size) {
      store_size(old, size);
      offset_ = begin + kHeader + round_up(size);
      MAMORI_POISON(old, round_up(old_size));
      MAMORI_UNPOISON(old, size);
      return old;
    }
  }
  void* moved = allocate(size);
  std::memcpy(moved, old, std::min(old_size, size));
  release(old);
  return moved;
}

// A piece of a reused size joins its class's list (the link is kept in the piece itself);
// any other stays where it is until the scope ends.
void CmarkArenaScope::release(void* p) {
  const size_t size = stored_size(p);
  const size_t size_class = round_up(size) / kAlign;
  MAMORI_POISON(p, round_up(size));
  if (size_class == 0 || size_class > kSizeClasses) return;
  MAMORI_UNPOISON(p, sizeof p);
  std::memcpy(p, &freed_[size_class - 1], sizeof p);
  MAMORI_POISON(p, sizeof p);
  freed_[size_class - 1] = p;
}

cmark_mem* cmark_page_mem() {
  return t_current != nullptr ? &arena_mem : cmark_get_default_mem_allocator();
}

}  // namespace mamori
