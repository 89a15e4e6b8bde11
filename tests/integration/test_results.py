"""`mamori results`: the completion report from the result files HR collected."""
import csv
import io
import json
import os
import re
import shutil
import time
import tomllib

from helpers import FIXTURES, ProjectTest, run

QUESTIONS = ("password", "mail", "pay")  # tests/fixtures/quiz/quizzes/basic.toml: 3 questions, pass mark 60


def fnv1a32(text):
    h = 2166136261
    for byte in text.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def attempt_number(quiz, date, seed, local):
    """The number quiz.js gives an attempt (docs/results.md)."""
    return local[:10].replace("-", "") + "-" + "%08X" % fnv1a32(f"{quiz}\n{date}\n{seed}")


def choice_ids(quiz, question):
    """(right ids, every id) of a question as the quiz page names its choices (quiz/choice_order.h):
    a Fisher-Yates permutation of the file's order driven by xorshift32 seeded with FNV-1a 32 of
    "QUIZ\nQUESTION", named a, b, c … in the permuted order."""
    if question.get("type") == "true_false":
        return ["true" if question["answer"] else "false"], ["true", "false"]
    order = list(range(len(question["choices"])))
    state = fnv1a32(f"{quiz}\n{question['id']}") or 1
    for i in range(len(order), 1, -1):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        j = state % i
        order[i - 1], order[j] = order[j], order[i - 1]
    ids = [chr(ord("a") + p) for p in range(len(order))]
    return [ids[p] for p, c in enumerate(order) if question["choices"][c].get("correct")], ids


def answer(quiz, question_id, right):
    """`chosen` for an answer to the fixture's quiz that is right or wrong."""
    bank = tomllib.loads((FIXTURES / "quiz" / "quizzes" / f"{quiz}.toml").read_text(encoding="utf-8"))
    question = next(q for q in bank["questions"] if q["id"] == question_id)
    correct, ids = choice_ids(quiz, question)
    return correct if right else [next(i for i in ids if i not in correct)]


def bank_version(path):
    """quiz.version of a quiz file: FNV-1a 64 of its text without BOM and carriage returns, then a separator."""
    h = 0xCBF29CE484222325
    for byte in path.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r", b"") + b"\xff":
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def record(quiz="basic", name="山田 太郎", employee_id="E1", department="総務部", correct=3, total=3, passed=True,
           date="2026-11-30T23:30:00.000Z", local="2026-12-01T08:30:00+09:00", version=None, number=None,
           pass_mark=60, questions=QUESTIONS, title="基本の小テスト"):
    """A record as quiz.js writes it; number=True numbers it as quiz.js does."""
    if number is True:
        number = attempt_number(quiz, date, 1, local)
    return {"format": "mamori-quiz-result", "version": 2,
            "quiz": {"id": quiz, "title": title, "type": "quiz", **({"version": version} if version else {})},
            "person": {"name": name, "employee_id": employee_id, "department": department},
            "attempt": {"date": date, "local_date": local, "seed": 1, **({"number": number} if number else {})},
            "score": {"correct": correct, "total": total, "percent": round(correct * 100 / total),
                      "pass_mark": pass_mark, "passed": passed},
            "answers": [{"question": q, "text": f"設問{i + 1}", "chosen": chosen_for(quiz, q, i < correct),
                         "correct": i < correct} for i, q in enumerate(questions[:total])]}


def chosen_for(quiz, question, right):
    """A right or wrong answer's choice ids; questions the fixture does not have get "a"."""
    try:
        return answer(quiz, question, right)
    except (FileNotFoundError, StopIteration):
        return ["a"]


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


def as_csv(data, answers=("a", "b", "c")):
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
            points = "" if a["points"] is None else a["points"]
            writer.writerow(map(cell, start + [score["points"], score["min"], score["max"], score["band"],
                                               a["question"], a["text"], a["answer"] or "未回答", points]))
    else:
        writer.writerow(QUIZ_HEADER)
        for a, chosen in zip(data["answers"], answers):
            writer.writerow(map(cell, start + [score["correct"], score["total"], score["percent"], score["pass_mark"],
                                               "合格" if score["passed"] else "不合格", a["question"], a["text"],
                                               chosen, "正解" if a["correct"] else "不正解"]))
    return "\ufeff" + out.getvalue()


def self_check_record(name="山田 太郎", employee_id="E1", number=None):
    number = number or attempt_number("self", "2026-12-01T01:00:00.000Z", 3, "2026-12-01T10:00:00+09:00")
    return {"format": "mamori-quiz-result", "version": 2,
            "quiz": {"id": "self", "title": "自己診断", "type": "self_check"},
            "person": {"name": name, "employee_id": employee_id, "department": "総務部"},
            "attempt": {"date": "2026-12-01T01:00:00.000Z", "local_date": "2026-12-01T10:00:00+09:00", "seed": 3,
                        "number": number},
            "score": {"points": -1, "min": -2, "max": 8, "band": "これから整える段階"},
            "answers": [{"question": "lock", "text": "書類を鍵のかかる棚に保管している", "answer": "わからない", "points": -1},
                        {"question": "rules", "text": "情報の持ち出しルールを決めている", "answer": None, "points": None}]}


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
        self.assertEqual(report["items"][0]["question"], "mail")
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
        self.assertEqual(people["E2"]["quizzes"]["basic"]["best_percent"], 33)
        self.assertEqual({i["question"]: i["wrong"] for i in report["items"]}, {"password": 0, "mail": 1, "pay": 1})

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
        numbered = record(number=True)
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
        self.assertEqual(states[("E1", "自己診断")], "受講（任意）")
        self.assertEqual(states[("E2", "自己診断")], "受講（任意）")
        self.assertEqual(states[("E3", "自己診断")], "未受講（任意）")
        self.assertEqual(states[("E1", "基本の小テスト")], "合格")
        self.assertEqual({r["修了証番号"] for r in rows if r["小テスト"] == "自己診断"}, {""})
        report = json.loads((out / "completion.json").read_text(encoding="utf-8"))
        self.assertEqual(report["types"]["self"], "self_check")
        taken = report["people"][0]["quizzes"]["self"]
        self.assertEqual((taken["status"], taken["passed"], taken["certificate"]), ("taken", None, None))
        html = (out / "report.html").read_text(encoding="utf-8")
        self.assertIn("<li>自己診断：受講 2人</li>", html)
        self.assertNotIn("自己診断 合格", html)


    # ---- records HR can rely on: what the security review found ----

    def test_records_whose_score_does_not_add_up_are_skipped_with_the_reason(self):
        fake = record(correct=0, passed=True)  # a pass with nothing right
        no_answers = record()
        no_answers["answers"] = []
        zero = record(correct=0, total=1, passed=True, pass_mark=1)
        zero["score"].update(total=0, percent=0)
        self.hand_in("fake.json", fake)
        self.hand_in("no-answers.json", no_answers)
        self.hand_in("zero.json", zero)
        self.hand_in("fake.csv", as_csv(record(correct=0, passed=False)).replace("不合格", "合格"))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 1)
        for name, reason in [
                ("fake.json", "score.passed is true, but score.percent 0 is below score.pass_mark 60"),
                ("no-answers.json", "answers hold 0 questions, but score.total is 3"),
                ("zero.json", "score.total must be a whole number from 1 to 10000"),
                ("fake.csv", "判定 is 合格, but 正答率(%) 0 is below 合格ライン(%) 60")]:
            self.assertIn(f"mamori: skipped {self.inbox / name}: {reason}\n", result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(report["people"][0]["quizzes"], {})

    def test_a_record_that_does_not_fit_todays_quiz_is_an_attempt_not_a_pass(self):
        today = bank_version(self.root / "quizzes" / "basic.toml")
        self.hand_in("low.json", record(correct=1, pass_mark=30, passed=True))
        self.hand_in("one.json", record(employee_id="E2", name="佐藤 花子", correct=1, total=1))
        self.hand_in("made-up.json", record(employee_id="E3", name="鈴木 一郎", version=today,
                                            questions=("x1", "x2", "x3")))
        self.hand_in("older.json", record(employee_id="E4", name="田中", version="0123456789abcdef",
                                          questions=("x1", "x2", "x3")))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual([note for note in report["notes"] if "not counted" in note], [
            f"{self.inbox / 'low.json'}: pass mark 30% where the quiz asks 60%; not counted as a pass",
            f"{self.inbox / 'made-up.json'}: question 'x1' and 2 more are not in today's question bank; "
            "not counted as a pass",
            f"{self.inbox / 'one.json'}: 1 question where the quiz asks 3; not counted as a pass"])
        status = {p["employee_id"]: p["quizzes"]["basic"] for p in report["people"]}
        for who in ("E1", "E2", "E3"):
            self.assertEqual((status[who]["status"], status[who]["attempts"], status[who]["not_counted"]),
                             ("not_passed", 1, 1), who)
        self.assertEqual(status["E4"]["status"], "passed")  # an older bank had other questions
        self.assertTrue(status["E4"]["older_version"])

    def test_regression_a_failed_record_edited_into_a_pass_is_not_counted(self):
        # A user test turned a failed JSON into 3/3 合格 by editing `correct` and `score` only,
        # and gave a choice the question does not have: both were counted as passes.
        edited = record(correct=3, passed=True)
        edited["answers"][0]["chosen"] = answer("basic", "password", False)
        self.hand_in("edited.json", edited)
        made_up = record(employee_id="E2", name="佐藤 花子", correct=3, passed=True)
        made_up["answers"][2]["chosen"] = ["zzz"]
        self.hand_in("made-up.json", made_up)
        result = self.results("--format", "json")
        report = json.loads(result.stdout)
        self.assertEqual([note for note in report["notes"] if "not counted" in note], [
            f"{self.inbox / 'edited.json'}: question 'password' is marked right, but the answer chosen is not the "
            "right one; not counted as a pass",
            f"{self.inbox / 'made-up.json'}: question 'pay': 'zzz' is not one of its choices; not counted as a pass"])
        status = {p["employee_id"]: p["quizzes"].get("basic", {}).get("status") for p in report["people"]}
        self.assertEqual((status["E1"], status["E2"]), ("not_passed", "not_passed"))

    def test_a_quiz_the_portal_does_not_have_is_skipped_and_titles_are_the_portals(self):
        self.hand_in("a.json", record(title="偽のタイトル"))
        self.hand_in("typo.json", record(quiz="basci"))
        self.hand_in("gone.json", record(quiz="zz"))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'typo.json'}: quiz 'basci' is not a quiz of this portal "
                      "(did you mean 'basic'?)\n", result.stderr)
        self.assertIn(f"mamori: skipped {self.inbox / 'gone.json'}: quiz 'zz' is not a quiz of this portal\n",
                      result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(report["quizzes"]["basic"], "基本の小テスト")
        self.assertNotIn("zz", report["quizzes"])

    def test_without_a_project_quiz_ids_are_not_checked_and_only_50_are_taken(self):
        elsewhere = self.root.parent / "elsewhere"
        elsewhere.mkdir()
        for i in range(51):
            self.hand_in(f"{i:02}.json", record(quiz=f"q{i:02}"))
        result = run("results", "--root", elsewhere, self.inbox)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout.count("quiz ids are not checked"), 1)
        self.assertIn(f"no mamori.toml at {elsewhere}: quiz ids are not checked", result.stdout)
        self.assertIn(f"mamori: skipped {self.inbox / '50.json'}: more than 50 different quizzes and no project to "
                      "check them against", result.stderr)
        self.assertIn("mamori: read 50 result files, skipped 1", result.stderr)

    def report_sizes(self, root, *extra):
        """Runs with the 2,000-person roster into root/report; the bytes of each report and of stdout."""
        root.mkdir(exist_ok=True)
        out = root / "report"
        started = time.monotonic()
        result = run("results", "--roster", self.root / "roster.csv", "--root", root, "--out", out, *extra,
                     self.inbox)
        self.assertLess(time.monotonic() - started, 60)
        self.assertEqual(result.returncode, 1, result.stderr)
        sizes = {f.name: f.stat().st_size for f in out.iterdir()}
        sizes["stdout"] = len(result.stdout.encode())
        return result, sizes

    def test_one_small_file_does_not_blow_the_reports_up(self):
        self.write("roster.csv", "社員番号,氏名,所属\r\n" + "".join(f"E{i:05},社員{i},部{i % 40}\r\n" for i in range(2000)))
        title = "長" * 300_000  # the tester's 900 KB title
        self.hand_in("big.json", record(title=title))
        self.hand_in("big-unknown.json", record(quiz="zz", title=title))
        for root in (self.root, self.root.parent / "no-project"):
            result, sizes = self.report_sizes(root)
            self.assertIn(f"{self.inbox / 'big.json'}: quiz.title is longer than 200 characters", result.stderr)
            self.assertLess(sum(sizes.values()), 2 << 20, sizes)  # 2,000 people × the portal's 3 quizzes at most

    def test_many_quiz_ids_do_not_blow_the_reports_up(self):
        self.write("roster.csv", "社員番号,氏名,所属\r\n" + "".join(f"E{i:05},社員{i},部{i % 40}\r\n" for i in range(2000)))
        for i in range(300):  # a quiz id per file
            self.hand_in(f"ids/{i}.json", record(quiz=f"z{i}", employee_id=f"E{i:05}", name=f"社員{i}"))
        result, sizes = self.report_sizes(self.root)
        self.assertIn("mamori: read 0 result files, skipped 300", result.stderr)
        self.assertLess(sum(sizes.values()), 2 << 20, sizes)
        result, sizes = self.report_sizes(self.root.parent / "no-project")
        self.assertIn("mamori: read 50 result files, skipped 250", result.stderr)
        self.assertLess(sum(sizes.values()), 16 << 20, sizes)  # 2,000 people × 50 quizzes, ~150 bytes each

    def test_a_colleagues_attempt_number_does_not_erase_their_pass(self):
        number = attempt_number("basic", "2026-11-30T23:30:00.000Z", 1, "2026-12-01T08:30:00+09:00")
        self.hand_in("0-attacker.json", record(employee_id="E2", name="佐藤 花子", correct=0, passed=False,
                                               number=number))
        self.hand_in("yamada.json", record(number=True))
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        status = {p["employee_id"]: p["quizzes"].get("basic", {}).get("status") for p in report["people"]}
        self.assertEqual(status, {"E1": "passed", "E2": "not_passed", "E3": None})
        self.assertIn(f"{self.inbox / 'yamada.json'}: the same 記録番号 {number} as {self.inbox / '0-attacker.json'}, "
                      "but not the same person, score and answers; both are counted", report["notes"])

    def test_an_attempt_number_that_does_not_match_is_noted_and_not_a_certificate(self):
        edited = record(number=True)
        edited["attempt"]["date"] = "2026-11-29T23:30:00.000Z"  # moved a day back, number kept
        edited["attempt"]["local_date"] = "2026-11-30T08:30:00+09:00"
        self.hand_in("edited.json", edited)
        self.hand_in("good.json", record(employee_id="E2", name="佐藤 花子", number=True))
        result = self.results("--format", "json")
        report = json.loads(result.stdout)
        people = {p["employee_id"]: p["quizzes"].get("basic") for p in report["people"]}
        self.assertIsNone(people["E1"]["certificate"])
        self.assertEqual(people["E1"]["status"], "passed")
        self.assertEqual(people["E2"]["certificate"], edited["attempt"]["number"])
        self.assertIn(f"{self.inbox / 'edited.json'}: 記録番号 {edited['attempt']['number']} does not match the attempt "
                      "(the file may have been edited); not reported as 修了証番号", report["notes"])

    def test_a_fifo_does_not_hang_the_run(self):
        self.hand_in("a.json", record())
        os.mkfifo(self.inbox / "fifo.json")
        result = run("results", "--roster", self.root / "roster.csv", "--root", self.root, self.inbox,
                     self.inbox / "fifo.json", timeout=30)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'fifo.json'}: cannot read: not a regular file\n", result.stderr)
        self.assertIn("mamori: read 1 result files, skipped 1", result.stderr)

    def test_invisible_characters_are_escaped_and_ignored_to_match_a_name(self):
        self.hand_in("a.json", record(employee_id="", name="佐藤\u200b \u202e花子\ufeff"))
        self.hand_in("b.json", record(employee_id="E9", name="\u2066x\u2069\u0085\u061c\u200e"))
        out = self.root / "report"
        result = self.results("--out", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        for raw in ("\u200b", "\u202e", "\ufeff", "\u2066", "\u0085", "\u061c", "\u200e"):
            self.assertNotIn(raw, result.stdout)
            self.assertNotIn(raw.encode(), (out / "completion.json").read_bytes())
        self.assertIn("\\u2066x\\u2069\\u0085\\u061C\\u200E", result.stdout)
        self.assertIn("    E2 佐藤 花子: 未受講 </title>", result.stdout)  # matched to the roster: basic passed
        self.assertNotIn("基本の小テスト", result.stdout.split("E2 佐藤 花子:")[1].split("\n")[0])
        self.assertIn(f"{self.inbox / 'a.json'}: the name contains invisible characters; they are ignored to match it",
                      result.stdout)
        report = json.loads((out / "completion.json").read_text(encoding="utf-8"))
        self.assertIn("\u2066x\u2069\u0085\u061c\u200e", [p["name"] for p in report["people"]])

    def test_a_local_date_that_is_not_a_time_with_its_offset_is_refused(self):
        self.hand_in("a.json", record(local="2026-12-01 <b>"))
        result = self.results()
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'a.json'}: attempt.local_date must be an ISO 8601 time with its "
                      "offset, like 2026-12-01T08:30:00+09:00\n", result.stderr)

    def test_symbolic_links_in_the_folder_are_not_followed_and_out_may_not_be_one(self):
        secret = self.write("secret.json", json.dumps(record(employee_id="E2", name="佐藤 花子")))
        self.hand_in("a.json", record())
        os.symlink(secret, self.inbox / "link.json")
        result = self.results("--format", "json")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"mamori: skipped {self.inbox / 'link.json'}: a symbolic link; not followed\n", result.stderr)
        named = run("results", "--root", self.root, self.inbox / "link.json")  # named: followed
        self.assertEqual(named.returncode, 0, named.stderr)
        elsewhere = self.root / "elsewhere"
        elsewhere.mkdir()
        os.symlink(elsewhere, self.inbox / "集計")
        for out in (self.inbox / "集計", str(self.inbox / "集計") + "/"):
            refused = self.results("--out", out)
            self.assertEqual(refused.returncode, 2)
            self.assertIn(f"mamori: error: --out {out} is a symbolic link; give the folder it points to\n",
                          refused.stderr)
        self.assertEqual(list(elsewhere.iterdir()), [])
