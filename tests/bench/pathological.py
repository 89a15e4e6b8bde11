#!/usr/bin/env python3
"""Hostile inputs against `mamori build`: each must end in well under a second, with a
clear error or a site, never a hang or a crash.

    tests/bench/pathological.py [--mamori PATH] [--limit SECONDS] [--timeout SECONDS] [NAME ...]

Each case is a fresh project (mamori.toml, a home page, the repository's theme) with one
hostile file. The script prints the wall time, peak memory, exit status and the first
diagnostic of every case, and exits 1 when one took longer than --limit (default 1 s),
crashed (a signal, or an exit status other than 0 or 1) or timed out. It is a benchmark,
not a test: timings depend on the machine, so no test asserts them (the unit tests pin the
error messages). Run it with the optimised build (build/dev).
"""
import argparse
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
FRONT = '+++\ntitle = "試験"\n+++\n\n'


def page(body):
    return {"content/test.md": FRONT + body}


def table(columns, size):
    header = "|" + "|".join("a" for _ in range(columns)) + "|\n"
    rule = "|" + "|".join("-" for _ in range(columns)) + "|\n"
    row = "|" + "|".join("x" for _ in range(columns)) + "|\n"
    return header + rule + row * max(1, (size - len(header) - len(rule)) // len(row))


def deep_toml(parts):
    return "a" + ".a" * (parts - 1) + " = 1\n"


CASES = {
    # cmark-gfm 0.29.0.gfm.6 (GHSA-29g3-96g3-jg6c, GHSA-66g8-4hjf-77xh, GHSA-r8vr-c48j-fcc5, …)
    "table 5000 columns, 2 MB": lambda: page(table(5000, 2_000_000)),
    "table 100 columns, 2 MB": lambda: page(table(100, 2_000_000)),
    "table 1000 columns, 1 row": lambda: page(table(1000, 0)),
    "![[]() x 50000 (300 KB)": lambda: page("![[]()" * 50000),
    "[ x 50000 then ]( x 20000": lambda: page("[" * 50000 + "](" * 20000 + "\n"),
    "nested brackets [[[a]]] 50000": lambda: page("[" * 50000 + "a" + "]" * 50000),
    "[a](<b x 30000": lambda: page("[a](<b" * 30000),
    "[a](b x 30000": lambda: page("[a](b" * 30000),
    "[ (]( x 80000": lambda: page("[ (](" * 80000),
    "[ a_ x 50000": lambda: page("[ a_" * 50000),
    "![ x 100000": lambda: page("![" * 100000),
    "block quotes > x 50000": lambda: page("> " * 50000 + "a\n"),
    "block quotes >>> x 50000": lambda: page(">" * 50000 + " a\n"),
    "nested lists 1000 deep": lambda: page("".join("  " * i + "* a\n" for i in range(1000))),
    "nested lists - - - x 10000": lambda: page("- " * 10000 + "a\n"),
    "ordered lists 1. x 10000": lambda: page("1. " * 10000 + "a\n"),
    "* x 200000": lambda: page("*" * 200000 + "\n"),
    "_ x 200000": lambda: page("_" * 200000 + "\n"),
    "~ x 200000": lambda: page("~" * 200000 + "\n"),
    "a_ x 65000": lambda: page("a_ " * 65000),
    "_a x 65000": lambda: page("_a " * 65000),
    "*a_ x 50000": lambda: page("*a_ " * 50000),
    "a**b c* x 50000": lambda: page("a**b" + "c* " * 50000),
    "*a **b x 30000": lambda: page("*a **b " * 30000 + "\n"),
    "nested strong emph 30000": lambda: page("*a **a " * 30000 + "b" + " a** a*" * 30000),
    "~~a x 50000": lambda: page("~~a " * 50000),
    "** x 50000 words": lambda: page("**a " * 50000),
    "< x 200000": lambda: page("<" * 200000 + "\n"),
    "<!-- x 50000": lambda: page("a" + "<!--" * 50000),
    "<a x 50000": lambda: page("<a " * 50000),
    "backticks e` … e````": lambda: page("".join("e" + "`" * i for i in range(1, 5000))),
    "` x 200000": lambda: page("`" * 200000 + "\n"),
    "www. x 50000": lambda: page("www." * 50000),
    "autolinks www.a.jp x 20000": lambda: page(" ".join(["www.example.jp/" + str(i) for i in range(20000)])),
    "a@b. x 50000": lambda: page("a@b." * 50000),
    "http:// x 50000": lambda: page("http://" * 50000),
    "| x 200000": lambda: page("a\n" + "|" * 200000 + "\n"),
    "&# x 100000": lambda: page("&#" * 100000),
    "\\ x 200000": lambda: page("\\" * 200000),
    "reference definitions 20000": lambda: page("".join(f"[r{i}]: /u{i}\n" for i in range(20000)) + "[r0] " * 20000),
    "setext --- x 50000": lambda: page("a\n" + "-\n" * 50000),
    "headings ## 同じ x 20000": lambda: page("## 同じ\n" * 20000),
    "headings ## 同じ-1 … x 5000": lambda: page("".join(f"## 同じ\n## 同じ-{i}\n" for i in range(5000))),
    "in-page links x 20000 with 20000 headings": lambda: page("".join(f"## h{i}\n[x](#h{i})\n" for i in range(20000))),
    "long line 5 MB": lambda: page("あ" * (5 * 1024 * 1024 // 3) + "\n"),
    "page 20 MB": lambda: page(("段落の文。" * 20 + "\n\n") * 70000),
    "www._ x 20000 (one word)": lambda: page("www._" * 20000),
    "x@y.jp x 20000 (one paragraph)": lambda: page("x@y.jp " * 20000),
    "</ + <!-- x 300000": lambda: page("</" + "<!--" * 300000),
    "a<!-- x 200000": lambda: page("a<!-- " * 200000),
    "- x 100000 (nested lists, at the limit)": lambda: page("- " * 100000 + "a\n"),
    "a\\n x 100000 lines (at the limit)": lambda: page("a\n" * 100000),
    "a\\r x 30000 (CR tables)": lambda: page("aaa\rbbb\n-\v\n" * 30000),
    "## + { x 100000": lambda: page("## " + "{" * 100000 + "\n"),
    "## + _a x 30000 (text nodes)": lambda: page("## " + "_a" * 30000 + "\n"),
    "table 100 columns x 498 rows (at the limit)": lambda: page(table(100, 0) + ("|x" * 100 + "|\n") * 498),
    "![[]() x 4400 (at the limit)": lambda: page("![[]()" * 4400),
    "[x](#nope) x 20000 with 20000 headings": lambda: page("".join(f"## h{i}\n[x](#nope{i})\n" for i in range(20000))),
    # TOML (toml++ recursion)
    "front matter a.a.a x 50000": lambda: {"content/test.md": "+++\ntitle = \"x\"\n" + deep_toml(50000) + "+++\n"},
    "front matter [[[ x 50000": lambda: {"content/test.md": "+++\ntitle = \"x\"\nx = " + "[" * 50000 + "\n+++\n"},
    "front matter {a={a= x 50000": lambda: {"content/test.md": "+++\ntitle = \"x\"\nx = " + "{a=" * 50000 + "\n+++\n"},
    "mamori.toml a.a.a x 50000": lambda: {"mamori.toml": "title = \"x\"\n" + deep_toml(50000)},
    "contacts.toml a.a.a x 50000": lambda: {"content/contacts.toml": deep_toml(50000)},
    "quiz a.a.a x 50000": lambda: {"quizzes/q.toml": deep_toml(50000)},
}


def project(folder, files):
    (folder / "content").mkdir(parents=True)
    (folder / "mamori.toml").write_text('title = "試験"\n', encoding="utf-8")
    (folder / "content" / "_index.md").write_text('+++\ntitle = "ホーム"\n+++\n\nようこそ。\n', encoding="utf-8")
    shutil.copytree(REPO / "themes", folder / "themes")
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def run_case(mamori, name, files, timeout):
    with tempfile.TemporaryDirectory(prefix="mamori-patho-") as tmp:
        root = pathlib.Path(tmp) / "p"
        project(root, files)
        command = ["/usr/bin/time", "-f", "%M", mamori, "build", "--root", str(root), "--jobs", "1"]
        start = time.monotonic()
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return time.monotonic() - start, 0, None, "(timed out)"
        seconds = time.monotonic() - start
        lines = result.stderr.strip().splitlines()
        memory = int(lines[-1]) / 1024 if lines and lines[-1].isdigit() else 0
        status = result.returncode
        if lines and lines[-1].isdigit():
            lines.pop()
        if lines and lines[-1].startswith("Command terminated by signal"):
            status = -int(lines.pop().split()[-1])
        first = next((line for line in lines if ": error:" in line), lines[0] if lines else "")
        return seconds, memory, status, first[:150]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mamori", default=str(REPO / "build" / "dev" / "mamori"))
    parser.add_argument("--limit", type=float, default=1.0, help="seconds a case may take (default 1)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a case is stopped (default 60)")
    parser.add_argument("names", nargs="*", help="run only the cases whose names contain one of these")
    args = parser.parse_args()
    failed = 0
    for name, make in CASES.items():
        if args.names and not any(n in name for n in args.names):
            continue
        seconds, memory, status, first = run_case(args.mamori, name, make(), args.timeout)
        bad = status is None or status not in (0, 1) or seconds > args.limit
        failed += bad
        shown = "timeout" if status is None else f"exit {status}"
        print(f"{'SLOW' if bad else 'ok  '} {seconds:7.2f} s {memory:7.0f} MB  {shown:8}  {name}\n{'':33}{first}",
              flush=True)
    print(f"{failed} case(s) over {args.limit} s, crashed or timed out" if failed else "every case was fast")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
