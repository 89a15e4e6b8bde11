// Finding what a template or stylesheet would load from outside the site.
//
// The site must work with no network: a <script src>, <link href>, <img src>, CSS url()
// or @import that names another host (or any scheme) is an error. Links to cited pages
// (<a href>) are fine: following one is the reader's choice, not a load.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mamori {

struct ExternalResource {
  size_t offset = 0;  // byte offset of the URL in the scanned text
  std::string url;
  std::string what;  // "src of <script>", "url() in CSS", …
};

// Scans HTML (a template's text or a rendered page). Values that start with a Mustache
// tag ("{{") are left alone: they are filled with relative paths by the generator.
// Attribute values are read as a browser reads them, character references decoded
// (&#104;ttps:, &colon;), then checked: src, srcset, poster, background, <object data>,
// <link>/<base> href, href and xlink:href on anything but <a> and <area> (SVG <image>,
// <use>, <script>), style attributes and <style> elements (as CSS), <iframe srcdoc> (as
// HTML), and <meta http-equiv="refresh"> to any absolute or protocol-relative URL (a
// navigation away that a Content-Security-Policy does not stop).
std::vector<ExternalResource> find_external_resources_in_html(std::string_view html);

// Scans CSS: url(…), @import "…", and the strings in image-set(…) and src(…), after
// decoding CSS escapes (u\72l(, \75 rl() and dropping comments.
std::vector<ExternalResource> find_external_resources_in_css(std::string_view css);

// Decodes HTML character references: numeric ones (&#104; &#x68; also without ';') and
// the named ones that can spell URL punctuation (&colon; &sol; &amp; …). Others are kept.
std::string decode_html_references(std::string_view text);

// True for a URL that would leave the site: any scheme other than data: is external,
// and so is "//host".
bool is_external_resource_url(std::string_view url);

}  // namespace mamori
