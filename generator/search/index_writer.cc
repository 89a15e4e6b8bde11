#include "search/index_writer.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/hashing.h"
#include "core/parallel.h"
#include "search/deflate.h"
#include "search/keys.h"
#include "search/postings.h"

namespace mamori {
namespace {

using json = nlohmann::json;

// A weighted count above this adds nothing to a BM25 score that matters.
constexpr uint32_t kMaxCount = 1000;

std::string json_text(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json document_json(const SearchDocument& document) {
  json blocks = json::array();
  for (const auto& block : document.blocks) blocks.push_back(json::array({block.anchor, block.heading, block.text}));
  return json::array({document.url, document.title, document.section, std::move(blocks)});
}

// BM25's term-frequency part (k1 = 1.2, b = 0.75), scaled to 1–31.
uint32_t weight(uint32_t count, uint32_t length, double average_length) {
  constexpr double k1 = 1.2;
  constexpr double b = 0.75;
  const double tf = count;
  const double norm = average_length > 0 ? length / average_length : 1.0;
  const double part = tf * (k1 + 1) / (tf + k1 * (1 - b + b * norm));
  return static_cast<uint32_t>(std::clamp(std::lround(part / (k1 + 1) * 31), 1L, 31L));
}

// A data file of the index: one call of the global mamoriSearch with the file's number and
// its JSON, compressed (raw DEFLATE) and in base64.
std::string data_file(std::string_view call, size_t number, std::string_view json_text) {
  return "mamoriSearch." + std::string(call) + "(" + std::to_string(number) + ",\"" +
         base64_encode(deflate_raw(json_text)) + "\");\n";
}

std::string hash_of(const std::string& content) {
  Fnv1a64 hash;
  hash.add(content);
  return hash.hex();
}

}  // namespace

void SearchIndexWriter::add(size_t number, PreparedDocument document) {
  const std::lock_guard lock(mutex_);
  if (number != next_) {
    waiting_.emplace(number, std::move(document));
    return;
  }
  take(document);
  for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_; it = waiting_.erase(it)) {
    take(it->second);
  }
}

void SearchIndexWriter::take(const PreparedDocument& document) {
  const auto number = static_cast<uint32_t>(next_++);
  lengths_.push_back(document.length);
  for (const auto& [key, count] : document.key_counts) {
    Postings& postings = postings_[key];
    append_varint(postings.bytes, number + 1 - postings.last);
    append_varint(postings.bytes, std::min(count, kMaxCount));
    postings.last = number + 1;
  }
  if (chunk_.empty()) {
    chunk_starts_.push_back(number);
  } else {
    chunk_ += ',';
  }
  chunk_ += json_text(document_json(document.document));
  if (chunk_.size() >= kChunkBytes) close_chunk();
}

void SearchIndexWriter::close_chunk() {
  if (chunk_.empty()) return;
  const size_t number = chunk_starts_.size() - 1;
  const std::string content = data_file("chunk", number, "[" + chunk_ + "]");
  write_("search/c" + std::to_string(number) + ".js", content);
  file_hashes_.push_back(hash_of(content));
  chunk_.clear();
}

std::string SearchIndexWriter::shard_file(uint32_t shard,
                                          const std::vector<const std::pair<const std::string, Postings>*>& keys,
                                          double average_length) const {
  std::string content = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) content += ',';
    content += json_text(json(keys[i]->first));
    content += ":\"";
    const std::string& bytes = keys[i]->second.bytes;
    uint32_t document = 0;  // + 1
    for (size_t at = 0; at < bytes.size();) {
      const uint32_t gap = read_varint(bytes, at);
      const uint32_t count = read_varint(bytes, at);
      document += gap;
      append_index_number(content, gap);
      append_index_number(content, weight(count, lengths_[document - 1], average_length));
    }
    content += '"';
  }
  return data_file("keys", shard, content + "}");
}

void SearchIndexWriter::finish(int jobs) {
  const std::lock_guard lock(mutex_);
  close_chunk();
  size_t bytes = 0;
  for (const auto& [key, postings] : postings_) bytes += key.size() + postings.bytes.size() + 6;
  const auto shards = static_cast<uint32_t>(std::max<size_t>(1, (bytes + kShardBytes - 1) / kShardBytes));
  std::vector<std::vector<const std::pair<const std::string, Postings>*>> keys(shards);
  for (const auto& entry : postings_) keys[key_shard(entry.first, shards)].push_back(&entry);
  double total = 0;
  for (const uint32_t length : lengths_) total += length;
  const double average = lengths_.empty() ? 0 : total / static_cast<double>(lengths_.size());
  std::vector<std::string> hashes(shards);
  parallel_for(shards, jobs, [&](size_t shard, int) {
    auto& list = keys[shard];
    std::sort(list.begin(), list.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
    const std::string content = shard_file(static_cast<uint32_t>(shard), list, average);
    write_("search/k" + std::to_string(shard) + ".js", content);
    hashes[shard] = hash_of(content);
  });
  Fnv1a64 id;
  for (const auto& h : file_hashes_) id.add(h);
  for (const auto& h : hashes) id.add(h);
  const json meta{
      {"format", 1}, {"id", id.hex()}, {"docs", lengths_.size()}, {"shards", shards}, {"chunks", chunk_starts_}};
  write_("search/meta.js", "mamoriSearch.meta(" + json_text(meta) + ");\n");
}

}  // namespace mamori
