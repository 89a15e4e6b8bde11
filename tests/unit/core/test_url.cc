#include <doctest/doctest.h>

#include "core/url.h"

#include <random>
#include <string>

using namespace mamori;

TEST_SUITE("url") {
  TEST_CASE("URLs are classified as a browser reads them") {
    CHECK(classify_url("https://www.meti.go.jp/") == UrlKind::web);
    CHECK(classify_url("HTTP://example.jp") == UrlKind::web);
    CHECK(classify_url("mailto:a@example.jp") == UrlKind::contact);
    CHECK(classify_url("tel:052-954-6370") == UrlKind::contact);
    CHECK(classify_url("#初動対応") == UrlKind::fragment);
    CHECK(classify_url("../cyber/ransomware.md#x") == UrlKind::relative);
    CHECK(classify_url("javascript:alert(1)") == UrlKind::unsafe);
    CHECK(classify_url(" JaVaScRiPt:alert(1)") == UrlKind::unsafe);
    CHECK(classify_url("java\tscript:alert(1)") == UrlKind::unsafe);
    CHECK(classify_url("java\nscript:alert(1)") == UrlKind::unsafe);
    CHECK(classify_url("data:text/html,<script>") == UrlKind::unsafe);
    CHECK(classify_url("vbscript:x") == UrlKind::unsafe);
    CHECK(classify_url("file:///etc/passwd") == UrlKind::unsafe);
    CHECK(classify_url("//evil.example/x.js") == UrlKind::unsafe);
    CHECK(classify_url("\\\\server\\share") == UrlKind::unsafe);
  }

  TEST_CASE("the scheme and kind as read from the whole of what a browser sees, for any text") {
    // The definition: the browser's view made whole (leading C0 controls and spaces and the
    // trailing ones stripped, tab/LF/CR removed anywhere), then read.
    const auto view_of = [](std::string_view url) {
      size_t start = 0;
      while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) ++start;
      size_t end = url.size();
      while (end > start && static_cast<unsigned char>(url[end - 1]) <= 0x20) --end;
      std::string out;
      for (size_t i = start; i < end; ++i) {
        if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r') out += url[i];
      }
      return out;
    };
    const auto scheme_of = [&](std::string_view url) -> std::string {
      const std::string view = view_of(url);
      const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
      if (view.empty() || !alpha(view[0])) return {};
      for (size_t i = 1; i < view.size(); ++i) {
        const char c = view[i];
        if (c == ':') {
          std::string lower = view.substr(0, i);
          for (char& l : lower) l = static_cast<char>(l >= 'A' && l <= 'Z' ? l + 32 : l);
          return lower;
        }
        if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return {};
      }
      return {};
    };
    const auto kind_of = [&](std::string_view url) {
      const std::string scheme = scheme_of(url);
      if (scheme == "http" || scheme == "https") return UrlKind::web;
      if (scheme == "mailto" || scheme == "tel") return UrlKind::contact;
      if (!scheme.empty()) return UrlKind::unsafe;
      const std::string view = view_of(url);
      if (view.starts_with("//") || view.starts_with("\\\\") || view.starts_with("/\\") || view.starts_with("\\/")) {
        return UrlKind::unsafe;
      }
      return view.starts_with('#') ? UrlKind::fragment : UrlKind::relative;
    };
    const std::string alphabet = std::string("hH tT\t\n\r\x01\x1F:/\\#aZ09+-.") + '\0';
    std::mt19937 random(7);
    for (int round = 0; round < 20000; ++round) {
      std::string url;
      const size_t length = random() % 12;
      for (size_t k = 0; k < length; ++k) url += alphabet[random() % alphabet.size()];
      CAPTURE(url);
      CHECK(url_scheme(url) == scheme_of(url));
      CHECK(classify_url(url) == kind_of(url));
    }
  }

  TEST_CASE("web URLs need a host") {
    CHECK(is_web_url("https://www.ipa.go.jp/security/"));
    CHECK_FALSE(is_web_url("https:/x"));
    CHECK_FALSE(is_web_url("https://"));
    CHECK_FALSE(is_web_url("www.ipa.go.jp"));
  }

  TEST_CASE("percent decoding") {
    CHECK(percent_decode("%E5%88%9D%E5%8B%95") == "初動");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz") == "%zz");
    CHECK(is_percent_escape("a%e3%81", 1));
    CHECK(is_percent_escape("%Ff", 0));
    CHECK_FALSE(is_percent_escape("%F", 0));
    CHECK_FALSE(is_percent_escape("%FG", 0));
    CHECK_FALSE(is_percent_escape("a%41", 0));
    CHECK_FALSE(is_percent_escape("", 0));
  }

  TEST_CASE("encoding for hrefs keeps Japanese and slashes") {
    CHECK(encode_path("a b/初動\"x\".html") == "a%20b/初動%22x%22.html");
    CHECK(encode_fragment("初動 対応") == "初動%20対応");
  }

  TEST_CASE("encoding: every byte, alone and between others, is escaped exactly when it must be") {
    const auto escaped = [](unsigned char b, std::string_view reserved) {
      return b <= 0x20 || b == 0x7F || reserved.find(static_cast<char>(b)) != std::string_view::npos;
    };
    const auto expected = [&](unsigned char b, std::string_view reserved) {
      static constexpr char kHex[] = "0123456789ABCDEF";
      return escaped(b, reserved) ? std::string{'%', kHex[b >> 4], kHex[b & 0xF]}
                                  : std::string(1, static_cast<char>(b));
    };
    for (unsigned b = 0; b < 256; ++b) {
      const auto c = static_cast<unsigned char>(b);
      CAPTURE(b);
      CHECK(encode_path(std::string(1, static_cast<char>(c))) == expected(c, "<>\"`#%?{}|\\^[]':"));
      CHECK(encode_fragment("語" + std::string(1, static_cast<char>(c)) + "x") == "語" + expected(c, "\"<>`%#'") + "x");
    }
  }

  TEST_CASE("relative paths resolve and may not climb out") {
    CHECK(resolve_relative("cyber", "../incident/checklist.md") == "incident/checklist.md");
    CHECK(resolve_relative("cyber", "./a/./b.md") == "cyber/a/b.md");
    CHECK(resolve_relative("", "a/../b.md") == "b.md");
    CHECK_FALSE(resolve_relative("cyber", "../../mamori.toml").has_value());
  }

  TEST_CASE("relative URLs between built pages") {
    CHECK(relative_url("primer/measures.html", "cyber/index.html") == "../cyber/index.html");
    CHECK(relative_url("index.html", "primer/index.html") == "primer/index.html");
    CHECK(relative_url("primer/a.html", "primer/b.html") == "b.html");
    CHECK(relative_url("a/b/c.html", "index.html") == "../../index.html");
    CHECK(relative_url("glossary.html", "glossary.html") == "glossary.html");
    // A colon in a file or folder name must not read as a scheme.
    CHECK(relative_url("index.html", "javascript:alert(1).html") == "javascript%3Aalert(1).html");
    CHECK(relative_url("a/b.html", "a/https:evil.example/index.html") == "https%3Aevil.example/index.html");
    CHECK(path_to_root("a/b/c.html") == "../../");
    CHECK(path_to_root("index.html").empty());
  }

  TEST_CASE("URLs split into path, query and fragment") {
    const auto parts = split_url("a.md?x=1#見出し");
    CHECK(parts.path == "a.md");
    CHECK(parts.query == "x=1");
    CHECK(parts.fragment == "見出し");
    CHECK(parts.has_fragment);
    CHECK_FALSE(split_url("a.md").has_fragment);
  }

  TEST_CASE("URL functions take any bytes without throwing") {
    std::mt19937 random(5);
    const std::string alphabet =
        "htps:/?#%[]@.\\ \t\x01\xFF\xE3\x81\x82"
        "aA0:";
    for (int round = 0; round < 5000; ++round) {
      std::string url;
      const int length = static_cast<int>(random() % 40);
      for (int i = 0; i < length; ++i) url += alphabet[random() % alphabet.size()];
      if (round % 2 == 0) url = "https://" + url;
      CHECK_NOTHROW(classify_url(url));
      CHECK_NOTHROW(is_web_url(url));
      CHECK_NOTHROW(split_url(url));
      CHECK_NOTHROW(percent_decode(url));
      CHECK_NOTHROW(resolve_relative(url, url));
      CHECK_NOTHROW(split_absolute_url(url));
      CHECK_NOTHROW(url_path(url));
      CHECK_NOTHROW(parse_web_url(url));
      CHECK_NOTHROW(resolve_url(url, url));
      CHECK_NOTHROW(resolve_url("https://a.jp/b/c", url));
    }
  }

  TEST_CASE("an absolute URL splits where it stands") {
    const auto split = split_absolute_url("HTTPS://user@A.jp:8443/x/y?q=1#f");
    REQUIRE(split.has_value());
    CHECK(split->scheme == "HTTPS");
    CHECK(split->authority == "user@A.jp:8443");
    CHECK(split->rest == "/x/y?q=1#f");
    CHECK(split_absolute_url("https://a.jp?q")->rest == "?q");
    CHECK(split_absolute_url("https://a.jp#f")->authority == "a.jp");
    CHECK(split_absolute_url("https://a.jp")->rest.empty());
    CHECK_FALSE(split_absolute_url("mailto:a@example.jp").has_value());
    CHECK_FALSE(split_absolute_url("/x/y").has_value());
  }

  TEST_CASE("the path of an absolute URL") {
    CHECK(url_path("https://a.jp/x/y.html?q=1#f") == "/x/y.html");
    CHECK(url_path("https://a.jp") == "/");
    CHECK(url_path("https://a.jp?q=/x") == "/");
    CHECK(url_path("https://a.jp#/x") == "/");
    CHECK(url_path("x/y").empty());
  }

  TEST_CASE("web URLs parse into lower-cased scheme and host and a port") {
    const auto web = parse_web_url("HTTPS://User:Pw@WWW.Meti.GO.jp/A/b?Q#F");
    REQUIRE(web.has_value());
    CHECK(web->scheme == "https");
    CHECK(web->host == "www.meti.go.jp");
    CHECK(web->port == "443");
    CHECK(web->path == "/A/b");
    CHECK(parse_web_url("http://a.jp")->port == "80");
    CHECK(parse_web_url("http://a.jp:/")->port == "80");
    CHECK(parse_web_url("http://127.0.0.2:8080/")->port == "8080");
    CHECK(parse_web_url("http://[::1]:8080/")->host == "[::1]");
    CHECK(parse_web_url("http://[::1]:8080/")->port == "8080");
    CHECK(parse_web_url("https://[2001:DB8::1]/")->host == "[2001:db8::1]");
    CHECK(parse_web_url("https://[::ffff:127.0.0.1]/")->port == "443");
    // What curl would refuse as a bad URL is malformed here, not unreachable.
    for (const std::string url : {"https://[::1", "https://[::1/", "https://[]/", "https://[::1]x/", "https://[g::1]/",
                                  "https://[1.2.3.4]/", "https://a[1]/", "https://a]/", "http://a.jp:80:90/"}) {
      CAPTURE(url);
      CHECK_FALSE(parse_web_url(url).has_value());
    }
    CHECK_FALSE(parse_web_url("ftp://a.jp/").has_value());
    CHECK_FALSE(parse_web_url("https:a.jp").has_value());
    CHECK_FALSE(parse_web_url("https://").has_value());
    CHECK_FALSE(parse_web_url("https://exa mple.jp/").has_value());
    CHECK_FALSE(parse_web_url("https://a{b}.jp/").has_value());
    CHECK_FALSE(parse_web_url("https://a.jp:8o/").has_value());
    CHECK_FALSE(parse_web_url("https://user@/").has_value());
  }

  TEST_CASE("Location headers resolve like a browser resolves them") {
    CHECK(resolve_url("https://a.go.jp/x/y.html", "z.html") == "https://a.go.jp/x/z.html");
    CHECK(resolve_url("https://a.go.jp/x/y.html", "../z/") == "https://a.go.jp/z/");
    CHECK(resolve_url("https://a.go.jp/x/y.html", "/top") == "https://a.go.jp/top");
    CHECK(resolve_url("https://a.go.jp:8443/x", "//b.go.jp/p") == "https://b.go.jp/p");
    CHECK(resolve_url("http://a.go.jp/x", "https://a.go.jp/x") == "https://a.go.jp/x");
    CHECK(resolve_url("https://a.go.jp/x/y", "?page=2") == "https://a.go.jp/x/y?page=2");
    CHECK(resolve_url("HTTPS://A.go.jp/x/y#f", "z") == "HTTPS://A.go.jp/x/z");      // base as written
    CHECK(resolve_url("https://a.go.jp/x/y", "../../../z") == "https://a.go.jp/");  // never above the root
  }

  TEST_CASE("resolving a Location never throws, whatever the base") {
    CHECK(resolve_url("nonsense", "x") == "x");
    CHECK(resolve_url("", "") == "");
    CHECK(resolve_url("https://", "../x") == "../x");
    CHECK(resolve_url("https://a.go.jp", "x") == "https://a.go.jp/x");
  }
}
