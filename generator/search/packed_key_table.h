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
  uint32_t& at(uint64_t key, bool& added) {
    if ((order_.size() + 1) * 2 > keys_.size()) resize(keys_.size() * 2);
    size_t slot = home(key);
    while (keys_[slot] != key) {
      if (keys_[slot] == 0) {
        keys_[slot] = key;
        values_[slot] = 0;
        order_.push_back(static_cast<uint32_t>(slot));
        added = true;
        return values_[slot];
      }
      slot = (slot + 1) & mask_;
    }
    added = false;
    return values_[slot];
  }

  size_t size() const { return order_.size(); }

  // Calls f(key, value) for every key, in the order they were added.
  template <class F>
  void for_each(F&& f) const {
    for (const uint32_t slot : order_) f(keys_[slot], values_[slot]);
  }

  // Empties the table and keeps its room.
  void clear() {
    for (const uint32_t slot : order_) keys_[slot] = 0;
    order_.clear();
  }

 private:
  static constexpr size_t kInitialSlots = 1024;

  size_t home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_; }

  void resize(size_t slots) {
    std::vector<uint64_t> keys(slots, 0);
    std::vector<uint32_t> values(slots, 0);
    keys.swap(keys_);
    values.swap(values_);
    mask_ = slots - 1;
    shift_ = 64;
    for (size_t n = slots; n > 1; n >>= 1) --shift_;
    std::vector<uint32_t> order;
    order.swap(order_);
    order_.reserve(order.size());
    for (const uint32_t old : order) {
      size_t slot = home(keys[old]);
      while (keys_[slot] != 0) slot = (slot + 1) & mask_;
      keys_[slot] = keys[old];
      values_[slot] = values[old];
      order_.push_back(static_cast<uint32_t>(slot));
    }
  }

  std::vector<uint64_t> keys_;
  std::vector<uint32_t> values_;
  std::vector<uint32_t> order_;  // the slots, in the order their keys arrived
  size_t mask_ = 0;
  int shift_ = 64;
};

}  // namespace mamori
