#include "site/not_found.h"

#include "core/sha256.h"
#include "core/url.h"
#include "site/page_view.h"

namespace mamori {

using nlohmann::json;

namespace {

// The script, around the list of folders. ES5, as every script of the default theme. The
// root is built from the path's own segments with doubled slashes collapsed, so it always
// starts with a single "/" and can never name another host ("//host/").
constexpr std::string_view kScriptHead = "(function () {\n  \"use strict\";\n  var folders = ";
constexpr std::string_view kScriptTail = R"(;
  var path = location.pathname.replace(/\/+/g, "/");
  var segments = path.split("/");
  var root = path.replace(/[^\/]*$/, "");
  for (var i = 1; i < segments.length; i++) {
    var name = segments[i];
    try { name = decodeURIComponent(name); } catch (e) { /* keep it as written */ }
    if (folders.indexOf(name) !== -1) {
      root = segments.slice(0, i).join("/") + "/";
      break;
    }
  }
  var links = document.querySelectorAll("a[data-site-path]");
  for (var j = 0; j < links.length; j++) {
    links[j].setAttribute("href", root + links[j].getAttribute("data-site-path"));
  }
}());
)";

// JSON safe inside a <script> element: ASCII only (no U+2028 that old engines take for a
// line end), and no '<', '>' or '&', so nothing in it can end the element.
std::string script_literal(const json& value) {
  const std::string dumped = value.dump(-1, ' ', true, json::error_handler_t::replace);
  std::string out;
  for (const char c : dumped) {
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else {
      out += c;
    }
  }
  return out;
}

// Allows `text` inline by its hash in `directive` ("script-src 'self'") of `csp`.
void allow_inline(std::string& csp, std::string_view directive, std::string_view text) {
  const size_t at = csp.find(directive);
  if (text.empty() || at == std::string::npos) return;
  csp.insert(at + directive.size(), " 'sha256-" + sha256_base64(text) + "'");
}

}  // namespace

std::vector<std::string> top_level_folders(const Site& site) {
  std::vector<std::string> folders;
  for (const SectionId child : site.section(kRootSection).children) {
    if (site.section(child).index_page) folders.push_back(site.section(child).dir);
  }
  if (!site.quizzes.empty()) folders.emplace_back("quizzes");
  folders.emplace_back("assets");
  folders.emplace_back("search");  // the search index (search_render.h)
  return folders;
}

std::string not_found_script(const std::vector<std::string>& folders) {
  return std::string(kScriptHead) + script_literal(folders) + std::string(kScriptTail);
}

json not_found_view(const Site& site, std::string_view stylesheet) {
  const std::string& base = site.config.base_url;  // "" or ending in '/'
  json view = base_view(site, "404.html", "");
  auto link = [&](const std::string& output) {
    const std::string path = encode_path(output);
    return json{{"href", base + path}, {"path", path}};
  };
  view["root"] = base;
  view["assets"] = base + "assets/";
  view["home_href"] = base + "index.html";
  view["home"] = link("index.html");
  json nav = json::array();
  for (const SectionId child : site.section(kRootSection).children) {
    const auto index = site.section(child).index_page;
    if (!index) continue;
    json item = link(site.page(*index).output);
    item["title"] = site.page(*index).meta.title;
    nav.push_back(std::move(item));
  }
  view["nav"] = nav;
  view.erase("quizzes_nav");
  if (!site.quizzes.empty()) view["quizzes_link"] = link(std::string(kQuizIndexPath));
  const std::string script = base.empty() ? not_found_script(top_level_folders(site)) : "";
  view["inline_style"] = std::string(stylesheet);
  if (!script.empty()) view["inline_script"] = script;
  std::string csp = kContentSecurityPolicy;
  allow_inline(csp, "script-src 'self'", script);
  allow_inline(csp, "style-src 'self'", stylesheet);
  view["csp"] = csp;
  return view;
}

}  // namespace mamori
