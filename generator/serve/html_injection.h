// What the preview changes in a page it serves (the built files stay as they are): the
// script that reloads the page and shows build errors, and a Content-Security-Policy
// that lets that script connect back to the preview server.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

inline constexpr std::string_view kReloadScriptPath = "/__mamori/reload.js";

// The script tag of the reload script, an external file, so the page's script-src 'self'
// allows it without 'unsafe-inline'. `site` is the number of the build the page comes
// from (the script reloads when it learns of a later one).
std::string reload_script_tag(int site);

// `html` with the reload script tag put just before the first "</head>" (ASCII case
// ignored), or at the end when there is none; and with `connect-src 'self'` in the
// Content-Security-Policy <meta> of its head (replacing a connect-src already there, which
// the built site never needs). Nothing else changes.
std::string inject_preview(std::string_view html, int site);

// A Content-Security-Policy with connect-src 'self' in place of any connect-src it had.
std::string with_connect_self(std::string_view policy);

}  // namespace mamori
