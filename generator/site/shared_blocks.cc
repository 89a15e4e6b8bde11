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

// Lines [begin, end) of a template, starting and ending outside every tag and section.
struct Block {
  size_t begin = 0;
  size_t end = 0;
};

// The places a template can be cut: its start, its end, and the line starts that are
// outside every tag and every section.
std::vector<size_t> cut_points(std::string_view text, const std::vector<Tag>& tags) {
  std::vector<size_t> points{0};
  size_t next = 0;  // the first tag that starts at or after the place
  for (size_t newline = text.find('\n'); newline != std::string_view::npos; newline = text.find('\n', newline + 1)) {
    const size_t at = newline + 1;
    while (next < tags.size() && tags[next].start < at) ++next;
    const bool in_tag = next > 0 && tags[next - 1].end > at;
    const size_t depth = next < tags.size() ? tags[next].depth : 0;
    if (!in_tag && depth == 0 && at < text.size()) points.push_back(at);
  }
  points.push_back(text.size());
  return points;
}

// Whether the tags of lines [begin, end) resolve without page-specific values: inside a
// section over the list at depth 0, item names and constants; elsewhere constants only.
// `uses_list` is set when the list's name appears.
bool shared_lines(const std::vector<Tag>& tags, const Block& lines, const ListShape& shape, bool& uses_list) {
  bool shared = true;
  bool inside = false;
  for (const Tag& tag : tags) {
    if (tag.start < lines.begin || tag.start >= lines.end) continue;
    const bool names_list = tag.kind != '!' && first_segment(tag.name) == shape.name;
    uses_list = uses_list || names_list;
    const bool opens = tag.kind == '#' && tag.depth == 0 && tag.name == shape.name;
    const bool closes = tag.kind == '/' && tag.depth == 1 && tag.name == shape.name && inside;
    if (opens || closes) {
      inside = opens;
    } else if (!resolves_shared(tag, shape, inside)) {
      shared = false;
    }
  }
  return shared;
}

// The runs of shared lines, in order; nullopt when the list's name is used elsewhere.
std::optional<std::vector<Block>> find_blocks(std::string_view text, const std::vector<Tag>& tags,
                                              const ListShape& shape) {
  const std::vector<size_t> points = cut_points(text, tags);
  std::vector<Block> blocks;
  for (size_t i = 0; i + 1 < points.size(); ++i) {
    const Block lines{points[i], points[i + 1]};
    if (lines.begin == lines.end) continue;
    bool uses_list = false;
    if (!shared_lines(tags, lines, shape, uses_list)) {
      if (uses_list) return std::nullopt;
    } else if (!blocks.empty() && blocks.back().end == lines.begin) {
      blocks.back().end = lines.end;
    } else {
      blocks.push_back(lines);
    }
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
