#include "site/templates.h"

#include <kainjow/mustache.hpp>

#include <algorithm>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/i18n.h"
#include "site/mustache_data.h"
#include "site/mustache_plan.h"
#include "site/theme.h"

namespace mamori {

namespace km = kainjow::mustache;

namespace {

// At most this much shared HTML is kept per engine (pages of a folder are mostly
// rendered one after another, so a cleared cache costs little).
constexpr size_t kMaxCachedBytes = size_t{32} << 20;

// A template compiled into a plan (mustache_plan.h), which renders the same bytes as
// kainjow without converting the view; kainjow parses it only when it has no plan, for
// what a plan does not do and for syntax errors (every template kainjow refuses has none).
struct Parsed {
  explicit Parsed(const std::string& text) : plan(MustachePlan::compile(text)) {
    if (!plan) kainjow.emplace(text);
  }

  bool valid() const { return plan || kainjow->is_valid(); }
  std::string error() const { return plan ? std::string() : kainjow->error_message(); }

  // The rendering of `view`; nullopt when the template is not valid.
  std::optional<std::string> render(const nlohmann::json& view) {
    if (plan) return plan->render(view);
    std::string out = kainjow->render(to_mustache_data(view));
    if (!kainjow->is_valid()) return std::nullopt;
    return out;
  }

  std::optional<MustachePlan> plan;
  std::optional<km::mustache> kainjow;
};

// A template with its shared blocks cut out (shared_blocks.h), parsed.
struct SplitTemplate {
  Parsed rest;
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
nlohmann::json shared_view(const nlohmann::json& view, const SharedList& list) {
  nlohmann::json root = nlohmann::json::object();
  for (const std::string& name : list.shape.constant_names) {
    if (const auto value = view.find(name); value != view.end()) root[name] = *value;
  }
  root[list.shape.name] = list.make();
  return root;
}

}  // namespace

struct TemplateEngine::Compiled {
  std::map<std::string, Parsed> templates;
  std::map<std::string, std::string> texts;  // with partials expanded
  std::map<std::pair<std::string, const ListShape*>, std::optional<SplitTemplate>> splits;
  std::vector<Parsed> blocks;                          // shared blocks, each text once
  std::map<std::string, size_t> block_ids;             // by text
  std::unordered_map<std::string, std::string> cache;  // block id, NUL, list key → HTML
  size_t cached_bytes = 0;

  SplitTemplate* split_for(const std::string& name, const ListShape& shape);
  const std::string* cached(size_t block, const SharedList& list);
  const std::string* render_block(size_t block, const nlohmann::json& shared, const SharedList& list);
  std::optional<std::string> render_split(SplitTemplate& split, const nlohmann::json& view, const SharedList& list);
};

// Template `name` split around the blocks over `shape`, once; null when it is not split.
SplitTemplate* TemplateEngine::Compiled::split_for(const std::string& name, const ListShape& shape) {
  const auto key = std::make_pair(name, &shape);
  auto found = splits.find(key);
  if (found == splits.end()) {
    std::optional<SplitTemplate> made;
    if (auto split = split_shared_blocks(texts.at(name), shape)) {
      SplitTemplate parsed{Parsed{split->rest}, {}, std::move(split->marker_lines)};
      bool valid = parsed.rest.valid();
      for (const std::string& text : split->blocks) {
        auto [id, added] = block_ids.emplace(text, blocks.size());
        if (added) blocks.emplace_back(text);
        valid = valid && blocks[id->second].valid();
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
// and caches its HTML; null when it fails.
const std::string* TemplateEngine::Compiled::render_block(size_t block, const nlohmann::json& shared,
                                                          const SharedList& list) {
  std::optional<std::string> html = blocks[block].render(shared);
  if (!html) return nullptr;
  std::string key = std::to_string(block);
  key += '\0';
  key += list.key;
  cached_bytes += key.size() + html->size();
  return &cache.insert_or_assign(std::move(key), std::move(*html)).first->second;
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
  std::optional<nlohmann::json> shared;
  for (const size_t block : split.blocks) {
    const std::string* html = cached(block, list);
    if (html == nullptr) {
      if (!shared) shared = shared_view(view, list);
      html = render_block(block, *shared, list);
    }
    if (html == nullptr) return std::nullopt;
    htmls.push_back(html);
  }
  const std::optional<std::string> out = split.rest.render(view);
  if (!out) return std::nullopt;
  return splice(*out, split.marker_lines, htmls);
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
  if (MustachePlan::compile(text)) return {};
  const km::mustache parsed{std::string(text)};
  if (parsed.is_valid()) return {};
  return Error{parsed.error_message()};
}

TemplateEngine::TemplateEngine(const Theme& theme) : compiled_(std::make_unique<Compiled>()) {
  for (const auto& [name, text] : theme.templates) {
    std::string expanded = expand_partials(text, theme.partials).text;
    compiled_->templates.emplace(name, Parsed{expanded});
    compiled_->texts.emplace(name, std::move(expanded));
  }
}

TemplateEngine::~TemplateEngine() = default;

Result<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) return Error{format(tr("no template '{0}'"), name)};
  Parsed& tmpl = it->second;
  std::optional<std::string> out = tmpl.render(view);
  if (!out) return Error{tmpl.error()};
  return std::move(*out);
}

Result<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view,
                                           const SharedList& list) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) return Error{format(tr("no template '{0}'"), name)};
  Parsed& tmpl = it->second;
  if (!tmpl.valid()) return Error{tmpl.error()};
  SplitTemplate* split = compiled_->split_for(name, list.shape);
  if (split != nullptr && !shadows_items(view, list.shape)) {
    if (auto html = compiled_->render_split(*split, view, list)) return std::move(*html);
  }
  nlohmann::json whole = view;
  whole[list.shape.name] = list.make();
  std::optional<std::string> out = tmpl.render(whole);
  if (!out) return Error{tmpl.error()};
  return std::move(*out);
}

}  // namespace mamori
