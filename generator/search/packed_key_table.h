// A hash table from 64-bit keys to 32-bit values, for the index's hot paths: a Japanese
// key packs into a number (search/key_counter.h), so counting and looking it up needs no
// string, no hashing of bytes and no node per key.
#pragma once

#include <cstdint>
#include <vector>

namespace mamori {

// Open addressing with linear probing; the key 0 is reserved (never stored). Remembers the
// order keys arrived in: for_each visits them so, and clear() costs only what was stored.
class PackedKeyTable {
 public:
  PackedKeyTable() { resize(kInitialSlots); }

  // The value of `key` (≠ 0); a new key is added with the value 0 and `added` set.
  [[gnu::always_inline]] uint32_t& at(uint64_t key, bool& added) {
    if ((order_.size() + 1) * 2 > slots_.size()) resize(slots_.size() * 2);
    size_t slot = home(key);
    while (slots_[slot].key != key) {
      if (slots_[slot].key == 0) {
        slots_[slot] = Slot{key, 0};
        order_.push_back(static_cast<uint32_t>(slot));
        added = true;
        return slots_[slot].value;
      }
      slot = (slot + 1) & mask_;
    }
    added = false;
    return slots_[slot].value;
  }

  // Asks the processor to fetch where `key` lives, for an at() a little later (a large
  // table is mostly cache misses).
  void prefetch(uint64_t key) const { __builtin_prefetch(&slots_[home(key)]); }

  size_t size() const { return order_.size(); }

  // Calls f(key, value) for every key, in the order they were added.
  template <class F>
  void for_each(F&& f) const {
    for (const uint32_t slot : order_) f(slots_[slot].key, slots_[slot].value);
  }

  // Empties the table and keeps its room.
  void clear() {
    for (const uint32_t slot : order_) slots_[slot].key = 0;
    order_.clear();
  }

 private:
  static constexpr size_t kInitialSlots = 1024;

  size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_; }

  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t value = 0;
  };

  void resize(size_t size) {
    std::vector<Slot> old(size);
    old.swap(slots_);
    mask_ = size - 1;
    shift_ = 64;
    for (size_t n = size; n > 1; n >>= 1) --shift_;
    std::vector<uint32_t> order;
    order.swap(order_);
    order_.reserve(order.size());
    for (const uint32_t from : order) {
      size_t slot = home(old[from].key);
      while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
      slots_[slot] = old[from];
      order_.push_back(static_cast<uint32_t>(slot));
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint32_t> order_;  // the slots, in the order their keys arrived
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace mamori
