"""The mamori command line: exit codes, messages, and what it writes."""
import os
import signal
import subprocess
import time
import unittest

from helpers import BASICS_OVERDUE, ENV, FIXTURES, MAMORI, ProjectTest, run, snapshot


class GoodProject(ProjectTest):
    def test_build_writes_the_site_and_says_where(self):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, BASICS_OVERDUE)
        self.assertRegex(result.stdout, r"^mamori: built 6 pages into .*/project/site in \d+\.\d\d s \(1 warning\)\n$")
        site = self.root / "site"
        for page in ["index.html", "404.html", "sitemap.xml", "cyber/index.html", "cyber/basics.html",
                     "incident/checklist.html", "assets/style.css", "assets/mamori.js"]:
            self.assertTrue((site / page).is_file(), page)
        basics = (site / "cyber/basics.html").read_text(encoding="utf-8")
        self.assertIn('<h2 id="password">', basics)
        self.assertIn('href="../incident/checklist.html"', basics)
        self.assertIn('<time datetime="2023-12-01">2023年12月1日</time>', basics)
        # Reviewed 35 months before MAMORI_TODAY: the editors are warned, readers see only the date.
        self.assertNotIn("notice-stale", basics)
        self.assertNotIn("か月", basics)

    def test_check_validates_and_writes_nothing(self):
        result = run("check", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "mamori: checked 6 pages: no errors, 1 warning\n")
        self.assertFalse((self.root / "site").exists())

    def test_build_runs_from_the_project_folder(self):
        result = run("build", cwd=self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((self.root / "site/index.html").is_file())

    def test_out_puts_the_site_elsewhere(self):
        out = self.root.parent / "published" / "portal"
        result = run("build", "--root", self.root, "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((out / "index.html").is_file())
        self.assertFalse((self.root / "site").exists())

    def test_two_builds_are_byte_identical(self):
        run("build", "--root", self.root, "--jobs", "1")
        first = snapshot(self.root / "site")
        (self.root / ".site.mamori-state").unlink()  # force a full second build
        result = run("build", "--root", self.root, "--jobs", "2")
        self.assertIn("built 6 pages", result.stdout)
        self.assertEqual(snapshot(self.root / "site"), first)

    def test_a_build_with_nothing_changed_says_so(self):
        run("build", "--root", self.root)
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^mamori: nothing changed since the last build; .*/site is up to date "
                                        r"\(6 pages, 1 warning\)\n$")
        self.assertEqual(result.stderr, BASICS_OVERDUE)  # the last build's warnings, repeated

    def test_drafts_are_built_only_when_asked(self):
        result = run("new", "page", "cyber/backup.md", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("draft", result.stdout)
        text = (self.root / "content/cyber/backup.md").read_text(encoding="utf-8")
        self.assertIn("weight = 30", text)
        self.assertIn("reviewed = 2026-11-23", text)
        run("build", "--root", self.root)
        self.assertFalse((self.root / "site/cyber/backup.html").exists())
        run("build", "--root", self.root, "--drafts")
        self.assertTrue((self.root / "site/cyber/backup.html").exists())
        again = run("new", "page", "cyber/backup.md", "--root", self.root)
        self.assertEqual(again.returncode, 2)
        self.assertEqual(again.stderr, "mamori: error: content/cyber/backup.md already exists; nothing was written\n")

    def test_an_interrupted_build_leaves_the_previous_site(self):
        # Enough pages that the build takes a while; kill it at several moments.
        for i in range(1500):
            self.write(f"content/cyber/p{i:04}.md",
                       f"+++\ntitle = \"ページ{i}\"\nweight = {i}\n+++\n\n## 見出し\n\n" + "本文。" * 400 + "\n")
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        before = snapshot(self.root / "site")
        self.write("content/cyber/p0000.md", "+++\ntitle = \"変更後\"\n+++\n")
        for delay in (0.02, 0.1, 0.3):
            process = subprocess.Popen([MAMORI, "build", "--root", self.root], env=ENV,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait()
            after = snapshot(self.root / "site")
            # Either the old site untouched, or (if the build won the race) the complete new one.
            if after != before:
                self.assertIn("変更後", (self.root / "site/cyber/p0000.html").read_text(encoding="utf-8"))
                self.assertEqual(len(after), len(before))
                before = after
        # The next build cleans up what the killed builds left behind.
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        leftovers = [p.name for p in self.root.iterdir() if "mamori-staging" in p.name]
        self.assertEqual(leftovers, [])


class BrokenProject(ProjectTest):
    fixture = "broken"

    def setUp(self):
        super().setUp()
        # Files git should not hold as such: a binary, a Shift_JIS text, a symlink loop.
        self.write("content/sec/binary.md", b"+++\0\0")
        self.write("content/sec/sjis.md", "+++\ntitle = \"守り\"\n+++\n".encode("cp932"))
        os.symlink("..", self.root / "content/sec/loop")

    def test_every_problem_is_reported_in_one_run(self):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        expected = (FIXTURES / "broken-expected.txt").read_text(encoding="utf-8")
        self.assertEqual(result.stderr, expected)
        self.assertFalse((self.root / "site").exists())

    def test_check_reports_the_same(self):
        result = run("check", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        expected = (FIXTURES / "broken-expected.txt").read_text(encoding="utf-8")
        self.assertEqual(result.stderr, expected.replace("; the site was not changed", ""))


class UsageErrors(ProjectTest):
    def test_no_subcommand(self):
        self.assertEqual(run().returncode, 2)

    def test_unknown_option(self):
        result = run("build", "--nope")
        self.assertEqual(result.returncode, 2)
        self.assertIn("--nope", result.stderr)

    def test_root_that_does_not_exist(self):
        self.assertEqual(run("build", "--root", self.root / "nowhere").returncode, 2)

    def test_folder_without_mamori_toml(self):
        (self.root / "mamori.toml").unlink()
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, f"mamori: error: no mamori.toml in {self.root}: run mamori in the project "
                                        "folder or pass --root DIR\n")

    def test_missing_theme(self):
        self.write("mamori.toml", "title = \"x\"\ntheme = \"corporate\"\n")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "mamori: error: theme 'corporate' not found: no folder themes/corporate "
                                        "(set 'theme' in mamori.toml)\n")

    def test_output_that_is_not_a_mamori_site(self):
        self.write("site/keep.txt", "大事なファイル")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertIn("refusing to replace", result.stderr)
        self.assertEqual((self.root / "site/keep.txt").read_text(encoding="utf-8"), "大事なファイル")

    def test_help_exits_zero(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        self.assertIn("build", result.stdout)


class ReviewCommand(ProjectTest):
    """mamori review: what the editors must check again, on the day they run it."""

    def review(self, *args, today="2026-11-23"):
        return subprocess.run([MAMORI, "review", "--root", self.root, *args], env=dict(ENV, MAMORI_TODAY=today),
                              capture_output=True, timeout=60)

    def test_overdue_pages_are_listed_oldest_first_and_exit_1(self):
        self.write("content/contacts.toml", 'reviewed = 2024-02-29\n[[contact]]\ngroup = "g"\ntopic = "t"\n'
                                            'organization = "o"\nphone = "052-954-6370"\nid = "o"\n')
        result = self.review()
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(result.stderr, b"")
        self.assertEqual(result.stdout.decode("utf-8"),
                         "mamori review: on 2026-11-23, 1 page and the contact table are overdue for review "
                         "(stale_after_months = 12), oldest first:\n"
                         "  reviewed    due         overdue     file                     title\n"
                         "  2023-12-01  2024-12-01  23 months   content/cyber/basics.md  基本の10項目\n"
                         "  2024-02-29  2025-03-01  20 months   content/contacts.toml    相談先一覧\n"
                         "Check each against its sources, then update its 'reviewed' date.\n")

    def test_csv_opens_in_excel(self):
        result = self.review("--format", "csv")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertTrue(result.stdout.startswith(b"\xef\xbb\xbf"))
        self.assertEqual(result.stdout.decode("utf-8-sig").split("\r\n"),
                         ["ファイル,タイトル,最終確認日,確認期限,経過月数,超過月数",
                          "content/cyber/basics.md,基本の10項目,2023-12-01,2024-12-01,35,23", ""])

    def test_nothing_overdue_exits_0(self):
        result = self.review(today="2024-11-30")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, b"mamori review: on 2024-11-30, nothing is overdue for review "
                                        b"(stale_after_months = 12)\n")

    def test_a_project_that_does_not_load_exits_2(self):
        self.write("mamori.toml", 'title = "t"\nstale_after_months = 0\n')
        result = self.review()
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, b"")
        self.assertIn(b"mamori.toml:2:22: error: 'stale_after_months' must be between 1 and 120", result.stderr)
        self.assertEqual(self.review("--format", "xml").returncode, 2)


class PathologicalMarkdown(ProjectTest):
    """Inputs that have hung or crashed Markdown tools must build (the timeout catches a hang)."""

    def test_pathological_pages_build(self):
        front = "+++\ntitle = \"{}\"\n+++\n"
        self.write("content/long-line.md", front.format("長い行") + "あ" * (5 * 1024 * 1024 // 3) + "\n")
        self.write("content/quotes.md", front.format("引用") + ">" * 50000 + " 深い\n")
        self.write("content/lists.md", front.format("リスト") +
                   "".join(" " * (2 * (i % 50)) + "- 項目\n" for i in range(50000)))
        self.write("content/brackets.md", front.format("括弧") + "[" * 50000 + "](" * 20000 + "\n")
        self.write("content/emphasis.md", front.format("強調") + "*a **b " * 30000 + "\n")
        self.write("content/links.md", front.format("リンク") + "[x](#no) " * 20000 + "\n")
        result = run("build", "--root", self.root, timeout=300)
        self.assertEqual(result.returncode, 1)  # the 20000 broken in-page links are reported
        self.assertEqual(result.stderr.count("link to missing heading '#no'"), 20000)
        (self.root / "content/links.md").unlink()
        result = run("build", "--root", self.root, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])


if __name__ == "__main__":
    unittest.main()
