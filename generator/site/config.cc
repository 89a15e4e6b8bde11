#include "site/config.h"

#include <algorithm>

#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/toml_reader.h"

namespace mamori {
namespace {

// title, description, language.
void read_texts(TomlReader& reader, SiteConfig& config) {
  auto& out = reader.diagnostics();
  if (auto v = reader.string("title", Need::required)) {
    if (v->value.empty()) out.push_back(error_at(v->line, v->column, tr("'title' must not be empty")));
    config.title = v->value;
  }
  if (auto v = reader.string("description")) config.description = v->value;
  if (auto v = reader.string("language")) {
    if (v->value.empty()) {
      out.push_back(error_at(v->line, v->column, tr("'language' must not be empty (use \"ja\")")));
    } else {
      config.language = v->value;
    }
  }
}

void read_base_url(TomlReader& reader, SiteConfig& config) {
  auto v = reader.string("base_url");
  if (!v) return;
  const std::string& url = v->value;
  if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://")) {
    reader.diagnostics().push_back(
        error_at(v->line, v->column,
                 tr("'base_url' must start with https:// or http://, like \"https://intranet.example.jp/mamori/\"")));
    return;
  }
  config.base_url = url;
  if (!config.base_url.empty() && !config.base_url.ends_with('/')) config.base_url += '/';
}

void read_theme(TomlReader& reader, SiteConfig& config) {
  auto v = reader.string("theme");
  if (!v) return;
  if (v->value.empty() || v->value.find('/') != std::string::npos || v->value.starts_with('.')) {
    reader.diagnostics().push_back(
        error_at(v->line, v->column, tr("'theme' must be the name of a folder under themes/")));
    return;
  }
  config.theme = v->value;
}

// A number of months in [low, high]; `target` keeps its default otherwise.
void read_months(TomlReader& reader, std::string_view key, int low, int high, int& target) {
  auto v = reader.integer(key);
  if (!v) return;
  if (v->value < low || v->value > high) {
    reader.diagnostics().push_back(
        error_at(v->line, v->column, format(tr("'{0}' must be between {1} and {2}"), key, low, high)));
    return;
  }
  target = static_cast<int>(v->value);
}

// An integer of [links] in [low, high]; `target` keeps its default otherwise.
void read_bounded(TomlReader& section, std::string_view key, int low, int high, int& target) {
  auto v = section.integer(key);
  if (!v) return;
  if (v->value < low || v->value > high) {
    section.diagnostics().push_back(
        error_at(v->line, v->column, format(tr("'links.{0}' must be between {1} and {2}"), key, low, high)));
    return;
  }
  target = static_cast<int>(v->value);
}

// [links]: how `mamori links` checks cited URLs.
void read_links(const toml::table& links, std::vector<Diagnostic>& out, LinkSettings& settings) {
  TomlReader section(links, 0, out, "links");
  if (auto v = section.string_list("exclude")) {
    for (const auto& pattern : *v) settings.exclude.push_back(pattern.value);
  }
  if (auto v = section.string("user_agent")) {
    if (is_header_value(v->value)) {
      settings.user_agent = v->value;
    } else {
      out.push_back(error_at(v->line, v->column,
                             tr("'links.user_agent' must be printable ASCII on one line (it is sent as a header)")));
    }
  }
  read_bounded(section, "per_host", 1, 8, settings.per_host);
  read_bounded(section, "timeout", 1, 300, settings.timeout);
  read_bounded(section, "retries", 0, 10, settings.retries);
  read_bounded(section, "max_age_days", 0, 365, settings.max_age_days);
  section.finish();
}

// [training] ask: names from kTrainingAskFields, each once; every problem at its item.
void read_ask(TomlReader& section, TrainingSettings& training) {
  const auto items = section.string_list("ask");
  if (!items) return;
  const std::vector<std::string> known(std::begin(kTrainingAskFields), std::end(kTrainingAskFields));
  std::string known_list;
  for (const auto& name : known) known_list += (known_list.empty() ? "" : ", ") + name;
  for (const auto& item : *items) {
    std::string problem;
    if (std::find(known.begin(), known.end(), item.value) == known.end()) {
      problem = format(tr("[training] ask: unknown field '{0}'{1}; known: {2}"), item.value,
                       did_you_mean(item.value, known), known_list);
    } else if (std::find(training.ask.begin(), training.ask.end(), item.value) != training.ask.end()) {
      problem = format(tr("[training] ask: '{0}' is listed twice"), item.value);
    } else {
      training.ask.push_back(item.value);
      continue;
    }
    section.diagnostics().push_back(error_at(item.line, item.column, problem));
  }
}

// [training] organisation: one line of text, trimmed, that fits a certificate.
void read_organisation(TomlReader& section, TrainingSettings& training) {
  const auto v = section.string("organisation");
  if (!v) return;
  const std::string_view name = trim(v->value);
  std::string problem;
  if (name.empty()) {
    problem = tr("[training] organisation must not be empty (leave it out to name the site title as the issuer)");
  } else if (name.find_first_of("\r\n") != std::string_view::npos) {
    problem = tr("[training] organisation must be one line");
  } else if (const size_t length = count_code_points(name); length > kMaxOrganisationLength) {
    problem = format(tr("[training] organisation is {0} characters long; at most {1} fit on a certificate"), length,
                     kMaxOrganisationLength);
  } else {
    training.organisation = std::string(name);
    return;
  }
  section.diagnostics().push_back(error_at(v->line, v->column, problem));
}

// [training] hand_in: a short text, trimmed; lines are kept (the page shows each one).
void read_hand_in(TomlReader& section, TrainingSettings& training) {
  const auto v = section.string("hand_in");
  if (!v) return;
  const std::string_view text = trim(v->value);
  std::string problem;
  if (text.empty()) {
    problem = tr("[training] hand_in must not be empty (leave it out for the general sentence)");
  } else if (const size_t length = count_code_points(text); length > kMaxHandInLength) {
    problem = format(tr("[training] hand_in is {0} characters long; at most {1} (say where the file goes; link a page "
                        "for the details)"),
                     length, kMaxHandInLength);
  } else {
    training.hand_in = std::string(text);
    return;
  }
  section.diagnostics().push_back(error_at(v->line, v->column, problem));
}

// [training] deadline: a TOML date, or the same written as a "YYYY-MM-DD" string (people
// quote dates); either must be a day of the calendar. A time of day is refused: the
// deadline is a day.
void read_deadline(TomlReader& section, const toml::table& table, TrainingSettings& training) {
  section.accept("deadline");
  const toml::node* node = table.get("deadline");
  if (node == nullptr) return;
  const auto pos = section.position_of(*node);
  std::string problem;
  if (const auto* d = node->as_date()) {
    const toml::date v = d->get();
    if (is_valid_date(v.year, v.month, v.day)) {
      training.deadline = Date{v.year, v.month, v.day};
      return;
    }
    problem = tr("[training] deadline is not a day of the calendar");
  } else if (const auto* s = node->as_string()) {
    if (auto date = parse_iso_date(s->get())) {
      training.deadline = *date;
      return;
    }
    problem =
        format(tr("[training] deadline '{0}' is not a date: write the day as YYYY-MM-DD, like 2026-12-25"), s->get());
  } else {
    problem = format(tr("[training] deadline must be a date like 2026-12-25, not {0}"), describe_type(*node));
  }
  section.diagnostics().push_back(error_at(pos.line, pos.column, problem));
}

// [training]: what the quiz pages ask and print on a certificate.
void read_training(const toml::table& table, std::vector<Diagnostic>& out, TrainingSettings& training) {
  TomlReader section(table, 0, out, "training");
  read_ask(section, training);
  read_organisation(section, training);
  read_deadline(section, table, training);
  read_hand_in(section, training);
  section.finish();
}

}  // namespace

SiteConfig parse_config(std::string_view text, std::vector<Diagnostic>& out) {
  SiteConfig config;
  const auto table = parse_toml(text, 0, out);
  if (!table) return config;
  TomlReader reader(*table, 0, out);
  read_texts(reader, config);
  read_base_url(reader, config);
  read_theme(reader, config);
  if (auto v = reader.string("footer")) config.footer = v->value;
  read_months(reader, "stale_after_months", 1, 120, config.stale_after_months);
  read_months(reader, "reader_notice_after_months", 0, 240, config.reader_notice_after_months);
  if (const toml::table* links = reader.table("links")) read_links(*links, out, config.links);
  if (const toml::table* training = reader.table("training")) read_training(*training, out, config.training);
  reader.finish();
  return config;
}

std::optional<Language> configured_language(std::string_view text) {
  std::vector<Diagnostic> ignored;
  const auto table = parse_toml(text, 0, ignored);
  if (!table) return std::nullopt;
  const auto language = (*table)["language"].value<std::string>();
  return language ? parse_language(*language) : std::nullopt;
}

}  // namespace mamori
