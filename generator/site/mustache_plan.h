// A Mustache template compiled once into a flat plan that renders straight over a JSON
// view into one string, with no conversion of the view for every page.
//
// The contract is kainjow mustache's output for the view converted by to_mustache_data
// (mustache_data.h), byte for byte; tests/unit/site/test_mustache_plan.cc and the
// fuzz_mustache target hold the plan to it. What that means, from kainjow's source:
// - A name is looked up from the innermost section's value outwards; "a.b" must resolve
//   whole within one value of the stack, "." is the innermost value.
// - null, false, "" and [] are false; a number renders as nlohmann's dump(); true, objects
//   and lists render as nothing.
// - Output goes line by line: a line is dropped, with its newline, when a section was
//   rendered on it and it is otherwise spaces and tabs. A section that is skipped does not
//   count, nor does a comment.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

class MustachePlan {
 public:
  // The plan of `text`; nullopt when kainjow would not parse it, or when it uses what a
  // plan does not do (set delimiters, partial tags): render such a template with kainjow.
  static std::optional<MustachePlan> compile(std::string_view text);

  // Appends the rendering of `view` to `out`.
  void render(const nlohmann::json& view, std::string& out) const;

  std::string render(const nlohmann::json& view) const;

 private:
  // A name in a tag, split once: kainjow splits "a.b" on every lookup.
  struct Name {
    bool dot = false;                // "."
    std::vector<std::string> parts;  // "a.b" → a, b (as std::getline splits it)
  };
  enum class Kind : uint8_t { text, newline, variable, raw_variable, section, inverted };
  // One step. Text and newlines are [at, at + size) of texts_; the others name names_[at],
  // and a section's steps run up to `size` (the index after its last step).
  struct Op {
    Kind kind;
    uint32_t at;
    uint32_t size;
  };

  class Parser;
  class Renderer;

  std::vector<Op> ops_;
  std::string texts_;
  std::vector<Name> names_;
};

}  // namespace mamori
