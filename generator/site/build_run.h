// What the steps of one build share (build.cc, page_render.cc, quiz_render.cc). Internal
// to the site build.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "search/index_writer.h"
#include "site/build.h"
#include "site/site.h"
#include "site/theme.h"

namespace mamori {

// Writes one output file for a source (only the first source of an output path writes
// it; with nothing to write into, for `mamori check`, it writes nothing). Thread-safe.
using Emit =
    std::function<Result<void>(const std::string& source, const std::string& output, const std::string& content)>;

// Every cited URL with the places that cite it, in a stable order (when collecting).
class Citations {
 public:
  Citations(bool collect, std::vector<LinkTarget>& links) : collect_(collect), links_(links) {}
  void cite(const std::string& url, const std::string& file, int line) {
    if (!collect_) return;
    const auto [it, inserted] = index_.emplace(url, links_.size());
    if (inserted) links_.push_back(LinkTarget{url, {}});
    links_[it->second].sources.push_back(LinkSource{file, line});
  }

 private:
  bool collect_;
  std::vector<LinkTarget>& links_;
  std::map<std::string, size_t> index_;
};

struct BuildRun {
  const Site& site;
  const Theme& theme;
  const Date today;
  BuildReport& report;
  Citations citations;
  Emit emit;
  SearchIndexWriter* search = nullptr;  // the site search's index, when the build makes one
};

}  // namespace mamori
