#!/usr/bin/env python3
"""Search benchmark: mamori's index against Pagefind, side by side, in one run.

    tests/bench/search.py [--pages N] [--repeat R] [--no-browser] [--no-build-timing]

Needs build/dev/mamori (make build), `npm ci` in tests/bench (Pagefind) and in
tests/browser (playwright-core), and /usr/bin/chromium. Prints, for the bundled portal
(the repository's content/, quizzes/, themes/) and for N generated pages (generate.py,
default 10,000, made once under tests/bench/work/ and reused):

- the index: bytes of site/search/* against the bytes of text it holds (titles,
  headings and block texts of the c*.js chunks, unpacked), and Pagefind's index over the
  same HTML (less search.html, pages.html, 404.html). The generated pages repeat one text,
  so they compress far better than real pages do;
- build time: median of R cold builds with the theme's search template and without it
  (no index then), wall and user CPU, the extra as % of the build; Pagefind's indexing time;
- in Chromium (search_timing.mjs), for 20 queries: mamori from file:// (search.html, the
  time from the Enter key to the results painted, in a fresh page and again in the same
  page; and the bare search.run API), Pagefind's JS API over a loopback HTTP server
  (search, then the first 5 results' data); the bytes of index files each query loads in
  a fresh page; the top 5 pages of both and how many agree.

--reuse times the queries again on the sites of the last run. Nothing is written outside
tests/bench/work/. Numbers are medians; the machine's load average is printed with them.
"""
import argparse
import base64
import functools
import http.server
import json
import os
import pathlib
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import zlib

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
WORK = HERE / "work"
MAMORI = REPO / "build" / "dev" / "mamori"
ENV = dict(os.environ, MAMORI_TODAY="2026-11-23")

QUERIES = ["不審なメール", "USBメモリ", "ランサムウェア", "秘密情報", "輸出管理", "相談", "パスワード",
           "セキュリティ・クリアランス", "標的型", "バックアップ", "経済安全保障", "技術流出", "鍵", "盗",
           "ＵＳＢメモリー", "IPA", "営業秘密", "漏えい", "退職者 情報", "取引先 管理"]

# Used only while the theme has no search template of its own (before the search UI).
MINIMAL_TEMPLATES = {
    "search.mustache": '<!DOCTYPE html><html lang="{{lang}}"><head>{{> head}}</head><body>{{> header}}'
                       '<main id="m-main"><h1>{{page.title}}</h1><a href="{{pages_href}}">all</a></main></body></html>\n',
    "pages.mustache": '<!DOCTYPE html><html lang="{{lang}}"><head>{{> head}}</head><body>{{> header}}'
                      '<main id="m-main"><h1>{{page.title}}</h1>{{#sections}}<h2><a href="{{href}}">{{title}}</a></h2>'
                      '<ul>{{#pages}}<li><a href="{{href}}">{{title}}</a></li>{{/pages}}</ul>{{/sections}}</main>'
                      '</body></html>\n',
}


def themes(project, source):
    """Two copies of the repository's theme: `search-on` (with a search template) and
    `search-off` (without one, so mamori builds no index). Returns whether the real
    theme had a search template."""
    real = (source / "templates" / "search.mustache").exists()
    for name in ("search-on", "search-off"):
        target = project / "themes" / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    templates = project / "themes" / "search-on" / "templates"
    for name, text in MINIMAL_TEMPLATES.items():
        if not (templates / name).exists():
            (templates / name).write_text(text, encoding="utf-8")
    (project / "themes" / "search-off" / "templates" / "search.mustache").unlink(missing_ok=True)
    return real


def prepare_bundled():
    project = WORK / "search-bundled"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    for folder in ("content", "quizzes"):
        shutil.copytree(REPO / folder, project / folder)
    config = (REPO / "mamori.toml").read_text(encoding="utf-8")
    return project, re.sub(r'(?m)^theme\s*=.*\n', "", config)


def prepare_generated(pages):
    """The generated pages once (shared with run.py), hard-linked into a project of ours."""
    source = WORK / f"pages-{pages}"
    if not (source / "content").is_dir():
        shutil.rmtree(source, ignore_errors=True)
        subprocess.run([sys.executable, HERE / "generate.py", str(pages), source], check=True)
    project = WORK / f"search-pages-{pages}"
    if not (project / "content").is_dir():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        subprocess.run(["cp", "-al", source / "content", project / "content"], check=True)
    return project, 'title = "ベンチマーク"\n'


def timed(command, env=None):
    """Runs a command under /usr/bin/time; returns (wall s, user CPU s, system CPU s)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", *map(str, command)], capture_output=True, text=True,
                            env=env)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stderr[-3000:]}")
    return tuple(float(v) for v in result.stderr.strip().splitlines()[-1].split())


def build(project, config, theme, out):
    """One cold build of `project` with `theme` into `out`; returns its times."""
    (project / "mamori.toml").write_text(f'theme = "{theme}"\n' + config, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    for state in out.parent.glob(f".{out.name}.mamori-*"):
        shutil.rmtree(state) if state.is_dir() else state.unlink()
    return timed([MAMORI, "build", "--root", project, "--out", out], ENV)


def median_pair(runs):
    """The median wall, user and system times of runs."""
    return tuple(statistics.median(run[i] for run in runs) for i in range(3))


def chunk_text_bytes(search_dir):
    """UTF-8 bytes of the titles, headings and block texts in the c*.js chunks, and the
    number of documents."""
    total = docs = 0
    for path in sorted(search_dir.glob("c*.js")):
        text = path.read_text(encoding="utf-8")
        match = re.fullmatch(r"\s*mamoriSearch\.chunk\(\d+,\s*(.*)\);?\s*", text, re.S)
        if not match:
            sys.exit(f"{path}: not a text chunk")
        for _url, title, _section, blocks in chunk_documents(json.loads(match.group(1))):
            docs += 1
            total += len(title.encode())
            total += sum(len(heading.encode()) + len(body.encode()) for _anchor, heading, body in blocks)
    return total, docs


def chunk_documents(data):
    """A chunk's documents: its data is JSON, or JSON in raw DEFLATE as base64 (docs/search.md)."""
    if isinstance(data, str):
        data = json.loads(zlib.decompress(base64.b64decode(data), -15).decode("utf-8"))
    return data


def folder_bytes(folder):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# Pagefind's index proper; the rest of pagefind/ is its JS, CSS and wasm.
PAGEFIND_DATA = re.compile(r"\.pf_(index|fragment|meta|filter)$|^pagefind-entry\.json$")


def pagefind_binary():
    found = sorted((HERE / "node_modules" / "@pagefind").glob("*/bin/pagefind*"))
    found = [p for p in found if p.is_file() and os.access(p, os.X_OK)]
    if not found:
        sys.exit("Pagefind is missing: cd tests/bench && npm ci")
    return found[0]


def pagefind(site, name, repeat):
    """Pagefind over a hard-linked copy of mamori's site, less the pages mamori does not
    index either (search.html, pages.html, 404.html). Returns (copy, timings, bytes)."""
    copy = WORK / f"pagefind-{name}"
    shutil.rmtree(copy, ignore_errors=True)
    subprocess.run(["cp", "-al", site, copy], check=True)
    shutil.rmtree(copy / "search")
    for page in ("search.html", "pages.html", "404.html"):
        (copy / page).unlink(missing_ok=True)
    runs = []
    for _ in range(repeat):
        shutil.rmtree(copy / "pagefind", ignore_errors=True)
        runs.append(timed([pagefind_binary(), "--site", copy, "--silent"]))
    files = [p for p in (copy / "pagefind").rglob("*") if p.is_file()]
    data = [p for p in files if PAGEFIND_DATA.search(p.name)]
    return copy, median_pair(runs), {"bytes": sum(p.stat().st_size for p in files), "files": len(files),
                                     "data_bytes": sum(p.stat().st_size for p in data), "data_files": len(data)}


def measure_site(name, project, config, args):
    """Builds with and without the search; returns the numbers and the two sites. With
    --reuse, the numbers of the last run when it left them."""
    key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    saved = WORK / f"search-{key}.json"
    if args.reuse and saved.exists():
        measured = json.loads(saved.read_text(encoding="utf-8"))
        return {k: pathlib.Path(v) if k in ("site", "pagefind_site") else v for k, v in measured.items()}
    measured = build_and_index(name, key, project, config, args)
    saved.write_text(json.dumps(measured, default=str), encoding="utf-8")
    return measured


def build_and_index(name, key, project, config, args):
    print(f"[{name}] building …", file=sys.stderr, flush=True)
    real = themes(project, args.theme)
    outs = {theme: WORK / f"site-{key}-{theme}" for theme in ("search-on", "search-off")}
    runs = {theme: [] for theme in outs}
    repeat = (args.repeat_bundled if name == "bundled" else args.repeat) if args.build_timing else 1
    for _ in range(repeat):
        for theme, out in outs.items():
            runs[theme].append(build(project, config, theme, out))
    site = outs["search-on"]
    text_bytes, docs = chunk_text_bytes(site / "search")
    print(f"[{name}] Pagefind …", file=sys.stderr, flush=True)
    copy, pf_time, pf = pagefind(site, key, args.pagefind_repeat if args.build_timing else 1)
    return {
        "name": name, "real_theme": real, "site": site, "pagefind_site": copy, "docs": docs,
        "pages": sum(1 for _ in site.rglob("*.html")),
        "index_bytes": folder_bytes(site / "search"), "index_files": sum(1 for _ in (site / "search").iterdir()),
        "text_bytes": text_bytes, "html_bytes": sum(p.stat().st_size for p in site.rglob("*.html")),
        "with": median_pair(runs["search-on"]), "without": median_pair(runs["search-off"]),
        "pagefind_time": pf_time, "pagefind": pf, "repeat": repeat,
        "pagefind_repeat": args.pagefind_repeat if args.build_timing else 1,
    }


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, plus an empty page at /__bench.html for running Pagefind's API
    without the site's CSP."""

    def do_GET(self):
        if self.path.split("?")[0] == "/__bench.html":
            body = b'<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>bench</title></head><body></body></html>'
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def serve(folder):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser(measured, args):
    """Runs search_timing.mjs over every site; returns its JSON per site name."""
    servers, sites = [], []
    for m in measured:
        server, url = serve(m["pagefind_site"])
        servers.append(server)
        sites.append({"name": m["name"], "mamori": str(m["site"]), "pagefind": url,
                      "pagefind_dir": str(m["pagefind_site"])})
    try:
        spec = json.dumps({"sites": sites, "queries": QUERIES, "runs": args.browser_runs})
        result = subprocess.run(["node", HERE / "search_timing.mjs"], input=spec, capture_output=True, text=True)
    finally:
        for server in servers:
            server.shutdown()
    if result.returncode != 0:
        sys.exit(f"search_timing.mjs failed:\n{result.stderr[-5000:]}")
    return json.loads(result.stdout)


def ms_stats(values):
    values = [v for v in values if v is not None]
    return (statistics.median(values), max(values)) if values else (float("nan"), float("nan"))


def kb(n):
    return f"{n / 1024:,.1f} KB" if n < 10 * 1024 * 1024 else f"{n / 1048576:,.1f} MB"


def print_static(measured):
    names = [m["name"] for m in measured]
    width = 24
    print(f"\n{'index and build':<44}" + "".join(f"{n:>{width}}" for n in names))

    def row(label, cells):
        print(f"{label:<44}" + "".join(f"{c:>{width}}" for c in cells))

    row("pages (HTML files) / indexed documents", [f"{m['pages']:,} / {m['docs']:,}" for m in measured])
    row("HTML of the site", [kb(m["html_bytes"]) for m in measured])
    row("indexed text (titles, headings, blocks)", [kb(m["text_bytes"]) for m in measured])
    row("mamori index (site/search/*)", [kb(m["index_bytes"]) for m in measured])
    row("  files", [f"{m['index_files']:,}" for m in measured])
    row("  ratio to the indexed text", [f"{m['index_bytes'] / m['text_bytes']:.2f}x" for m in measured])
    row("Pagefind index data (pf_*, entry.json)", [kb(m["pagefind"]["data_bytes"]) for m in measured])
    row("  files", [f"{m['pagefind']['data_files']:,}" for m in measured])
    row("  ratio to the indexed text", [f"{m['pagefind']['data_bytes'] / m['text_bytes']:.2f}x" for m in measured])
    row("  Pagefind / mamori", [f"{m['pagefind']['data_bytes'] / m['index_bytes']:.2f}x" for m in measured])
    row("Pagefind folder with its JS, CSS, wasm", [kb(m["pagefind"]["bytes"]) for m in measured])
    row("  Pagefind / mamori", [f"{m['pagefind']['bytes'] / m['index_bytes']:.2f}x" for m in measured])
    row("cold builds per variant (median of)", [str(m["repeat"]) for m in measured])
    row("build without search: wall / user / sys s", [times(m["without"]) for m in measured])
    row("build with search: wall / user / sys s", [times(m["with"]) for m in measured])
    row("  extra wall (% of the build)", [f"{m['with'][0] - m['without'][0]:+.2f} ({pct(m, 0)})" for m in measured])
    row("  extra user CPU (% of the build)", [f"{m['with'][1] - m['without'][1]:+.2f} ({pct(m, 1)})" for m in measured])
    row("Pagefind indexing: wall / user / sys s", [times(m["pagefind_time"]) for m in measured])
    row("  runs (median of)", [str(m["pagefind_repeat"]) for m in measured])
    row("  Pagefind wall / mamori's extra wall", [ratio(m["pagefind_time"][0], m["with"][0] - m["without"][0])
                                                  for m in measured])


def times(t):
    return " / ".join(f"{v:.2f}" for v in t)


def pct(m, i):
    return f"{(m['with'][i] - m['without'][i]) / m['without'][i] * 100:+.0f}%"


def ratio(a, b):
    return f"{a / b:.1f}x" if b > 0.005 else "n/a"


def print_browser(name, data):
    queries = data["queries"]
    print(f"\nChromium, {name}: mamori from file://, Pagefind from http://127.0.0.1; one fresh page per query"
          f" and measure\n  ms over {len(queries)} queries{'':<44}{'median':>8} {'max':>8}")
    series = {
        "mamori search.html, Enter → results painted": [q["mamori"]["page_ms"] for q in queries],
        "  the same query again in that page": [q["mamori"]["again_ms"] for q in queries],
        "mamori search.run API, after a warm-up query": [q["mamori"]["api_ms"] for q in queries],
        "Pagefind search + 5 results' data, first search": [q["pagefind"]["cold_ms"] for q in queries],
        "Pagefind the same, after a warm-up query": [q["pagefind"]["api_ms"] for q in queries],
        "  the same query again in that page": [q["pagefind"]["again_ms"] for q in queries],
    }
    medians = {}
    for label, values in series.items():
        med, top = ms_stats(values)
        medians[label] = med
        print(f"  {label:<66} {med:>8.1f} {top:>8.1f}")
    ratios = (("Pagefind first search / mamori search.html", "Pagefind search + 5 results' data, first search",
               "mamori search.html, Enter → results painted"),
              ("Pagefind / mamori, API after a warm-up query", "Pagefind the same, after a warm-up query",
               "mamori search.run API, after a warm-up query"))
    for label, over, under in ratios:
        print(f"  {label + ' (medians)':<66} {medians[over] / medians[under]:>7.1f}x")
    if not any(q["mamori"]["count"] for q in queries) and any(q["pagefind"]["count"] for q in queries):
        print("  WARNING: mamori found nothing for any query: does the theme's search-index.js read this index?")
    print(f"  bytes a query loads in a fresh page{'':<31}{'median':>8} {'max':>8}")
    for label, key, tool in (("mamori search/*.js (meta, shards, chunks)", "bytes", "mamori"),
                             ("Pagefind pagefind/*, with its JS and wasm", "bytes", "pagefind"),
                             ("Pagefind index files only (pf_meta, pf_index, pf_fragment)", "index_bytes",
                              "pagefind")):
        values = [q[tool][key] for q in queries]
        print(f"  {label:<66} {kb(statistics.median(values)):>8} {kb(max(values)):>8}")
    print("  per query: ms (mamori page, mamori API, Pagefind first, Pagefind warm), KB loaded, results"
          " (n+: mamori confirmed the best n, more may match), top-5 overlap")
    print(f"  {'query':<26}{'m.page':>8}{'m.api':>8}{'pf.1st':>8}{'pf.api':>8}{'m.KB':>8}{'pf.KB':>8}{'pf.idx':>8}"
          f"{'m.n':>6}{'pf.n':>6}{'agree':>7}")
    agree = []
    for q in queries:
        m, p = q["mamori"], q["pagefind"]
        overlap = len(set(m["top"]) & set(p["top"]))
        best = min(5, max(len(set(m["top"])), len(set(p["top"]))))
        agree.append((overlap, best))
        print(f"  {q['query']:<{26 - east_asian_extra(q['query'])}}{fmt(m['page_ms'])}{fmt(m['api_ms'])}"
              f"{fmt(p['cold_ms'])}{fmt(p['api_ms'])}{m['bytes'] / 1024:>8.0f}{p['bytes'] / 1024:>8.0f}"
              f"{p['index_bytes'] / 1024:>8.0f}{str(m['count']) + ('+' if m.get('more') else ''):>6}{p['count']:>6}"
              f"{overlap:>5}/{best}")
    print(f"  top-5 pages in common: {sum(o for o, _ in agree)} of {sum(b for _, b in agree)}")
    if name != "bundled":
        print("  (the generated pages repeat one text: scores tie, so which 5 come first says little)")
    print("  top 5 (mamori | Pagefind):")
    for q in queries:
        print(f"    {q['query']}: {' '.join(q['mamori']['top']) or '-'} | {' '.join(q['pagefind']['top']) or '-'}")


def fmt(ms):
    return f"{ms:>8.1f}" if ms is not None else f"{'-':>8}"


def east_asian_extra(text):
    """Columns a wide character takes beyond one, so the table lines up in a terminal."""
    import unicodedata
    return sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")


def machine():
    cores = os.cpu_count()
    model = ""
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True).stdout.strip()
    pf = subprocess.run([pagefind_binary(), "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    return f"{cores} cores ({model}), {platform.system()} {platform.release()}; {chromium}; {pf}; load {load:.1f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3, help="cold builds per variant (median)")
    parser.add_argument("--repeat-bundled", type=int, default=9,
                        help="cold builds of the bundled portal (a fraction of a second each: noisier)")
    parser.add_argument("--pagefind-repeat", type=int, default=1,
                        help="Pagefind indexing runs (median; minutes each on 10,000 pages)")
    parser.add_argument("--browser-runs", type=int, default=1, help="fresh pages per query and tool (median)")
    parser.add_argument("--no-browser", dest="browser", action="store_false")
    parser.add_argument("--no-build-timing", dest="build_timing", action="store_false",
                        help="one build per variant, for the browser part only")
    parser.add_argument("--theme", type=pathlib.Path, default=REPO / "themes" / "default",
                        help="the theme to copy (default: the repository's)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the sites and build numbers of the last run; time the queries again")
    parser.add_argument("--only", choices=["bundled", "generated"], help="one corpus only")
    args = parser.parse_args()
    if not MAMORI.exists():
        sys.exit("build mamori first: make build")
    corpora = []
    if args.only != "generated":
        corpora.append(("bundled", *prepare_bundled()))
    if args.only != "bundled":
        corpora.append((f"{args.pages:,} pages", *prepare_generated(args.pages)))
    measured = [measure_site(name, project, config, args) for name, project, config in corpora]
    print(machine())
    if not all(m["real_theme"] for m in measured):
        print("note: the theme has no search template; built with a minimal one (no search UI)")
    print_static(measured)
    if not args.browser:
        return
    if not all(m["real_theme"] for m in measured):
        print("\nChromium: skipped, the theme has no search UI yet")
        return
    print("[browser] timing queries …", file=sys.stderr, flush=True)
    results = browser(measured, args)
    for m in measured:
        print_browser(m["name"], results[m["name"]])


if __name__ == "__main__":
    main()
