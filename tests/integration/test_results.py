"""`mamori results`: the completion report from the result files HR collected."""
import csv
import io
import json
import re
import shutil

from helpers import ProjectTest, run


def record(quiz="basic", name="山田 太郎", employee_id="E1", department="総務部", correct=2, total=2, passed=True,
           date="2026-11-30T23:30:00.000Z", local="2026-12-01T08:30:00+09:00", version=None, number=None):
    return {"format": "mamori-quiz-result", "version": 2,
            "quiz": {"id": quiz, "title": "基本の小テスト", "type": "quiz", **({"version": version} if version else {})},
            "person": {"name": name, "employee_id": employee_id, "department": department},
            "attempt": {"date": date, "local_date": local, "seed": 1, **({"number": number} if number else {})},
            "score": {"correct": correct, "total": total, "percent": round(correct * 100 / total),
                      "pass_mark": 80, "passed": passed},
            "answers": [{"question": "q1", "text": "設問1", "chosen": ["a"], "correct": correct >= 1},
                        {"question": "q2", "text": "設問2", "chosen": ["b"], "correct": correct >= 2}]}


QUIZ_HEADER = ("小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,正解数,出題数,正答率(%),"
               "合格ライン(%),判定,問題ID,問題,回答,正誤").split(",")
SELF_CHECK_HEADER = ("小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,合計点,最低点,最高点,診断,"
                     "項目ID,項目,回答,点数").split(",")


def cell(value):
    """A cell as quiz.js writes it (csvField): text that starts like a formula gets a leading "'"."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if re.match(r"'?[=+\-@\t\r]|''", text) else text


def as_csv(data, answers=("a", "b")):
    """The CSV download of a record (docs/results.md): UTF-8 with BOM, CRLF, one row per question."""
    quiz, person, attempt, score = data["quiz"], data["person"], data["attempt"], data["score"]
    local = attempt["local_date"]
    when = f"{local[:10]} {local[11:19]} {local[19:]}"
    start = [quiz["id"], quiz["title"], quiz.get("version", ""), when, person["name"], person["employee_id"],
             person["department"], attempt.get("number", "")]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if quiz["type"] == "self_check":
        writer.writerow(SELF_CHECK_HEADER)
        for a in data["answers"]:
            writer.writerow(map(cell, start + [score["points"], score["min"], score["max"], score["band"],
                                               a["question"], a["text"], a["answer"], a["points"]]))
    else:
        writer.writerow(QUIZ_HEADER)
        for a, chosen in zip(data["answers"], answers):
            writer.writerow(map(cell, start + [score["correct"], score["total"], score["percent"], score["pass_mark"],
                                               "合格" if score["passed"] else "不合格", a["question"], a["text"],
                                               chosen, "正解" if a["correct"] else "不正解"]))
    return "\ufeff" + out.getvalue()


def self_check_record(name="山田 太郎", employee_id="E1", number="20261201-00C0FFEE"):
    return {"format": "mamori-quiz-result", "version": 2,
            "quiz": {"id": "self", "title": "自己診断", "type": "self_check"},
            "person": {"name": name, "employee_id": employee_id, "department": "総務部"},
            "attempt": {"date": "2026-12-01T01:00:00.000Z", "local_date": "2026-12-01T10:00:00+09:00", "seed": 3,
                        "number": number},
            "score": {"points": -1, "min": -2, "max": 2, "band": "これから整える段階"},
            "answers": [{"question": "lock", "text": "書類を鍵のかかる棚に保管している", "answer": "いいえ", "points": -1},
                        {"question": "rules", "text": "情報の持ち出しルールを決めている", "answer": "未回答", "points": 0}]}


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

    # ---- the CSV downloads ----

    def test_a_csv_download_is_read_like_the_json(self):
        self.hand_in("a.csv", as_csv(record(number="20261201-3F2A9C01")))
        self.hand_in("b.csv", as_csv(record(name="佐藤 花子", employee_id="E2", department="製造部", correct=1,
                                            passed=False))[1:].encode("cp932"))  # as Excel saves it again
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("mamori: read 2 result files, skipped 0", result.stderr)
        report = json.loads(result.stdout)
        people = {p["employee_id"]: p for p in report["people"]}
        basic = people["E1"]["quizzes"]["basic"]
        self.assertEqual((basic["status"], basic["first_pass"], basic["certificate"]),
                         ("passed", "2026-12-01", "20261201-3F2A9C01"))
        self.assertEqual(people["E2"]["quizzes"]["basic"]["status"], "not_passed")
        self.assertEqual(people["E2"]["quizzes"]["basic"]["best_percent"], 50)
        self.assertEqual({i["question"]: i["wrong"] for i in report["items"]}, {"q1": 0, "q2": 1})

    def test_a_neutralised_formula_comes_back_and_is_neutralised_again(self):
        name = '=HYPERLINK("http://evil/","x")'
        text = as_csv(record(name=name, employee_id="E8"))
        self.assertIn('"\'' + name.replace('"', '""') + '"', text)  # as quiz.js writes it
        self.hand_in("a.csv", text)
        out = self.root / "report"
        result = self.results("--format", "json", "--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(name, [p["name"] for p in json.loads(result.stdout)["people"]])
        rows = list(csv.reader(io.StringIO((out / "受講状況.csv").read_text(encoding="utf-8-sig"))))
        self.assertIn("'" + name, [row[2] for row in rows])

    def test_a_csv_whose_rows_disagree_is_skipped_with_the_line(self):
        lines = as_csv(record()).split("\r\n")
        lines[2] = lines[2].replace("山田 太郎", "佐藤 花子")
        self.hand_in("mixed.csv", "\r\n".join(lines))
        self.hand_in("formula.csv", as_csv(record()).replace("山田 太郎", "=1+1"))
        result = self.results()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'mixed.csv'}: line 3: 氏名 is not the same as on line 2 "
                      "(one file holds one attempt)", result.stderr)
        self.assertIn(f"mamori: skipped {self.inbox / 'formula.csv'}: line 2: 氏名: '=1+1' starts with '=', "
                      "which Excel runs as a formula", result.stderr)
        self.assertIn("mamori: read 0 result files, skipped 2", result.stderr)

    def test_a_completion_report_fed_back_is_skipped_with_the_reason(self):
        self.hand_in("a.json", record())
        out = self.root / "report"
        self.assertEqual(self.results("--out", out).returncode, 0)
        shutil.copy(out / "受講状況.csv", self.inbox / "受講状況.csv")
        shutil.copy(self.root / "roster.csv", self.inbox / "名簿.csv")
        result = self.results()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / '受講状況.csv'}: not a quiz result CSV: this is a completion "
                      "report (受講状況.csv, written by mamori results)\n", result.stderr)
        self.assertIn(f"mamori: skipped {self.inbox / '名簿.csv'}: not a quiz result CSV: this looks like a roster; "
                      "give a roster with --roster\n", result.stderr)
        self.assertIn("mamori: read 1 result files, skipped 2", result.stderr)

    def test_one_attempt_as_json_and_csv_is_counted_once(self):
        numbered = record(number="20261201-3F2A9C01")
        self.hand_in("理解度チェック_basic_E1_20261201.json", numbered)
        self.hand_in("理解度チェック_basic_E1_20261201.csv", as_csv(numbered))
        unnumbered = record(employee_id="E2", name="佐藤 花子", department="製造部")
        self.hand_in("sato.json", unnumbered)
        self.hand_in("mail/sato.csv", as_csv(unnumbered))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(sorted(report["notes"]), sorted([
            f"{self.inbox / '理解度チェック_basic_E1_20261201.csv'}: the same attempt as "
            f"{self.inbox / '理解度チェック_basic_E1_20261201.json'}; counted once",
            f"{self.inbox / 'mail/sato.csv'}: the same attempt as {self.inbox / 'sato.json'}; counted once"]))
        attempts = {p["employee_id"]: p["quizzes"].get("basic", {}).get("attempts") for p in report["people"]}
        self.assertEqual(attempts, {"E1": 1, "E2": 1, "E3": None})

    def test_a_bad_attempt_number_is_refused(self):
        self.hand_in("a.json", record(number="<b>1</b>"))
        result = self.results()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'a.json'}: attempt.number must be up to 40 characters of "
                      "0-9, A-Z and -", result.stderr)

    def test_a_self_check_taken_is_jukou_everywhere(self):
        self.hand_in("a.json", record())
        self.hand_in("self.json", self_check_record())
        self.hand_in("self-sato.csv", as_csv(self_check_record(name="佐藤 花子", employee_id="E2", number="20261201-0BADCAFE")))
        out = self.root / "report"
        result = self.results("--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("  自己診断 (self): 受講 2人\n", result.stdout)
        self.assertIn("    E2 佐藤 花子: 未受講 基本の小テスト", result.stdout)
        self.assertIn("    E3 鈴木 一郎: 未受講 ", result.stdout)
        for line in result.stdout.splitlines():
            if "未合格" in line:
                self.assertNotIn("自己診断", line.split("未合格", 1)[1])
        rows = list(csv.DictReader(io.StringIO((out / "受講状況.csv").read_text(encoding="utf-8-sig"))))
        states = {(r["社員番号"], r["小テスト"]): r["状況"] for r in rows}
        self.assertEqual(states[("E1", "自己診断")], "受講")
        self.assertEqual(states[("E2", "自己診断")], "受講")
        self.assertEqual(states[("E3", "自己診断")], "未受講")
        self.assertEqual(states[("E1", "基本の小テスト")], "合格")
        self.assertEqual({r["修了証番号"] for r in rows if r["小テスト"] == "自己診断"}, {""})
        report = json.loads((out / "completion.json").read_text(encoding="utf-8"))
        self.assertEqual(report["types"]["self"], "self_check")
        taken = report["people"][0]["quizzes"]["self"]
        self.assertEqual((taken["status"], taken["passed"], taken["certificate"]), ("taken", None, None))
        html = (out / "report.html").read_text(encoding="utf-8")
        self.assertIn("<li>自己診断：受講 2人</li>", html)
        self.assertNotIn("自己診断 合格", html)

