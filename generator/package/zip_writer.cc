#include "package/zip_writer.h"

#include <zip.h>

#include <memory>
#include <set>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

constexpr zip_uint16_t kDosDate1980 = (0 << 9) | (1 << 5) | 1;  // 1980-01-01
constexpr zip_uint16_t kDosMidnight = 0;

struct SourceFree {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
struct ArchiveDiscard {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using Source = std::unique_ptr<zip_source_t, SourceFree>;
using Archive = std::unique_ptr<zip_t, ArchiveDiscard>;

std::string message_of(zip_error_t* error) {
  std::string text = zip_error_strerror(error);
  zip_error_fini(error);
  return text;
}

// `seen` holds the names so far in ASCII lower case: on a case-insensitive file system (an
// LMS on Windows) "Imsmanifest.XML" would replace "imsmanifest.xml" when unpacked.
std::string problem_with_name(const std::string& name, const std::set<std::string>& seen) {
  if (name.empty()) return tr("an entry has no name");
  if (name.front() == '/' || name.find('\\') != std::string::npos)
    return format(tr("'{0}' is not a relative path"), name);
  if (("/" + name + "/").find("/../") != std::string::npos)
    return format(tr("'{0}' leaves the archive's folder"), name);
  if (seen.contains(ascii_lower(name))) return format(tr("'{0}' is in the archive twice (letter case aside)"), name);
  return "";
}

// Adds one entry; the archive reads `entry.bytes` when it is closed, so they must outlive it.
Result<void> add_entry(zip_t* archive, const ZipEntry& entry) {
  zip_source_t* data = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
  if (data == nullptr) return Error{format(tr("cannot add '{0}': {1}"), entry.name, zip_strerror(archive))};
  const zip_int64_t index = zip_file_add(archive, entry.name.c_str(), data, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(data);
    return Error{format(tr("cannot add '{0}': {1}"), entry.name, zip_strerror(archive))};
  }
  const auto i = static_cast<zip_uint64_t>(index);
  if (zip_file_set_dostime(archive, i, kDosMidnight, kDosDate1980, 0) != 0 ||
      zip_set_file_compression(archive, i, ZIP_CM_DEFLATE, 9) != 0) {
    return Error{format(tr("cannot add '{0}': {1}"), entry.name, zip_strerror(archive))};
  }
  return {};
}

// The bytes `source` holds after the archive written into it was closed.
Result<std::string> read_all(zip_source_t* source) {
  zip_stat_t stat;
  if (zip_source_stat(source, &stat) != 0 || zip_source_open(source) != 0) {
    return Error{format(tr("cannot read the archive back: {0}"), zip_error_strerror(zip_source_error(source)))};
  }
  std::string bytes(static_cast<size_t>(stat.size), '\0');
  const zip_int64_t read = zip_source_read(source, bytes.data(), bytes.size());
  zip_source_close(source);
  if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) return Error{tr("cannot read the archive back")};
  return bytes;
}

}  // namespace

Result<std::string> zip_archive(const std::vector<ZipEntry>& entries) {
  std::set<std::string> seen;
  for (const ZipEntry& entry : entries) {
    if (std::string problem = problem_with_name(entry.name, seen); !problem.empty()) return Error{problem};
    seen.insert(ascii_lower(entry.name));
  }
  zip_error_t error;
  zip_error_init(&error);
  Source buffer(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!buffer) return Error{format(tr("cannot make a zip archive: {0}"), message_of(&error))};
  Archive archive(zip_open_from_source(buffer.get(), ZIP_TRUNCATE, &error));
  if (!archive) return Error{format(tr("cannot make a zip archive: {0}"), message_of(&error))};
  zip_source_keep(buffer.get());  // the archive frees its reference when closed; ours stays
  for (const ZipEntry& entry : entries) {
    if (auto added = add_entry(archive.get(), entry); !added) return added.error();
  }
  if (zip_close(archive.get()) != 0) {
    return Error{format(tr("cannot write the zip archive: {0}"), zip_strerror(archive.get()))};
  }
  static_cast<void>(archive.release());  // closed: zip_close freed it
  return read_all(buffer.get());
}

}  // namespace mamori
