#include "site/config.h"

#include "core/toml_reader.h"

namespace mamori {

SiteConfig parse_config(std::string_view text, std::vector<Diagnostic>& out) {
  SiteConfig config;
  const auto table = parse_toml(text, 0, out);
  if (!table) return config;
  TomlReader reader(*table, 0, out);
  if (auto v = reader.string("title", Need::required)) {
    if (v->value.empty()) {
      out.push_back(error_at(v->line, v->column, "'title' must not be empty"));
    }
    config.title = v->value;
  }
  if (auto v = reader.string("description")) config.description = v->value;
  if (auto v = reader.string("language")) {
    if (v->value.empty())
      out.push_back(error_at(v->line, v->column, "'language' must not be empty (use \"ja\")"));
    else
      config.language = v->value;
  }
  if (auto v = reader.string("base_url")) {
    const std::string& url = v->value;
    if (!url.empty() && !url.starts_with("https://") && !url.starts_with("http://")) {
      out.push_back(
          error_at(v->line, v->column,
                   "'base_url' must start with https:// or http://, like \"https://intranet.example.jp/mamori/\""));
    } else {
      config.base_url = url;
      if (!config.base_url.empty() && !config.base_url.ends_with('/')) config.base_url += '/';
    }
  }
  if (auto v = reader.string("theme")) {
    if (v->value.empty() || v->value.find('/') != std::string::npos || v->value.starts_with('.')) {
      out.push_back(error_at(v->line, v->column, "'theme' must be the name of a folder under themes/"));
    } else {
      config.theme = v->value;
    }
  }
  if (auto v = reader.string("footer")) config.footer = v->value;
  if (auto v = reader.integer("stale_after_months")) {
    if (v->value < 1 || v->value > 120) {
      out.push_back(error_at(v->line, v->column, "'stale_after_months' must be between 1 and 120"));
    } else {
      config.stale_after_months = static_cast<int>(v->value);
    }
  }
  if (const toml::table* links = reader.table("links")) {
    TomlReader section(*links, 0, out, "links");
    if (auto v = section.string_list("exclude")) {
      for (const auto& pattern : *v) config.links.exclude.push_back(pattern.value);
    }
    if (auto v = section.string("user_agent")) config.links.user_agent = v->value;
    auto bounded = [&](std::string_view key, int low, int high, int& target) {
      if (auto v = section.integer(key)) {
        if (v->value < low || v->value > high) {
          out.push_back(error_at(v->line, v->column,
                                 "'links." + std::string(key) + "' must be between " + std::to_string(low) + " and " +
                                     std::to_string(high)));
        } else {
          target = static_cast<int>(v->value);
        }
      }
    };
    bounded("per_host", 1, 8, config.links.per_host);
    bounded("timeout", 1, 300, config.links.timeout);
    bounded("retries", 0, 10, config.links.retries);
    bounded("max_age_days", 0, 365, config.links.max_age_days);
    section.finish();
  }
  reader.finish();
  return config;
}

}  // namespace mamori
