#include "serve/serve_command.h"

#include <signal.h>
#include <stdlib.h>  // mkdtemp

#include <iomanip>
#include <memory>
#include <optional>
#include <sstream>

#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "serve/debounce.h"
#include "serve/events.h"
#include "serve/preview_server.h"
#include "serve/preview_state.h"
#include "serve/watcher.h"
#include "site/build.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kCannotStart = 2;
constexpr auto kLongestWait = std::chrono::milliseconds(100);  // how soon a signal is noticed

// SIGINT, SIGTERM and SIGHUP (the terminal closed) blocked while serving, taken with sigtimedwait by the loop (no
// handler runs in the middle of a build or a request); the old mask is restored after.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~StopSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;
  bool arrived() const {
    const timespec now{0, 0};
    return sigtimedwait(&set_, nullptr, &now) > 0;
  }

 private:
  sigset_t set_{};
  sigset_t old_{};
};

std::string seconds_since(Clock::time_point start) {
  std::ostringstream text;
  text << std::fixed << std::setprecision(2) << std::chrono::duration<double>(Clock::now() - start).count();
  return text.str();
}

std::string url_of(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port) + "/";
}

class ServeSession {
 public:
  ServeSession(const ServeOptions& options, const fs::path& folder, std::ostream& out, std::ostream& err)
      : options_(options), out_(out), err_(err), server_(folder / "site", state_, hub_) {
    build_.root = options.root;
    build_.out = folder / "site";
    build_.include_drafts = options.include_drafts;
    build_.jobs = options.jobs;
  }
  // Builds and tells the pages; false when the project could not be built at all (no
  // mamori.toml, a missing theme: an environment error).
  bool rebuild();
  int serve(const StopSignals& signals);

 private:
  void report_build(const BuildReport& report, Clock::time_point start);
  bool start_server();
  void watch(Watcher& watcher, const StopSignals& signals);

  const ServeOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  BuildOptions build_;
  PreviewState state_;
  EventHub hub_;
  PreviewServer server_;
};

void ServeSession::report_build(const BuildReport& report, Clock::time_point start) {
  for (const Diagnostic& d : report.diagnostics.items()) err_ << format_with_caret(d) << '\n';
  const int number = state_.builds();
  if (report.environment_error) {
    err_ << "mamori: " << format(tr("error: the build could not run: {0}"), printable_text(*report.environment_error))
         << '\n';
  }
  const auto errors = static_cast<unsigned long>(report.diagnostics.error_count());
  if (report.exit_status() != 0) {
    out_ << "mamori: "
         << format(tr_n("build {0} failed with {1} error; the preview still shows the last good build",
                        "build {0} failed with {1} errors; the preview still shows the last good build",
                        errors ? errors : 1),
                   number, errors ? errors : 1)
         << std::endl;
  } else if (report.up_to_date) {
    out_ << "mamori: " << format(tr("build {0}: nothing changed"), number) << std::endl;
  } else {
    out_ << "mamori: "
         << format(tr_n("build {0}: {1} page in {2} s", "build {0}: {1} pages in {2} s",
                        static_cast<unsigned long>(report.pages)),
                   number, report.pages, seconds_since(start))
         << std::endl;
  }
}

bool ServeSession::rebuild() {
  const auto start = Clock::now();
  const BuildReport report = build_site(build_);
  const bool changed = report.exit_status() == 0 && !report.up_to_date;
  if (report.environment_error) {
    state_.record_failure(printable_text(*report.environment_error));
  } else {
    state_.record(report.exit_status() == 0, report.diagnostics, changed);
  }
  report_build(report, start);
  // Only now, with the new site swapped in, may pages reload.
  if (changed) {
    hub_.publish(sse_frame("reload", "{\"site\":" + std::to_string(state_.site()) + "}"));
  } else {
    hub_.publish(sse_frame("status", state_.status_json()));
  }
  return !report.environment_error;
}

bool ServeSession::start_server() {
  const auto port = server_.bind(options_.bind, options_.port);
  if (!port) {
    err_ << "mamori: " << format(tr("error: cannot start the preview: {0}"), port.error().message) << '\n';
    return false;
  }
  server_.start();
  out_ << "mamori: " << format(tr("the preview is at {0} (Ctrl-C stops it)"), url_of(options_.bind, *port))
       << std::endl;
  if (!is_loopback_address(options_.bind)) {
    err_ << "mamori: "
         << format(tr("warning: the preview listens on {0}: other computers can see it, drafts included"),
                   printable_text(options_.bind))
         << std::endl;
  }
  return true;
}

void ServeSession::watch(Watcher& watcher, const StopSignals& signals) {
  Debouncer debouncer;
  while (!signals.arrived()) {
    const auto hint = debouncer.wait_hint(Clock::now());
    const auto timeout = debouncer.pending() ? std::min(hint, kLongestWait) : kLongestWait;
    bool relevant = false;
    for (const std::string& path : watcher.wait(timeout)) {
      if (path.empty() || (is_watched_path(path) && !is_editor_temp_file(path))) relevant = true;
    }
    if (relevant) debouncer.change(Clock::now());
    if (debouncer.due(Clock::now())) rebuild();
  }
}

int ServeSession::serve(const StopSignals& signals) {
  Result<std::unique_ptr<Watcher>> watcher = std::unique_ptr<Watcher>();
  if (options_.poll) {
    watcher = make_poll_watcher(options_.root, options_.poll_interval);
  } else {
    watcher = make_inotify_watcher(options_.root);
  }
  if (!watcher) {
    err_ << "mamori: " << format(tr("error: cannot start the preview: {0}"), watcher.error().message) << '\n';
    return kCannotStart;
  }
  if (!start_server()) return kCannotStart;
  watch(**watcher, signals);
  server_.stop();
  return 0;
}

}  // namespace

int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err) {
  const StopSignals signals;
  const TemporaryFolder folder("mamori-serve-");
  if (folder.path().empty()) {
    err << "mamori: " << tr("error: cannot make a private folder for the preview") << '\n';
    return kCannotStart;
  }
  int status = kCannotStart;
  {
    ServeSession session(options, folder.path(), out, err);
    if (session.rebuild()) status = session.serve(signals);
  }
  if (status == 0) out << "mamori: " << tr("stopped; the preview's files are removed") << std::endl;
  return status;
}

}  // namespace mamori
