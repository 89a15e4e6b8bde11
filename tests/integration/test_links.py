"""`mamori links` against loopback servers the test starts: nothing leaves 127.0.0.0/8."""
import json
import os
import pathlib
import re
import resource
import signal
import subprocess
import time
import tomllib
import xml.etree.ElementTree as ET

import linkserver
from helpers import ENV, MAMORI, ProjectTest, run


class LinksTest(ProjectTest):
    fixture = "links"  # cites nothing outside loopback

    def setUp(self):
        super().setUp()
        self.server, self.base = linkserver.start()
        self.second, self.base2 = linkserver.start("127.0.0.2", delay=0.2)

    def tearDown(self):
        self.server.shutdown()
        self.second.shutdown()
        super().tearDown()

    def links(self, *args, timeout=120):
        result = run("links", "--root", self.root, *args, timeout=timeout)
        # Guard: every URL checked must be on loopback (or not fetched at all).
        for url in re.findall(r"https?://[^\s\"')\]]+", result.stdout):
            if url == "http://exa":  # the malformed URL of one test, never fetched
                continue
            self.assertRegex(url, r"^http://127\.0\.0\.\d+:", "a test must not leave loopback")
        return result

    def page(self, name, urls, sources=()):
        body = "\n\n".join(f"- [リンク{i}]({url})" for i, url in enumerate(urls))
        src = ", ".join(f'"{s}"' for s in sources)
        return self.write(f"content/cyber/{name}.md",
                          f'+++\ntitle = "{name}"\nsources = [{src}]\n+++\n\n{body}\n')

    def verdicts(self, result):
        document = json.loads(result.stdout)
        return document, {link["url"]: link for link in document["links"]}

    def test_verdicts(self):
        b = self.base
        refused = f"http://127.0.0.1:{linkserver.closed_port()}/"
        urls = [f"{b}/ok", f"{b}/doc.pdf", f"{b}/head-405", f"{b}/missing", f"{b}/perm", f"{b}/temp", f"{b}/chain",
                f"{b}/loop-a", f"{b}/rel/page", f"{b}/old-page", f"{b}/soft", f"{b}/to-404", f"{b}/busy",
                f"{b}/flaky", f"{b}/slow", f"{b}/frag#初動対応", f"{b}/frag#%E5%88%9D%E5%8B%95%E5%AF%BE%E5%BF%9C",
                f"{b}/frag#old", f"{b}/frag#nothere", f"{b}/日本語/ページ.html",
                f"{b}/%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%9A%E3%83%BC%E3%82%B8.html", f"{b}/huge", f"{b}/huge#deep",
                f"{b}/cf", f"{b}/reset", refused, "mailto:soudan@example.jp"]
        self.page("links", urls)
        result = self.links("--format", "json", "--no-cache", "--timeout", "1", "--retries", "1")
        self.assertEqual(result.returncode, 1, result.stderr)
        document, by_url = self.verdicts(result)
        expected = {
            f"{b}/ok": "ok", f"{b}/doc.pdf": "ok", f"{b}/head-405": "ok", f"{b}/missing": "broken",
            f"{b}/perm": "redirected", f"{b}/temp": "ok", f"{b}/chain": "redirected", f"{b}/loop-a": "unreachable",
            f"{b}/rel/page": "redirected", f"{b}/old-page": "broken", f"{b}/soft": "broken", f"{b}/to-404": "broken",
            f"{b}/busy": "ok", f"{b}/flaky": "ok", f"{b}/slow": "timeout", f"{b}/frag#初動対応": "ok",
            f"{b}/frag#%E5%88%9D%E5%8B%95%E5%AF%BE%E5%BF%9C": "ok", f"{b}/frag#old": "ok",
            f"{b}/frag#nothere": "broken", f"{b}/日本語/ページ.html": "ok",
            f"{b}/%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%9A%E3%83%BC%E3%82%B8.html": "ok", f"{b}/huge": "ok",
            f"{b}/huge#deep": "broken", f"{b}/cf": "blocked", f"{b}/reset": "unreachable", refused: "unreachable",
            "mailto:soudan@example.jp": "skipped",
        }
        got = {url: by_url[url]["verdict"] for url in expected}
        self.assertEqual(got, expected)
        self.assertEqual(by_url[f"{b}/perm"]["final_url"], f"{b}/ok")
        self.assertEqual(by_url[f"{b}/rel/page"]["final_url"], f"{b}/ok")
        self.assertEqual(by_url[f"{b}/old-page"]["reason"], f"soft 404: redirected to the site's top page {b}/")
        self.assertEqual(by_url[f"{b}/missing"]["status"], 404)
        self.assertEqual(by_url[f"{b}/missing"]["sources"], [{"file": "content/cyber/links.md", "line": 12}])
        self.assertEqual(by_url[f"{b}/huge#deep"]["reason"], "the page has no #deep in its first 2 MB")
        # Only as much of the 50 MB body as needed was read.
        self.assertLess(self.server.state.huge_bytes_sent, 10 * 1024 * 1024)
        summary = document["summary"]
        self.assertEqual(summary["total"], len(urls))
        self.assertEqual(summary["skipped"], 1)
        self.assertEqual(set(document), {"version", "summary", "links", "internal"})

    def test_each_url_is_fetched_once_and_the_host_is_not_flooded(self):
        b2 = self.base2
        urls = [f"{b2}/counted.pdf"] * 3 + [f"{b2}/p{i}.pdf" for i in range(12)]
        self.page("a", urls[:8], sources=[f"{b2}/counted.pdf"])
        self.page("b", urls[8:])
        result = self.links("--format", "json", "--no-cache", "--per-host", "2")
        self.assertEqual(result.returncode, 0, result.stderr)
        _, by_url = self.verdicts(result)
        self.assertEqual(len(by_url[f"{b2}/counted.pdf"]["sources"]), 4)
        self.assertEqual(self.second.state.total("/counted.pdf"), 1)
        self.assertLessEqual(self.second.state.peak, 2)

    def test_one_request_per_url_and_head_only_for_large_downloads(self):
        b2 = self.base2  # answers after 200 ms
        pages = [f"{b2}/page/{i}" for i in range(24)]
        files = [f"{b2}/files/{i}.pdf" for i in range(6)]
        refused = [f"{b2}/head-refused/405.pdf", f"{b2}/head-refused/501.xlsx", f"{b2}/head-refused/reset.zip"]
        self.page("many", pages + files + refused + [f"{b2}/frag#初動対応", f"{b2}/frag#old"])
        result = self.links("--format", "json", "--no-cache", "--per-host", "3", "--retries", "0")
        self.assertEqual(result.returncode, 0, result.stderr)
        _, by_url = self.verdicts(result)
        self.assertEqual({link["verdict"] for link in by_url.values()}, {"ok"})
        state = self.second.state
        for url in pages:
            self.assertEqual(state.methods(url[len(b2):]), {"GET": 1}, url)
        for url in files:
            self.assertEqual(state.methods(url[len(b2):]), {"HEAD": 1}, url)
        for url in refused[:2]:
            self.assertEqual(state.methods(url[len(b2):]), {"HEAD": 1, "GET": 1}, url)
        # A HEAD sent on a kept-alive connection that breaks off is sent again by libcurl on a
        # fresh one (the server may just have closed an idle connection); then GET once.
        reset = state.methods("/head-refused/reset.zip")
        self.assertEqual(reset["GET"], 1)
        self.assertIn(reset["HEAD"], (1, 2, 3))
        self.assertEqual(state.methods("/frag"), {"GET": 1})
        self.assertEqual(sum(state.counts.values()) - sum(reset.values()),
                         len(pages) + len(files) + 2 * len(refused[:2]) + 1)
        self.assertEqual(state.peak, 3, "every slot of the host is used, and no more")

    def test_text_report_says_where_and_what_to_do(self):
        b = self.base
        self.page("report", [f"{b}/ok", f"{b}/missing", f"{b}/perm"])
        result = self.links("--no-cache")
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/cyber/report.md\n", result.stdout)
        self.assertIn(f"  8: broken {b}/missing\n      HTTP 404\n      fix: find where the page moved", result.stdout)
        self.assertIn(f"  10: redirected {b}/perm\n      moved permanently: cite {b}/ok instead\n"
                      f"      fix: cite the new address {b}/ok (mamori links --fix-redirects does it)", result.stdout)
        self.assertIn("3 links: 1 ok, 1 redirected, 1 broken, 0 timeout, 0 unreachable, 0 blocked, 0 skipped",
                      result.stdout)

    def test_junit_and_markdown(self):
        b = self.base
        self.page("formats", [f"{b}/ok", f"{b}/missing"])
        junit = self.links("--no-cache", "--format", "junit")
        root = ET.fromstring(junit.stdout)
        self.assertEqual(root.get("failures"), "1")
        failures = root.findall(".//failure")
        self.assertEqual(failures[0].get("type"), "broken")
        markdown = self.links("--no-cache", "--format", "markdown")
        self.assertIn(f"| content/cyber/formats.md:8 | broken | {b}/missing | HTTP 404 |", markdown.stdout)

    def test_cache_reuses_ok_results_and_keeps_the_history_of_failures(self):
        b = self.base
        cache = self.root / "links-cache.json"
        self.page("cached", [f"{b}/doc.pdf", f"{b}/missing"])
        first = self.links("--cache", cache)
        self.assertEqual(first.returncode, 1)
        self.assertEqual(self.server.state.total("/doc.pdf"), 1)
        second = self.links("--cache", cache, "--format", "json")
        _, by_url = self.verdicts(second)
        self.assertEqual(self.server.state.total("/doc.pdf"), 1, "a fresh ok result is not fetched again")
        self.assertTrue(by_url[f"{b}/doc.pdf"]["cached"])
        self.assertEqual(self.server.state.total("/missing"), 2, "failures are always checked again (one GET each run)")
        third = self.links("--cache", cache)
        self.assertRegex(third.stdout, r"HTTP 404; broken since \d{4}-\d\d-\d\d \(3 runs\)")
        stored = json.loads(cache.read_text(encoding="utf-8"))
        self.assertEqual(stored["urls"][f"{b}/missing"]["consecutive_failures"], 3)
        # --max-age 0 trusts nothing.
        self.links("--cache", cache, "--max-age", "0")
        self.assertEqual(self.server.state.total("/doc.pdf"), 2)

    def test_fix_redirects_rewrites_only_the_moved_urls(self):
        b = self.base
        page = self.page("fix", [f"{b}/perm", f"{b}/permanent-not", f"{b}/ok"], sources=[f"{b}/perm"])
        self.write("content/contacts.toml", 'reviewed = 2026-10-01\n\n[[contact]]\ngroup = "県内"\ntopic = "相談"\n'
                                            f'organization = "窓口"\nurl = "{b}/chain"\nphone = "052-954-6370"\n')
        self.write("content/incident/contacts.md", '+++\ntitle = "相談先"\ncontacts = true\n+++\n')
        result = self.links("--no-cache", "--fix-redirects")
        self.assertIn(f"fixed content/cyber/fix.md:3: {b}/perm → {b}/ok", result.stderr)
        self.assertIn(f"fixed content/cyber/fix.md:6: {b}/perm → {b}/ok", result.stderr)
        self.assertIn(f"fixed content/contacts.toml:7: {b}/chain → {b}/ok", result.stderr)
        text = page.read_text(encoding="utf-8")
        self.assertIn(f'sources = ["{b}/ok"]', text)
        self.assertIn(f"[リンク0]({b}/ok)", text)
        self.assertIn(f"[リンク1]({b}/permanent-not)", text, "a longer URL that starts the same is left alone")
        self.assertIn(f'url = "{b}/ok"', (self.root / "content/contacts.toml").read_text(encoding="utf-8"))

    def test_offline_checks_only_links_between_pages(self):
        self.page("offline", [f"{self.base}/missing", "../incident/checklist.md#nowhere"])
        result = self.links("--offline", "--format", "json")
        self.assertEqual(result.returncode, 1)
        document, by_url = self.verdicts(result)
        self.assertEqual(by_url[f"{self.base}/missing"]["verdict"], "skipped")
        self.assertEqual(self.server.state.total("/missing"), 0)
        self.assertEqual(document["internal"][0]["message"],
                         "link to missing heading '#nowhere' in 'incident/checklist.md'")
        self.assertIn("content/cyber/offline.md:8:3: error: link to missing heading", result.stderr)

    def test_malformed_urls_are_reported_and_do_not_stop_the_run(self):
        self.write("content/contacts.toml", 'reviewed = 2026-10-01\n\n[[contact]]\ngroup = "県内"\ntopic = "相談"\n'
                                            'organization = "窓口"\nurl = "http://exa mple.jp/"\nphone = "052-954-6370"\n')
        self.page("malformed", [f"{self.base}/ok"])
        result = self.links("--no-cache", "--format", "json")
        # A URL with a space is already refused when the contacts are validated.
        self.assertIn("content/contacts.toml:7:7: error: URL 'http://exa mple.jp/' must start with https:// or http://",
                      result.stderr)
        _, by_url = self.verdicts(result)
        self.assertEqual(by_url[f"{self.base}/ok"]["verdict"], "ok")


# Characters that must never reach a terminal or a report from a server: C0 and C1 controls,
# line/paragraph separators and bidi overrides.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class HostileServerTest(ProjectTest):
    """A server that sends bytes no report, terminal or cache may trust."""

    fixture = "links"

    def setUp(self):
        super().setUp()
        self.server, self.base = linkserver.start()

    def tearDown(self):
        self.server.shutdown()
        super().tearDown()

    def links(self, *args, timeout=120):
        # Binary output: a report must be valid UTF-8 whatever the server sent.
        result = subprocess.run([MAMORI, "links", "--root", str(self.root), *map(str, args)], env=ENV,
                                capture_output=True, timeout=timeout)
        self.assertNotEqual(result.returncode, -signal.SIGABRT, result.stderr.decode(errors="replace")[-3000:])
        result.stdout = result.stdout.decode("utf-8")
        result.stderr = result.stderr.decode("utf-8")
        for url in re.findall(r"https?://[^\s\"')\]]+", result.stdout):
            self.assertRegex(url, r"^http://127\.0\.0\.\d+:", "a test must not leave loopback")
        return result

    def page(self, name, urls, sources=()):
        body = "\n\n".join(f"- [リンク{i}]({url})" for i, url in enumerate(urls))
        src = ", ".join(f'"{s}"' for s in sources)
        return self.write(f"content/cyber/{name}.md", f'+++\ntitle = "{name}"\nsources = [{src}]\n+++\n\n{body}\n')

    def test_invalid_utf8_from_a_server_is_replaced_and_does_not_poison_the_cache(self):
        b = self.base
        self.page("bytes", [f"{b}/evil-title", f"{b}/bad-location"])
        cache = self.root / "cache.json"
        for run_number in (1, 2):  # the second run reads what the first one cached
            result = self.links("--cache", cache, "--max-age", "0", "--format", "json")
            self.assertEqual(result.returncode, 1, result.stderr)
            by_url = {link["url"]: link for link in json.loads(result.stdout)["links"]}
            title = by_url[f"{b}/evil-title"]
            self.assertEqual(title["verdict"], "broken")
            self.assertEqual(title["reason"], 'soft 404: the page says "\ufffd\ufffd ページが見つかりません '
                                              '\\x1B]0;pwned\\x07\\x1B[31mred\\x00\\x0C\\u009B\\u202E|[x](y) <b>&"')
            moved = by_url[f"{b}/bad-location"]
            self.assertEqual((moved["verdict"], moved["final_url"]), ("redirected", f"{b}/ok-any%FF"), run_number)
        stored = json.loads(cache.read_text(encoding="utf-8"))
        self.assertIn(f"{b}/evil-title", stored["urls"])

    def test_control_characters_never_reach_the_terminal_or_the_reports(self):
        b = self.base
        self.page("controls", [f"{b}/evil-title", f"{b}/missing"])
        for fmt in ("text", "json", "markdown", "junit"):
            result = self.links("--no-cache", "--format", fmt)
            self.assertEqual(result.returncode, 1, result.stderr)
            self.assertIsNone(UNSAFE.search(result.stdout.replace("\n", "").replace("\t", "")), fmt)
            self.assertIsNone(UNSAFE.search(result.stderr.replace("\n", "")), fmt)
        junit = self.links("--no-cache", "--format", "junit")
        root = ET.fromstring(junit.stdout.encode("utf-8"))  # well-formed XML 1.0
        messages = [f.get("message") for f in root.iter("failure")]
        self.assertIn('soft 404: the page says "\ufffd\ufffd ページが見つかりません \\x1B]0;pwned\\x07\\x1B[31mred\\x00'
                      '\\x0C\\u009B\\u202E|[x](y) <b>&"', messages)
        markdown = self.links("--no-cache", "--format", "markdown")
        self.assertIn("| content/cyber/controls.md:6 | broken | " + b + "/evil-title | soft 404: the page says \""
                      "\ufffd\ufffd ページが見つかりません \\\\x1B\\]0;pwned\\\\x07\\\\x1B\\[31mred\\\\x00\\\\x0C\\\\u009B"
                      "\\\\u202E\\|\\[x\\](y) \\<b\\>\\&\" |", markdown.stdout)

    def test_offline_report_with_a_file_name_that_is_not_utf8(self):
        name = os.fsdecode(b"content/cyber/\xff\xfe.md")
        self.write(name, '+++\ntitle = "名前"\n+++\n\n[壊れたリンク](../incident/checklist.md#nowhere)\n')
        for fmt in ("json", "junit", "markdown", "text"):
            result = self.links("--offline", "--format", fmt)
            self.assertEqual(result.returncode, 1, result.stderr)
            if fmt == "json":
                document = json.loads(result.stdout)
                self.assertEqual(document["internal"][0]["file"], "content/cyber/\ufffd\ufffd.md")
            if fmt == "junit":
                ET.fromstring(result.stdout.encode("utf-8"))

    def test_fix_redirects_encodes_what_would_break_markdown_or_toml_and_refuses_other_schemes(self):
        b = self.base
        page = self.page("fix", [f"{b}/evil-md", f"{b}/evil-scheme"], sources=[f"{b}/evil-toml"])
        before = page.read_text(encoding="utf-8")
        result = self.links("--no-cache", "--fix-redirects")
        text = page.read_text(encoding="utf-8")
        self.assertIn(f"[リンク0]({b}/ok-any%29%5Bclick%5D%28http://127.0.0.9:9/evil)\n", text)
        self.assertIn(f'sources = ["{b}/ok-any%22%5D%5Cx"]\n', text)
        self.assertIn(f"[リンク1]({b}/evil-scheme)", text)
        self.assertEqual(text.count("]("), before.count("]("), "no link was added")
        tomllib.loads(text.split("+++")[1])  # the front matter is still TOML
        self.assertIn(f"fixed content/cyber/fix.md:6: {b}/evil-md → {b}/ok-any%29%5Bclick%5D%28http://127.0.0.9:9/evil",
                      result.stderr)

    def test_fix_redirects_reports_a_failed_write_and_exits_non_zero(self):
        b = self.base
        page = self.page("fix", [f"{b}/perm"])
        before = page.read_bytes()

        def small_files():  # every write beyond 64 bytes fails with EFBIG (SIGXFSZ ignored)
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (64, 64))

        result = subprocess.run([MAMORI, "links", "--root", str(self.root), "--no-cache", "--fix-redirects"], env=ENV,
                                capture_output=True, text=True, timeout=120, preexec_fn=small_files)
        self.assertNotIn("fixed ", result.stderr)
        self.assertIn("mamori: error: cannot fix content/cyber/fix.md: ", result.stderr)
        self.assertIn("File too large", result.stderr)
        self.assertNotIn("Success", result.stderr)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(page.read_bytes(), before)
        self.assertEqual(sorted(p.name for p in page.parent.iterdir()), ["_index.md", "fix.md"], "no temp file left")

    def test_fix_redirects_does_not_write_through_a_symlink(self):
        b = self.base
        real = self.write("content/incident/real.md", f'+++\ntitle = "本物"\n+++\n\n[x]({b}/perm)\n')
        link = self.root / "content/cyber/linked.md"
        link.symlink_to("../incident/real.md")
        result = self.links("--no-cache", "--fix-redirects")
        self.assertTrue(link.is_symlink(), "the link is not replaced by a copy")
        self.assertIn("mamori: error: cannot fix content/cyber/linked.md: it is a symbolic link; edit "
                      "the file it points to", result.stderr)
        self.assertIn(f"fixed content/incident/real.md:5: {b}/perm → {b}/ok", result.stderr)
        self.assertIn(f"[x]({b}/ok)", real.read_text(encoding="utf-8"))
        self.assertEqual(result.returncode, 2)

    def test_a_huge_retry_after_does_not_stall_the_run(self):
        b = self.base
        self.page("busy", [f"{b}/retry-forever"])
        start = time.monotonic()
        result = self.links("--no-cache", "--format", "json", timeout=60)
        self.assertLess(time.monotonic() - start, 30)
        link = json.loads(result.stdout)["links"][0]
        self.assertEqual(link["verdict"], "blocked")
        self.assertEqual(link["reason"], "HTTP 429: the site asked to wait 99999999999999999999 s (Retry-After), "
                                         "more than the 60 s mamori waits for one URL")

    def test_oversized_response_headers_are_reported_as_such(self):
        b = self.base
        self.page("headers", [f"{b}/endless-header", f"{b}/many-headers"])
        result = self.links("--no-cache", "--format", "json")
        by_url = {link["url"]: link for link in json.loads(result.stdout)["links"]}
        self.assertEqual(by_url[f"{b}/endless-header"]["verdict"], "broken")
        self.assertEqual(by_url[f"{b}/endless-header"]["reason"],
                         "response header too large (a header line longer than 100 KB)")
        self.assertEqual(by_url[f"{b}/many-headers"]["reason"], "response header too large (more than 64 KB in all)")

    def test_a_corrupt_or_foreign_cache_is_kept_aside_and_a_fresh_one_started(self):
        b = self.base
        self.page("cache", [f"{b}/ok"])
        cache = self.root / ".mamori-links-cache.json"
        for bad in ('{"version":"1"}', '{"version":1,"urls":{"http://x/":{"verdict":"ok","status":"200"}}}',
                    '{"version":1,"urls":{"http://x/":{"verdict":"broken","consecutive_failures":12,'):
            cache.write_text(bad, encoding="utf-8")
            result = self.links("--cache", cache)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertRegex(result.stderr, rf"{re.escape(str(cache))}: warning: .+; kept it as "
                                            rf"{re.escape(str(cache))}\.corrupt; starting a fresh cache")
            self.assertEqual((self.root / ".mamori-links-cache.json.corrupt").read_text(encoding="utf-8"), bad)
            self.assertEqual(list(json.loads(cache.read_text(encoding="utf-8"))["urls"]), [f"{b}/ok"])
            (self.root / ".mamori-links-cache.json.corrupt").unlink()
