// Finding the files under content/: which are pages, data, assets and folders.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/diagnostic.h"

namespace mamori {

// A file found under content/, before it is read.
struct FoundFile {
  std::string content_path;  // as on disk, '/'-separated
  std::filesystem::path file;
};

struct ContentFiles {
  std::vector<FoundFile> pages;          // *.md
  std::vector<FoundFile> data;           // *.toml: data for the generator (contacts.toml), not published
  std::vector<FoundFile> assets;         // everything else, copied as it is
  std::vector<std::string> directories;  // content paths of the folders
};

// Hidden files, editor leftovers, and the backups and temporary files of
// `mamori contacts import`: not content (nor quizzes).
bool is_ignored_name(const std::string& name);

// Walks content/ (`content_root`) in name order. Symlinks are followed only when they lead
// to a file or folder inside content/; a loop, a link out, a broken link, a name that is
// not UTF-8, folders nested too deep and a folder that cannot be read are diagnostics.
ContentFiles walk_content(const std::filesystem::path& content_root, Diagnostics& diagnostics);

}  // namespace mamori
