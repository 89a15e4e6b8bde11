"""`mamori results`: the completion report from the result files HR collected."""
import json

from helpers import ProjectTest, run


def record(quiz="basic", name="山田 太郎", employee_id="E1", department="総務部", correct=2, total=2, passed=True,
           date="2026-11-30T23:30:00.000Z", local="2026-12-01T08:30:00+09:00", version=None):
    return {"format": "mamori-quiz-result", "version": 2,
            "quiz": {"id": quiz, "title": "基本の小テスト", "type": "quiz", **({"version": version} if version else {})},
            "person": {"name": name, "employee_id": employee_id, "department": department},
            "attempt": {"date": date, "local_date": local, "seed": 1},
            "score": {"correct": correct, "total": total, "percent": round(correct * 100 / total),
                      "pass_mark": 80, "passed": passed},
            "answers": [{"question": "q1", "text": "設問1", "chosen": ["a"], "correct": correct >= 1},
                        {"question": "q2", "text": "設問2", "chosen": ["b"], "correct": correct >= 2}]}


class ResultsReport(ProjectTest):
    fixture = "quiz"  # its quizzes/ are today's quizzes

    def setUp(self):
        super().setUp()
        self.inbox = self.root / "collected"
        self.write("roster.csv", "社員番号,氏名,所属\r\nE1,山田 太郎,総務部\r\nE2,佐藤 花子,製造部\r\nE3,鈴木 一郎,製造部\r\n")

    def hand_in(self, name, data):
        text = data if isinstance(data, (str, bytes)) else json.dumps(data, ensure_ascii=False)
        return self.write(f"collected/{name}", text)

    def results(self, *extra):
        return run("results", "--roster", self.root / "roster.csv", "--root", self.root, *extra, self.inbox)

    def test_completion_with_a_roster(self):
        self.hand_in("a.json", record())
        self.hand_in("mail/b.json", record(name="佐藤花子", employee_id="", department="", correct=1, passed=False))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        people = {p["name"]: p for p in report["people"]}
        self.assertEqual(people["山田 太郎"]["quizzes"]["basic"]["first_pass"], "2026-12-01")  # the employee's day
        self.assertFalse(people["佐藤 花子"]["quizzes"]["basic"]["passed"])  # matched by name, spacing aside
        self.assertEqual(people["鈴木 一郎"]["quizzes"], {})
        self.assertEqual(report["items"][0]["question"], "q2")
        self.assertIn("mamori: read 2 result files, skipped 0", result.stderr)

    def test_files_written_and_text_summary(self):
        self.hand_in("a.json", record())
        out = self.root / "report"
        result = self.results("--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("未受講・未合格: 3人", result.stdout)
        csv = (out / "受講状況.csv").read_bytes()
        self.assertTrue(csv.startswith("\ufeff所属,社員番号,氏名,名簿,小テスト,状況".encode()))
        html = (out / "report.html").read_text(encoding="utf-8")
        self.assertIn('<html lang="ja">', html)
        self.assertIn("<svg", html)
        json.loads((out / "completion.json").read_text(encoding="utf-8"))

    def test_duplicates_and_strangers_are_reported(self):
        self.hand_in("a.json", record())
        self.hand_in("a-copy.json", record())
        self.hand_in("x.json", record(name="田中", employee_id="E9"))
        result = self.results()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("a.json: the same attempt as", result.stdout)
        self.assertIn("x.json: E9 田中 is not on the roster", result.stdout)

    def test_an_older_question_bank_is_flagged(self):
        self.hand_in("a.json", record(version="0123456789abcdef"))
        result = self.results("--format", "json")
        report = json.loads(result.stdout)
        yamada = next(p for p in report["people"] if p["employee_id"] == "E1")
        self.assertTrue(yamada["quizzes"]["basic"]["older_version"])

    def test_hostile_files_are_skipped_and_stay_inert(self):
        self.hand_in("good.json", record(name="<script>alert(1)</script>\x1b[2J", employee_id="E7"))
        self.hand_in("huge.json", " " * (2 << 20))
        self.hand_in("bad-utf8.json", b'{"format": "mamori-quiz-result", "x": "\xff"}')
        self.hand_in("other.json", '{"format": "something-else"}')
        out = self.root / "report"
        result = self.results("--out", out)
        self.assertEqual(result.returncode, 1, "files were skipped")
        for name in ("huge.json", "bad-utf8.json", "other.json"):
            self.assertIn(f"mamori: skipped {self.inbox / name}: ", result.stderr)
        self.assertNotIn("\x1b", result.stdout + result.stderr)
        html = (out / "report.html").read_text(encoding="utf-8")
        self.assertNotIn("<script", html)
        self.assertIn("&lt;script&gt;", html)
        csv = (out / "受講状況.csv").read_text(encoding="utf-8-sig")
        self.assertNotIn("\x1b", csv)

    def test_a_formula_in_a_name_is_neutralised_in_the_spreadsheet(self):
        self.hand_in("a.json", record(name="=HYPERLINK(\"http://evil/\")", employee_id="E8"))
        out = self.root / "report"
        self.results("--out", out)
        csv = (out / "受講状況.csv").read_text(encoding="utf-8-sig")
        self.assertIn("'=HYPERLINK", csv)
        self.assertNotIn(",=HYPERLINK", csv)
