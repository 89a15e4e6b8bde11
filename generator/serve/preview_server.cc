#include "serve/preview_server.h"

#include <httplib.h>

#include <atomic>
#include <memory>
#include <thread>

#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "serve/html_injection.h"
#include "serve/reload_script.h"
#include "serve/request_path.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxFileBytes = size_t{256} << 20;
constexpr auto kKeepAliveEvery = std::chrono::seconds(15);
constexpr int kMaxStreams = 16;  // of the 32 threads: the rest serve pages and the status

void common_headers(httplib::Response& res) {
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

// The page shown where the site has no page to show (no good build yet, or no 404.html).
std::string fallback_page(const std::string& title, const std::string& text, int site) {
  const std::string lang = current_language() == Language::ja ? "ja" : "en";
  const std::string page = "<!DOCTYPE html>\n<html lang=\"" + lang +
                           "\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src "
                           "'self'\">\n<title>" +
                           escape_markup(title) + "</title>\n</head>\n<body>\n<main>\n<h1>" + escape_markup(title) +
                           "</h1>\n<p>" + escape_markup(text) + "</p>\n</main>\n</body>\n</html>\n";
  return inject_preview(page, site);
}

// "/a b/" for the relative path "a b", percent-encoded for a Location header.
std::string folder_url(std::string_view relative) {
  std::string url = "/";
  for (const char c : relative) {
    const auto byte = static_cast<unsigned char>(c);
    const bool plain = std::isalnum(byte) != 0 || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
    url += plain ? std::string(1, c) : percent_encoded(byte);
  }
  return url + "/";
}

}  // namespace

bool is_loopback_address(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

struct PreviewServer::Impl {
  fs::path site;
  const PreviewState& state;
  EventHub& hub;
  httplib::Server server;
  std::thread thread;
  std::string host;
  int port = 0;
  // Event streams open now. Each holds one of the server's threads for as long as the page
  // is open; past kMaxStreams a new one is refused (the page's EventSource retries), so
  // held streams can never take every thread from the pages themselves.
  std::shared_ptr<std::atomic<int>> streams = std::make_shared<std::atomic<int>>(0);

  Impl(fs::path s, const PreviewState& st, EventHub& h) : site(std::move(s)), state(st), hub(h) {}
  void routes();
  bool host_allowed(const httplib::Request& req) const;
  void serve_file(const httplib::Request& req, httplib::Response& res) const;
  void not_found(httplib::Response& res) const;
  void send_file(const fs::path& file, int status, httplib::Response& res, int site_number) const;
  void events(httplib::Response& res) const;
};

bool PreviewServer::Impl::host_allowed(const httplib::Request& req) const {
  if (!is_loopback_address(host)) return true;
  const std::string given = req.get_header_value("Host");
  const std::string suffix = ":" + std::to_string(port);
  for (const std::string name : {"127.0.0.1", "localhost", "[::1]"}) {
    if (given == name + suffix) return true;
  }
  return given == host + suffix;
}

void PreviewServer::Impl::send_file(const fs::path& file, int status, httplib::Response& res, int site_number) const {
  auto bytes = read_file(file, kMaxFileBytes);
  if (!bytes) {
    res.status = 404;
    res.set_content(tr("Not found"), "text/plain; charset=utf-8");
    return;
  }
  const std::string type = content_type_for(file.filename().string());
  res.status = status;
  if (type.starts_with("text/html")) {
    res.set_content(inject_preview(*bytes, site_number), type);
  } else {
    res.set_content(*bytes, type);
  }
}

void PreviewServer::Impl::not_found(httplib::Response& res) const {
  const int site_number = state.site();
  if (state.has_site()) {
    if (const auto page = file_inside(site, "404.html")) return send_file(*page, 404, res, site_number);
  }
  res.status = 404;
  const std::string text = state.has_site()
                               ? tr("There is no page at this address in the preview.")
                               : tr("There is no preview yet: the first build failed. Fix the problems and save.");
  res.set_content(fallback_page(tr("Not found"), text, site_number), "text/html; charset=utf-8");
}

void PreviewServer::Impl::serve_file(const httplib::Request& req, httplib::Response& res) const {
  const RequestedFile wanted = requested_file(req.target);
  if (wanted.status != 200) {
    res.status = wanted.status;
    res.set_content(wanted.status == 400 ? tr("Bad request") : tr("Not found"), "text/plain; charset=utf-8");
    return;
  }
  const int site_number = state.site();  // before the file: a page is never older than its number
  if (!wanted.folder && !wanted.relative.empty() && file_inside(site, wanted.relative + "/index.html")) {
    res.set_redirect(folder_url(wanted.relative), 302);
    return;
  }
  const std::string relative =
      wanted.folder ? (wanted.relative.empty() ? "" : wanted.relative + "/") + "index.html" : wanted.relative;
  const auto file = file_inside(site, relative);
  if (!file) return not_found(res);
  send_file(*file, 200, res, site_number);
}

void PreviewServer::Impl::events(httplib::Response& res) const {
  if (streams->fetch_add(1) >= kMaxStreams) {
    streams->fetch_sub(1);
    res.status = 503;
    res.set_header("Retry-After", "5");
    return;
  }
  auto next = std::make_shared<uint64_t>(hub.next());
  auto started = std::make_shared<bool>(false);
  EventHub& events_hub = hub;
  res.set_chunked_content_provider(
      "text/event-stream",
      [&events_hub, next, started](size_t, httplib::DataSink& sink) {
        if (!*started) {
          *started = true;
          const std::string hello = "retry: 1000\n\n";  // reconnect soon after the server restarts
          return sink.write(hello.data(), hello.size());
        }
        const auto event =
            events_hub.wait(*next, std::chrono::duration_cast<std::chrono::milliseconds>(kKeepAliveEvery));
        if (events_hub.closed()) {
          sink.done();
          return true;
        }
        if (!event) return sink.write(kSseKeepAlive.data(), kSseKeepAlive.size());
        *next = event->first + 1;
        return sink.write(event->second.data(), event->second.size());
      },
      [open = streams](bool) { open->fetch_sub(1); });
}

void PreviewServer::Impl::routes() {
  server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    common_headers(res);
    if (host_allowed(req)) return httplib::Server::HandlerResponse::Unhandled;
    res.status = 403;
    res.set_content(tr("This preview answers only requests for its own address."), "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get("/__mamori/reload.js", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(reload_script()), "text/javascript; charset=utf-8");
  });
  server.Get("/__mamori/status", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(state.status_json(), "application/json; charset=utf-8");
  });
  server.Get("/__mamori/events", [this](const httplib::Request&, httplib::Response& res) { events(res); });
  server.Get(R"([\s\S]*)", [this](const httplib::Request& req, httplib::Response& res) { serve_file(req, res); });
  const auto not_allowed = [](const httplib::Request&, httplib::Response& res) {
    res.status = 405;
    res.set_header("Allow", "GET, HEAD");
    res.set_content(tr("Only GET and HEAD requests are answered."), "text/plain; charset=utf-8");
  };
  const std::string any = R"([\s\S]*)";
  server.Post(any, not_allowed).Put(any, not_allowed).Patch(any, not_allowed).Delete(any, not_allowed);
  server.Options(any, not_allowed);
}

PreviewServer::PreviewServer(fs::path site, const PreviewState& state, EventHub& hub)
    : impl_(std::make_unique<Impl>(std::move(site), state, hub)) {
  // One thread per open event stream: room for many tabs (httplib's default is 8 on 2 cores).
  // httplib takes ownership of the queue it gets.
  impl_->server.new_task_queue = [] { return new httplib::ThreadPool(32); };  // NOLINT(cppcoreguidelines-owning-memory)
  impl_->server.set_keep_alive_timeout(1);
  impl_->server.set_read_timeout(5, 0);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a second mamori serve
  // on the same port listened beside the first and took half its requests.
  impl_->server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  impl_->routes();
}

PreviewServer::~PreviewServer() {
  stop();
}

Result<int> PreviewServer::bind(const std::string& host, int port) {
  impl_->host = host;
  const int bound = port == 0                                ? impl_->server.bind_to_any_port(host)
                    : impl_->server.bind_to_port(host, port) ? port
                                                             : -1;
  if (bound <= 0) return Error{format(tr("cannot listen on {0} port {1}"), printable_text(host), port)};
  impl_->port = bound;
  return bound;
}

void PreviewServer::start() {
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // httplib's stop() does nothing before the server runs: a stop right after start (a
  // signal at once) would leave the thread listening for good.
  for (int waited = 0; waited < 5000 && !impl_->server.is_running(); ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void PreviewServer::stop() {
  impl_->hub.close();
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace mamori
