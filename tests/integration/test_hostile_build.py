"""Builds that must not damage anything: the previous site, the project, files outside it."""
import json
import os
import pathlib
import resource
import signal
import subprocess
import unittest

from helpers import BASICS_OVERDUE, ENV, MAMORI, REPO, ProjectTest, run

QUIZ = """title = "B"
pass_mark = 50

[[questions]]
id = "q"
type = "true_false"
text = "?"
answer = true
explanation = "!"
source = "../content/cyber/basics.md#password"
"""


def inodes(folder):
    """Every file below `folder` with its bytes and inode."""
    folder = pathlib.Path(folder)
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_ino)
            for p in sorted(folder.rglob("*")) if p.is_file()}


class PreviousSite(ProjectTest):
    def test_a_failed_build_that_wrote_a_duplicated_path_leaves_bytes_and_inodes(self):
        self.write("content/quizzes/_index.md", '+++\ntitle = "Q"\n+++\n')
        self.write("content/quizzes/b.md", '+++\ntitle = "頁B"\n+++\n')
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        before = inodes(self.root / "site")
        self.write("quizzes/b.toml", QUIZ)
        self.write("content/cyber/broken.md", '+++\ntitle = "壊れた"\n+++\n[x](nowhere.md)\n')
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/quizzes/b.md: error: output path 'quizzes/b.html' is also produced by "
                      "quizzes/b.toml\n", result.stderr)
        self.assertEqual(inodes(self.root / "site"), before)

    def test_when_the_disk_refuses_writes_one_error_says_so_and_the_site_is_kept(self):
        # Regression (a tester's report): on a full disk every later file gave its own error,
        # 13 lines for a small site. A file size limit makes writes fail the same way.
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        before = inodes(self.root / "site")
        for name in ("big1", "big2", "big3"):
            self.write(f"content/cyber/{name}.md", '+++\ntitle = "大きい"\n+++\n' + "本文です。\n" * 20000)

        def limit_file_size():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
            resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

        result = subprocess.run([MAMORI, "build", "--root", self.root, "--jobs", "1"], env=ENV, capture_output=True,
                                text=True, timeout=120, preexec_fn=limit_file_size)
        self.assertEqual(result.returncode, 1, result.stderr)
        errors = [line for line in result.stderr.splitlines() if "error:" in line]
        self.assertEqual(len(errors), 1, result.stderr)
        self.assertIn("File too large", errors[0])
        self.assertEqual(inodes(self.root / "site"), before)

    def test_a_file_name_with_a_newline_is_one_diagnostic_line(self):
        self.write("content/a\nb.md", "no front matter\n")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/a\\x0Ab.md:1:1: error: ", result.stderr)
        for line in result.stderr.splitlines():
            self.assertRegex(line, r"^(content/|mamori: | \d+ \|| +\|)")


class OutputFolder(ProjectTest):
    def test_an_out_that_holds_the_project_is_refused(self):
        marker = self.root.parent / ".mamori"  # the parent looks like a site mamori built
        marker.write_text("This folder was built by mamori and is replaced on every build.\n", encoding="utf-8")
        result = run("build", "--root", self.root, "--out", self.root.parent)
        self.assertEqual(result.returncode, 2)
        self.assertIn("which the build would replace", result.stderr)
        self.assertTrue((self.root / "content/_index.md").is_file())
        self.assertTrue(marker.is_file())

    def test_an_out_inside_the_sources_is_refused(self):
        for out in ("content/site", "themes/site", "quizzes", "."):
            result = run("build", "--out", out, cwd=self.root)
            self.assertEqual(result.returncode, 2, out)
            self.assertIn("mamori: error: refusing to build into", result.stderr)
        self.assertFalse((self.root / "content/site").exists())
        self.assertTrue((self.root / "content/_index.md").is_file())

    def test_a_trailing_slash_works(self):
        result = run("build", "--out", "site/", cwd=self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((self.root / "site/index.html").is_file())

    def test_a_symlinked_out_is_followed_and_kept(self):
        target = self.root.parent / "srv" / "portal-2026"
        target.mkdir(parents=True)
        link = self.root.parent / "portal"
        os.symlink(target, link)
        result = run("build", "--root", self.root, "--out", link)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue(link.is_symlink())
        self.assertEqual(os.readlink(link), str(target))
        self.assertTrue((target / "index.html").is_file())
        self.assertEqual([p.name for p in target.parent.iterdir() if "staging" in p.name], [])


class FastPath(ProjectTest):
    def test_a_deleted_or_edited_output_file_is_restored(self):
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        index = (self.root / "site/index.html").read_bytes()
        (self.root / "site/index.html").unlink()
        result = run("build", "--root", self.root)
        self.assertIn("built 6 pages", result.stdout)
        self.assertEqual((self.root / "site/index.html").read_bytes(), index)
        not_found = self.root / "site/404.html"
        original = not_found.read_bytes()
        stat = not_found.stat()
        with open(not_found, "r+b") as edit:  # same size, same time: only the inode's ctime tells
            edit.write(b"X")
        os.utime(not_found, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        result = run("build", "--root", self.root)
        self.assertIn("built 6 pages", result.stdout)
        self.assertEqual(not_found.read_bytes(), original)

    def test_changes_behind_symlinks_are_seen(self):
        elsewhere = pathlib.Path(self._tmp.name) / "elsewhere"
        elsewhere.mkdir()
        (self.root / "themes/default").rename(elsewhere / "theme")
        os.symlink(elsewhere / "theme", self.root / "themes/default")
        (self.root / "mamori.toml").rename(elsewhere / "mamori.toml")
        os.symlink(elsewhere / "mamori.toml", self.root / "mamori.toml")
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        self.assertIn("nothing changed", run("build", "--root", self.root).stdout)
        with open(elsewhere / "theme/assets/style.css", "a", encoding="utf-8") as css:
            css.write("/* changed */\n")
        self.assertIn("built 6 pages", run("build", "--root", self.root).stdout)
        self.assertIn("changed", (self.root / "site/assets/style.css").read_text(encoding="utf-8"))
        (elsewhere / "mamori.toml").write_text('title = "新しい名前"\n', encoding="utf-8")
        self.assertIn("built 6 pages", run("build", "--root", self.root).stdout)

    def test_a_corrupt_build_state_means_a_quiet_full_build(self):
        for state in ('{"version":"1"}', '{"version":1,"pages":"6","warnings":[null]}', '{"version":1,',
                      "\x00\xff", json.dumps({"version": 1, "fingerprint": [], "marker": {}})):
            (self.root / ".site.mamori-state").write_text(state, encoding="latin-1")
            result = run("build", "--root", self.root)
            self.assertEqual(result.returncode, 0, state)
            self.assertEqual(result.stderr, BASICS_OVERDUE, state)
            self.assertIn("built 6 pages", result.stdout, state)


class Symlinks(ProjectTest):
    def test_a_theme_asset_linked_out_of_the_project_is_refused(self):
        secret = pathlib.Path(self._tmp.name) / "secret.txt"
        secret.write_text("password=hunter2\n", encoding="utf-8")
        os.symlink(secret, self.root / "themes/default/assets/x.css")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("themes/default/assets/x.css: error: symlink points outside themes/default: copy the file in "
                      "instead\n", result.stderr)
        self.assertNotIn("hunter2", result.stderr)
        self.assertFalse((self.root / "site").exists())

    def test_a_template_partial_or_quiz_linked_out_of_the_project_is_refused(self):
        secret = pathlib.Path(self._tmp.name) / "secret.txt"
        secret.write_text("password=hunter2\n", encoding="utf-8")
        os.symlink(secret, self.root / "themes/default/partials/leak.mustache")
        os.symlink(secret, self.root / "themes/default/templates/leak.mustache")
        (self.root / "quizzes").mkdir(exist_ok=True)
        os.symlink(secret, self.root / "quizzes/leak.toml")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        for shown in ("themes/default/partials/leak.mustache", "themes/default/templates/leak.mustache"):
            self.assertIn(shown + ": error: symlink points outside themes/default: copy the file in instead\n",
                          result.stderr)
        self.assertIn("quizzes/leak.toml: error: symlink points outside quizzes/: copy the file in instead\n",
                      result.stderr)
        self.assertNotIn("hunter2", result.stderr)
        self.assertFalse((self.root / "site").exists())

    def test_contacts_import_does_not_write_its_backup_through_a_symlink(self):
        self.write("content/contacts.toml", 'reviewed = 2026-06-01\n\n[[contact]]\ngroup = "窓口"\ntopic = "相談"\n'
                                            'organization = "県"\nphone = "052-954-6370"\nid = "pref"\n')
        self.write("content/incident/contacts.md", '+++\ntitle = "相談先"\ncontacts = true\n+++\n')
        csv = self.root / "c.csv"
        self.assertEqual(run("contacts", "export", csv, "--root", self.root).returncode, 0)
        csv.write_text(csv.read_text(encoding="utf-8-sig").replace("052-954-6370", "052-954-6371"),
                       encoding="utf-8-sig")
        victim = pathlib.Path(self._tmp.name) / "victim.txt"
        victim.write_text("keep", encoding="utf-8")
        os.symlink(victim, self.root / "content/contacts.toml.bak")
        result = run("contacts", "import", csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(victim.read_text(encoding="utf-8"), "keep")
        self.assertFalse((self.root / "content/contacts.toml.bak").is_symlink())
        self.assertIn("052-954-6370", (self.root / "content/contacts.toml.bak").read_text(encoding="utf-8"))

    def test_new_page_does_not_follow_a_dangling_symlink(self):
        outside = pathlib.Path(self._tmp.name) / "outside.md"
        os.symlink(outside, self.root / "content/cyber/trap.md")
        result = run("new", "page", "cyber/trap.md", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, "mamori: error: content/cyber/trap.md already exists; nothing was written\n")
        self.assertFalse(outside.exists())


class Overflow(ProjectTest):
    def test_new_page_after_the_largest_weight(self):
        self.write("content/cyber/last.md", '+++\ntitle = "最後"\nweight = 9223372036854775807\n+++\n')
        result = run("new", "page", "cyber/next.md", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        self.assertIn("weight = 9223372036854775807 ",
                      (self.root / "content/cyber/next.md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    unittest.main()


CONTACTS = ('reviewed = 2026-06-01\n\n[[contact]]\ngroup = "窓口"\ntopic = "相談"\n'
            'organization = "県"\nphone = "052-954-6370"\n')


class FoundByAnAttacker(ProjectTest):
    """Problems a tester found by attacking the built program, each pinned here."""

    def test_contacts_export_never_overwrites_the_table_or_another_non_csv_file(self):
        table = self.write("content/contacts.toml", CONTACTS)
        for target in ("content/contacts.toml", "mamori.toml", "x.txt"):
            result = run("contacts", "export", self.root / target, "--root", self.root)
            self.assertEqual(result.returncode, 2, target)
            self.assertIn("the export writes a CSV file; give a name that ends in .csv (nothing was written)",
                          result.stderr)
        self.assertEqual(table.read_text(encoding="utf-8"), CONTACTS)
        self.assertFalse((self.root / "x.txt").exists())

    def test_a_contact_table_linked_out_of_content_is_neither_shown_nor_exported(self):
        secret = pathlib.Path(self._tmp.name) / "secret.toml"
        secret.write_text(CONTACTS.replace("県", "SECRET ORG") + "db_password = 1\n", encoding="utf-8")
        os.symlink(secret, self.root / "content/contacts.toml")
        result = run("contacts", "export", self.root / "a.csv", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertNotIn("SECRET", result.stderr + result.stdout)
        self.assertFalse((self.root / "a.csv").exists())
        csv = self.write("b.csv", "\ufeff最終確認日,2026-06-01\r\n区分,相談内容,相談先,URL,電話番号,メール,備考\r\n"
                                  "窓口,相談,県,,052-954-6370,,\r\n")
        result = run("contacts", "import", csv, "--dry-run", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/contacts.toml: error: symlink points outside content/", result.stderr)
        self.assertNotIn("SECRET", result.stderr + result.stdout)

    def test_a_forged_build_state_cannot_print_escape_sequences_or_fake_lines(self):
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        state_file = self.root / ".site.mamori-state"
        state = json.loads(state_file.read_text(encoding="utf-8"))
        state["warnings"] = ["x\u001b[31mRED\u001b]0;title\u0007\nfake: error: injected"]
        state_file.write_text(json.dumps(state), encoding="utf-8")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("\x1b", result.stderr + result.stdout)
        self.assertNotIn("injected", result.stderr)
        self.assertIn("mamori: built ", result.stdout)  # a full build, not "nothing changed"

    def test_new_page_refuses_names_with_control_bytes_or_invalid_utf8(self):
        for name in ("cyber/e\x1b[31m.md", os.fsdecode(b"cyber/\xff.md")):
            result = run("new", "page", name, "--root", self.root)
            self.assertEqual(result.returncode, 2)
            self.assertNotIn("\x1b", result.stderr + result.stdout)
            self.assertIn("is not a usable page name", result.stderr)
        self.assertEqual(sorted(p.name for p in (self.root / "content/cyber").iterdir()),
                         sorted(p.name for p in (REPO / "tests/fixtures/good/content/cyber").iterdir()))

    def test_a_page_whose_file_name_is_not_utf8_is_an_error(self):
        self.write(os.fsdecode(b"content/cyber/ok\xc3.md"), '+++\ntitle = "x"\n+++\n')
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/cyber/ok\ufffd.md: error: the file name is not valid UTF-8: rename it",
                      result.stderr)
        self.assertFalse((self.root / "site").exists())
