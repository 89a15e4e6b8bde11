#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "search/deflate.h"
#include "search/index_writer.h"
#include "search/keys.h"
#include "search/postings.h"

using namespace mamori;
using json = nlohmann::json;

namespace {

using Files = std::map<std::string, std::string>;

SearchDocument doc(std::string url, std::string title, std::string text) {
  return SearchDocument{std::move(url), std::move(title), "章", {SearchBlock{"", "", std::move(text)}}};
}

// Builds an index of `documents`, adding them in the order `order` gives.
Files build(const std::vector<SearchDocument>& documents, const std::vector<size_t>& order) {
  Files files;
  std::mutex mutex;
  SearchIndexWriter writer([&](const std::string& path, const std::string& content) {
    const std::lock_guard lock(mutex);
    CHECK(files.emplace(path, content).second);
  });
  for (const size_t i : order) writer.add(i, prepare_search_document(documents[i]));
  writer.finish(2);
  return files;
}

// The JSON a file hands to mamoriSearch.<call>(…): after the first ',' for keys and chunks,
// where it is compressed in a base64 string.
json payload(const std::string& content, bool numbered) {
  const size_t open = numbered ? content.find(',') + 1 : content.find('(') + 1;
  const std::string argument = content.substr(open, content.rfind(')') - open);
  if (!numbered) return json::parse(argument);
  REQUIRE(argument.front() == '"');
  return json::parse(inflate_raw(base64_decode(argument.substr(1, argument.size() - 2))));
}

// Documents (number → weight) of a key, read from the shard that holds it.
std::map<uint32_t, uint32_t> postings_of(const Files& files, const std::string& key) {
  const json meta = payload(files.at("search/meta.js"), false);
  const uint32_t shard = key_shard(key, meta["shards"].get<uint32_t>());
  const json keys = payload(files.at("search/k" + std::to_string(shard) + ".js"), true);
  std::map<uint32_t, uint32_t> out;
  if (!keys.contains(key)) return out;
  const std::string text = keys[key].get<std::string>();
  uint32_t document = 0;
  for (size_t at = 0; at < text.size();) {
    document += *read_index_number(text, at);
    out[document - 1] = *read_index_number(text, at);
  }
  return out;
}

}  // namespace

TEST_SUITE("search index writer") {
  const std::vector<SearchDocument> documents = {
      doc("a.html", "USBメモリの扱い", "USBメモリーを拾ったら、パソコンに挿さずに届けます。"),
      doc("b.html", "不審なメール", "添付ファイルを開かないでください。"),
      doc("c.html", "パスワード", "USB は関係ありません。"),
  };

  TEST_CASE("postings list the documents that hold a key, title weighing most") {
    const Files files = build(documents, {0, 1, 2});
    const auto usb = postings_of(files, "usb");
    REQUIRE(usb.size() == 2);
    CHECK(usb.count(0) == 1);
    CHECK(usb.count(2) == 1);
    CHECK(usb.at(0) > usb.at(2));  // also in a's title
    CHECK(postings_of(files, "メモ") == std::map<uint32_t, uint32_t>{{0, usb.at(0)}});
    CHECK(postings_of(files, "メール").empty());  // not a key: "メー" and "ール" are
    CHECK(postings_of(files, "メー").size() == 1);
    for (const auto& [document, weight] : usb) CHECK((weight >= 1 && weight <= 31));
  }

  TEST_CASE("meta and chunks") {
    const Files files = build(documents, {0, 1, 2});
    const json meta = payload(files.at("search/meta.js"), false);
    CHECK(meta["format"] == 1);
    CHECK(meta["docs"] == 3);
    CHECK(meta["chunks"] == json::array({0}));
    CHECK(meta["id"].get<std::string>().size() == 16);
    const json chunk = payload(files.at("search/c0.js"), true);
    REQUIRE(chunk.size() == 3);
    CHECK(chunk[0] ==
          json::array({"a.html", "USBメモリの扱い", "章",
                       json::array({json::array({"", "", "USBメモリーを拾ったら、パソコンに挿さずに届けます。"})})}));
    CHECK(files.at("search/c0.js").starts_with("mamoriSearch.chunk(0,\""));
    CHECK(files.at("search/k0.js").starts_with("mamoriSearch.keys(0,\""));
  }

  TEST_CASE("the order documents arrive in does not change a byte") {
    CHECK(build(documents, {0, 1, 2}) == build(documents, {2, 0, 1}));
    CHECK(build(documents, {0, 1, 2}) != build(documents, {0, 1}));
  }

  TEST_CASE("chunks close past 64 KiB, shards grow with the keys") {
    std::vector<SearchDocument> many;
    std::string text;
    for (int i = 0; i < 3000; ++i) text += "文書" + std::to_string(i) + "番の本文です。";
    for (int i = 0; i < 12; ++i) many.push_back(doc("p" + std::to_string(i) + ".html", "題", text));
    std::vector<size_t> order(many.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    const Files files = build(many, order);
    const json meta = payload(files.at("search/meta.js"), false);
    CHECK(meta["chunks"].size() > 1);
    CHECK(meta["shards"].get<int>() > 1);
    for (const auto& [path, content] : files) {
      if (path.starts_with("search/c")) CHECK(content.size() < kChunkBytes + text.size() + 1024);
    }
    CHECK(postings_of(files, "本文").size() == 12);
  }

  TEST_CASE("a chunk closes after the document that takes its items to exactly 64 KiB") {
    const size_t overhead = prepare_search_document(doc("p.html", "題", "")).json.size();
    for (const size_t items : {kChunkBytes - 1, kChunkBytes}) {
      CAPTURE(items);
      const std::vector<SearchDocument> two = {doc("p.html", "題", std::string(items - overhead, 'a')),
                                               doc("q.html", "題", "b")};
      REQUIRE(prepare_search_document(two[0]).json.size() == items);
      const json meta = payload(build(two, {0, 1}).at("search/meta.js"), false);
      CHECK(meta["chunks"] == (items == kChunkBytes ? json::array({0, 1}) : json::array({0})));
    }
  }

  TEST_CASE("an empty index still has its meta") {
    const Files files = build({}, {});
    CHECK(payload(files.at("search/meta.js"), false)["docs"] == 0);
    CHECK(files.count("search/k0.js") == 1);
  }

  TEST_CASE("a page's text is cut at 256 KiB, at a character, and says so") {
    std::string text;
    while (text.size() < kMaxSearchText + 100) text += "経済安全保障";
    const PreparedDocument cut = prepare_search_document(doc("big.html", "大きい", text));
    CHECK(cut.cut);
    CHECK(cut.document.blocks[0].text.size() <= kMaxSearchText);
    CHECK(cut.document.blocks[0].text.size() % 3 == 0);  // whole characters
    CHECK_FALSE(prepare_search_document(doc("small.html", "小さい", "本文")).cut);
  }
}
