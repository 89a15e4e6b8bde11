#!/usr/bin/env python3
"""Build-speed benchmark: mamori against Hugo on the same generated pages, in one run.

    tests/bench/run.py [--pages N] [--repeat R]

Generates N Japanese pages (generate.py) once, then times, for each tool, a cold build
(empty output folder), a rebuild with nothing changed, and a rebuild after one page
changed, and the cold build again into /dev/shm (tmpfs: the same work without the disk's
file system) and, when run as root, onto a fresh ext4 made for the run (see fresh_ext4). Reports the median wall time, CPU time (user + system) and peak memory (max RSS)
of R runs, and the ratios Hugo / mamori. Hugo gets minimal layouts, so it does less
templating than mamori.

The floor: cmark-gfm alone (Debian's cmark-gfm, with the extensions mamori enables)
renders the same Markdown to HTML, 100 files per process, one process at a time; its CPU
time is what parsing and rendering the Markdown costs with nothing else done. It runs again
with one process per core, writing nothing: its wall time against Hugo's cold build on
tmpfs is the most any generator that renders with cmark-gfm could gain over Hugo on this
machine.
"""
import argparse
import contextlib
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


def cmark_floor(project, repeat, jobs=1):
    """(wall, CPU) seconds cmark-gfm alone takes to render every page with `jobs` processes at
    a time (medians of `repeat` runs)."""
    if shutil.which("cmark-gfm") is None:
        return None
    script = ("find content -name '*.md' -print0 | sort -z | "
              f"xargs -0 -n 100 -P {jobs} cmark-gfm -e table -e autolink -e strikethrough -e tasklist > /dev/null")
    runs = []
    for _ in range(repeat):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S", "sh", "-c", script], cwd=project,
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"cmark-gfm failed:\n{result.stderr}")
        wall, user, system = map(float, result.stderr.strip().splitlines()[-1].split())
        runs.append((wall, user + system))
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


@contextlib.contextmanager
def fresh_ext4(pages):
    """A new ext4 file system made as mkfs.ext4 makes it (with a journal), in an image file
    mounted under work/; None when that cannot be done (it needs root and a loop device).

    The cold build in the project's folder creates 10,000 files right after the previous
    ones were deleted. On an ext4 without a journal (as some virtual machines' disks are) the
    kernel then skips every inode freed in the last minutes, reading each one to see when,
    and that search dominates both tools' time. A fresh, journaled ext4 shows what the
    tools cost on the disk of an ordinary server."""
    image, mount = WORK / "ext4.img", WORK / "ext4"
    if os.geteuid() != 0 or shutil.which("mkfs.ext4") is None:
        yield None
        return
    WORK.mkdir(parents=True, exist_ok=True)
    subprocess.run(["umount", mount], capture_output=True)
    image.unlink(missing_ok=True)
    with open(image, "wb") as f:
        f.truncate(max(1 << 30, pages * 100_000))
    mount.mkdir(exist_ok=True)
    made = subprocess.run(["mkfs.ext4", "-q", "-F", image], capture_output=True).returncode == 0
    if not made or subprocess.run(["mount", "-o", "loop", image, mount], capture_output=True).returncode != 0:
        print("(no fresh ext4 case: mkfs.ext4 or mounting a loop device failed)")
        image.unlink(missing_ok=True)
        mount.rmdir()
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", mount], capture_output=True)
        image.unlink(missing_ok=True)
        mount.rmdir()


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


def measure(name, command, out, env, project, repeat, places):
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
        for case, folder in places.items():  # the same cold build elsewhere: what the file system costs
            elsewhere = folder / f"mamori-bench-{name}"
            shutil.rmtree(elsewhere, ignore_errors=True)
            moved = [str(elsewhere) if part == out else part for part in command]
            results.setdefault(case, []).append(timed(moved, env))
            shutil.rmtree(elsewhere, ignore_errors=True)
            for state in folder.glob(f".mamori-bench-{name}.mamori-*"):
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
    with fresh_ext4(args.pages) as ext4:
        places = {"cold, out on tmpfs": TMPFS} if TMPFS.is_dir() else {}
        if ext4 is not None:
            places["cold, fresh ext4"] = ext4
        measured = {name: measure(name, *spec, project, args.repeat, places) for name, spec in tools(project).items()}
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
    in_memory = "cold, out on tmpfs"
    if in_memory in measured["mamori"]:
        print(f"{'':<18} {'':>9} {'':>8} {'':>9} {'':>10}    "
              f"(on tmpfs: {measured['mamori'][in_memory][2] / floor[1]:.2f}x)")
        cores = os.cpu_count() or 1
        wall, cpu = cmark_floor(project, args.repeat, cores)
        hugo_wall = measured["hugo"][in_memory][0]
        label = f"cmark-gfm, {cores} at once"
        print(f"{label:<18} {wall:>9.2f} {hugo_wall:>8.2f} {hugo_wall / wall:>8.1f}x {cpu:>10.2f}s   "
              f"(Hugo's cold build on tmpfs against Markdown alone on every core: the most a "
              f"cmark-gfm generator can gain here)")


if __name__ == "__main__":
    main()
