#include "site/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <unordered_set>

#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"
#include "site/cjk_emphasis_extension.h"
#include "site/cmark_arena.h"
#include "site/markdown_limits.h"
#include "site/markdown_positions.h"
#include "site/slug.h"

namespace mamori {
namespace {

constexpr int kParseOptions = CMARK_OPT_DEFAULT;
// Without CMARK_OPT_UNSAFE cmark-gfm also drops raw HTML and javascript:/vbscript:/file:
// URLs itself; we remove them before rendering as well and tell the author.
constexpr int kRenderOptions = CMARK_OPT_DEFAULT;

struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

void ensure_extensions_registered() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

std::string plain_text(cmark_node* node) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(node));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      if (const char* literal = cmark_node_get_literal(n)) out += literal;
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      out += ' ';
    }
  }
  return out;
}

// Moves every child of `from` to the end of `to`.
void move_children(cmark_node* from, cmark_node* to) {
  while (cmark_node* child = cmark_node_first_child(from)) {
    cmark_node_unlink(child);
    cmark_node_append_child(to, child);
  }
}

// Replaces `node` by its children (a link that could not be resolved keeps its text).
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  cmark_node_free(node);  // unlinks it too
}

cmark_node* custom_block(std::string_view on_enter, std::string_view on_exit) {
  cmark_node* block = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_BLOCK, cmark_page_mem());
  cmark_node_set_on_enter(block, std::string(on_enter).c_str());
  cmark_node_set_on_exit(block, std::string(on_exit).c_str());
  return block;
}

// Removes a trailing "{#id}" from the heading's last text children; returns the id.
std::string take_explicit_id(cmark_node* heading) {
  // The suffix may be split over several adjacent text nodes ('_' and '{' start new ones).
  std::vector<cmark_node*> run;
  for (cmark_node* n = cmark_node_last_child(heading); n != nullptr; n = cmark_node_previous(n)) {
    if (cmark_node_get_type(n) != CMARK_NODE_TEXT) break;
    run.push_back(n);
  }
  std::reverse(run.begin(), run.end());  // (collected backwards: inserting at the front is quadratic)
  if (run.empty()) return {};
  std::string joined;
  for (cmark_node* n : run) joined += cmark_node_get_literal(n);
  const ExplicitId split = split_explicit_id(joined);
  if (split.id.empty()) return {};
  std::string id(split.id);
  cmark_node_set_literal(run.front(), std::string(split.text).c_str());
  for (size_t i = 1; i < run.size(); ++i) cmark_node_free(run[i]);
  return id;
}

struct Walk {
  const Positions& positions;
  const LinkResolver& resolver;
  RenderedMarkdown& result;
  // Where the last search for an unpositioned node ended, per ancestor: nodes are visited
  // in source order, so the next one is after it (searching from the block's start each
  // time is quadratic in a paragraph of autolinks).
  cmark_node* searched_in = nullptr;
  std::pair<int, int> searched_to{0, 0};
  int angle_line = 0;  // where angle_autolink last looked, and from which byte column on
  int angle_from = 1;

  // (file line, column) of a node; inline nodes made by extensions (autolinks) have no
  // position, so look for their text in the lines of the nearest positioned ancestor.
  std::pair<int, int> where(cmark_node* node, std::string_view text_hint = {}) {
    const int line = cmark_node_get_start_line(node);
    if (line > 0 && !text_hint.empty() && !starts_link(line, cmark_node_get_start_column(node), text_hint)) {
      if (const auto at = angle_autolink(line, text_hint); at.first > 0) return at;
    }
    if (line > 0) {
      return {positions.file_line(line), positions.column(line, cmark_node_get_start_column(node))};
    }
    cmark_node* ancestor = cmark_node_parent(node);
    while (ancestor != nullptr && cmark_node_get_start_line(ancestor) <= 0) ancestor = cmark_node_parent(ancestor);
    if (ancestor == nullptr) return {positions.file_line(1), 1};
    const int from = cmark_node_get_start_line(ancestor);
    const int to = std::max(from, cmark_node_get_end_line(ancestor));
    if (!text_hint.empty()) {
      if (searched_in != ancestor) searched_to = {from, 1};
      searched_in = ancestor;
      const auto [l, c] = positions.find(text_hint, searched_to.first, searched_to.second, to);
      if (l > 0) {
        searched_to = {l, c + static_cast<int>(text_hint.size())};
        return {positions.file_line(l), positions.column(l, c)};
      }
    }
    return {positions.file_line(from), positions.column(from, cmark_node_get_start_column(ancestor))};
  }

  void error(std::pair<int, int> at, const std::string& message) {
    result.diagnostics.push_back(error_at(at.first, at.second, message));
  }

  // Whether a link or image written with text `text` starts at (line, byte column): at its
  // '[', '!' or '<'. cmark-gfm misplaces an <autolink> anywhere but at the start of its
  // paragraph's first line (on a later line, in a list item, in a quote).
  bool starts_link(int line, int column, std::string_view text) const {
    const std::string_view source = positions.line_text(line);
    const auto at = static_cast<size_t>(std::max(0, column - 1));
    if (at >= source.size()) return false;
    if (source[at] == '[' || source[at] == '!') return true;
    return source[at] == '<' && source.substr(at + 1).starts_with(text);
  }

  // (file line, column) of the next "<text" on `line`, or (0, 0); repeated autolinks on one
  // line are found one after the other.
  std::pair<int, int> angle_autolink(int line, std::string_view text) {
    const std::string needle = "<" + std::string(text);
    if (line != angle_line) angle_from = 1;
    angle_line = line;
    const auto [l, c] = positions.find(needle, line, angle_from, line);
    if (l == 0) return {0, 0};
    angle_from = c + static_cast<int>(needle.size());
    return {positions.file_line(l), positions.column(l, c)};
  }
};

// The nodes render_markdown changes, collected first: the iterator must not see freed nodes.
struct Collected {
  std::vector<cmark_node*> headings, links, raw_html, tasks, tables;
};

Collected collect(cmark_node* doc) {
  Collected c;
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(doc));
  cmark_event_type ev;
  while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it.get());
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HEADING) {
      c.headings.push_back(n);
    } else if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) {
      // A URL autolink's url (and a title) may still point into its block's text; getting
      // them makes cmark copy them, so that freeing a rewritten heading cannot leave them
      // dangling. (Literals are copied the same way by plain_text.)
      cmark_node_get_url(n);
      cmark_node_get_title(n);
      c.links.push_back(n);
    } else if (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE) {
      c.raw_html.push_back(n);
    } else if (type == CMARK_NODE_ITEM && std::string_view(cmark_node_get_type_string(n)) == "tasklist") {
      c.tasks.push_back(n);
    } else if ((type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
               std::string_view(cmark_node_get_type_string(n)) == "table") {  // blocks only: inlines are many
      c.tables.push_back(n);
    }
  }
  return c;
}

void drop_raw_html(const std::vector<cmark_node*>& raw_html, Walk& walk) {
  int warned_line = 0;  // one warning per line: "<b>x</b>" is two nodes
  for (cmark_node* html : raw_html) {
    const std::string_view literal = cmark_node_get_literal(html) ? cmark_node_get_literal(html) : "";
    const auto at = walk.where(html);
    if (!trim(literal).starts_with("<!--") && at.first != warned_line) {  // comments are notes: dropped quietly
      walk.result.diagnostics.push_back(
          warning_at(at.first, at.second, tr("raw HTML is not allowed in Markdown and was left out")));
      warned_line = at.first;
    }
    cmark_node_free(html);
  }
}

// Gives every heading its id (explicit {#id} or slug) and turns it into a custom block.
void number_headings(const std::vector<cmark_node*>& headings, IdAllocator& ids, Walk& walk) {
  for (cmark_node* heading : headings) {
    const int level = cmark_node_get_heading_level(heading);
    const auto at = walk.where(heading);
    const std::string explicit_id = take_explicit_id(heading);
    std::string text = std::string(trim(plain_text(heading)));
    std::string id;
    if (!explicit_id.empty()) {
      const bool reserved = ids.reserved(explicit_id);
      const bool taken = ids.taken(explicit_id);
      id = ids.unique(explicit_id);
      if (reserved) {
        walk.error(at, format(tr("heading id '{0}' is reserved by the theme: choose another, such as '{1}'"),
                              explicit_id, id));
      } else if (taken) {
        walk.error(at, format(tr("heading id '{0}' is used twice on this page"), explicit_id));
      }
    } else {
      std::string slug = slugify(text);
      id = ids.unique(slug.empty() ? "section" : slug);
    }
    walk.result.headings.push_back(Heading{level, id, text, at.first});
    const std::string tag = "h" + std::to_string(level);
    cmark_node* block = custom_block("<" + tag + " id=\"" + escape_markup(id) + "\">", "</" + tag + ">");
    cmark_node_insert_before(heading, block);
    move_children(heading, block);
    cmark_node_free(heading);
  }
}

// Checks an in-page link "#fragment" against the page's headings; the href or nullopt.
std::optional<std::string> fragment_href(std::string_view url, const std::unordered_set<std::string>& ids,
                                         std::pair<int, int> at, int& hints_left, Walk& walk) {
  const std::string fragment = percent_decode(url.substr(1));
  if (ids.contains(fragment)) return "#" + encode_fragment(fragment);
  std::string hint;
  if (hints_left > 0) {  // a hint compares against every heading: only for the first few
    --hints_left;
    std::vector<std::string> anchors;
    anchors.reserve(walk.result.headings.size());
    for (const auto& h : walk.result.headings) anchors.push_back("#" + h.id);
    hint = did_you_mean("#" + fragment, anchors);
  }
  walk.error(at, format(tr("link to missing heading '#{0}' on this page{1}"), fragment, hint));
  return std::nullopt;
}

// A relative link through the resolver: its href, its anchor on another page noted.
std::optional<std::string> resolved_href(const std::string& url, bool image, std::pair<int, int> at, Walk& walk) {
  auto link = walk.resolver.resolve(url, image, at.first, at.second);
  if (!link) {
    walk.error(at, link.error().message);
    return std::nullopt;
  }
  if (link->anchor) walk.result.pending.push_back(std::move(*link->anchor));
  return std::move(link->href);
}

// " (did you mean 'https://host/…'?)" for a web URL written "https:host/…" or "https:/host/…",
// which a browser reads in different ways depending on the page's own URL; "" otherwise.
std::string slashes_hint(const std::string& url) {
  const std::string scheme = url_scheme(url);
  const size_t colon = url.find(':');
  if (colon == std::string::npos || url.compare(colon + 1, 2, "//") == 0) return {};
  const size_t host = url.find_first_not_of('/', colon + 1);
  if (host == std::string::npos) return {};  // "https:/": no host to suggest
  const std::string fixed = scheme + "://" + url.substr(host);
  return has_web_host(fixed) ? format(tr(" (did you mean '{0}'?)"), fixed) : std::string();
}

// The href (or src) to write for a link or image, or nullopt after an error.
std::optional<std::string> checked_href(const std::string& url, bool image, std::pair<int, int> at,
                                        const std::unordered_set<std::string>& ids, int& hints_left, Walk& walk) {
  switch (classify_url(url)) {
    case UrlKind::web:
      if (!image && has_web_host(url)) return url;
      if (!image) {
        walk.error(at, format(tr("malformed web address '{0}'{1}"), url, slashes_hint(url)));
        return std::nullopt;
      }
      walk.error(at, format(tr("image '{0}' would be loaded from outside the site: save it under content/ and link it "
                               "relatively"),
                            url));
      return std::nullopt;
    case UrlKind::contact:
      if (!image) return url;
      walk.error(at, format(tr("image '{0}' is not a picture file"), url));
      return std::nullopt;
    case UrlKind::fragment:
      return fragment_href(url, ids, at, hints_left, walk);
    case UrlKind::relative:
      if (!url.empty()) return resolved_href(url, image, at, walk);
      walk.error(at, image ? tr("image has an empty URL") : tr("link has an empty URL"));
      return std::nullopt;
    case UrlKind::unsafe:
      walk.error(at, image ? format(tr("unsafe image '{0}' is not allowed: images must be files under content/"), url)
                           : format(tr("unsafe link '{0}' is not allowed: use https:, http:, mailto:, tel: or a "
                                       "relative link"),
                                    url));
      return std::nullopt;
  }
  return std::nullopt;
}

// --- Hook for contact references (the logic: site/contact_refs.h, site/link_replacement.h) ---
// Puts the resolver's text and links in place of a link that stands for some; false for other links.
bool replaced_by_resolver(cmark_node* link, const std::string& url, bool image, std::pair<int, int> at, Walk& walk) {
  auto pieces = walk.resolver.replacement(url, image);
  if (!pieces) return false;
  const Result<void> replaced = *pieces ? replace_link(link, **pieces) : Result<void>(pieces->error());
  if (!replaced) {
    walk.error(at, replaced.error().message);
    unwrap(link);
  }
  return true;
}
// --- end of the hook ---

void rewrite_links(const std::vector<cmark_node*>& links, Walk& walk) {
  std::unordered_set<std::string> heading_ids;
  for (const auto& h : walk.result.headings) heading_ids.insert(h.id);
  int hints_left = 10;  // "did you mean" compares with every heading: for the first few only
  for (cmark_node* link : links) {
    const bool image = cmark_node_get_type(link) == CMARK_NODE_IMAGE;
    const std::string url = cmark_node_get_url(link) ? cmark_node_get_url(link) : "";
    cmark_node* first = cmark_node_first_child(link);
    const std::string hint = first != nullptr && cmark_node_get_literal(first) ? cmark_node_get_literal(first) : "";
    const auto at = walk.where(link, hint);
    walk.result.links.push_back(LinkOccurrence{url, at.first, at.second, image});
    if (replaced_by_resolver(link, url, image, at, walk)) continue;  // contact references
    if (const auto href = checked_href(url, image, at, heading_ids, hints_left, walk)) {
      cmark_node_set_url(link, href->c_str());
    } else {
      unwrap(link);  // keep the text (an image's description) so nothing else is freed
    }
  }
}

void make_checkboxes(const std::vector<cmark_node*>& tasks, IdAllocator& ids) {
  int task_number = 0;
  for (cmark_node* item : tasks) {
    const bool checked = cmark_gfm_extensions_get_tasklist_item_checked(item);
    cmark_node_set_syntax_extension(item, nullptr);  // render as a plain <li>
    const std::string id = ids.unique("task-" + std::to_string(++task_number));
    cmark_node* block = custom_block("<input type=\"checkbox\" class=\"task\" aria-labelledby=\"" + id + "\"" +
                                         (checked ? " checked" : "") + "><div class=\"task-text\" id=\"" + id + "\">",
                                     "</div>");
    move_children(item, block);
    cmark_node_append_child(item, block);
  }
}

cmark_node* custom_inline(std::string_view on_enter, std::string_view on_exit) {
  cmark_node* node = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, cmark_page_mem());
  cmark_node_set_on_enter(node, std::string(on_enter).c_str());
  cmark_node_set_on_exit(node, std::string(on_exit).c_str());
  return node;
}

// Makes the literals under `node` its nodes' own: a literal may still point into the text
// of the block it was parsed from, and getting it makes cmark copy it (as plain_text does
// for headings, and collect for URLs), so that the block can be freed.
void own_literals(cmark_node* node) {
  std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(node));
  while (cmark_iter_next(it.get()) != CMARK_EVENT_DONE) cmark_node_get_literal(cmark_iter_get_node(it.get()));
}

// Moves the cells of a table row into `to` as custom inlines between `open` and `close`,
// one a line as cmark-gfm's table renderer writes them.
void move_cells(cmark_node* row, cmark_node* to, std::string_view open, std::string_view close) {
  bool first = true;
  while (cmark_node* cell = cmark_node_first_child(row)) {
    own_literals(cell);
    cmark_node* out = custom_inline(first ? std::string(open) : "\n" + std::string(open), close);
    move_children(cell, out);
    cmark_node_append_child(to, out);
    cmark_node_free(cell);
    first = false;
  }
}

// The table as custom nodes that write the HTML cmark-gfm would, except that header cells
// are <th scope="col"> (WCAG H63; cmark-gfm has no way to add it) and no cell has an align
// attribute: alignment would need style attributes, which the Content-Security-Policy
// forbids, so tables are left-aligned by the theme. Empties `table`.
cmark_node* rebuilt_table(cmark_node* table) {
  cmark_node* out = custom_block("<table>", "</table>");
  cmark_node* body = nullptr;
  while (cmark_node* row = cmark_node_first_child(table)) {
    if (cmark_gfm_extensions_get_table_row_is_header(row) != 0) {
      cmark_node* head = custom_block("<thead>\n<tr>", "</tr>\n</thead>");
      move_cells(row, head, "<th scope=\"col\">", "</th>");
      cmark_node_append_child(out, head);
    } else {
      if (body == nullptr) {
        body = custom_block("<tbody>", "</tbody>");
        cmark_node_append_child(out, body);
      }
      cmark_node* tr = custom_block("<tr>", "</tr>");
      move_cells(row, tr, "<td>", "</td>");
      cmark_node_append_child(body, tr);
    }
    cmark_node_free(row);
  }
  return out;
}

void wrap_tables(const std::vector<cmark_node*>& tables) {
  for (cmark_node* table : tables) {
    // A scrollable, keyboard-focusable region keeps wide tables readable on a phone.
    cmark_node* wrapper =
        custom_block("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表\">", "</div>");
    cmark_node_insert_before(table, wrapper);
    cmark_node_append_child(wrapper, rebuilt_table(table));
    cmark_node_free(table);
  }
}

}  // namespace

namespace {

// A GFM parser (tables, strikethrough, autolinks, task lists) whose emphasis also works
// next to Japanese punctuation (cjk_emphasis.h). Made in the page's arena, which frees it.
cmark_parser* gfm_parser() {
  ensure_extensions_registered();
  cmark_parser* parser = cmark_parser_new_with_mem(kParseOptions, cmark_page_mem());
  for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
    cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(name));
  }
  cmark_parser_attach_syntax_extension(parser, cjk_emphasis_extension());
  return parser;
}

// cmark-gfm 0.29 keeps the table of bytes that start an inline (its own, and the
// extensions': ':' and 'w' for autolinks, '~', the lead bytes of CJK characters) in a global,
// which cmark_parser_finish fills when it parses the inlines and clears when it is done
// (github/cmark-gfm#176). Pages are rendered in parallel, and two of them in there at once
// lose autolinks, strikethrough and CJK emphasis in one of them: one at a time. (Block
// parsing, in cmark_parser_feed, and rendering the tree read no such global.)
cmark_node* parse(cmark_parser* parser, std::string_view body) {
  cmark_parser_feed(parser, body.data(), body.size());
  static std::mutex one_at_a_time;
  const std::lock_guard lock(one_at_a_time);
  return cmark_parser_finish(parser);
}

// Makes the parsed document safe and ready to render: raw HTML dropped, heading ids,
// links checked and rewritten, task items as checkboxes, tables wrapped and rebuilt.
void rewrite(cmark_node* doc, const ReservedIds& reserved_ids, Walk& walk) {
  const Collected nodes = collect(doc);
  drop_raw_html(nodes.raw_html, walk);
  IdAllocator ids(reserved_ids);
  number_headings(nodes.headings, ids, walk);
  rewrite_links(nodes.links, walk);
  make_checkboxes(nodes.tasks, ids);
  wrap_tables(nodes.tables);
}

}  // namespace

RenderedMarkdown render_markdown(std::string_view body, int first_line, const LinkResolver& resolver,
                                 const ReservedIds& reserved_ids) {
  RenderedMarkdown result;
  // cmark-gfm 0.29.0.gfm.6 has super-linear cases: refuse what would take too long first.
  if (auto too_big = check_markdown_limits(body)) {
    too_big->line += first_line - 1;
    result.diagnostics.push_back(std::move(*too_big));
    return result;
  }
  // The parser, the tree and the HTML live in this arena and go with it (cmark_arena.h).
  const CmarkArenaScope arena;
  cmark_parser* parser = gfm_parser();
  cmark_node* doc = parse(parser, body);

  const Positions positions(body, first_line);
  Walk walk{positions, resolver, result};
  rewrite(doc, reserved_ids, walk);

  result.html =
      cmark_render_html_with_mem(doc, kRenderOptions, cmark_parser_get_syntax_extensions(parser), cmark_page_mem());
  return result;
}

}  // namespace mamori
