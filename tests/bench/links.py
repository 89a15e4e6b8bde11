#!/usr/bin/env python3
"""Link-checker benchmark: mamori against LinkChecker and linkinator, in one run.

    tests/bench/links.py [--urls 2000] [--per-host 4] [--cases html,text,pdf] [--mamori PATH]
                         [--before PATH]

Starts loopback servers on 127.0.0.2–127.0.0.21 that answer after 100 ms, makes a project
citing N URLs spread over them, and times `mamori links` (no cache). The lower bound is
N / (20 hosts × per-host) × 0.1 s. Each case has the servers answer differently
(slow_servers.py): `html` a 32 KB text/html page with a <title> (what government sites
serve), `text` a tiny text/plain body, `pdf` a 1 MB application/pdf at URLs ending in .pdf.
Reports, counted in the servers: wall time, the ratio to the lower bound, requests per URL
(HEAD and GET), TCP connections per URL and the most requests any one host had in flight.
LinkChecker (Debian) and linkinator (npm, installed under tests/bench/node_modules on first
use) check the same URLs from one HTML page. `--before PATH` times another mamori binary too
(say, one built from an older commit), in the same run.
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


def start_servers(kind):
    process = subprocess.Popen([sys.executable, HERE / "slow_servers.py", "2", "21", str(PORT), "100", kind],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    return process


def stop_servers(process):
    process.terminate()
    stats = json.loads(process.stdout.readline())
    process.wait()
    return stats


def urls(count, kind):
    path = "doc/{}.pdf" if kind == "pdf" else "page/{}"
    return [f"http://127.0.0.{HOSTS[i % len(HOSTS)]}:{PORT}/" + path.format(i) for i in range(count)]


def project(count, kind):
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "content" / "links").mkdir(parents=True)
    shutil.copytree(REPO / "themes", WORK / "themes")
    (WORK / "mamori.toml").write_text('title = "bench"\n', encoding="utf-8")
    (WORK / "content" / "_index.md").write_text('+++\ntitle = "bench"\n+++\n', encoding="utf-8")
    (WORK / "content" / "links" / "_index.md").write_text('+++\ntitle = "links"\n+++\n', encoding="utf-8")
    listed = urls(count, kind)
    for part in range(0, count, 100):
        body = "\n".join(f"- [l{i}]({u})" for i, u in enumerate(listed[part:part + 100]))
        (WORK / "content" / "links" / f"p{part}.md").write_text(f'+++\ntitle = "p{part}"\n+++\n\n{body}\n',
                                                                encoding="utf-8")
    html = "<!DOCTYPE html><html><head><title>links</title></head><body>" + "".join(
        f'<a href="{u}">{i}</a>\n' for i, u in enumerate(listed)) + "</body></html>"
    (WORK / "links.html").write_text(html, encoding="utf-8")


def timed(name, kind, command, env=None):
    servers = start_servers(kind)
    start = time.monotonic()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - start
    stats = stop_servers(servers)
    methods = {}
    for s in stats.values():
        for method, n in s["requests"].items():
            methods[method] = methods.get(method, 0) + n
    return {"name": name, "case": kind, "seconds": seconds, "methods": methods,
            "requests": sum(methods.values()), "connections": sum(s["connections"] for s in stats.values()),
            "peak": max(s["peak"] for s in stats.values()), "exit": result.returncode, "stderr": result.stderr[-500:]}


def linkinator():
    binary = HERE / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--prefix", HERE],
                       check=True, capture_output=True)
    return binary


def run_case(kind, args):
    project(args.urls, kind)
    binaries = [("mamori", args.mamori)] + ([("mamori before", args.before)] if args.before else [])
    runs = [timed(name, kind, [binary, "links", "--root", WORK, "--no-cache", "--per-host", str(args.per_host),
                               "--max-connections", str(len(HOSTS) * args.per_host), "--format", "json"])
            for name, binary in binaries]
    if args.peers and shutil.which("linkchecker"):
        runs.append(timed("LinkChecker", kind, ["linkchecker", "--check-extern", "--no-status", "-o", "none",
                                                "--no-robots", "-t", "80", WORK / "links.html"]))
    if args.peers and shutil.which("npm"):
        runs.append(timed("linkinator", kind, [linkinator(), WORK / "links.html", "--concurrency", "80",
                                               "--silent"]))
    return runs


def methods_text(methods):
    return " + ".join(f"{n} {m}" for m, n in sorted(methods.items(), key=lambda item: item[0] != "HEAD"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--cases", default="html,text,pdf", help="comma-separated: html, text, pdf")
    parser.add_argument("--mamori", default=str(MAMORI), help="the mamori binary to time")
    parser.add_argument("--before", help="another mamori binary to time in the same run")
    parser.add_argument("--peers", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    bound = args.urls / (len(HOSTS) * args.per_host) * 0.1
    runs = [r for kind in args.cases.split(",") for r in run_case(kind, args)]
    print(f"{args.urls} URLs on {len(HOSTS)} loopback hosts, 100 ms each, {args.per_host} per host: "
          f"lower bound {bound:.2f} s")
    print(f"| case | tool | seconds | ÷ bound | requests/URL | requests | connections/URL | peak/host | exit |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in runs:
        print(f"| {r['case']} | {r['name']} | {r['seconds']:.2f} | {r['seconds'] / bound:.2f} | "
              f"{r['requests'] / args.urls:.2f} | {methods_text(r['methods'])} | "
              f"{r['connections'] / args.urls:.2f} | {r['peak']} | {r['exit']} |")
    for r in runs:
        if r["name"].startswith("mamori") and r["exit"] != 0:
            print(f"mamori failed on {r['case']}:", r["stderr"], file=sys.stderr)


if __name__ == "__main__":
    main()
