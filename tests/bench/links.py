#!/usr/bin/env python3
"""Link-checker benchmark: mamori against LinkChecker and linkinator, in one run.

    tests/bench/links.py [--urls 2000] [--per-host 4]

Starts loopback servers on 127.0.0.2–127.0.0.21 that answer after 100 ms, makes a project
citing N URLs spread over them, and times `mamori links` (no cache). The lower bound is
N / (20 hosts × per-host) × 0.1 s. Reports wall time, the ratio to the lower bound, and the
most requests any one host had in flight. LinkChecker (Debian) and linkinator (npm,
installed under tests/bench/node_modules on first use) check the same URLs from one HTML page.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
WORK = HERE / "work" / "links"
MAMORI = REPO / "build" / "dev" / "mamori"
PORT = 18080
HOSTS = range(2, 22)


def start_servers():
    process = subprocess.Popen([sys.executable, HERE / "slow_servers.py", "2", "21", str(PORT), "100"],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def stop_servers(process):
    process.terminate()
    stats = json.loads(process.stdout.readline())
    process.wait()
    return stats


def urls(count):
    return [f"http://127.0.0.{HOSTS[i % len(HOSTS)]}:{PORT}/page/{i}" for i in range(count)]


def project(count):
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "content" / "links").mkdir(parents=True)
    shutil.copytree(REPO / "themes", WORK / "themes")
    (WORK / "mamori.toml").write_text('title = "bench"\n', encoding="utf-8")
    (WORK / "content" / "_index.md").write_text('+++\ntitle = "bench"\n+++\n', encoding="utf-8")
    (WORK / "content" / "links" / "_index.md").write_text('+++\ntitle = "links"\n+++\n', encoding="utf-8")
    listed = urls(count)
    for part in range(0, count, 100):
        body = "\n".join(f"- [l{i}]({u})" for i, u in enumerate(listed[part:part + 100]))
        (WORK / "content" / "links" / f"p{part}.md").write_text(f'+++\ntitle = "p{part}"\n+++\n\n{body}\n',
                                                                encoding="utf-8")
    html = "<!DOCTYPE html><html><head><title>links</title></head><body>" + "".join(
        f'<a href="{u}">{i}</a>\n' for i, u in enumerate(listed)) + "</body></html>"
    (WORK / "links.html").write_text(html, encoding="utf-8")


def timed(name, command, env=None):
    servers = start_servers()
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    stats = stop_servers(servers)
    requests = sum(s["requests"] for s in stats.values())
    peak = max(s["peak"] for s in stats.values())
    return {"name": name, "seconds": seconds, "requests": requests, "peak": peak, "exit": result.returncode,
            "stderr": result.stderr[-500:]}


def linkinator():
    binary = HERE / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", HERE, "linkinator@6"],
                       check=True, capture_output=True)
    return binary


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    project(args.urls)
    bound = args.urls / (len(HOSTS) * args.per_host) * 0.1
    runs = [timed("mamori", [MAMORI, "links", "--root", WORK, "--no-cache", "--per-host", str(args.per_host),
                             "--max-connections", str(len(HOSTS) * args.per_host), "--format", "json"])]
    if args.peers and shutil.which("linkchecker"):
        runs.append(timed("LinkChecker", ["linkchecker", "--check-extern", "--no-status", "-o", "none",
                                          "--no-robots", "-t", "80", WORK / "links.html"]))
    if args.peers and shutil.which("npm"):
        runs.append(timed("linkinator", [linkinator(), WORK / "links.html", "--concurrency", "80", "--silent"]))
    print(f"{args.urls} URLs on {len(HOSTS)} loopback hosts, 100 ms each, {args.per_host} per host: "
          f"lower bound {bound:.2f} s")
    print(f"{'tool':<12} {'seconds':>8} {'÷ bound':>8} {'requests':>9} {'peak/host':>10} {'exit':>5}")
    for r in runs:
        print(f"{r['name']:<12} {r['seconds']:>8.2f} {r['seconds'] / bound:>8.2f} {r['requests']:>9} "
              f"{r['peak']:>10} {r['exit']:>5}")
    mamori = runs[0]
    for r in runs[1:]:
        print(f"mamori is {r['seconds'] / mamori['seconds']:.1f}× faster than {r['name']}")
    if mamori["exit"] != 0:
        print("mamori failed:", mamori["stderr"], file=sys.stderr)


if __name__ == "__main__":
    main()
