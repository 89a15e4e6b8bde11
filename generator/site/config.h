// mamori.toml: the site's settings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "core/i18n.h"

namespace mamori {

// [links] in mamori.toml: how `mamori links` checks cited URLs. Command-line options
// override these.
struct LinkSettings {
  std::vector<std::string> exclude;  // shell patterns of URLs not to check
  std::string user_agent;            // "" : mamori's own
  int per_host = 2;                  // requests in flight per host (1–8)
  int timeout = 20;                  // seconds per request
  int retries = 2;
  int max_age_days = 7;  // ok results in the cache are trusted this long
};

// [training] in mamori.toml: what the quiz pages ask and print on a certificate.
struct TrainingSettings {
  // Fields asked before the questions besides the name (always asked), in this order:
  // a subset of kTrainingAskFields, each at most once.
  std::vector<std::string> ask;
  std::string organisation;      // the certificate's issuer, trimmed; "" : the site title
  std::optional<Date> deadline;  // shown on the home page and the quiz pages
  // How to hand in the result file ("…の共有フォルダに保存してください"), trimmed; shown
  // where the file is downloaded and on the home page. "" : a general sentence instead.
  std::string hand_in;
};

// The values `ask` may hold, in the order the README lists them.
inline constexpr std::string_view kTrainingAskFields[] = {"employee_id", "department"};

// The longest organisation name, in characters (it must fit a certificate's line).
inline constexpr size_t kMaxOrganisationLength = 200;

// The longest hand-in instruction, in characters (a short paragraph, not a manual).
inline constexpr size_t kMaxHandInLength = 500;

struct SiteConfig {
  std::string title;  // required
  std::string description;
  std::string language = "ja";    // the <html lang> of every page
  std::string base_url;           // optional absolute URL of the published site (sitemap.xml)
  std::string theme = "default";  // folder under themes/
  std::string footer;             // plain text under every page (e.g. the organisation)
  // Pages (and the contact table) reviewed this many months ago or longer are overdue for
  // review: a build warning and `mamori review` tell the editors (site/review.h).
  int stale_after_months = 12;
  // Pages reviewed this many months ago or longer show readers a notice naming the review
  // date (never a count of months); 0: no notice.
  int reader_notice_after_months = 0;
  LinkSettings links;
  TrainingSettings training;
};

// Parses the text of mamori.toml. Problems go to `out` (positions in the file); the
// returned config has defaults wherever a value was missing or wrong.
SiteConfig parse_config(std::string_view text, std::vector<Diagnostic>& out);

// The language of messages that the text of mamori.toml asks for with `language` (the
// last choice after --lang and the locale, i18n.h); nullopt when the text is not valid
// TOML or names a language mamori has no messages for. Problems are left to the build.
std::optional<Language> configured_language(std::string_view text);

}  // namespace mamori
