// Markdown rendering with the real link resolver on a small site: the safety contract of
// markdown.h must hold for every input (no raw HTML, no unsafe href/src, valid UTF-8). The
// same bytes also go through the contact scan, whose windows must find what its whole
// scan finds.
#include <algorithm>

#include "fuzz_support.h"
#include "site/contact_scan.h"
#include "site/markdown.h"
#include "site/page_links.h"

namespace {

const mamori::Site& small_site() {
  static const mamori::Site site = [] {
    mamori::Site s;
    s.root = "/nonexistent";
    for (const char* path : {"_index.md", "a/_index.md", "a/b.md", "c.md"}) {
      mamori::Page page;
      page.content_path = path;
      page.source = std::string("content/") + path;
      std::string output = path;
      output.replace(output.size() - 3, 3, ".html");
      if (output.ends_with("_index.html")) output.replace(output.size() - 11, 11, "index.html");
      page.output = output;
      s.page_by_path[path] = mamori::PageId{s.pages.size()};
      s.pages.push_back(page);
    }
    s.asset_paths = {"a/img.png"};
    s.directories = {"", "a"};
    s.quiz_ids = {"q"};
    return s;
  }();
  return site;
}

bool contains_ci(std::string_view text, std::string_view needle) {
  return mamori::to_lower(text).find(needle) != std::string::npos;
}

// Every href="…" and src="…" value the renderer wrote: none may run script or load from
// another host (text may mention "javascript:", attributes may not).
bool attributes_are_safe(std::string_view html) {
  for (const std::string_view attribute : {" href=\"", " src=\""}) {
    for (size_t at = html.find(attribute); at != std::string_view::npos; at = html.find(attribute, at + 1)) {
      const size_t start = at + attribute.size();
      const std::string value = mamori::to_lower(html.substr(start, html.find('"', start) - start));
      for (const char* bad : {"javascript:", "vbscript:", "data:", "//", "file:"}) {
        if (value.starts_with(bad)) return false;
      }
    }
  }
  return true;
}

bool same_finds(const std::vector<mamori::ContactText>& a, const std::vector<mamori::ContactText>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.kind == y.kind && x.value == y.value && x.digits == y.digits && x.line == y.line && x.column == y.column;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view text = fuzz::as_text(data, size);
  fuzz::require(same_finds(find_contact_texts(text), find_contact_texts_whole(text)), "contact scan: windows = whole");
  if (find_invalid_utf8(text)) return 0;  // the loader refuses such files before rendering
  const Site& site = small_site();
  const SiteLinkResolver resolver(site, site.pages[2]);
  static const ReservedIds reserved = {"m-main", "quiz-app"};
  const RenderedMarkdown rendered = render_markdown(text, 1, resolver, reserved);
  fuzz::require(!find_invalid_utf8(rendered.html).has_value(), "HTML is valid UTF-8");
  fuzz::require(attributes_are_safe(rendered.html), "no href or src runs script or loads from outside");
  for (const char* tag : {"<script", "<style", "<iframe", "<object", "<embed", "<form"}) {
    fuzz::require(!contains_ci(rendered.html, tag), "no raw HTML or script URL reaches the page");
  }
  fuzz::check_diagnostics(rendered.diagnostics);
  return 0;
}
