#include <doctest/doctest.h>

#include <random>

#include "site/mustache_data.h"
#include "site/mustache_plan.h"

using namespace mamori;
using nlohmann::json;

namespace {

// What kainjow renders, or nullopt when it finds the template invalid.
std::optional<std::string> kainjow_render(const std::string& text, const json& view) {
  kainjow::mustache::mustache tmpl{text};
  if (!tmpl.is_valid()) return std::nullopt;
  std::string out = tmpl.render(to_mustache_data(view));
  if (!tmpl.is_valid()) return std::nullopt;
  return out;
}

std::string plan_render(const std::string& text, const json& view) {
  const auto plan = MustachePlan::compile(text);
  REQUIRE(plan.has_value());
  return plan->render(view);
}

// Random templates from pieces that meet kainjow's corner cases: sections around
// anything, lines with only tags and blanks, CR LF, dotted names, stray braces.
class TemplateMaker {
 public:
  explicit TemplateMaker(uint32_t seed) : random_(seed) {}

  std::string make(int depth = 0) {
    std::string out;
    const int pieces = pick(8);
    for (int i = 0; i < pieces; ++i) out += piece(depth);
    return out;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  std::string name() {
    static const char* const names[] = {"x", "y", "list", "a", "a.b", "a.b.c", ".", "", "a.", ".a", "b", " x ", "a..b"};
    return names[pick(std::size(names))];
  }

  std::string piece(int depth) {
    static const char* const plain[] = {"t", " ", "\t", "\n",     "\r\n",        "\r",  "<&\"'>",
                                        "{", "}", "}}", "{{!c}}", "{{! a\nb }}", "日本"};
    switch (pick(10)) {
      case 0:
      case 1:
      case 2:
        return plain[pick(std::size(plain))];
      case 3:
        return "{{" + name() + "}}";
      case 4:
        return (pick(2) ? "{{{" : "{{&") + name() + (pick(2) ? "}}}" : "}}");
      case 5:
      case 6:
      case 7: {
        if (depth > 3) return "\n";
        const std::string n = name();
        const std::string open = pick(3) ? "{{#" : "{{^";
        return open + n + "}}" + make(depth + 1) + "{{/" + (pick(40) ? n : std::string("zz")) + "}}";
      }
      case 8:
        return pick(20) ? "  " : "{{";
      default:
        return pick(2) ? "\n  " : " \r\n";
    }
  }

  std::mt19937 random_;
};

// Random views over the names the templates use: every kind of value, nested.
class ViewMaker {
 public:
  explicit ViewMaker(uint32_t seed) : random_(seed) {}

  json make(int depth = 0) {
    json out = json::object();
    static const char* const keys[] = {"x", "y", "list", "a", "b", "c", ""};
    for (const char* key : keys) {
      if (pick(3) != 0) out[key] = value(depth);
    }
    return out;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }

  json value(int depth) {
    switch (pick(depth > 2 ? 8 : 11)) {
      case 0:
        return nullptr;
      case 1:
        return true;
      case 2:
        return false;
      case 3:
        return "";
      case 4:
        return "v<&\"'>";
      case 5:
        return pick(2) ? json(7) : json(-1.5);
      case 6:
        return "  ";
      case 7:
        return json::array();
      case 8:
      case 9:
        return make(depth + 1);
      default: {
        json list = json::array();
        const int items = 1 + pick(3);
        for (int i = 0; i < items; ++i) list.push_back(pick(4) ? make(depth + 1) : value(depth + 1));
        return list;
      }
    }
  }

  std::mt19937 random_;
};

}  // namespace

TEST_SUITE("mustache plan") {
  TEST_CASE("values: escaped, raw, numbers, and what renders as nothing") {
    const json view = {{"s", "<a href=\"x\">&'"}, {"n", 42},     {"f", 1.5}, {"t", true},
                       {"o", {{"k", "v"}}},       {"l", {1, 2}}, {"e", ""},  {"z", nullptr}};
    CHECK(plan_render("{{s}}|{{{s}}}|{{&s}}", view) ==
          "&lt;a href=&quot;x&quot;&gt;&amp;&apos;|<a href=\"x\">&'|<a href=\"x\">&'");
    CHECK(plan_render("{{n}}|{{f}}|{{t}}|{{o}}|{{l}}|{{e}}|{{z}}|{{missing}}", view) == "42|1.5||||||");
  }

  TEST_CASE("sections: false values, lists, objects, strings and the inverted kind") {
    const json view = {{"e", ""},
                       {"z", nullptr},
                       {"no", false},
                       {"none", json::array()},
                       {"zero", 0},
                       {"l", {{{"v", "a"}}, {{"v", "b"}}}},
                       {"o", {{"v", "in"}}},
                       {"s", "str"},
                       {"v", "out"}};
    CHECK(plan_render("{{#e}}1{{/e}}{{#z}}2{{/z}}{{#no}}3{{/no}}{{#none}}4{{/none}}{{#zero}}5{{/zero}}", view) == "5");
    CHECK(plan_render("{{^e}}1{{/e}}{{^z}}2{{/z}}{{^no}}3{{/no}}{{^none}}4{{/none}}{{^gone}}5{{/gone}}", view) ==
          "12345");
    CHECK(plan_render("{{#l}}[{{v}}]{{/l}}{{#o}}({{v}}){{/o}}{{#s}}<{{.}}>{{v}}{{/s}}", view) == "[a][b](in)<str>out");
  }

  TEST_CASE("names: the stack from the inside out, dotted names whole within one value") {
    const json view = {{"a", {{"b", {{"c", "abc"}}}}}, {"x", "outer"}, {"l", {{{"a", {{"q", 1}}}}}}};
    CHECK(plan_render("{{a.b.c}}|{{#a}}{{b.c}}{{x}}{{/a}}|{{a.}}", view) == "abc|abcouter|");
    // Inside the item, "a" is the item's own a, which has no b: kainjow tries the root next.
    CHECK(plan_render("{{#l}}{{a.q}}/{{a.b.c}}{{/l}}", view) == "1/abc");
    CHECK(plan_render("{{#a.b}}{{c}}{{/a.b}}{{ x }}{{#  x  }}!{{/ x}}", view) == "abcouter!");
  }

  TEST_CASE("a line that held a rendered section and is otherwise blank is dropped") {
    const json view = {{"yes", true}, {"no", false}, {"l", {1, 2}}};
    CHECK(plan_render("a\n  {{#yes}}\nb\n  {{/yes}}  \nc", view) == "a\nb\nc");
    // A section that is skipped does not drop its line, nor does a comment.
    CHECK(plan_render("a\n  {{#no}}\nb\n{{/no}}\nc", view) == "a\n  \nc");
    CHECK(plan_render("a\n{{! note }}\nc", view) == "a\n\nc");
    CHECK(plan_render("{{#l}}\r\n\t{{.}}\r\n{{/l}}\r\nend", view) == "\t1\r\n\t2\r\nend");
    CHECK(plan_render("x\r{{#yes}} {{/yes}}", view) == "x\r");
  }

  TEST_CASE("what a plan does not do, or kainjow refuses, has no plan") {
    for (const char* text : {"{{=<% %>=}}", "{{> partial}}", "{{ >partial }}", "{{#a}}", "{{/a}}", "{{#a}}{{/b}}",
                             "{{x", "{{{x}}", "x{{"}) {
      CAPTURE(text);
      CHECK_FALSE(MustachePlan::compile(text).has_value());
    }
    std::string deep;
    for (int i = 0; i < 300; ++i) deep += "{{#a}}";
    for (int i = 0; i < 300; ++i) deep += "{{/a}}";
    CHECK_FALSE(MustachePlan::compile(deep).has_value());
    CHECK(MustachePlan::compile("{{#a}}{{/a}}{{}}{{{}}}{ {}x}}").has_value());
  }

  TEST_CASE("random templates and views render as kainjow renders them") {
    TemplateMaker templates(17);
    ViewMaker views(29);
    int compared = 0;
    for (int i = 0; i < 20000; ++i) {
      const std::string text = templates.make();
      const json view = views.make();
      const auto plan = MustachePlan::compile(text);
      const auto want = kainjow_render(text, view);
      CAPTURE(text);
      CAPTURE(view.dump());
      CHECK(plan.has_value() == want.has_value());
      if (plan && want) {
        CHECK(plan->render(view) == *want);
        ++compared;
      }
    }
    CHECK(compared > 10000);
  }
}
