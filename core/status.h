// Status and Expected<T>: the one error contract every layer returns.
//
// A Status is either ok or carries an ErrorCode and a one-line message that
// says what went wrong and where ("model.tflite: tensor 12 'conv1': buffer
// holds 96 bytes, shape [1,3,3,8] of int8 needs 72"). Callers add context with
// with_context(); the CLI prints message() and exits with exit_code().
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace vnpu {

enum class ErrorCode {
  kOk = 0,
  kInvalidInput,  // malformed or inconsistent user input (model, .npy, options)
  kUnsupported,   // well-formed input we do not handle (op, type, feature)
  kIoError,       // file could not be opened, read or written
  kInternal,      // a bug in vnpu: an invariant we own was broken
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return Status(); }
  static Status invalid_input(std::string message) {
    return Status(ErrorCode::kInvalidInput, std::move(message));
  }
  static Status unsupported(std::string message) {
    return Status(ErrorCode::kUnsupported, std::move(message));
  }
  static Status io_error(std::string message) {
    return Status(ErrorCode::kIoError, std::move(message));
  }
  static Status internal(std::string message) {
    return Status(ErrorCode::kInternal, std::move(message));
  }

  bool is_ok() const { return code_ == ErrorCode::kOk; }
  explicit operator bool() const { return is_ok(); }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is prefixed with "where: ".
  Status with_context(const std::string& where) const {
    if (is_ok()) return *this;
    return Status(code_, where + ": " + message_);
  }

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Process exit code for a failed Status: 2 for bad or unsupported input and I/O
// errors, 3 for internal errors (as for an exception that escapes a command).
inline int exit_code(const Status& status) {
  switch (status.code()) {
    case ErrorCode::kOk:
      return 0;
    case ErrorCode::kInvalidInput:
    case ErrorCode::kUnsupported:
    case ErrorCode::kIoError:
      return 2;
    case ErrorCode::kInternal:
      return 3;
  }
  return 3;
}

template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Expected(Status status) : state_(std::move(status)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The error; ok() when a value is held.
  Status status() const { return has_value() ? Status::ok() : std::get<Status>(state_); }

 private:
  std::variant<T, Status> state_;
};

}  // namespace vnpu
