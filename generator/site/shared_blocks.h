// Cutting out of a template the lines that are the same for many pages (the navigation
// and the lines around it that use only folder constants), so they are rendered once per
// distinct navigation and their HTML reused.
//
// Why the result is byte-identical: kainjow renders a template line by line (a line is
// dropped when it held a section tag and is otherwise blank), and a line's fate depends
// only on the line itself. Blocks are cut as whole lines, at section depth 0, so the
// rendering of a block starts and ends with an empty line buffer, as it does inside the
// whole template; the lines left behind are unchanged, and a block's place becomes a line
// holding only a marker, which kainjow outputs as it is. Lines are cut only when every
// name they use resolves without page-specific values: the list's item names inside a
// section over the list, and the names the caller declares constant. Set delimiters or
// partial tags leave the template whole, and so does the list's name in lines that are
// not cut.
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

// A list in a view that many pages share, and the names its blocks may use.
struct ListShape {
  std::string name;                         // the list's name in the view: "nav"
  std::vector<std::string> item_names;      // the names each item has
  std::vector<std::string> constant_names;  // view names whose values the list's key determines
};

// The shared list of one page: `key` determines the list and the values of the shape's
// constant names in the page's view (for the navigation: the page's folder and which entry
// is current); `make` builds the list, called only when no block of it is cached.
struct SharedList {
  const ListShape& shape;
  std::string key;
  std::function<nlohmann::json()> make;
};

// A template with its shared blocks cut out.
struct SharedSplit {
  std::string rest;                       // the template, each block's lines replaced by a marker line
  std::vector<std::string> blocks;        // the lines of each block, in order; block i's marker is shared_marker(i)
  std::vector<std::string> marker_lines;  // what block i's marker line renders as (the marker and its newline)
};

// The marker that stands for block `i` in SharedSplit::rest.
std::string shared_marker(size_t i);

// `text` with its runs of shared lines cut out (see above); nullopt when it has none or
// they cannot be cut safely.
std::optional<SharedSplit> split_shared_blocks(std::string_view text, const ListShape& shape);

}  // namespace mamori
