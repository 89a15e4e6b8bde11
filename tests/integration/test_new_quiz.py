"""`mamori new quiz`: a question bank an editor can start from, which checks and builds cleanly."""
import os

from helpers import BASICS_OVERDUE, ENV, ProjectTest, run


class NewQuiz(ProjectTest):
    def test_a_new_quiz_checks_cleanly_and_is_in_the_built_navigation(self):
        result = run("new", "quiz", "cyber/phishing-check", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        quiz_file = self.root / "quizzes/phishing-check.toml"
        self.assertEqual(result.stdout,
                         f"mamori: wrote {quiz_file}\n"
                         "The quiz is listed under 理解度チェック from the next build: replace the three example "
                         "questions first. To link it from a page, add quiz = \"phishing-check\" to that page's "
                         "front matter.\n")
        text = quiz_file.read_text(encoding="utf-8")
        self.assertIn('section = "cyber"', text)
        self.assertIn('source = "../content/cyber/basics.md#password"', text)
        self.assertEqual(text.count("（例の問題です。差し替えてください）"), 3)
        check = run("check", "--root", self.root)
        self.assertEqual(check.returncode, 0, check.stderr)
        self.assertEqual(check.stderr, BASICS_OVERDUE, "no error and no warning of its own")
        build = run("build", "--root", self.root)
        self.assertEqual(build.returncode, 0, build.stderr)
        quiz_page = (self.root / "site/quizzes/phishing-check.html").read_text(encoding="utf-8")
        self.assertIn("理解度チェック（phishing-check）", quiz_page)
        index = (self.root / "site/quizzes/index.html").read_text(encoding="utf-8")
        self.assertIn('href="phishing-check.html"', index)
        home = (self.root / "site/index.html").read_text(encoding="utf-8")
        self.assertIn('href="quizzes/index.html"', home, "the navigation links the quizzes index")

    def test_a_quiz_without_a_section_checks_cleanly_too(self):
        self.assertEqual(run("new", "quiz", "intro", "--root", self.root).returncode, 0)
        check = run("check", "--root", self.root)
        self.assertEqual(check.returncode, 0, check.stderr)
        self.assertEqual(check.stderr, BASICS_OVERDUE)

    def test_bad_ids_existing_files_and_unknown_sections_are_refused(self):
        bad = run("new", "quiz", "フィッシング", "--root", self.root)
        self.assertEqual(bad.returncode, 2)
        self.assertEqual(bad.stderr, "mamori: error: 'フィッシング' is not a usable quiz id: use ASCII letters, "
                                     "digits, '-' or '_', like phishing\n")
        section = run("new", "quiz", "cybre/x", "--root", self.root)
        self.assertEqual(section.returncode, 2)
        self.assertIn("'cybre' is not a folder of content/", section.stderr)
        self.assertIn("(did you mean 'cyber'?)", section.stderr)
        self.assertEqual(run("new", "quiz", "x", "--root", self.root).returncode, 0)
        again = run("new", "quiz", "x", "--root", self.root)
        self.assertEqual(again.returncode, 2)
        self.assertEqual(again.stderr, "mamori: error: quizzes/x.toml already exists; nothing was written\n")
        self.assertFalse((self.root / "quizzes/cybre").exists())

    def test_outside_a_project_the_folder_is_named(self):
        elsewhere = self.root / "content" / "incident"
        result = run("new", "quiz", "x", cwd=elsewhere)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr, f"mamori: error: no content/ folder in {elsewhere}: run mamori in the "
                                        "project folder (the one holding mamori.toml) or pass --root DIR\n")
        self.assertFalse((elsewhere / "quizzes").exists())
