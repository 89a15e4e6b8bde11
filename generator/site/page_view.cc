#include "site/page_view.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "core/text.h"
#include "core/url.h"
#include "site/reading_time.h"

namespace mamori {

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'self'";

namespace {

using nlohmann::json;

// An object of name, value, name, value…, its members set one by one. nlohmann's
// initializer-list constructor first inspects and copies every member: views build
// thousands of small objects (links, table-of-contents entries), and that was a third of
// the time a view took.
inline void add_members(json& /*object*/) {}

template <class Value, class... Rest>
void add_members(json& object, const char* name, Value&& value, Rest&&... rest) {
  object[name] = std::forward<Value>(value);
  add_members(object, std::forward<Rest>(rest)...);
}

template <class... Members>
json object_of(Members&&... members) {
  json object = json::object();
  add_members(object, std::forward<Members>(members)...);
  return object;
}

json link_to(const Site& site, const Page& from, PageId to) {
  const Page& target = site.page(to);
  return object_of("title", target.meta.title, "href", relative_url(from.output, target.output));
}

json site_view(const Site& site) {
  return json{{"title", site.config.title},
              {"description", site.config.description},
              {"footer", site.config.footer},
              {"language", site.config.language}};
}

// A listing entry for a page or a section (its index page).
json entry(const Site& site, const Page& from, PageId id) {
  const Page& target = site.page(id);
  json e = link_to(site, from, id);
  e["description"] = target.meta.description;
  if (target.meta.reviewed) {
    e["reviewed"] =
        object_of("iso", to_iso(target.meta.reviewed->value), "ja", to_japanese(target.meta.reviewed->value));
  }
  return e;
}

// The top-level sections and root pages, linked from the page at `from`; the entry whose
// page is `current` (an output path) is marked.
json navigation(const Site& site, const std::string& from, const std::string& current) {
  json nav = json::array();
  const Section& root = site.section(kRootSection);
  auto item = [&](PageId id) {
    const Page& target = site.page(id);
    return object_of("title", target.meta.title, "href", relative_url(from, target.output), "current",
                     target.output == current);
  };
  for (const SectionId child : root.children) {
    if (const auto index = site.section(child).index_page) nav.push_back(item(*index));
  }
  for (const PageId p : root.pages) nav.push_back(item(p));
  return nav;
}

json breadcrumbs(const Site& site, const Page& from) {
  // The sections above the page: a section's own page starts at its parent.
  std::optional<SectionId> s = from.section;
  if (from.kind != PageKind::page) s = site.section(*s).parent;
  std::vector<PageId> chain;
  for (; s; s = site.section(*s).parent) {
    if (const auto index = site.section(*s).index_page) chain.insert(chain.begin(), *index);
  }
  json crumbs = json::array();
  for (const PageId id : chain) {
    json crumb = link_to(site, from, id);
    crumb["is_home"] = site.page(id).kind == PageKind::home;
    crumbs.push_back(crumb);
  }
  return crumbs;
}

json date_view(const Date& d) {
  return object_of("iso", to_iso(d), "ja", to_japanese(d));
}

// The date for a notice to readers, when `reviewed` is reader_notice_after_months or more
// months before `today` (never when that setting is 0). The notice names the date only: a
// count of months would be frozen at the day of the build.
std::optional<json> reader_notice(const SiteConfig& config, const Date& reviewed, const Date& today) {
  const int after = config.reader_notice_after_months;
  if (after <= 0 || months_between(reviewed, today) < after) return std::nullopt;
  return date_view(reviewed);
}

json contacts_view(const ContactTable& table, const Date& today, const SiteConfig& config) {
  json view;
  if (table.reviewed) {
    view["reviewed"] = date_view(*table.reviewed);
    if (auto notice = reader_notice(config, *table.reviewed, today)) view["notice"] = *notice;
  }
  json groups = json::array();
  for (const auto& contact : table.contacts) {
    // Groups in the order they first appear.
    auto group = std::find_if(groups.begin(), groups.end(), [&](const json& g) { return g["name"] == contact.group; });
    if (group == groups.end()) {
      groups.push_back(json{{"name", contact.group}, {"rows", json::array()}});
      group = groups.end() - 1;
    }
    (*group)["rows"].push_back(json{{"topic", contact.topic},
                                    {"organization", contact.organization},
                                    {"url", contact.url},
                                    {"phone", contact.phone},
                                    {"tel", contact.phone},
                                    {"email", contact.email},
                                    {"note", contact.note}});
  }
  view["groups"] = groups;
  return view;
}

json table_of_contents(const RenderedMarkdown& body) {
  json toc = json::array();
  for (const auto& h : body.headings) {
    if (h.level < 2 || h.level > 3) continue;
    toc.push_back(object_of("id", h.id, "href", "#" + encode_fragment(h.id), "text", h.text, "sub", h.level == 3));
  }
  return toc;
}

}  // namespace

namespace {

// A key of every page's view whose value follows from the site and the way from the page
// to the site's root (`root`), so from the page's folder alone; nullopt leaves it out.
struct FolderConstant {
  std::string_view name;
  std::optional<json> (*value)(const Site& site, const std::string& root);
};

// What every page's view starts with, and the one list of those keys: common_view sets
// them and navigation_shape() declares them constant, so shared blocks may use them. A
// value that depends on more than the folder must not be added here.
constexpr FolderConstant kFolderConstants[] = {
    {"lang", [](const Site& site, const std::string&) -> std::optional<json> { return site.config.language; }},
    {"csp", [](const Site&, const std::string&) -> std::optional<json> { return kContentSecurityPolicy; }},
    {"site", [](const Site& site, const std::string&) -> std::optional<json> { return site_view(site); }},
    {"root", [](const Site&, const std::string& root) -> std::optional<json> { return root; }},
    {"assets", [](const Site&, const std::string& root) -> std::optional<json> { return root + "assets/"; }},
    {"home_href", [](const Site&, const std::string& root) -> std::optional<json> { return root + "index.html"; }},
    // [training]: the deadline (ISO and as Japanese text), the organisation and how to hand
    // the result in, each only when configured, so a template can test for it.
    {"training_deadline",
     [](const Site& site, const std::string&) -> std::optional<json> {
       const auto& deadline = site.config.training.deadline;
       return deadline ? std::optional<json>(to_iso(*deadline)) : std::nullopt;
     }},
    {"training_deadline_text",
     [](const Site& site, const std::string&) -> std::optional<json> {
       const auto& deadline = site.config.training.deadline;
       return deadline ? std::optional<json>(to_japanese(*deadline)) : std::nullopt;
     }},
    {"training_organisation",
     [](const Site& site, const std::string&) -> std::optional<json> {
       const std::string& organisation = site.config.training.organisation;
       return organisation.empty() ? std::nullopt : std::optional<json>(organisation);
     }},
    {"training_hand_in",
     [](const Site& site, const std::string&) -> std::optional<json> {
       const std::string& hand_in = site.config.training.hand_in;
       return hand_in.empty() ? std::nullopt : std::optional<json>(hand_in);
     }},
};

// Flags only the search page and the quiz index set: never in a page view, so constant there.
constexpr std::string_view kFlagsAbsentFromPages[] = {"is_search", "is_quiz_index"};

// What every page's view starts with; `root` is the way from the page to the site's root.
json common_view(const Site& site, const std::string& root) {
  json view;
  for (const FolderConstant& constant : kFolderConstants) {
    if (auto value = constant.value(site, root)) view[std::string(constant.name)] = std::move(*value);
  }
  return view;
}

}  // namespace

namespace {

// base_view without "nav".
json frame_view(const Site& site, const std::string& output, const std::string& current_nav) {
  json view = common_view(site, path_to_root(output));
  if (!site.quizzes.empty()) {
    view["quizzes_nav"] =
        json{{"href", relative_url(output, std::string(kQuizIndexPath))}, {"current", current_nav == kQuizIndexPath}};
  }
  return view;
}

}  // namespace

json base_view(const Site& site, const std::string& output, const std::string& current_nav) {
  json view = frame_view(site, output, current_nav);
  view["nav"] = navigation(site, output, current_nav);
  return view;
}

namespace {

// The top-level section a page is in (the root section for the home page and pages at the root).
SectionId top_section(const Site& site, const Page& page) {
  SectionId top = page.section;
  while (top != kRootSection && site.section(top).parent != kRootSection) top = *site.section(top).parent;
  return top;
}

// The output of the page the navigation marks for `page`: its top-level section's page,
// or the page itself (the home page, and pages at the root).
std::string nav_current(const Site& site, const Page& page) {
  const SectionId top = top_section(site, page);
  const auto top_index = top != kRootSection ? site.section(top).index_page : std::nullopt;
  return top_index ? site.page(*top_index).output : page.output;
}

// The review date (最終確認日), and the notice for readers when one is asked for. A page
// that shows the contact table gets at most one notice: the table's, when it has a date.
void add_reviewed(json& view, const Site& site, const Page& page, const Date& today) {
  if (!page.meta.reviewed) return;
  const Date& reviewed = page.meta.reviewed->value;
  view["reviewed"] = date_view(reviewed);
  const bool shows_dated_table =
      page.meta.contacts && page.meta.contacts->value && site.contacts && site.contacts->reviewed;
  if (shows_dated_table) return;
  if (auto notice = reader_notice(site.config, reviewed, today)) view["reader_notice"] = *notice;
}

// The quiz a page names: its title and link, and the section it covers ({title, is_own}:
// the title of the section's page, and whether that is the page's own top-level section).
json quiz_link(const Site& site, const Page& page, const Quiz& quiz) {
  json link{{"id", quiz.id}, {"title", quiz.title}, {"href", relative_url(page.output, quiz_output(quiz.id))}};
  for (const SectionId child : site.section(kRootSection).children) {
    const Section& section = site.section(child);
    if (!section.index_page || quiz.section.value.empty() || nfc(section.dir) != quiz.section.value) continue;
    link["covers"] =
        json{{"title", site.page(*section.index_page).meta.title}, {"is_own", top_section(site, page) == child}};
  }
  return link;
}

// The cited sources, the quiz the page names, and the contact table it shows.
void add_extras(json& view, const Site& site, const Page& page, const Date& today) {
  json sources = json::array();
  for (const auto& source : page.meta.sources) sources.push_back(object_of("url", source.value));
  view["sources"] = sources;
  view["has_sources"] = !sources.empty();
  if (page.meta.quiz) {
    for (const auto& quiz : site.quizzes) {
      if (quiz.id == page.meta.quiz->value) view["quiz"] = quiz_link(site, page, quiz);
    }
  }
  if (page.meta.contacts && page.meta.contacts->value && site.contacts) {
    view["contacts"] = contacts_view(*site.contacts, today, site.config);
  }
}

// An ordinary page: the pages before and after it in its section, and the section's page.
void add_neighbours(json& view, const Site& site, PageId id) {
  const Page& page = site.page(id);
  const Section& section = site.section(page.section);
  const auto& order = section.pages;
  const auto at = std::find(order.begin(), order.end(), id);
  if (at != order.end()) {
    if (at != order.begin()) view["prev"] = link_to(site, page, *(at - 1));
    if (at + 1 != order.end()) view["next"] = link_to(site, page, *(at + 1));
  }
  if (section.index_page && page.section != kRootSection) view["section"] = link_to(site, page, *section.index_page);
}

// A section (or the home page) lists what it contains: its pages (not the home page's,
// which are in the navigation) and its subsections with their pages.
void add_listing(json& view, const Site& site, const Page& page, const std::vector<int>* section_minutes) {
  const Section& section = site.section(page.section);
  json children = json::array();
  if (page.kind != PageKind::home) {
    for (const PageId p : section.pages) children.push_back(entry(site, page, p));
  }
  json subsections = json::array();
  for (const SectionId s : section.children) {
    const Section& child = site.section(s);
    if (!child.index_page) continue;
    json item = entry(site, page, *child.index_page);
    json pages = json::array();
    for (const PageId p : child.pages) pages.push_back(link_to(site, page, p));
    item["pages"] = pages;
    if (section_minutes != nullptr) item["reading_minutes"] = (*section_minutes)[index_of(s)];
    subsections.push_back(item);
  }
  view["children"] = children;
  view["has_children"] = !children.empty();
  view["sections"] = subsections;
  view["has_sections"] = !subsections.empty();
  if (section_minutes != nullptr) view["reading_rate"] = kReadingRate;
}

// The home page's training path: every quiz in section order, for the steps and the
// visitor's progress (which the theme reads from the kept results).
json home_quizzes(const Site& site, const Page& page) {
  json list = json::array();
  for (const Quiz& quiz : site.quizzes) {
    list.push_back(json{{"id", quiz.id},
                        {"title", quiz.title},
                        {"href", relative_url(page.output, quiz_output(quiz.id))},
                        {"is_self_check", quiz.type == QuizType::self_check},
                        {"pass_mark", quiz.pass_mark},
                        {"draw", quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()))},
                        {"bank_version", quiz.version}});
  }
  return list;
}

}  // namespace

json page_view(const Site& site, PageId id, const RenderedMarkdown& body, const Date& today,
               const std::vector<int>* section_minutes) {
  json view = page_view_without_nav(site, id, body, today, section_minutes);
  const Page& page = site.page(id);
  view["nav"] = navigation(site, page.output, nav_current(site, page));
  return view;
}

const ListShape& navigation_shape() {
  static const ListShape shape = [] {
    ListShape made{"nav", {"title", "href", "current"}, {}};
    for (const FolderConstant& constant : kFolderConstants) made.constant_names.emplace_back(constant.name);
    for (const std::string_view flag : kFlagsAbsentFromPages) made.constant_names.emplace_back(flag);
    return made;
  }();
  return shape;
}

SharedList page_navigation(const Site& site, PageId id) {
  const Page& page = site.page(id);
  // relative_url from a page depends only on its folder (the part up to the last '/').
  const size_t slash = page.output.rfind('/');
  std::string current = nav_current(site, page);
  std::string key = slash == std::string::npos ? std::string() : page.output.substr(0, slash + 1);
  key += '\0';
  key += current;
  return SharedList{navigation_shape(), std::move(key), [&site, output = page.output, current = std::move(current)] {
                      return navigation(site, output, current);
                    }};
}

json page_view_without_nav(const Site& site, PageId id, const RenderedMarkdown& body, const Date& today,
                           const std::vector<int>* section_minutes) {
  const Page& page = site.page(id);
  json view = frame_view(site, page.output, nav_current(site, page));
  view["is_home"] = page.kind == PageKind::home;
  view["breadcrumbs"] = page.kind == PageKind::home ? json::array() : breadcrumbs(site, page);
  view["page"] = object_of("title", page.meta.title, "description", page.meta.description, "body", body.html);
  json toc = table_of_contents(body);
  view["has_toc"] = toc.size() >= 2;
  view["toc"] = std::move(toc);
  add_reviewed(view, site, page, today);
  add_extras(view, site, page, today);
  if (page.kind == PageKind::page) {
    add_neighbours(view, site, id);
  } else {
    add_listing(view, site, page, section_minutes);
  }
  if (page.kind == PageKind::home && !site.quizzes.empty()) view["home_quizzes"] = home_quizzes(site, page);
  return view;
}

std::string sitemap_xml(const Site& site) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (site.config.base_url.empty()) {
    xml += "<!-- Set base_url in mamori.toml to make these URLs absolute, as search engines expect. -->\n";
  }
  xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const PageId id : site.reading_order()) {
    const Page& page = site.page(id);
    xml += "  <url><loc>" + escape_markup(site.config.base_url + encode_path(page.output)) + "</loc>";
    if (page.meta.reviewed) xml += "<lastmod>" + to_iso(page.meta.reviewed->value) + "</lastmod>";
    xml += "</url>\n";
  }
  for (const auto& quiz : site.quizzes) {
    xml += "  <url><loc>" + escape_markup(site.config.base_url + encode_path(quiz_output(quiz.id))) + "</loc></url>\n";
  }
  if (!site.quizzes.empty()) {
    xml += "  <url><loc>" + escape_markup(site.config.base_url + std::string(kQuizIndexPath)) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

}  // namespace mamori
