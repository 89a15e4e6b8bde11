#include "package/scorm_package.h"

#include <stdlib.h>  // mkdtemp

#include <algorithm>

#include "core/files.h"
#include "core/hashing.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "package/zip_writer.h"
#include "site/loader.h"
#include "site/output_tree.h"
#include "site/paths.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

// The quizzes that become items: those asked for (every scored quiz when none is), in the
// portal's order. A name that is not a scored quiz is an error naming the right one.
Result<std::vector<ScormItem>> choose_items(const Site& site, const std::vector<std::string>& wanted) {
  std::vector<std::string> scored;
  for (const Quiz& quiz : site.quizzes) {
    if (quiz.type == QuizType::quiz) scored.push_back(quiz.id);
  }
  for (const std::string& id : wanted) {
    if (std::find(scored.begin(), scored.end(), id) != scored.end()) continue;
    if (site.quiz_ids.contains(id)) {
      return Error{format(tr("--quiz '{0}' is a self-check: it has no score for an LMS to record (it is in the "
                             "package as a page)"),
                          printable_text(id))};
    }
    return Error{format(tr("--quiz '{0}' is not a quiz of this portal{1}"), printable_text(id),
                        printable_text(did_you_mean(id, scored)))};
  }
  std::vector<ScormItem> items;
  for (const Quiz& quiz : site.quizzes) {
    const bool chosen = wanted.empty() || std::find(wanted.begin(), wanted.end(), quiz.id) != wanted.end();
    if (quiz.type == QuizType::quiz && chosen) {
      items.push_back({quiz.id, quiz.title, quiz_output(quiz.id), static_cast<int>(quiz.pass_mark)});
    }
  }
  if (items.empty()) return Error{tr("the portal has no scored quiz to package (quizzes/*.toml)")};
  return items;
}

// Every file of the built site, by path. Left out: sitemap.xml (for web crawlers; it holds
// absolute URLs, which a package must not) and the marker that says a folder is a site.
Result<std::vector<ZipEntry>> site_files(const fs::path& site) {
  std::vector<ZipEntry> entries;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(site, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string name = it->path().lexically_relative(site).generic_string();
    if (name == "sitemap.xml" || name == kSiteMarker) continue;
    auto bytes = read_file(it->path(), size_t{64} << 20);
    if (!bytes) return Error{name + ": " + bytes.error().message};
    entries.push_back({name, std::move(*bytes)});
  }
  if (ec) return Error{format(tr("cannot list the built site: {0}"), ec.message())};
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return entries;
}

fs::path default_out(const PackageOptions& options) {
  return options.root / ("scorm-" + std::string(scorm_version_name(options.version)) + ".zip");
}

}  // namespace

int PackageRun::exit_status() const {
  if (error || build.environment_error) return 2;
  return build.exit_status();
}

namespace {

// The package's identifier: the same for every package of this portal, so that an LMS
// that keys on it sees a new upload as a new version of the same course.
std::string package_identifier(const SiteConfig& config) {
  Fnv1a64 hash;
  hash.add(config.title);
  return "MAMORI-" + hash.hex();
}

// Builds the site into `folder` and zips it with its manifest; an Error when that fails.
Result<std::string> zipped_site(const PackageOptions& options, const Site& site, const std::vector<ScormItem>& items,
                                const fs::path& folder, PackageRun& run) {
  BuildOptions build;
  build.root = options.root;
  build.out = folder / "site";
  build.jobs = options.jobs;
  run.build = build_site(build);
  if (run.build.exit_status() != 0) return std::string();
  auto files = site_files(build.out);
  if (!files) return files.error();
  ScormManifest manifest{options.version, package_identifier(site.config), site.config.title, items, {}};
  for (const ZipEntry& file : *files) manifest.files.push_back(file.name);
  files->insert(files->begin(), ZipEntry{"imsmanifest.xml", scorm_manifest_xml(manifest)});
  run.files = static_cast<int>(files->size());
  return zip_archive(*files);
}

}  // namespace

PackageRun package_scorm(const PackageOptions& options) {
  PackageRun run;
  Diagnostics reported_by_the_build;
  const auto site = load_site(options.root, {}, reported_by_the_build);
  if (!site) {
    run.error = site.error().message;
    return run;
  }
  auto items = choose_items(*site, options.quizzes);
  if (!items) {
    run.error = items.error().message;
    return run;
  }
  const TemporaryFolder folder("mamori-package-");
  if (folder.path().empty()) {
    run.error = tr("cannot make a temporary folder to build the package in");
    return run;
  }
  auto zip = zipped_site(options, *site, *items, folder.path(), run);
  if (!zip) run.error = zip.error().message;
  if (!zip || run.build.exit_status() != 0) return run;
  run.out = options.out.empty() ? default_out(options) : options.out;
  if (auto written = write_file_atomically(run.out, *zip); !written) {
    run.error = printable_text(run.out.string()) + ": " + written.error().message;
    return run;
  }
  for (const ScormItem& item : *items) run.items.push_back(item.id);
  return run;
}

}  // namespace mamori
