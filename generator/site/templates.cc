#include "site/templates.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/i18n.h"
#include "site/theme.h"

namespace mamori {

namespace km = kainjow::mustache;

namespace {

// Puts `value` under `name` in `object`. kainjow's set() deep-copies, which made the
// conversion cost grow with nesting: a cheap placeholder is set instead, and the value
// moved into its slot (a slot of a non-const object, so writing through it is sound).
void put(km::data& object, const std::string& name, km::data&& value) {
  object.set(name, km::data{false});
  *const_cast<km::data*>(object.get(name)) = std::move(value);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

km::data to_data(const nlohmann::json& value);

// A list of converted items. Placeholders first: a growing vector copies its elements
// (kainjow's move is not noexcept), and copying placeholders is cheap.
km::data list_data(const nlohmann::json& array) {
  km::data out{km::data::type::list};
  for (size_t i = 0; i < array.size(); ++i) out.push_back(km::data{false});
  const km::list& slots = out.list_value();
  for (size_t i = 0; i < array.size(); ++i) {
    const_cast<km::data&>(slots[i]) = to_data(array[i]);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  }
  return out;
}

km::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      km::data out{km::data::type::object};
      for (auto it = value.begin(); it != value.end(); ++it) put(out, it.key(), to_data(*it));
      return out;
    }
    case nlohmann::json::value_t::array:
      return list_data(value);
    case nlohmann::json::value_t::string: {
      // An empty string is false, as in JavaScript Mustache: {{#url}}…{{/url}} is skipped
      // when there is no URL (kainjow would take "" as true). {{url}} still renders "".
      const auto& text = value.get_ref<const std::string&>();
      return text.empty() ? km::data{false} : km::data{text};
    }
    case nlohmann::json::value_t::boolean:
      return km::data{value.get<bool>()};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return km::data{value.dump()};
    default:
      return km::data{false};  // null: sections over it render nothing
  }
}

// At most this much shared HTML is kept per engine (pages of a folder are mostly
// rendered one after another, so a cleared cache costs little).
constexpr size_t kMaxCachedBytes = size_t{32} << 20;

// A template with its shared blocks cut out (shared_blocks.h), parsed.
struct SplitTemplate {
  km::mustache rest;
  std::vector<size_t> blocks;  // ids in Compiled::blocks
  std::vector<std::string> marker_lines;
};

// `rest` with each marker line replaced by its block's HTML; nullopt when a marker line
// is not there exactly once after the previous one (a value that happens to hold it).
std::optional<std::string> splice(const std::string& rest, const std::vector<std::string>& marker_lines,
                                  const std::vector<const std::string*>& htmls) {
  size_t size = rest.size();
  for (const std::string* html : htmls) size += html->size();
  std::string out;
  out.reserve(size);
  size_t pos = 0;
  for (size_t i = 0; i < marker_lines.size(); ++i) {
    const size_t at = rest.find(marker_lines[i], pos);
    if (at == std::string::npos || rest.find(marker_lines[i], at + 1) != std::string::npos) return std::nullopt;
    out.append(rest, pos, at - pos);
    out += *htmls[i];
    pos = at + marker_lines[i].size();
  }
  out.append(rest, pos);
  return out;
}

// Whether the view holds an item name of the list that is not a constant: a lookup that
// an item does not answer would reach it, so the block would depend on the page.
bool shadows_items(const nlohmann::json& view, const ListShape& shape) {
  return std::any_of(shape.item_names.begin(), shape.item_names.end(), [&](const std::string& name) {
    return view.contains(name) &&
           std::find(shape.constant_names.begin(), shape.constant_names.end(), name) == shape.constant_names.end();
  });
}

// What shared blocks are rendered with: the view's constant names and the list.
km::data shared_data(const nlohmann::json& view, const SharedList& list) {
  km::data root{km::data::type::object};
  for (const std::string& name : list.shape.constant_names) {
    if (const auto value = view.find(name); value != view.end()) put(root, name, to_data(*value));
  }
  put(root, list.shape.name, to_data(list.make()));
  return root;
}

}  // namespace

struct TemplateEngine::Compiled {
  std::map<std::string, km::mustache> templates;
  std::map<std::string, std::string> texts;  // with partials expanded
  std::map<std::pair<std::string, const ListShape*>, std::optional<SplitTemplate>> splits;
  std::vector<km::mustache> blocks;                    // shared blocks, each text once
  std::map<std::string, size_t> block_ids;             // by text
  std::unordered_map<std::string, std::string> cache;  // block id, NUL, list key → HTML
  size_t cached_bytes = 0;

  SplitTemplate* split_for(const std::string& name, const ListShape& shape);
  const std::string* cached(size_t block, const SharedList& list);
  const std::string* render_block(size_t block, const km::data& shared, const SharedList& list);
  std::optional<std::string> render_split(SplitTemplate& split, const nlohmann::json& view, const SharedList& list);
};

// Template `name` split around the blocks over `shape`, once; null when it is not split.
SplitTemplate* TemplateEngine::Compiled::split_for(const std::string& name, const ListShape& shape) {
  const auto key = std::make_pair(name, &shape);
  auto found = splits.find(key);
  if (found == splits.end()) {
    std::optional<SplitTemplate> made;
    if (auto split = split_shared_blocks(texts.at(name), shape)) {
      SplitTemplate parsed{km::mustache{split->rest}, {}, std::move(split->marker_lines)};
      bool valid = parsed.rest.is_valid();
      for (const std::string& text : split->blocks) {
        auto [id, added] = block_ids.emplace(text, blocks.size());
        if (added) blocks.emplace_back(text);
        valid = valid && blocks[id->second].is_valid();
        parsed.blocks.push_back(id->second);
      }
      if (valid) made = std::move(parsed);
    }
    found = splits.emplace(key, std::move(made)).first;
  }
  return found->second ? &*found->second : nullptr;
}

// The HTML of shared block `block` for the list's key, when cached.
const std::string* TemplateEngine::Compiled::cached(size_t block, const SharedList& list) {
  std::string key = std::to_string(block);
  key += '\0';
  key += list.key;
  const auto hit = cache.find(key);
  return hit == cache.end() ? nullptr : &hit->second;
}

// Renders shared block `block` with `shared` (the view's constant names and the list)
// and caches its HTML; null when kainjow fails.
const std::string* TemplateEngine::Compiled::render_block(size_t block, const km::data& shared,
                                                          const SharedList& list) {
  km::mustache& tmpl = blocks[block];
  std::string html = tmpl.render(shared);
  if (!tmpl.is_valid()) return nullptr;
  std::string key = std::to_string(block);
  key += '\0';
  key += list.key;
  cached_bytes += key.size() + html.size();
  return &cache.insert_or_assign(std::move(key), std::move(html)).first->second;
}

// The page from the template's rest and its blocks' HTML; nullopt when that cannot be
// done (the caller then renders the whole template, which reports any error). The list
// is built at most once, and only when a block is not cached.
std::optional<std::string> TemplateEngine::Compiled::render_split(SplitTemplate& split, const nlohmann::json& view,
                                                                  const SharedList& list) {
  // A site with very many folders would keep a navigation for each: start again instead.
  if (cached_bytes > kMaxCachedBytes) {
    cache.clear();
    cached_bytes = 0;
  }
  std::vector<const std::string*> htmls;
  std::optional<km::data> shared;
  for (const size_t block : split.blocks) {
    const std::string* html = cached(block, list);
    if (html == nullptr) {
      if (!shared) shared = shared_data(view, list);
      html = render_block(block, *shared, list);
    }
    if (html == nullptr) return std::nullopt;
    htmls.push_back(html);
  }
  const std::string out = split.rest.render(to_data(view));
  if (!split.rest.is_valid()) return std::nullopt;
  return splice(out, split.marker_lines, htmls);
}

namespace {

constexpr int kMaxPartialDepth = 16;

// The name in "{{> name }}" between `open` (at "{{>") and `close` (at "}}").
std::string partial_name(std::string_view text, size_t open, size_t close) {
  std::string_view name = text.substr(open + 3, close - open - 3);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return std::string(name);
}

void expand_into(std::string_view text, const std::map<std::string, std::string>& partials, int depth, Expanded& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{>", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 3);
    if (close == std::string_view::npos) break;
    out.text.append(text.substr(pos, open - pos));
    const std::string name = partial_name(text, open, close);
    const auto it = partials.find(name);
    if (it == partials.end()) {
      if (!out.problem) out.problem = format(tr("unknown partial '{0}' (no partials/{0}.mustache)"), name);
    } else if (depth >= kMaxPartialDepth) {
      if (!out.problem) {
        out.problem = format(tr("partials include each other more than {0} deep"), kMaxPartialDepth);
      }
    } else {
      expand_into(it->second, partials, depth + 1, out);
    }
    pos = close + 2;
  }
  out.text.append(text.substr(std::min(pos, text.size())));
}

}  // namespace

Expanded expand_partials(std::string_view text, const std::map<std::string, std::string>& partials) {
  Expanded result;
  expand_into(text, partials, 0, result);
  return result;
}

Result<void> check_template_syntax(std::string_view text) {
  const km::mustache parsed{std::string(text)};
  if (parsed.is_valid()) return {};
  return Error{parsed.error_message()};
}

TemplateEngine::TemplateEngine(const Theme& theme) : compiled_(std::make_unique<Compiled>()) {
  for (const auto& [name, text] : theme.templates) {
    std::string expanded = expand_partials(text, theme.partials).text;
    compiled_->templates.emplace(name, km::mustache{expanded});
    compiled_->texts.emplace(name, std::move(expanded));
  }
}

TemplateEngine::~TemplateEngine() = default;

Result<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) return Error{format(tr("no template '{0}'"), name)};
  km::mustache& tmpl = it->second;
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  km::data data = to_data(view);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  return out;
}

Result<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view,
                                           const SharedList& list) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) return Error{format(tr("no template '{0}'"), name)};
  km::mustache& tmpl = it->second;
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  SplitTemplate* split = compiled_->split_for(name, list.shape);
  if (split != nullptr && !shadows_items(view, list.shape)) {
    if (auto html = compiled_->render_split(*split, view, list)) return std::move(*html);
  }
  km::data data = to_data(view);
  put(data, list.shape.name, to_data(list.make()));
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  return out;
}

}  // namespace mamori
