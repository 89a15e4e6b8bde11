// The contact table the contacts tests start from.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace mamori::testing {

inline const char* const kContactTable =
    "reviewed = 2025-05-01\n"
    "\n"
    "[[contact]]\n"
    "id = \"aichi-general\"\n"
    "group = \"県内の窓口\"\n"
    "topic = \"経済安全保障全般\"\n"
    "organization = \"愛知県 経済産業局\"\n"
    "url = \"https://www.pref.aichi.jp/soshiki/san-kagi/\"\n"
    "phone = \"０５２－９５４－６３７０\"\n"
    "\n"
    "[[contact]]\n"
    "id = \"chubu-psia\"\n"
    "group = \"県内の窓口\"\n"
    "topic = \"経済安全保障に関するご相談\"\n"
    "organization = \"中部公安調査局\"\n"
    "url = \"https://www.moj.go.jp/psia/kouan_mail_keizaianpo.html\"\n"
    "note = \"左記URLよりお問い合わせください\"\n";

// The bytes of a file.
inline std::string read_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace mamori::testing
