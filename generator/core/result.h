// Error and Result<T>: the one shape of an expected failure.
//
// A step that can fail for a reason the caller must handle (a file that cannot be read,
// an --out folder that cannot be used, a cache that is not ours) returns Result<T>: the
// value, or an Error saying why in words meant for the user. Problems in the user's files
// are not Errors but Diagnostics (diagnostic.h): a run collects all of them and goes on,
// while an Error ends the step that met it. Result<void> is the shape of a step with no
// value. (std::expected, once the project moves to C++23, has the same interface.)
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace mamori {

struct Error {
  std::string message;  // e.g. "cannot read: Permission denied"
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value() (value) or !has_value() (error); otherwise std::bad_variant_access.
  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const Error& error() const { return std::get<1>(state_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool has_value() const { return !error_.has_value(); }
  explicit operator bool() const { return has_value(); }
  // REQUIRES: !has_value().
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace mamori
