#include "site/page_view.h"

#include <algorithm>

#include "core/text.h"
#include "core/url.h"

namespace mamori {

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "base-uri 'none'; form-action 'none'";

namespace {

using nlohmann::json;

const Page& page_at(const Site& site, int index) {
  return site.pages[static_cast<size_t>(index)];
}

json link_to(const Site& site, const Page& from, int to) {
  const Page& target = page_at(site, to);
  return json{{"title", target.meta.title}, {"href", relative_url(from.output, target.output)}};
}

json site_view(const Site& site) {
  return json{{"title", site.config.title},
              {"description", site.config.description},
              {"footer", site.config.footer},
              {"language", site.config.language}};
}

// A listing entry for a page or a section (its index page).
json entry(const Site& site, const Page& from, int index) {
  const Page& target = page_at(site, index);
  json e = link_to(site, from, index);
  e["description"] = target.meta.description;
  if (target.meta.reviewed) {
    e["reviewed"] =
        json{{"iso", to_iso(target.meta.reviewed->value)}, {"ja", to_japanese(target.meta.reviewed->value)}};
  }
  return e;
}

// The top-level sections and root pages, linked from the page at `from`; the entry whose
// page is `current` (an output path) is marked.
json navigation(const Site& site, const std::string& from, const std::string& current) {
  json nav = json::array();
  const Section& root = site.sections.front();
  auto item = [&](int index) {
    const Page& target = page_at(site, index);
    return json{{"title", target.meta.title},
                {"href", relative_url(from, target.output)},
                {"current", target.output == current}};
  };
  for (const int child : root.children) {
    const Section& section = site.sections[static_cast<size_t>(child)];
    if (section.index_page >= 0) nav.push_back(item(section.index_page));
  }
  for (const int p : root.pages) nav.push_back(item(p));
  return nav;
}

json breadcrumbs(const Site& site, const Page& from) {
  std::vector<int> chain;
  int s = from.section;
  if (from.kind != PageKind::page && s >= 0) s = site.sections[static_cast<size_t>(s)].parent;
  for (; s >= 0; s = site.sections[static_cast<size_t>(s)].parent) {
    const int index = site.sections[static_cast<size_t>(s)].index_page;
    if (index >= 0) chain.insert(chain.begin(), index);
  }
  json crumbs = json::array();
  for (const int index : chain) {
    json crumb = link_to(site, from, index);
    crumb["is_home"] = page_at(site, index).kind == PageKind::home;
    crumbs.push_back(crumb);
  }
  return crumbs;
}

json contacts_view(const ContactTable& table, const Date& today, int stale_after_months) {
  json view;
  if (table.reviewed) {
    view["reviewed"] = json{{"iso", to_iso(*table.reviewed)}, {"ja", to_japanese(*table.reviewed)}};
    const int months = months_between(*table.reviewed, today);
    if (months >= stale_after_months) view["stale"] = json{{"months", months}, {"limit", stale_after_months}};
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
    toc.push_back(json{{"id", h.id}, {"href", "#" + encode_fragment(h.id)}, {"text", h.text}, {"sub", h.level == 3}});
  }
  return toc;
}

}  // namespace

json base_view(const Site& site, const std::string& output, const std::string& current_nav) {
  const std::string root = path_to_root(output);
  json view;
  view["lang"] = site.config.language;
  view["csp"] = kContentSecurityPolicy;
  view["site"] = site_view(site);
  view["root"] = root;
  view["assets"] = root + "assets/";
  view["home_href"] = root + "index.html";
  view["nav"] = navigation(site, output, current_nav);
  if (!site.quizzes.empty()) {
    view["quizzes_nav"] =
        json{{"href", relative_url(output, std::string(kQuizIndexPath))}, {"current", current_nav == kQuizIndexPath}};
  }
  return view;
}

json page_view(const Site& site, int index, const RenderedMarkdown& body, const Date& today) {
  const Page& page = page_at(site, index);
  // The navigation marks the top-level section the page is in.
  int top = page.section;
  while (top > 0 && site.sections[static_cast<size_t>(top)].parent > 0) {
    top = site.sections[static_cast<size_t>(top)].parent;
  }
  const int top_index = top > 0 ? site.sections[static_cast<size_t>(top)].index_page : -1;
  json view = base_view(site, page.output, top_index >= 0 ? page_at(site, top_index).output : page.output);
  view["is_home"] = page.kind == PageKind::home;
  view["breadcrumbs"] = page.kind == PageKind::home ? json::array() : breadcrumbs(site, page);
  view["page"] = json{{"title", page.meta.title}, {"description", page.meta.description}, {"body", body.html}};

  const json toc = table_of_contents(body);
  view["toc"] = toc;
  view["has_toc"] = toc.size() >= 2;

  if (page.meta.reviewed) {
    const Date& reviewed = page.meta.reviewed->value;
    view["reviewed"] = json{{"iso", to_iso(reviewed)}, {"ja", to_japanese(reviewed)}};
    const int months = months_between(reviewed, today);
    if (months >= site.config.stale_after_months) {
      view["stale"] = json{{"months", months}, {"limit", site.config.stale_after_months}};
    }
  }
  json sources = json::array();
  for (const auto& source : page.meta.sources) sources.push_back(json{{"url", source.value}});
  view["sources"] = sources;
  view["has_sources"] = !sources.empty();
  if (page.meta.quiz) {
    for (const auto& quiz : site.quizzes) {
      if (quiz.id != page.meta.quiz->value) continue;
      view["quiz"] = json{
          {"id", quiz.id}, {"title", quiz.title}, {"href", relative_url(page.output, "quizzes/" + quiz.id + ".html")}};
    }
  }

  if (page.meta.contacts && page.meta.contacts->value && site.contacts) {
    view["contacts"] = contacts_view(*site.contacts, today, site.config.stale_after_months);
  }

  if (page.kind == PageKind::page) {
    const Section& section = site.sections[static_cast<size_t>(page.section)];
    const auto& order = section.pages;
    const auto at = std::find(order.begin(), order.end(), index);
    if (at != order.end()) {
      if (at != order.begin()) view["prev"] = link_to(site, page, *(at - 1));
      if (at + 1 != order.end()) view["next"] = link_to(site, page, *(at + 1));
    }
    if (section.index_page >= 0 && page.section > 0) view["section"] = link_to(site, page, section.index_page);
  } else {
    // A section (or the home page) lists what it contains.
    const Section& section = site.sections[static_cast<size_t>(page.section)];
    json children = json::array();
    for (const int p : section.pages) {
      if (page.kind == PageKind::home) break;  // the home page's own pages are in the navigation
      children.push_back(entry(site, page, p));
    }
    json subsections = json::array();
    for (const int s : section.children) {
      const Section& child = site.sections[static_cast<size_t>(s)];
      if (child.index_page < 0) continue;
      json item = entry(site, page, child.index_page);
      json pages = json::array();
      for (const int p : child.pages) pages.push_back(link_to(site, page, p));
      item["pages"] = pages;
      subsections.push_back(item);
    }
    view["children"] = children;
    view["has_children"] = !children.empty();
    view["sections"] = subsections;
    view["has_sections"] = !subsections.empty();
  }
  return view;
}

json not_found_view(const Site& site) {
  const std::string root = site.config.base_url;
  json view;
  view["lang"] = site.config.language;
  view["csp"] = kContentSecurityPolicy;
  view["site"] = site_view(site);
  view["root"] = root;
  view["assets"] = root + "assets/";
  view["home_href"] = root + "index.html";
  json nav = json::array();
  for (const int child : site.sections.front().children) {
    const int index = site.sections[static_cast<size_t>(child)].index_page;
    if (index < 0) continue;
    nav.push_back(
        json{{"title", page_at(site, index).meta.title}, {"href", root + encode_path(page_at(site, index).output)}});
  }
  view["nav"] = nav;
  return view;
}

std::string sitemap_xml(const Site& site) {
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  if (site.config.base_url.empty()) {
    xml += "<!-- Set base_url in mamori.toml to make these URLs absolute, as search engines expect. -->\n";
  }
  xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const int index : site.reading_order()) {
    const Page& page = page_at(site, index);
    xml += "  <url><loc>" + escape_markup(site.config.base_url + encode_path(page.output)) + "</loc>";
    if (page.meta.reviewed) xml += "<lastmod>" + to_iso(page.meta.reviewed->value) + "</lastmod>";
    xml += "</url>\n";
  }
  for (const auto& quiz : site.quizzes) {
    xml += "  <url><loc>" + escape_markup(site.config.base_url + "quizzes/" + encode_path(quiz.id) + ".html") +
           "</loc></url>\n";
  }
  if (!site.quizzes.empty()) {
    xml += "  <url><loc>" + escape_markup(site.config.base_url + std::string(kQuizIndexPath)) + "</loc></url>\n";
  }
  xml += "</urlset>\n";
  return xml;
}

}  // namespace mamori
