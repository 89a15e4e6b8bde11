// How the index writes numbers (docs/search.md, "Postings"), and the compact form postings
// take in memory while the index is built.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// The index's base-32 digits: every digit of a number but the last comes from
// kContinueDigits, the last from kFinalDigits, so numbers need no separator.
inline constexpr std::string_view kContinueDigits = "wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
inline constexpr std::string_view kFinalDigits = "0123456789abcdefghijklmnopqrstuv";

// Appends `n` as the index writes it: most significant digit first, no leading zeros.
void append_index_number(std::string& out, uint32_t n);

// Reads one number written by append_index_number at `at` and moves past it; nullopt when
// the text there is not one (or it overflows 32 bits).
std::optional<uint32_t> read_index_number(std::string_view text, size_t& at);

// LEB128: seven bits per byte, least significant first (postings while building).
void append_varint(std::string& out, uint32_t n);
// REQUIRES: `bytes` holds a whole varint at `at` (written by append_varint).
uint32_t read_varint(std::string_view bytes, size_t& at);

}  // namespace mamori
