#include "search/index_writer.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "core/hashing.h"
#include "core/parallel.h"
#include "search/deflate.h"
#include "search/json_string.h"
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
  std::vector<Chunk> closed;
  {
    const std::lock_guard lock(mutex_);
    if (number != next_) {
      waiting_.emplace(number, std::move(document));
      return;
    }
    take(document, closed);
    for (auto it = waiting_.begin(); it != waiting_.end() && it->first == next_; it = waiting_.erase(it)) {
      take(it->second, closed);
    }
  }
  for (const auto& chunk : closed) write_chunk(chunk);
}

void SearchIndexWriter::take(const PreparedDocument& document, std::vector<Chunk>& closed) {
  const auto number = static_cast<uint32_t>(next_++);
  lengths_.push_back(document.keys.length);
  const auto& japanese = document.keys.japanese;
  constexpr size_t kAhead = 8;  // keys looked up while the table fetches a later one
  for (size_t i = 0; i < std::min(kAhead, japanese.size()); ++i) japanese_.prefetch(japanese[i].first);
  for (size_t i = 0; i < japanese.size(); ++i) {
    if (i + kAhead < japanese.size()) japanese_.prefetch(japanese[i + kAhead].first);
    const auto [key, count] = japanese[i];
    bool added = false;
    uint32_t& index = japanese_.at(key, added);
    if (added) {
      index = static_cast<uint32_t>(postings_.size());
      postings_.emplace_back();
    }
    append_posting(postings_[index], number, count);
  }
  for (const auto& [key, count] : document.keys.words) {
    const auto [it, added] = words_.try_emplace(key, static_cast<uint32_t>(postings_.size()));
    if (added) postings_.emplace_back();
    append_posting(postings_[it->second], number, count);
  }
  if (chunk_.empty()) {
    chunk_starts_.push_back(number);
    chunk_.reserve(kChunkBytes + document.json.size() + 2);
    chunk_ += '[';
  } else {
    chunk_ += ',';
  }
  chunk_ += document.json;
  if (chunk_.size() - 1 >= kChunkBytes) close_chunk(closed);  // the bytes past its '['
}

void SearchIndexWriter::append_posting(Postings& postings, uint32_t number, uint32_t count) {
  append_varint(postings.bytes, number + 1 - postings.last);
  append_varint(postings.bytes, std::min(count, kMaxCount));
  postings.last = number + 1;
}

void SearchIndexWriter::close_chunk(std::vector<Chunk>& closed) {
  if (chunk_.empty()) return;
  chunk_ += ']';
  closed.push_back(Chunk{chunk_starts_.size() - 1, std::move(chunk_)});
  chunk_.clear();  // moved from: empty in practice, and now for certain
}

void SearchIndexWriter::write_chunk(const Chunk& chunk) {
  const std::string content = data_file("chunk", chunk.number, chunk.json);
  write_("search/c" + std::to_string(chunk.number) + ".js", content);
  const std::lock_guard lock(mutex_);
  if (chunk_hashes_.size() <= chunk.number) chunk_hashes_.resize(chunk.number + 1);
  chunk_hashes_[chunk.number] = hash_of(content);
}

std::vector<SearchIndexWriter::KeyPostings> SearchIndexWriter::all_keys() const {
  std::vector<KeyPostings> keys;
  keys.reserve(postings_.size());
  japanese_.for_each([&](uint64_t key, uint32_t index) { keys.emplace_back(packed_key_text(key), &postings_[index]); });
  for (const auto& [key, index] : words_) keys.emplace_back(key, &postings_[index]);
  return keys;
}

std::string SearchIndexWriter::shard_file(uint32_t shard, const std::vector<const KeyPostings*>& keys,
                                          double average_length) const {
  std::string content = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) content += ',';
    append_json_string(content, keys[i]->first);
    content += ":\"";
    const std::string& bytes = keys[i]->second->bytes;
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
  std::vector<Chunk> closed;
  {
    const std::lock_guard lock(mutex_);
    close_chunk(closed);
  }
  for (const auto& chunk : closed) write_chunk(chunk);
  const std::lock_guard lock(mutex_);
  const std::vector<KeyPostings> all = all_keys();
  size_t bytes = 0;
  for (const auto& [key, postings] : all) bytes += key.size() + postings->bytes.size() + 6;
  const auto shards = static_cast<uint32_t>(std::max<size_t>(1, (bytes + kShardBytes - 1) / kShardBytes));
  std::vector<std::vector<const KeyPostings*>> keys(shards);
  for (const auto& entry : all) keys[key_shard(entry.first, shards)].push_back(&entry);
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
  for (const auto& h : chunk_hashes_) id.add(h);
  for (const auto& h : hashes) id.add(h);
  const json meta{
      {"format", 1}, {"id", id.hex()}, {"docs", lengths_.size()}, {"shards", shards}, {"chunks", chunk_starts_}};
  write_("search/meta.js", "mamoriSearch.meta(" + json_text(meta) + ");\n");
}

}  // namespace mamori
