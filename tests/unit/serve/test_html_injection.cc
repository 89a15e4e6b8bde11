#include "serve/html_injection.h"

#include <doctest/doctest.h>

using mamori::inject_preview;
using mamori::with_connect_self;

TEST_SUITE("serve") {
  TEST_CASE("the reload script goes just before </head>, and the CSP gets connect-src 'self'") {
    const std::string page =
        "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &apos;none&apos;; script-src "
        "&apos;self&apos;\">\n<title>t</title>\n</head>\n<body><p>&apos;</head></p></body>\n</html>\n";
    CHECK(inject_preview(page, 3) ==
          "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; script-src "
          "&#39;self&#39;; connect-src &#39;self&#39;\">\n<title>t</title>\n"
          "<script src=\"/__mamori/reload.js?site=3\" defer></script></head>\n"
          "<body><p>&apos;</head></p></body>\n</html>\n");
  }

  TEST_CASE("upper-case tags, no CSP, no head") {
    CHECK(inject_preview("<HTML><HEAD><TITLE>x</TITLE></HEAD><BODY></BODY></HTML>", 1) ==
          "<HTML><HEAD><TITLE>x</TITLE><script src=\"/__mamori/reload.js?site=1\" defer></script></HEAD><BODY>"
          "</BODY></HTML>");
    CHECK(inject_preview("<p>no head</p>", 0) ==
          "<p>no head</p><script src=\"/__mamori/reload.js?site=0\" defer></script>");
  }

  TEST_CASE("a CSP meta in the body is not the page's policy and is left alone") {
    const std::string page =
        "<head></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></body>";
    CHECK(inject_preview(page, 2) ==
          "<head><script src=\"/__mamori/reload.js?site=2\" defer></script></head><body><meta "
          "http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></body>");
  }

  TEST_CASE("connect-src replaces any the policy had; nothing else changes") {
    CHECK(with_connect_self("default-src 'none'; script-src 'self'") ==
          "default-src 'none'; script-src 'self'; connect-src 'self'");
    CHECK(with_connect_self("default-src 'none'; connect-src 'none'; img-src 'self';") ==
          "default-src 'none'; img-src 'self'; connect-src 'self'");
    CHECK(with_connect_self("") == "connect-src 'self'");
  }
}
