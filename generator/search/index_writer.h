// Writing the search index into the site (docs/search.md, "Files").
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "search/document.h"
#include "search/packed_key_table.h"

namespace mamori {

// A text chunk is closed after the document that takes it past this many bytes.
inline constexpr size_t kChunkBytes = size_t{64} * 1024;
// Key shards are made to hold about this many bytes on average.
inline constexpr size_t kShardBytes = size_t{32} * 1024;

// Builds the index from documents numbered 0, 1, 2, … that arrive on any thread in any
// order, and hands each file to `write` (path relative to the site root, content) as soon
// as it is complete: text chunks while documents arrive, key shards and search/meta.js at
// finish(). The output depends only on the documents and their numbers. Memory: the
// postings of every key, and the documents that arrived before a lower number.
class SearchIndexWriter {
 public:
  using Write = std::function<void(const std::string& path, const std::string& content)>;
  explicit SearchIndexWriter(Write write) : write_(std::move(write)) {}

  // Adds document `number`. Thread-safe. Each number once. A chunk it completes is
  // compressed and written on the calling thread, outside the lock.
  void add(size_t number, PreparedDocument document);
  // Writes the key shards (on up to `jobs` threads) and meta.js. REQUIRES: the documents
  // added are numbered 0 … n−1 with none missing.
  void finish(int jobs);

 private:
  struct Postings {
    std::string bytes;  // varint pairs: gap to the previous document + 1, weighted count
    uint32_t last = 0;  // the last document + 1 (0: none yet)
  };
  using KeyPostings = std::pair<std::string, const Postings*>;
  struct Chunk {
    size_t number = 0;
    std::string json;  // the documents' JSON array
  };
  // Takes the next document in number order; a chunk it closes goes to `closed`.
  void take(const PreparedDocument& document, std::vector<Chunk>& closed);
  static void append_posting(Postings& postings, uint32_t number, uint32_t count);
  void close_chunk(std::vector<Chunk>& closed);
  void write_chunk(const Chunk& chunk);  // without the lock
  // Every key with its postings, unordered (finish()).
  std::vector<KeyPostings> all_keys() const;
  std::string shard_file(uint32_t shard, const std::vector<const KeyPostings*>& keys, double average_length) const;

  Write write_;
  std::mutex mutex_;
  std::map<size_t, PreparedDocument> waiting_;  // arrived before a lower number
  size_t next_ = 0;
  // The postings of every key; Japanese keys find theirs by number, word keys by text.
  std::vector<Postings> postings_;                   // one index, one access (a deque takes two)
  PackedKeyTable japanese_;                          // packed key → index in postings_
  std::unordered_map<std::string, uint32_t> words_;  // word key → index in postings_
  std::vector<uint32_t> lengths_;                    // per document
  std::vector<size_t> chunk_starts_;                 // first document of every chunk
  std::string chunk_;                                // the open chunk's JSON without its closing ']' ("": none is open)
  std::vector<std::string> chunk_hashes_;            // of every chunk file, by number (meta's id)
};

}  // namespace mamori
