#include <doctest/doctest.h>

#include "site/templates.h"
#include "site/theme.h"

using namespace mamori;

namespace {

Theme theme_with(std::map<std::string, std::string> templates, std::map<std::string, std::string> partials = {}) {
  Theme theme;
  theme.name = "test";
  theme.templates = std::move(templates);
  theme.partials = std::move(partials);
  return theme;
}

}  // namespace

TEST_SUITE("templates") {
  TEST_CASE("partials are expanded recursively, with spaces around the name") {
    const std::map<std::string, std::string> partials = {{"outer", "[{{> inner }}]"}, {"inner", "in"}};
    const Expanded expanded = expand_partials("a{{>outer}}b{{> inner}}c", partials);
    CHECK(expanded.text == "a[in]binc");
    CHECK_FALSE(expanded.problem.has_value());
  }

  TEST_CASE("an unknown partial is left out and named; the first problem is kept") {
    const Expanded expanded = expand_partials("a{{> gone}}b{{> also-gone}}c", {});
    CHECK(expanded.text == "abc");
    CHECK(expanded.problem == "unknown partial 'gone' (no partials/gone.mustache)");
  }

  TEST_CASE("partials that include each other stop at a depth limit") {
    const Expanded expanded = expand_partials("{{> a}}", {{"a", "x{{> b}}"}, {"b", "y{{> a}}"}});
    CHECK(expanded.problem == "partials include each other more than 16 deep");
    CHECK(expanded.text.starts_with("xyxy"));
  }

  TEST_CASE("an unclosed tag is left as it is") {
    CHECK(expand_partials("a{{> b", {{"b", "x"}}).text == "a{{> b");
  }

  TEST_CASE("syntax errors are found") {
    CHECK(check_template_syntax("<p>{{title}}</p>{{#list}}{{.}}{{/list}}").has_value());
    const auto unclosed = check_template_syntax("{{#list}}");
    REQUIRE_FALSE(unclosed.has_value());
    CHECK_FALSE(unclosed.error().message.empty());
  }

  TEST_CASE("values are escaped, triple braces are not, empty strings and null are false") {
    TemplateEngine engine(
        theme_with({{"page",
                     "{{title}}|{{{html}}}|{{#empty}}shown{{/empty}}{{^empty}}none{{/empty}}|{{#nothing}}x{{/nothing}}|"
                     "{{count}}|{{#flag}}yes{{/flag}}|{{#items}}<{{name}}>{{/items}}|{{empty}}"}}));
    const nlohmann::json view = {{"title", "<a href=\"x\">&'"},
                                 {"html", "<b>ok</b>"},
                                 {"empty", ""},
                                 {"nothing", nullptr},
                                 {"count", 42},
                                 {"flag", true},
                                 {"items", nlohmann::json::array({{{"name", "a"}}, {{"name", "b"}}})}};
    const auto html = engine.render("page", view);
    REQUIRE(html.has_value());
    CHECK(*html == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;|<b>ok</b>|none||42|yes|<a><b>|");
  }

  TEST_CASE("partials are in place when rendering") {
    TemplateEngine engine(theme_with({{"page", "<h1>{{> title}}</h1>"}}, {{"title", "{{page.title}}"}}));
    const auto html = engine.render("page", {{"page", {{"title", "見出し"}}}});
    REQUIRE(html.has_value());
    CHECK(*html == "<h1>見出し</h1>");
  }

  TEST_CASE("a template with set delimiters, which has no plan, is rendered by kainjow") {
    TemplateEngine engine(theme_with({{"page", "{{=<% %>=}}<p><% title %></p><%#e%>x<%/e%>"}}));
    const auto html = engine.render("page", {{"title", "a&b"}, {"e", ""}});
    REQUIRE(html.has_value());
    CHECK(*html == "<p>a&amp;b</p>");
  }

  TEST_CASE("a missing or broken template is an error, not an empty page") {
    TemplateEngine engine(theme_with({{"broken", "{{#open}}"}}));
    const auto missing = engine.render("page", nlohmann::json::object());
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message == "no template 'page'");
    const auto broken = engine.render("broken", nlohmann::json::object());
    REQUIRE_FALSE(broken.has_value());
    CHECK(broken.error().message == "Unclosed section \"open\" at 0");
  }
}
