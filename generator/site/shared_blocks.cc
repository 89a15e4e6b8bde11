#include "site/shared_blocks.h"

#include <algorithm>
#include <cctype>

namespace mamori {
namespace {

// One tag as kainjow parses it with the default delimiters.
struct Tag {
  size_t start = 0;  // at "{{"
  size_t end = 0;    // after "}}" (or "}}}")
  char kind = 'v';   // '#', '^', '/', '!', '&', '>', '{' (triple braces) or 'v' (a variable)
  std::string name;
  size_t depth = 0;  // sections open before the tag
};

// kainjow's trim: std::isspace on both ends.
std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// The kind and name of a tag from its trimmed contents, as kainjow's parse_tag_contents.
void classify(Tag& tag, std::string_view contents, bool triple) {
  if (triple || contents.empty()) {
    tag.kind = triple ? '{' : 'v';
    tag.name = std::string(contents);
    return;
  }
  const char first = contents.front();
  if (std::string_view("#^/>&!").find(first) == std::string_view::npos) {
    tag.kind = 'v';
    tag.name = std::string(contents);
    return;
  }
  tag.kind = first;
  tag.name = std::string(trimmed(contents.substr(1)));
}

// Every tag of `text` with its section depth; nullopt for what is not cut: set
// delimiters, partial tags, unclosed tags and sections that do not match.
std::optional<std::vector<Tag>> scan_tags(std::string_view text) {
  std::vector<Tag> tags;
  std::vector<std::string> open;
  size_t pos = 0;
  for (size_t at = text.find("{{", pos); at != std::string_view::npos; at = text.find("{{", pos)) {
    const bool triple = at + 2 < text.size() && text[at + 2] == '{';
    const size_t contents = at + (triple ? 3 : 2);
    const std::string_view closing = triple ? "}}}" : "}}";
    const size_t close = text.find(closing, contents);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view inside = trimmed(text.substr(contents, close - contents));
    if (!inside.empty() && inside.front() == '=') return std::nullopt;
    Tag tag;
    tag.start = at;
    tag.end = close + closing.size();
    classify(tag, inside, triple);
    if (tag.kind == '>') return std::nullopt;
    if (tag.kind == '/') {
      if (open.empty() || open.back() != tag.name) return std::nullopt;
      open.pop_back();
    }
    tag.depth = open.size() + (tag.kind == '/' ? 1 : 0);
    if (tag.kind == '#' || tag.kind == '^') open.push_back(tag.name);
    tags.push_back(std::move(tag));
    pos = tags.back().end;
  }
  if (!open.empty()) return std::nullopt;
  return tags;
}

// The section depth at `pos` (a place outside every tag).
size_t depth_at(const std::vector<Tag>& tags, size_t pos) {
  const auto next = std::find_if(tags.begin(), tags.end(), [&](const Tag& t) { return t.start >= pos; });
  return next == tags.end() ? 0 : next->depth;
}

bool splits_a_tag(const std::vector<Tag>& tags, size_t pos) {
  return std::any_of(tags.begin(), tags.end(), [&](const Tag& t) { return t.start < pos && pos < t.end; });
}

bool has(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string_view first_segment(std::string_view name) {
  return name.substr(0, name.find('.'));
}

// Whether a tag in a block resolves without page-specific values: inside the list's
// section ({{.}}, item names and constants), or around it (constants only).
bool resolves_shared(const Tag& tag, const ListShape& shape, bool inside) {
  if (tag.kind == '!') return true;
  if (inside && tag.name == ".") return true;
  const std::string_view first = first_segment(tag.name);
  if (first.empty()) return false;
  return has(shape.constant_names, first) || (inside && has(shape.item_names, first));
}

// A block: its lines [begin, end) and the tags [open, close] of its list section.
struct Block {
  size_t begin = 0;
  size_t end = 0;
  size_t open = 0;
  size_t close = 0;
};

// The block whose list section opens at tags[open], when it can be cut.
std::optional<Block> block_at(std::string_view text, const std::vector<Tag>& tags, size_t open,
                              const ListShape& shape) {
  size_t close = open + 1;
  while (close < tags.size() && !(tags[close].kind == '/' && tags[close].depth == 1)) ++close;
  if (close == tags.size()) return std::nullopt;
  const size_t newline_before = text.rfind('\n', tags[open].start);
  const size_t newline_after = text.find('\n', tags[close].end);
  Block block{newline_before == std::string_view::npos ? 0 : newline_before + 1,
              newline_after == std::string_view::npos ? text.size() : newline_after + 1, open, close};
  if (splits_a_tag(tags, block.begin) || splits_a_tag(tags, block.end)) return std::nullopt;
  if (depth_at(tags, block.begin) != 0 || depth_at(tags, block.end) != 0) return std::nullopt;
  for (size_t i = 0; i < tags.size(); ++i) {
    if (i == open || i == close || tags[i].start < block.begin || tags[i].start >= block.end) continue;
    if (!resolves_shared(tags[i], shape, open < i && i < close)) return std::nullopt;
  }
  return block;
}

// The cuttable blocks over the list, in order; nullopt when one cannot be cut, or the
// list's name is used outside them.
std::optional<std::vector<Block>> find_blocks(std::string_view text, const std::vector<Tag>& tags,
                                              const ListShape& shape) {
  std::vector<Block> blocks;
  for (size_t i = 0; i < tags.size(); ++i) {
    const bool outside = blocks.empty() || tags[i].start >= blocks.back().end;
    if (!outside) continue;
    const bool opens_list = tags[i].kind == '#' && tags[i].depth == 0 && tags[i].name == shape.name;
    if (!opens_list) continue;
    auto block = block_at(text, tags, i, shape);
    if (!block || (!blocks.empty() && block->begin < blocks.back().end)) return std::nullopt;
    blocks.push_back(*block);
  }
  for (const Tag& tag : tags) {
    const bool in_a_block = std::any_of(blocks.begin(), blocks.end(),
                                        [&](const Block& b) { return tag.start >= b.begin && tag.start < b.end; });
    if (!in_a_block && tag.kind != '!' && first_segment(tag.name) == shape.name) return std::nullopt;
  }
  return blocks;
}

}  // namespace

std::string shared_marker(size_t i) {
  return "\x02mamori-shared-" + std::to_string(i) + "\x02";
}

std::optional<SharedSplit> split_shared_blocks(std::string_view text, const ListShape& shape) {
  if (text.find("\x02mamori-shared-") != std::string_view::npos) return std::nullopt;
  const auto tags = scan_tags(text);
  if (!tags) return std::nullopt;
  const auto blocks = find_blocks(text, *tags, shape);
  if (!blocks || blocks->empty()) return std::nullopt;
  SharedSplit split;
  size_t pos = 0;
  for (const Block& block : *blocks) {
    split.rest.append(text.substr(pos, block.begin - pos));
    std::string line = shared_marker(split.blocks.size());
    if (text[block.end - 1] == '\n') line += '\n';
    split.rest += line;
    split.marker_lines.push_back(std::move(line));
    split.blocks.emplace_back(text.substr(block.begin, block.end - block.begin));
    pos = block.end;
  }
  split.rest.append(text.substr(pos));
  return split;
}

}  // namespace mamori
