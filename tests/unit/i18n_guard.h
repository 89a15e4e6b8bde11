// Test helpers for messages in another language: each restores what it changed.
#pragma once

#include <cstdlib>
#include <optional>
#include <string>

#include <doctest/doctest.h>

#include "core/i18n.h"

// Japanese messages for the guard's lifetime, then English again (the tests' language).
struct JapaneseMessages {
  JapaneseMessages() { REQUIRE(mamori::set_language(mamori::Language::ja, mamori::default_locale_dirs())); }
  ~JapaneseMessages() { mamori::set_language(mamori::Language::en, {}); }
  JapaneseMessages(const JapaneseMessages&) = delete;
  JapaneseMessages& operator=(const JapaneseMessages&) = delete;
};

// Restores an environment variable to its value (or absence) at construction.
struct EnvironmentGuard {
  explicit EnvironmentGuard(const char* name) : name_(name) {
    if (const char* value = std::getenv(name)) saved_ = value;
  }
  ~EnvironmentGuard() {
    if (saved_)
      setenv(name_, saved_->c_str(), 1);
    else
      unsetenv(name_);
  }
  EnvironmentGuard(const EnvironmentGuard&) = delete;
  EnvironmentGuard& operator=(const EnvironmentGuard&) = delete;

 private:
  const char* name_;
  std::optional<std::string> saved_;
};
