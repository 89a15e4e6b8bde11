#include "search/deflate.h"

#include <zlib.h>

#include <array>
#include <stdexcept>

#include "core/i18n.h"

namespace mamori {
namespace {

constexpr int kRawWindowBits = -15;  // negative: no zlib header or checksum
// zlib's level 3, its fastest but two, rather than its default 6: the index is all of the
// site's text, and compressing it at level 5 took a tenth of a cold build's instructions.
// Level 3 (no lazy matching) takes about 0.6 of level 5's time on the portal's index and
// 0.35 on the benchmark's; the portal's index grows by 7% (203 → 217 KB).
constexpr int kLevel = 3;

// Owns a z_stream for deflate or inflate.
class Stream {
 public:
  explicit Stream(bool compress) : compress_(compress) {
    const int ok = compress ? deflateInit2(&z_, kLevel, Z_DEFLATED, kRawWindowBits, 8, Z_DEFAULT_STRATEGY)
                            : inflateInit2(&z_, kRawWindowBits);
    if (ok != Z_OK) throw std::runtime_error(tr("zlib could not start"));
  }
  Stream(const Stream&) = delete;
  Stream& operator=(const Stream&) = delete;
  ~Stream() { compress_ ? deflateEnd(&z_) : inflateEnd(&z_); }

  // Makes the stream as new for the next input, keeping its memory (zlib: the same as
  // ending it and starting it again with the same parameters).
  void reset() { compress_ ? deflateReset(&z_) : inflateReset(&z_); }

  // Runs the stream over all of `input`; false when the data is broken.
  bool run(std::string_view input, std::string& out) {
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));  // zlib does not write input
    z_.avail_in = static_cast<uInt>(input.size());
    std::array<char, 16384> buffer{};
    for (;;) {
      z_.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z_.avail_out = static_cast<uInt>(buffer.size());
      const int status = compress_ ? deflate(&z_, Z_FINISH) : inflate(&z_, Z_NO_FLUSH);
      out.append(buffer.data(), buffer.size() - z_.avail_out);
      if (status == Z_STREAM_END) return true;
      if (status != Z_OK && status != Z_BUF_ERROR) return false;
      if (status == Z_BUF_ERROR && z_.avail_out != 0) return false;  // no progress: truncated input
    }
  }

 private:
  z_stream z_{};
  bool compress_;
};

}  // namespace

std::string deflate_raw(std::string_view bytes) {
  // Every chunk and shard of the index is compressed: one stream per thread saves
  // allocating and clearing its ~270 KB of state for each.
  thread_local Stream stream(true);
  std::string out;
  out.reserve(bytes.size() / 2 + 64);
  stream.reset();
  stream.run(bytes, out);
  return out;
}

std::string inflate_raw(std::string_view compressed) {
  std::string out;
  if (!Stream(false).run(compressed, out)) return "";
  return out;
}

}  // namespace mamori
