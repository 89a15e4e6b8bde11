#!/usr/bin/env bash
# Runs every libFuzzer target (built by the `fuzz` preset) for a while.
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET…]     default: 60 s each, every target
# Seeds come from the fixtures and the bundled portal (copied into build/fuzz/corpus/,
# where the corpus grows between runs) and from tests/fuzz/seeds/. A finding stops the
# run with exit 1 and leaves the input in build/fuzz/findings/; turn it into a
# regression test. Memory per input is capped at 2 GB, time per input at 10 s.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
shift || true
bin=build/fuzz/fuzz
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(page markdown quiz contacts_toml contacts_csv config html_probe url link_cache build_state results roster results_csv search mustache)
fi

# Seeds for a target: files from the project and its fixtures (named by their hash, as
# libFuzzer names corpus files), and the committed seeds.
seed() {
  local target=$1 dir=build/fuzz/corpus/$1 files=()
  mkdir -p "$dir"
  case "$target" in
    page|markdown) mapfile -t files < <(find content tests/fixtures -name '*.md') ;;
    quiz) mapfile -t files < <(find quizzes tests/fixtures -path '*quizzes/*.toml') ;;
    contacts_toml) mapfile -t files < <(find content tests/fixtures -name 'contacts.toml') ;;
    config) mapfile -t files < <(find mamori.toml tests/fixtures -name 'mamori.toml') ;;
    mustache) mapfile -t files < <(find themes tests/fixtures -name '*.mustache') ;;
  esac
  if [[ -d tests/fuzz/seeds/$target ]]; then mapfile -t -O "${#files[@]}" files < <(find tests/fuzz/seeds/"$target" -type f); fi
  local file
  for file in "${files[@]}"; do
    cp "$file" "$dir/$(sha1sum < "$file" | cut -c1-40)"
  done
}

mkdir -p build/fuzz/findings
status=0
for target in "${targets[@]}"; do
  exe=$bin/fuzz_$target
  [[ -x $exe ]] || { echo "error: $exe is missing: build the fuzz preset first (make fuzz)" >&2; exit 2; }
  seed "$target"
  dict=()
  [[ -f tests/fuzz/dict/$target.dict ]] && dict=(-dict=tests/fuzz/dict/$target.dict)
  echo "== fuzz_$target: ${seconds} s"
  if ! ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$exe" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix=build/fuzz/findings/"$target"- \
      build/fuzz/corpus/"$target" 2> build/fuzz/"$target".log; then
    tail -n 40 build/fuzz/"$target".log >&2
    echo "error: fuzz_$target found a problem; the input is in build/fuzz/findings/" >&2
    status=1
  fi
  grep -a -E '^stat::(number_of_executed_units|peak_rss_mb)|cov: ' build/fuzz/"$target".log | tail -n 3 || true
done
exit $status
