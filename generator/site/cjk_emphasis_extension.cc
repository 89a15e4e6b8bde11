#include "site/cjk_emphasis_extension.h"

#include <cmark-gfm.h>
#include <cmark-gfm/chunk.h>  // cmark_chunk, which cmark_inline_parser_get_chunk returns

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/text.h"
#include "core/utf8.h"
#include "site/cjk_emphasis.h"
#include "site/cmark_arena.h"

namespace mamori {
namespace {

// Bytes that start a code point of U+1100 and above: every CJK character and variation
// selector begins with one.
constexpr unsigned char kFirstLead = 0xE1;
constexpr unsigned char kLastLead = 0xF3;
constexpr char32_t kLineEnd = U'\n';  // cmark's stand-in for "no character": white space

bool is_delimiter(char c) {
  return c == '*' || c == '_';
}

std::string_view input_of(cmark_inline_parser* parser) {
  const cmark_chunk* chunk = cmark_inline_parser_get_chunk(parser);
  return {reinterpret_cast<const char*>(chunk->data), static_cast<size_t>(chunk->len)};
}

// The code point that starts at `i`, or kLineEnd past the end or on bytes that are not UTF-8.
char32_t code_point_or_end(std::string_view text, size_t i) {
  if (i >= text.size()) return kLineEnd;
  return code_point_at(text, i).value_or(kLineEnd);
}

// Where the code point that ends at byte `end` starts (`end` when there is none).
size_t start_before(std::string_view text, size_t end) {
  size_t i = end;
  while (i > 0) {
    --i;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) break;
  }
  return i;
}

// The neighbours of the run text[start, end), found as cmark-gfm finds them: it looks past
// the strikethrough extension's `~` on both sides.
RunAbility ability_of(std::string_view text, size_t start, size_t end) {
  size_t before = start;
  while (before > 0 && text[before - 1] == '~') --before;
  const size_t previous = start_before(text, before);
  const char32_t previous_cp = previous == before ? kLineEnd : code_point_or_end(text, previous);
  const size_t earlier = start_before(text, previous);
  const char32_t earlier_cp = earlier == previous ? kLineEnd : code_point_or_end(text, earlier);
  size_t after = end;
  while (after < text.size() && text[after] == '~') ++after;
  const char32_t after_cp = code_point_or_end(text, after);
  return cjk_friendly_ability(text[start], neighbour_before(previous_cp, earlier_cp), neighbour_after(after_cp));
}

// A run that ends at `at` and that cmark pushed before calling us: its flags, recomputed.
void recheck_run_before(cmark_node* parent, cmark_inline_parser* parser, std::string_view text, size_t at) {
  delimiter* run = cmark_inline_parser_get_last_delimiter(parser);
  if (run == nullptr || !is_delimiter(static_cast<char>(run->delim_char)) ||
      run->inl_text != cmark_node_last_child(parent)) {
    return;
  }
  const auto length = static_cast<size_t>(run->length);  // not yet paired: the whole run
  if (length == 0 || length > at) return;
  for (size_t i = at - length; i < at; ++i) {
    if (text[i] != static_cast<char>(run->delim_char)) return;
  }
  const RunAbility ability = ability_of(text, at - length, at);
  run->can_open = ability.can_open ? 1 : 0;
  run->can_close = ability.can_close ? 1 : 0;
}

cmark_node* text_node(std::string_view literal) {
  thread_local std::string terminated;  // cmark copies the literal: one buffer per thread, not one per node
  terminated.assign(literal);
  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_TEXT, cmark_page_mem());
  cmark_node_set_literal(node, terminated.c_str());
  return node;
}

// The character at `at` (`length` bytes) and the run right after it, if there is one: both
// as text, the run pushed as a delimiter with the rule's flags. Returns the run's node.
cmark_node* take_run_after(cmark_node* parent, cmark_inline_parser* parser, std::string_view text, size_t at,
                           size_t length) {
  const size_t start = at + length;
  if (start >= text.size() || !is_delimiter(text[start])) return nullptr;
  size_t end = start;
  while (end < text.size() && text[end] == text[start]) ++end;
  const RunAbility ability = ability_of(text, start, end);
  cmark_node_append_child(parent, text_node(text.substr(at, length)));
  cmark_node* run = text_node(text.substr(start, end - start));
  if (ability.can_open || ability.can_close) {  // as cmark: a run that can do neither is text
    cmark_inline_parser_push_delimiter(parser, static_cast<unsigned char>(text[start]), ability.can_open ? 1 : 0,
                                       ability.can_close ? 1 : 0, run);
  }
  cmark_inline_parser_set_offset(parser, static_cast<int>(end));
  return run;
}

// The first ASCII byte at or after `at` (text.size() when there is none), passing eight
// bytes at a time where none is ASCII.
size_t next_ascii(std::string_view text, size_t at) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  for (uint64_t word = 0; at + sizeof word <= text.size(); at += sizeof word) {
    std::memcpy(&word, text.data() + at, sizeof word);
    if ((word & kHighBits) != kHighBits) break;
  }
  while (at < text.size() && static_cast<unsigned char>(text[at]) >= 0x80) ++at;
  return at;
}

}  // namespace

// Every character cmark or another extension acts on is ASCII, so the text runs to the next
// ASCII byte, or to the first bytes that are not UTF-8 (cmark's to read), whichever comes
// first. Only the last character before an ASCII byte can have a run after it.
size_t cjk_text_end(std::string_view text, size_t at) {
  // Kana and kanji, most of the text, are validated as they are passed.
  const size_t plain = plain_run_end(text, at);
  size_t ascii = plain;
  if (ascii < text.size() && static_cast<unsigned char>(text[ascii]) >= 0x80) {
    ascii = next_ascii(text, plain);
    if (const auto invalid = find_invalid_utf8(text.substr(plain, ascii - plain))) return plain + *invalid;
  }
  if (ascii == text.size() || !is_delimiter(text[ascii])) return ascii;
  const size_t last = start_before(text, ascii);
  return last > at && static_cast<unsigned char>(text[last]) >= kFirstLead ? last : ascii;
}

namespace {

// cmark calls every inline extension for every special character, its own or not.
cmark_node* match(cmark_syntax_extension* /*self*/, cmark_parser* /*parser*/, cmark_node* parent,
                  unsigned char character, cmark_inline_parser* inline_parser) {
  if (character < kFirstLead || character > kLastLead) return nullptr;
  const std::string_view text = input_of(inline_parser);
  const auto at = static_cast<size_t>(cmark_inline_parser_get_offset(inline_parser));
  if (at >= text.size()) return nullptr;
  const size_t length = utf8_sequence_length(text, at);
  if (length == 0) return nullptr;  // not UTF-8: cmark takes it as text
  recheck_run_before(parent, inline_parser, text, at);
  if (cmark_node* run = take_run_after(parent, inline_parser, text, at, length)) return run;
  const size_t end = cjk_text_end(text, at);
  cmark_inline_parser_set_offset(inline_parser, static_cast<int>(end));
  return text_node(text.substr(at, end - at));
}

cmark_syntax_extension* make_extension() {
  cmark_syntax_extension* extension = cmark_syntax_extension_new("mamori_cjk_emphasis");
  cmark_llist* characters = nullptr;
  for (unsigned c = kFirstLead; c <= kLastLead; ++c) {
    // cmark-gfm's list holds each character as the value of the pointer itself.
    void* character = reinterpret_cast<void*>(static_cast<uintptr_t>(c));  // NOLINT(performance-no-int-to-ptr)
    characters = cmark_llist_append(cmark_get_default_mem_allocator(), characters, character);
  }
  cmark_syntax_extension_set_special_inline_chars(extension, characters);
  cmark_syntax_extension_set_match_inline_func(extension, match);
  return extension;
}

}  // namespace

cmark_syntax_extension* cjk_emphasis_extension() {
  static cmark_syntax_extension* const extension = make_extension();
  return extension;
}

}  // namespace mamori
