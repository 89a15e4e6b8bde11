// imsmanifest.xml of a SCORM package: what an LMS reads to import the training.
//
// One organisation with one item per scored quiz, each a SCO resource (the quiz page);
// every other file of the site is one shared asset resource the SCOs depend on, so the
// manifest lists every file of the package exactly once. Paths are relative to the zip
// root; nothing in the manifest is an absolute URL (the namespace names are names, not
// addresses: an LMS never fetches them).
#pragma once

#include <string>
#include <vector>

namespace mamori {

enum class ScormVersion {
  v1_2,   // SCORM 1.2: what nearly every LMS accepts
  v2004,  // SCORM 2004 4th edition
};

struct ScormItem {
  std::string id;     // the quiz id (letters, digits, '-', '_')
  std::string title;  // shown in the LMS's table of contents
  std::string href;   // the quiz page, relative to the zip root ("quizzes/cyber.html")
  int pass_mark = 0;  // percent, 1–100: 1.2's masteryscore, 2004's minimum normalised measure
};

struct ScormManifest {
  ScormVersion version = ScormVersion::v1_2;
  std::string identifier;          // the package's identifier, stable across builds of the same portal
  std::string title;               // the organisation's title (the portal's)
  std::vector<ScormItem> items;    // in the order the LMS lists them
  std::vector<std::string> files;  // every file of the package but the manifest, relative, '/'-separated
};

// The text of imsmanifest.xml (UTF-8). The same input gives the same bytes.
std::string scorm_manifest_xml(const ScormManifest& manifest);

// "1.2" or "2004"; the values --version takes.
std::string_view scorm_version_name(ScormVersion version);

}  // namespace mamori
