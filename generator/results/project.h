// The project `mamori results` runs in (--root): today's quizzes, against which the result
// files handed in are read. A result of a quiz the portal does not have is not counted; with
// no project at hand, quiz ids cannot be checked, and only so many different ones are taken.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "results/completion.h"

namespace mamori {

struct Project {
  bool found = false;  // root holds a mamori.toml
  std::string root;    // as shown to HR (printable)
  std::map<std::string, CurrentQuiz> quizzes;
};

// Reads today's quizzes from root/quizzes/*.toml (a quiz file with problems still counts:
// `mamori check` reports them). Not a project: found is false and there are no quizzes.
Project load_project(const std::filesystem::path& root);

// Different quiz ids taken from the files when there is no project to check them against.
inline constexpr size_t kMaxUnknownQuizzes = 50;

// Moves out of `results` into `skipped` ("FILE: why") the results that cannot be counted:
// with a project, those of a quiz that is not one of its quizzes ("quiz 'zz' is not a quiz of
// this portal (did you mean 'cyber'?)"); without one, those of any quiz id beyond the first
// kMaxUnknownQuizzes different ones (in path order). The order of the rest is kept.
void keep_project_quizzes(const Project& project, std::vector<HandedIn>& results, std::vector<std::string>& skipped);

// The note that says quiz ids were not checked ("no mamori.toml at ROOT: …"), or "" in a project.
std::string unchecked_note(const Project& project);

}  // namespace mamori
