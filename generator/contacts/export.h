// `mamori contacts export`: content/contacts.toml written as a CSV file that Excel opens
// (contacts_to_csv), for editing there and `mamori contacts import`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace mamori {

struct ExportResult {
  Diagnostics diagnostics;  // problems in content/contacts.toml, with source lines; errors: nothing was written
  size_t contacts = 0;      // the contacts written
};

// Whether `file` may be written by the export: a name ending in .csv (any case). Anything
// else (contacts.toml itself, mamori.toml, a page) would be overwritten by CSV.
bool is_csv_name(const std::filesystem::path& file);

// Reads ROOT/content/contacts.toml (one linked out of content/ is refused), checks it with
// check_text_file (core/text_file.h) and parse_contacts, and unless that finds errors writes it to `csv_file`
// atomically. An Error, in the words the CLI prints after "mamori: error: ", when `csv_file`
// is not a .csv name, when the table cannot be read or when the CSV file cannot be
// written; nothing was written then.
Result<ExportResult> export_contacts(const std::filesystem::path& root, const std::filesystem::path& csv_file);

}  // namespace mamori
