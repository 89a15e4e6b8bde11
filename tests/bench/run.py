#!/usr/bin/env python3
"""Build-speed benchmark: mamori against Hugo on the same generated pages, in one run.

    tests/bench/run.py [--pages N] [--repeat R]

Generates N Japanese pages (generate.py) once, then times, for each tool, a cold build
(empty output folder), a rebuild with nothing changed, and a rebuild after one page
changed, and a cold build into /dev/shm (tmpfs: the same work without the disk's file
system). Reports the median wall time, CPU time (user + system) and peak memory (max RSS)
of R runs, and the ratios Hugo / mamori. Hugo gets minimal layouts, so it does less
templating than mamori.

The floor: cmark-gfm alone (Debian's cmark-gfm, with the extensions mamori enables)
renders the same Markdown to HTML, 100 files per process, one process at a time; its CPU
time is what parsing and rendering the Markdown costs with nothing else done.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
WORK = HERE / "work"
MAMORI = REPO / "build" / "dev" / "mamori"
TMPFS = pathlib.Path("/dev/shm")

HUGO_LAYOUTS = {
    "baseof.html": '<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
                   '<body>{{ block "main" . }}{{ end }}</body></html>\n',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Description }}</p>{{ .TableOfContents }}'
                   '{{ .Content }}{{ end }}\n',
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="'
                 '{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


def timed(command, env=None):
    """Runs a command under /usr/bin/time; returns (wall seconds, peak MB, CPU seconds)."""
    result = subprocess.run(["/usr/bin/time", "-f", "%e %M %U %S", *command], capture_output=True, text=True,
                            env=env)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(map(str, command))}\n{result.stderr}")
    seconds, kilobytes, user, system = result.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(kilobytes) / 1024, float(user) + float(system)


def cmark_floor(project, repeat):
    """CPU seconds cmark-gfm alone takes to render every page (median of `repeat` runs)."""
    if shutil.which("cmark-gfm") is None:
        return None
    script = ("find content -name '*.md' -print0 | sort -z | "
              "xargs -0 -n 100 cmark-gfm -e table -e autolink -e strikethrough -e tasklist > /dev/null")
    runs = []
    for _ in range(repeat):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", "sh", "-c", script], cwd=project,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"cmark-gfm failed:\n{result.stderr}")
        wall, user, system = map(float, result.stderr.strip().splitlines()[-1].split())
        runs.append((wall, user + system))
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def prepare(pages):
    project = WORK / f"pages-{pages}"
    if not (project / "content").is_dir():
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([sys.executable, HERE / "generate.py", str(pages), project], check=True)
    shutil.rmtree(project / "themes", ignore_errors=True)
    shutil.copytree(REPO / "themes", project / "themes")
    (project / "mamori.toml").write_text('title = "ベンチマーク"\n', encoding="utf-8")
    (project / "hugo.toml").write_text(
        'baseURL = "http://localhost/"\nlanguageCode = "ja"\ntitle = "bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n', encoding="utf-8")
    layouts = project / "layouts" / "_default"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in HUGO_LAYOUTS.items():
        (layouts / name).write_text(text, encoding="utf-8")
    return project


def tools(project):
    env = dict(os.environ, MAMORI_TODAY="2026-11-23")
    mamori_out = project / "out-mamori"
    hugo_out = project / "out-hugo"
    return {
        "mamori": (["mamori", "build", "--root", project, "--out", mamori_out], mamori_out, env),
        "hugo": (["hugo", "--quiet", "--source", project, "--destination", hugo_out], hugo_out, env),
    }


def measure(name, command, out, env, project, repeat):
    command = [MAMORI, *command[1:]] if name == "mamori" else command
    changed = project / "content" / "s000" / "p001.md"
    original = changed.read_text(encoding="utf-8")
    results = {"cold": [], "unchanged": [], "one page changed": []}
    for run in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        for state in project.glob(".out-mamori.mamori-*"):
            shutil.rmtree(state) if state.is_dir() else state.unlink()
        results["cold"].append(timed(command, env))
        results["unchanged"].append(timed(command, env))
        changed.write_text(original + f"\n追記 {run}\n", encoding="utf-8")
        results["one page changed"].append(timed(command, env))
        changed.write_text(original, encoding="utf-8")
        if TMPFS.is_dir():  # the same cold build with the output in memory: what the file system costs
            memory_out = TMPFS / f"mamori-bench-{name}"
            shutil.rmtree(memory_out, ignore_errors=True)
            in_memory = [str(memory_out) if part == out else part for part in command]
            results.setdefault("cold, out on tmpfs", []).append(timed(in_memory, env))
            shutil.rmtree(memory_out, ignore_errors=True)
            for state in TMPFS.glob(f".mamori-bench-{name}.mamori-*"):
                shutil.rmtree(state) if state.is_dir() else state.unlink()
    return {case: tuple(statistics.median(run[k] for run in runs) for k in range(3)) for case, runs in results.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not MAMORI.exists():
        sys.exit("build mamori first: make build")
    if shutil.which("hugo") is None:
        sys.exit("Hugo is missing: apt-get install hugo")
    project = prepare(args.pages)
    size = sum(p.stat().st_size for p in (project / "content").rglob("*.md")) / 1e6
    hugo_version = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1]
    print(f"{args.pages} pages, {size:.0f} MB of Markdown; median of {args.repeat} runs; {os.cpu_count()} cores; "
          f"Hugo {hugo_version}")
    measured = {name: measure(name, *spec, project, args.repeat) for name, spec in tools(project).items()}
    print(f"{'case':<18} {'mamori s':>9} {'hugo s':>8} {'speed-up':>9} {'mamori CPU':>11} {'hugo CPU':>9} "
          f"{'mamori MB':>10} {'hugo MB':>8} {'memory':>8}")
    for case in measured["mamori"]:
        (mt, mm, mc), (ht, hm, hc) = measured["mamori"][case], measured["hugo"][case]
        print(f"{case:<18} {mt:>9.2f} {ht:>8.2f} {ht / mt:>8.1f}x {mc:>10.2f}s {hc:>8.2f}s "
              f"{mm:>10.0f} {hm:>8.0f} {mm / hm:>8.3f}")
    floor = cmark_floor(project, args.repeat)
    if floor is None:
        print("cmark-gfm is missing (apt-get install cmark-gfm): no floor row")
        return
    cold_cpu = measured["mamori"]["cold"][2]
    print(f"{'cmark-gfm alone':<18} {floor[0]:>9.2f} {'':>8} {'':>9} {floor[1]:>10.2f}s   "
          f"(mamori's cold CPU = {cold_cpu / floor[1]:.2f}x cmark-gfm's)")


if __name__ == "__main__":
    main()
