#include <doctest/doctest.h>

#include "site/shared_blocks.h"
#include "site/templates.h"
#include "site/theme.h"

using namespace mamori;
using nlohmann::json;

namespace {

const ListShape kShape{"nav", {"title", "href", "current"}, {"root", "site"}};

std::optional<SharedSplit> split(std::string_view text) {
  return split_shared_blocks(text, kShape);
}

json nav_items() {
  return json::array({json{{"title", "A&B"}, {"href", "a/index.html"}, {"current", true}},
                      json{{"title", "C"}, {"href", "c/index.html"}, {"current", false}}});
}

json page(const std::string& title) {
  return json{{"root", "../"}, {"site", json{{"title", "S"}}}, {"page", json{{"title", title}}}};
}

// Renders `text` as template "t" both ways: whole (the list in the view) and with the
// shared list; checks they agree and returns the result and how often the list was built.
std::pair<std::string, int> both_ways(TemplateEngine& engine, const json& view, const std::string& key) {
  int built = 0;
  const SharedList list{kShape, key, [&built] {
                          ++built;
                          return nav_items();
                        }};
  const auto shared = engine.render("t", view, list);
  json whole_view = view;
  whole_view["nav"] = nav_items();
  const auto whole = engine.render("t", whole_view);
  REQUIRE(shared.has_value());
  REQUIRE(whole.has_value());
  CHECK(*shared == *whole);
  return {*shared, built};
}

Theme theme_of(const std::string& text) {
  Theme theme;
  theme.name = "test";
  theme.templates = {{"t", text}};
  return theme;
}

}  // namespace

TEST_SUITE("shared blocks") {
  TEST_CASE("shared lines are cut as whole lines and stand as a marker line") {
    const auto cut = split("<h1>{{page.title}}</h1>\n<ul>\n  {{#nav}}<li>{{title}}</li>\n  {{/nav}}\n</ul>\n");
    REQUIRE(cut.has_value());
    CHECK(cut->rest == "<h1>{{page.title}}</h1>\n\x02mamori-shared-0\x02\n");
    CHECK(cut->blocks == std::vector<std::string>{"<ul>\n  {{#nav}}<li>{{title}}</li>\n  {{/nav}}\n</ul>\n"});
    CHECK(cut->marker_lines == std::vector<std::string>{"\x02mamori-shared-0\x02\n"});
  }

  TEST_CASE("constants are cut with the list; a block at the end keeps no newline") {
    const auto cut = split("{{page.title}}\n<ul class=\"{{root}}\">{{#nav}}{{.}}{{site.title}}{{/nav}}</ul>");
    REQUIRE(cut.has_value());
    CHECK(cut->rest == "{{page.title}}\n\x02mamori-shared-0\x02");
    CHECK(cut->blocks[0] == "<ul class=\"{{root}}\">{{#nav}}{{.}}{{site.title}}{{/nav}}</ul>");
    CHECK(cut->marker_lines[0] == "\x02mamori-shared-0\x02");
  }

  TEST_CASE("blocks are cut in order, a section spanning lines with them") {
    const auto cut = split("{{#nav}}a{{/nav}}\nmid {{page.title}}\n{{#site}}\n{{site.title}}\n{{/site}}\n{{is_home}}");
    REQUIRE(cut.has_value());
    CHECK(cut->rest == "\x02mamori-shared-0\x02\nmid {{page.title}}\n\x02mamori-shared-1\x02\n{{is_home}}");
    CHECK(cut->blocks == std::vector<std::string>{"{{#nav}}a{{/nav}}\n", "{{#site}}\n{{site.title}}\n{{/site}}\n"});
  }

  TEST_CASE("a section spanning lines is cut whole or not at all") {
    CHECK(split("{{#page}}\n{{root}}\n{{/page}}\n") == std::nullopt);
    const auto cut = split("{{#site}}\n{{root}}\n{{/site}}{{page.title}}\n{{root}}");
    REQUIRE(cut.has_value());
    CHECK(cut->rest == "{{#site}}\n{{root}}\n{{/site}}{{page.title}}\n\x02mamori-shared-0\x02");
  }

  TEST_CASE("what could depend on the page is not cut") {
    CHECK_FALSE(split("{{title}}").has_value());                                // an item name outside the list
    CHECK_FALSE(split("{{#nav}}{{path}}{{/nav}}").has_value());                 // not an item name
    CHECK_FALSE(split("{{page.title}}{{#nav}}{{title}}{{/nav}}").has_value());  // a page value on its line
    CHECK_FALSE(split("{{#nav}}{{title}}{{/nav}}{{title}}").has_value());
    CHECK_FALSE(split("{{.}}{{#nav}}x{{/nav}}").has_value());                   // the root itself
    CHECK_FALSE(split("{{#nav}}x{{/nav}}\n{{^nav}}none{{/nav}}").has_value());  // the list used elsewhere
    CHECK_FALSE(split("{{nav.0.title}}\n{{#nav}}x{{/nav}}").has_value());
    CHECK_FALSE(split("{{#page}}\n{{#nav}}x{{/nav}}\n{{/page}}").has_value());  // inside a section
    CHECK_FALSE(split("{{#nav}}x{{/nav}}{{#page}}\n{{/page}}").has_value());    // a section open at the cut
    CHECK_FALSE(split("{{=<% %>=}}\n{{#nav}}x{{/nav}}").has_value());           // other delimiters
    CHECK_FALSE(split("{{> part}}\n{{#nav}}x{{/nav}}").has_value());
    CHECK_FALSE(split("{{#nav}}x{{/page}}").has_value());  // does not parse
    CHECK_FALSE(split("\x02mamori-shared-0\x02\n{{#nav}}x{{/nav}}").has_value());
  }

  TEST_CASE("a tag across lines is not cut inside") {
    const auto cut = split("{{! a\n}}{{#nav}}x{{/nav}}\n{{page.title}}");
    REQUIRE(cut.has_value());
    CHECK(cut->blocks == std::vector<std::string>{"{{! a\n}}{{#nav}}x{{/nav}}\n"});
    CHECK_FALSE(split("{{page.title\n}}{{#nav}}x{{/nav}}").has_value());
  }

  TEST_CASE("comments and nested sections over items and constants are cut") {
    const auto cut = split("{{! menu }}{{#nav}}{{#current}}*{{/current}}{{^site}}-{{/site}}{{{href}}}{{/nav}}\n");
    REQUIRE(cut.has_value());
    CHECK(cut->rest == "\x02mamori-shared-0\x02\n");
  }
}

TEST_SUITE("templates: shared lists") {
  TEST_CASE("a cut block is rendered once per key, and the page is as if rendered whole") {
    TemplateEngine engine(
        theme_of("<h1>{{page.title}}</h1>\n<ul>\n  {{#nav}}<li><a href=\"{{root}}{{href}}\"{{#current}} "
                 "aria-current=\"true\"{{/current}}>{{title}}</a></li>\n  {{/nav}}\n</ul>\n{{site.title}}\n"));
    const auto [first, built_first] = both_ways(engine, page("P1"), "f");
    CHECK(first ==
          "<h1>P1</h1>\n<ul>\n  <li><a href=\"../a/index.html\" aria-current=\"true\">A&amp;B</a></li>\n"
          "  <li><a href=\"../c/index.html\">C</a></li>\n</ul>\nS\n");
    CHECK(built_first == 1);
    const auto [second, built_second] = both_ways(engine, page("P2"), "f");
    CHECK(second.starts_with("<h1>P2</h1>\n<ul>\n  <li>"));
    CHECK(built_second == 0);  // from the cache
    CHECK(both_ways(engine, page("P3"), "g").second == 1);
  }

  TEST_CASE("standalone section lines render the same cut and whole") {
    TemplateEngine engine(
        theme_of("a\n  {{#nav}}\n  <li>{{title}}</li>\n  {{/nav}}\n  {{#page}}\n{{title}}\n"
                 "  {{/page}}\nz"));
    CHECK(both_ways(engine, page("P"), "k").first == "a\n  <li>A&amp;B</li>\n  <li>C</li>\nP\nz");
  }

  TEST_CASE("a template that cannot be cut builds the list for every page") {
    TemplateEngine engine(theme_of("{{#nav}}<a href=\"{{href}}\">{{page.title}}</a>{{/nav}}\n"));
    const auto [html, built] = both_ways(engine, page("P"), "k");
    CHECK(html == "<a href=\"a/index.html\">P</a><a href=\"c/index.html\">P</a>\n");
    CHECK(built == 1);
    CHECK(both_ways(engine, page("P"), "k").second == 1);
  }

  TEST_CASE("a view value holding a marker line falls back to rendering the whole template") {
    TemplateEngine engine(theme_of("{{{page.title}}}\n{{#nav}}{{title}}{{/nav}}\n"));
    const auto [html, built] = both_ways(engine, page("\x02mamori-shared-0\x02\n"), "k");
    CHECK(html == "\x02mamori-shared-0\x02\n\nA&amp;BC\n");
    CHECK(built == 2);  // once for the block, once for the whole template
  }

  TEST_CASE("an item name at the view's root leaves the template whole") {
    TemplateEngine engine(theme_of("{{#nav}}{{title}}{{/nav}}\n"));
    json view = page("P");
    view["title"] = "root title";
    CHECK(both_ways(engine, view, "k").first == "A&amp;BC\n");
  }

  TEST_CASE("an unknown template is an error") {
    TemplateEngine engine(theme_of("x"));
    const SharedList list{kShape, "k", [] { return json::array(); }};
    CHECK_FALSE(engine.render("none", page("P"), list).has_value());
  }
}
