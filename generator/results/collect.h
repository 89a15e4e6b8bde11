// Gathering the result files HR collected: files and folders (searched recursively, as a
// shared folder or saved mail attachments are laid out), each file read and parsed alone
// so one bad file never stops the rest.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "results/completion.h"

namespace mamori {

struct Collected {
  std::vector<HandedIn> results;     // in path order
  std::vector<std::string> skipped;  // "FILE: why", printable
};

// Reads every *.json and *.csv under the given files and folders, each with the parser of its
// extension (record.h, record_csv.h). A file named on the command line is read whatever its
// name: as CSV when it ends in .csv, else as JSON (a symbolic link named there is followed).
// Folders are searched without following symbolic links: a link to a folder is passed over (no
// loops), a link named *.json or *.csv is skipped ("a symbolic link; not followed"). Files
// that are not a result (another format, not a regular file, unreadable, too large, invalid)
// are skipped with the reason. Files and folders found in a folder that are one of `exclude` (the
// --out folder with last run's reports, the roster) are passed over in silence: HR keeps them
// beside the files handed in, and they are not results.
Collected collect_results(const std::vector<std::filesystem::path>& inputs,
                          const std::vector<std::filesystem::path>& exclude = {});

}  // namespace mamori
