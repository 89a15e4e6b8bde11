// The script `mamori serve` adds to every page it serves (never to a built site): it
// reloads the page when a build finished and shows the build's errors in a panel.
#pragma once

#include <string_view>

namespace mamori {

// The text of /__mamori/reload.js. An ES5 classic script, like the theme's, that builds
// the panel with textContent only (the messages come from the user's files).
std::string_view reload_script();

}  // namespace mamori
