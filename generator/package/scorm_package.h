// `mamori package scorm`: the portal as a SCORM package for the company LMS.
//
// The site is built as `mamori build` builds it (into a private folder, removed afterwards),
// so the guidance pages are inside the package and the quiz pages' links work in the LMS
// window; imsmanifest.xml (scorm_manifest.h) is added at the zip root, naming each scored
// quiz a SCO. Self-checks have no score to record: they are pages of the package, not items.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "package/scorm_manifest.h"
#include "site/build.h"

namespace mamori {

struct PackageOptions {
  std::filesystem::path root = ".";
  std::filesystem::path out;  // empty: ROOT/scorm-1.2.zip (or scorm-2004.zip)
  ScormVersion version = ScormVersion::v1_2;
  std::vector<std::string> quizzes;  // the quiz ids to make items of; empty: every scored quiz
  int jobs = 1;
};

struct PackageRun {
  BuildReport build;                 // the build's diagnostics (printed as `mamori build` prints them)
  std::optional<std::string> error;  // set: no package was written, and why (exit 2)
  std::filesystem::path out;         // the package written
  int files = 0;                     // files in it, the manifest included
  std::vector<std::string> items;    // the quiz ids that are SCOs, in the LMS's order
  int exit_status() const;           // 0 written; 1 problems in the content; 2 usage or environment
};

PackageRun package_scorm(const PackageOptions& options);

}  // namespace mamori
