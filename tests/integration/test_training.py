"""[training] in mamori.toml and a quiz's `section`: what the binary reports, and what the
quiz pages carry for quiz.js."""
import json
import re
import unittest

from helpers import ProjectTest, run

TITLE = "小テストの試験用ポータル"


def script_json(html, element_id):
    """The JSON of the <script type="application/json" id=…> block of a page."""
    match = re.search(r'<script type="application/json" id="' + element_id + r'">(.*?)</script>', html, re.S)
    assert match, f"no #{element_id} in the page"
    return json.loads(match.group(1))


class TrainingErrors(ProjectTest):
    fixture = "quiz"

    def test_every_problem_is_reported_in_one_run(self):
        self.write("mamori.toml",
                   f'title = "{TITLE}"\n\n[training]\n'
                   'ask = ["employe_id", "department", "department"]\n'
                   'organisation = "  "\n'
                   'deadline = 2026-12-25T17:00:00\n'
                   'dedline = "2026-12-25"\n')
        self.write("quizzes/basic.toml",
                   'section = "basic"\n' + (self.root / "quizzes/basic.toml").read_text(encoding="utf-8"))
        self.write("quizzes/self.toml",
                   'section = "基本"\n' + (self.root / "quizzes/self.toml").read_text(encoding="utf-8"))
        result = run("check", "--root", self.root)
        self.assertEqual(result.returncode, 1, result.stderr)
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        self.assertEqual(errors, [
            "mamori.toml:4:8: error: [training] ask: unknown field 'employe_id' (did you mean 'employee_id'?); "
            "known: employee_id, department",
            "mamori.toml:4:36: error: [training] ask: 'department' is listed twice",
            "mamori.toml:5:16: error: [training] organisation must not be empty (leave it out to name the site "
            "title as the issuer)",
            "mamori.toml:6:12: error: [training] deadline must be a date like 2026-12-25, not a date with a time",
            "mamori.toml:7:1: error: unknown key 'training.dedline' (did you mean 'training.deadline'?)",
            "quizzes/basic.toml:1:11: error: section 'basic' is not a section of content/ (did you mean 'basics'?)",
            "quizzes/self.toml:1:11: error: section '基本' is not a section of content/",
        ])
        self.assertIn(" 4 | ask = [\"employe_id\", \"department\", \"department\"]\n   |        ^\n", result.stderr)
        self.assertTrue(result.stderr.endswith("mamori: 7 errors, 3 warnings\n"), result.stderr)

    def test_a_build_with_errors_writes_nothing(self):
        self.write("mamori.toml", f'title = "{TITLE}"\n[training]\ndeadline = "2026-02-30"\n')
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("mamori.toml:3:12: error: [training] deadline '2026-02-30' is not a date: write the day as "
                      "YYYY-MM-DD, like 2026-12-25\n", result.stderr)
        self.assertFalse((self.root / "site").exists())


class TrainingBuild(ProjectTest):
    fixture = "quiz"

    def build(self):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn(": error: ", result.stderr)
        return self.root / "site"

    def quiz_data(self, site, quiz_id):
        return script_json((site / "quizzes" / f"{quiz_id}.html").read_text(encoding="utf-8"), "quiz-data")

    def test_quiz_pages_carry_training_the_issuer_and_every_quiz_in_section_order(self):
        self.write("mamori.toml",
                   f'title = "{TITLE}"\n\n[training]\nask = ["employee_id", "department"]\n'
                   'organisation = " 株式会社サンプル "\ndeadline = 2026-12-25\nhand_in = "総務部へ\\nメールで"\n')
        self.write("quizzes/self.toml",
                   'section = "basics"\n' + (self.root / "quizzes/self.toml").read_text(encoding="utf-8"))
        site = self.build()
        data = self.quiz_data(site, "hostile")
        self.assertEqual(data["training"], {"ask": ["employee_id", "department"], "organisation": "株式会社サンプル",
                                            "deadline": "2026-12-25", "hand_in": "総務部へ\nメールで"})
        self.assertEqual(data["issuer"], "株式会社サンプル")
        self.assertEqual(data["index_href"], "index.html")
        # self is in a section, basic and hostile are not: they follow, by id.
        self.assertEqual([(q["id"], q["href"], q["type"]) for q in data["quizzes"]],
                         [("self", "self.html", "self_check"), ("basic", "basic.html", "quiz"),
                          ("hostile", "hostile.html", "quiz")])
        self.assertEqual(self.quiz_data(site, "self")["quizzes"], data["quizzes"])
        # The quizzes index lists them in the same order.
        index = (site / "quizzes/index.html").read_text(encoding="utf-8")
        self.assertLess(index.index('href="self.html"'), index.index('href="basic.html"'))

    def test_without_training_nothing_is_asked_and_the_site_title_issues_certificates(self):
        site = self.build()
        data = self.quiz_data(site, "basic")
        self.assertEqual(data["training"], {"ask": [], "organisation": "", "deadline": "", "hand_in": ""})
        self.assertEqual(data["issuer"], TITLE)
        self.assertEqual([q["id"] for q in data["quizzes"]], ["basic", "hostile", "self"])


if __name__ == "__main__":
    unittest.main()
