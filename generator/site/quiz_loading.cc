#include "site/quiz_loading.h"

#include <algorithm>
#include <system_error>
#include <tuple>

#include "core/files.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/text_file.h"
#include "quiz/bank_patterns.h"
#include "site/content_walk.h"
#include "site/handwritten_contacts.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr std::string_view kQuizFolder = "quizzes/";

// The quiz files in `quiz_dir`, sorted. No such folder: none. One that exists but cannot be
// opened or listed is reported (the quizzes would silently go missing otherwise).
std::vector<fs::path> list_quiz_files(const fs::path& quiz_dir, Diagnostics& diagnostics) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(quiz_dir, ec)) {
    if (ec && ec != std::errc::no_such_file_or_directory) {
      diagnostics.error(std::string(kQuizFolder), 0, 0, format(tr("cannot open folder: {0}"), ec.message()));
    }
    return files;
  }
  for (fs::directory_iterator it(quiz_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() == ".toml" && !is_ignored_name(p.filename().string())) {
      files.push_back(p);  // an id that is not UTF-8 is refused by parse_quiz (is_valid_quiz_id)
    }
  }
  if (ec) diagnostics.error(std::string(kQuizFolder), 0, 0, format(tr("cannot list folder: {0}"), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

// The top-level folders of content/ that hold pages (NFC), in the navigation's order.
std::vector<std::string> top_level_sections(const Site& site) {
  std::vector<std::string> names;
  for (const SectionId child : site.section(kRootSection).children) names.push_back(nfc(site.section(child).dir));
  return names;
}

// A quiz's section must be one of `sections`; it is kept in NFC, or cleared after an error.
void check_section(Quiz& quiz, const std::vector<std::string>& sections, std::vector<Diagnostic>& found) {
  Located<std::string>& section = quiz.section;
  if (section.value.empty()) return;
  const std::string name = nfc(section.value);
  if (std::find(sections.begin(), sections.end(), name) == sections.end()) {
    found.push_back(error_at(
        section.line, section.column,
        format(tr("section '{0}' is not a section of content/"), section.value) + did_you_mean(name, sections)));
    section.value.clear();
    return;
  }
  section.value = name;
}

// Section order: by the navigation's order of the quizzes' sections, then by id; quizzes
// without a section come last. The quizzes index and each quiz page's list follow it.
void sort_quizzes(std::vector<Quiz>& quizzes, const std::vector<std::string>& sections) {
  // No section ("" is no folder's name) ranks after every section.
  auto rank = [&](const Quiz& quiz) {
    return std::find(sections.begin(), sections.end(), quiz.section.value) - sections.begin();
  };
  std::sort(quizzes.begin(), quizzes.end(), [&](const Quiz& a, const Quiz& b) {
    const auto ra = rank(a);
    const auto rb = rank(b);
    return std::tie(ra, a.id) < std::tie(rb, b.id);
  });
}

// Reads and parses one quiz file; its problems, and the patterns in its bank that let
// someone pass without reading (quiz/bank_patterns.h), are reported at quizzes/ID.toml.
void load_quiz(Site& site, const fs::path& file, const fs::path& quiz_real, Diagnostics& diagnostics) {
  const std::string id = file.stem().string();
  const std::string shown = quiz_source(id);
  site.quiz_ids.insert(id);
  auto read = read_file_inside(file, quiz_real, kQuizFolder);
  std::vector<Diagnostic> found;
  if (!read) {
    found.push_back(error_at(0, 0, read.error().message));
  } else if (auto text = check_text_file(*read, found, TextFileKind::quiz)) {
    site.quizzes.push_back(parse_quiz(id, *text, found));
    site.quizzes.back().file = shown;
    for (auto& warning : bank_pattern_warnings(site.quizzes.back())) found.push_back(std::move(warning));
    const ContactTable* table = site.contacts ? &*site.contacts : nullptr;  // loaded before the quizzes
    for (auto& warning : handwritten_contact_warnings(*text, "quizzes", table)) found.push_back(std::move(warning));
    check_section(site.quizzes.back(), top_level_sections(site), found);
    attach_source_lines(found, *text);
  }
  diagnostics.add_all(std::move(found), shown);
}

// A page whose front matter names a quiz that does not exist is an error, with a hint.
void check_page_quizzes(const Site& site, Diagnostics& diagnostics) {
  const std::vector<std::string> quiz_names(site.quiz_ids.begin(), site.quiz_ids.end());
  for (const auto& page : site.pages) {
    if (!page.meta.quiz || site.quiz_ids.contains(page.meta.quiz->value)) continue;
    const auto& quiz = *page.meta.quiz;
    diagnostics.error(page.source, quiz.line, quiz.column,
                      format(tr("quiz '{0}' does not exist (no {1})"), quiz.value, quiz_source(quiz.value)) +
                          did_you_mean(quiz.value, quiz_names));
  }
}

}  // namespace

void load_quizzes(Site& site, Diagnostics& diagnostics) {
  const fs::path quiz_dir = site.root / "quizzes";
  const std::vector<fs::path> files = list_quiz_files(quiz_dir, diagnostics);
  // A quiz that is a symlink out of quizzes/ is refused (checked on the opened file).
  std::error_code ec;
  const fs::path quiz_real = fs::canonical(quiz_dir, ec);
  for (const auto& file : files) load_quiz(site, file, quiz_real, diagnostics);
  sort_quizzes(site.quizzes, top_level_sections(site));
  check_page_quizzes(site, diagnostics);
}

}  // namespace mamori
