// A quiz bank (quizzes/ID.toml).
#include "fuzz_support.h"
#include "quiz/quiz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<mamori::Diagnostic> out;
  (void)mamori::parse_quiz("fuzz", mamori::fuzz::as_text(data, size), out);
  mamori::fuzz::check_diagnostics(out);
  return 0;
}
