#!/usr/bin/env python3
"""`mamori results` benchmark: HR's folder of result files, against the floor of reading them.

    tests/bench/results.py [--files 10000] [--people 2000] [--csv-every 10] [--repeat 3] [--mamori PATH]

Generates, in a temporary folder, a project with 5 quizzes (4 scored quizzes and a
self-check, 10 questions each), a roster of N people and result files for them as HR
collects them (one folder per 所属, a JSON download mostly and a CSV download every
--csv-every files; numbered as quiz.js numbers them; some people retake, some never start),
then times

    mamori results --roster 名簿.csv --out OUT FOLDER

against the peer: a plain Python script that only reads every file — json.load() for each
JSON, csv.reader for each CSV — the least any tool must do to look at them. Reports the
median wall and CPU time (mamori reads on every core; the peer on one) and the peak memory
(max RSS) of R runs of each, and the ratios mamori / peer.
It is a benchmark, not a test: no test asserts its timings.
"""
import argparse
import csv
import io
import json
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]
DEPARTMENTS = ["総務部", "人事部", "経理部", "営業部", "製造部", "品質保証部", "開発部", "情報システム部"]
QUIZZES = [("basics", "情報セキュリティの基本", "quiz"), ("cyber", "サイバー攻撃への備え", "quiz"),
           ("econ", "経済安全保障の基礎", "quiz"), ("export", "輸出管理", "quiz"),
           ("self", "職場の自己診断", "self_check")]
QUESTIONS = 10
QUIZ_HEADER = ("小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,正解数,出題数,正答率(%),"
               "合格ライン(%),判定,問題ID,問題,回答,正誤").split(",")
SELF_CHECK_HEADER = ("小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,合計点,最低点,最高点,診断,"
                     "項目ID,項目,回答,点数").split(",")

PEER = r"""
import csv, json, os, sys
files = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in names:
        path = os.path.join(folder, name)
        if name.endswith(".json"):
            with open(path, encoding="utf-8") as f:
                json.load(f)
        elif name.endswith(".csv"):
            with open(path, encoding="utf-8-sig", newline="") as f:
                list(csv.reader(f))
        files += 1
print(files)
"""


SCALE = [("実施している", 4), ("一部実施している", 2), ("実施していない", 0), ("わからない", -1)]


def fnv1a32(text):
    h = 2166136261
    for byte in text.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def bank_version(text):
    """quiz.version of a quiz file's text (generator/quiz/quiz.cc question_bank_version)."""
    h = 0xCBF29CE484222325
    for byte in text.encode() + b"\xff":
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return "%016x" % h


def quiz_toml(quiz):
    """quizzes/ID.toml of the project the results are read against: 10 questions, pass mark 80."""
    quiz_id, title, kind = quiz
    if kind == "self_check":
        items = "".join(f'\n[[questions]]\nid = "s{q}"\ntext = "項目 {q} を実施している"\n' for q in range(QUESTIONS))
        return (f'title = "{title}"\ntype = "self_check"\n{items}\n[[bands]]\nmin = {-QUESTIONS}\nlabel = "要注意"\n'
                f'\n[[bands]]\nmin = 10\nlabel = "概ね良好"\n')
    questions = "".join(f'\n[[questions]]\nid = "q{q}"\ntype = "true_false"\ntext = "設問 {q}"\nanswer = true\n'
                        f'explanation = "説明"\n' for q in range(QUESTIONS))
    return f'title = "{title}"\npass_mark = 80\n{questions}'


VERSIONS = {quiz[0]: bank_version(quiz_toml(quiz)) for quiz in QUIZZES}


def person(i):
    return {"name": f"社員 {i:05d}", "employee_id": f"E{i:05d}", "department": DEPARTMENTS[i % len(DEPARTMENTS)]}


def attempt_record(rng, who, quiz, day, seq):
    quiz_id, title, kind = quiz
    hour, minute = 8 + seq % 10, (seq * 7) % 60
    local = f"2026-12-{day:02d}T{hour:02d}:{minute:02d}:{seq % 60:02d}+09:00"
    utc = f"2026-12-{day - 1 if hour < 9 else day:02d}T{(hour - 9) % 24:02d}:{minute:02d}:{seq % 60:02d}.000Z"
    number = f"202612{day:02d}-{fnv1a32(quiz_id + chr(10) + utc + chr(10) + str(seq)):08X}"
    record = {"format": "mamori-quiz-result", "version": 2,
              "quiz": {"id": quiz_id, "title": title, "type": kind, "version": VERSIONS[quiz_id]},
              "person": who,
              "attempt": {"date": utc, "local_date": local, "seed": seq, "number": number}}
    if kind == "self_check":
        answers = [rng.choice(SCALE) for _ in range(QUESTIONS)]
        points = sum(p for _, p in answers)
        record["score"] = {"points": points, "min": -QUESTIONS, "max": 4 * QUESTIONS,
                           "band": "概ね良好" if points >= 10 else "要注意"}
        record["answers"] = [{"question": f"s{q}", "text": f"項目 {q} を実施している", "answer": label,
                              "points": p} for q, (label, p) in enumerate(answers)]
        return record
    right = [rng.random() < 0.8 for _ in range(QUESTIONS)]
    correct = sum(right)
    record["score"] = {"correct": correct, "total": QUESTIONS, "percent": round(correct * 100 / QUESTIONS),
                       "pass_mark": 80, "passed": correct * 100 >= 80 * QUESTIONS}
    record["answers"] = [{"question": f"q{q}", "text": f"設問 {q}: 次のうち正しいものはどれですか。",
                          "chosen": ["a"], "correct": ok} for q, ok in enumerate(right)]
    return record


def as_csv(record):
    """The CSV download of a record, as quiz.js writes it (docs/results.md)."""
    quiz, who, attempt, score = record["quiz"], record["person"], record["attempt"], record["score"]
    local = attempt["local_date"]
    start = [quiz["id"], quiz["title"], quiz["version"], f"{local[:10]} {local[11:19]} {local[19:]}", who["name"],
             who["employee_id"], who["department"], attempt["number"]]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if quiz["type"] == "self_check":
        writer.writerow(SELF_CHECK_HEADER)
        for a in record["answers"]:
            writer.writerow(start + [score["points"], score["min"], score["max"], score["band"], a["question"],
                                     a["text"], a["answer"], a["points"]])
    else:
        writer.writerow(QUIZ_HEADER)
        for a in record["answers"]:
            writer.writerow(start + [score["correct"], score["total"], score["percent"], score["pass_mark"],
                                     "合格" if score["passed"] else "不合格", a["question"], a["text"], "選択肢A",
                                     "正解" if a["correct"] else "不正解"])
    return "\ufeff" + out.getvalue()


def generate(folder, files, people, csv_every):
    """The project (mamori.toml, quizzes/), the roster and `files` result files; returns (roster path, inbox)."""
    rng = random.Random(11)
    (folder / "mamori.toml").write_text('title = "ベンチマーク"\n', encoding="utf-8")
    (folder / "quizzes").mkdir()
    for quiz in QUIZZES:
        (folder / "quizzes" / f"{quiz[0]}.toml").write_text(quiz_toml(quiz), encoding="utf-8")
    roster = folder / "名簿.csv"
    with open(roster, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(["社員番号", "氏名", "所属"])
        for i in range(people):
            who = person(i)
            writer.writerow([who["employee_id"], who["name"], who["department"]])
    inbox = folder / "collected"
    takers = [i for i in range(people) if rng.random() < 0.95]  # a few never start
    for n in range(files):
        who = person(rng.choice(takers))
        quiz = QUIZZES[n % len(QUIZZES)]
        record = attempt_record(rng, who, quiz, 2 + n % 20, n)
        name = f"理解度チェック_{quiz[0]}_{who['employee_id']}_{n:05d}"
        target = inbox / who["department"] / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if n % csv_every == csv_every - 1:
            target.with_suffix(".csv").write_text(as_csv(record), encoding="utf-8", newline="")
        else:
            target.with_suffix(".json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return roster, inbox


def timed(command):
    """Runs a command; returns (wall seconds, CPU seconds, peak MB). GNU time when installed,
    else getrusage of a child of a small Python process (so no earlier child counts)."""
    if os.path.exists("/usr/bin/time"):
        result = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", *map(str, command)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if result.returncode != 0:
            sys.exit(f"failed ({result.returncode}): {' '.join(map(str, command))}\n{result.stderr[-2000:]}")
        wall, user, system, kilobytes = result.stderr.strip().splitlines()[-1].split()
        return float(wall), float(user) + float(system), int(kilobytes) / 1024
    measure = ("import resource, subprocess, sys, time\n"
               "start = time.monotonic()\n"
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
               "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
               "print(code, time.monotonic() - start, u.ru_utime + u.ru_stime, u.ru_maxrss)\n")
    result = subprocess.run([sys.executable, "-c", measure, *map(str, command)], capture_output=True, text=True)
    code, wall, cpu, kilobytes = result.stdout.split()
    if code != "0":
        sys.exit(f"failed ({code}): {' '.join(map(str, command))}")
    return float(wall), float(cpu), int(kilobytes) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--csv-every", type=int, default=10, help="every Nth file is a CSV download")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mamori", default=REPO / "build" / "dev" / "mamori")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mamori-bench-results-") as temp:
        folder = pathlib.Path(temp)
        roster, inbox = generate(folder, args.files, args.people, args.csv_every)
        size = sum(p.stat().st_size for p in inbox.rglob("*") if p.is_file())
        print(f"{args.files} result files ({size / 1e6:.1f} MB, a CSV every {args.csv_every}), "
              f"{args.people} people on the roster, {len(QUIZZES)} quizzes")
        check = subprocess.run([args.mamori, "results", "--roster", roster, "--root", folder, inbox],
                               capture_output=True, text=True)
        summary = check.stderr.strip().splitlines()[-1] if check.stderr.strip() else ""
        if check.returncode != 0 or f"read {args.files} result files, skipped 0" not in summary:
            sys.exit(f"mamori results did not read every file (exit {check.returncode}):\n{check.stderr[-2000:]}")
        runs = {"mamori": [], "peer": []}
        for _ in range(args.repeat):
            shutil.rmtree(folder / "out", ignore_errors=True)
            runs["mamori"].append(timed([args.mamori, "results", "--roster", roster, "--root", folder,
                                         "--out", folder / "out", inbox]))
            runs["peer"].append(timed([sys.executable, "-c", PEER, inbox]))
    median = {name: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs), max(r[2] for r in rs))
              for name, rs in runs.items()}
    print(f"{'':32}{'wall':>10}{'CPU':>10}{'peak RSS':>11}   (median of {args.repeat}; RSS: the largest)")
    for name, label in (("mamori", "mamori results (4 outputs)"), ("peer", "peer: Python reads every file")):
        wall, cpu, mb = median[name]
        print(f"{label:32}{wall:>8.2f} s{cpu:>8.2f} s{mb:>8.0f} MB")
    (mw, mc, mm), (pw, pc, pm) = median["mamori"], median["peer"]
    print(f"ratio mamori / peer: wall {mw / pw:.2f}×, CPU {mc / pc:.2f}×, memory {mm / pm:.2f}×")

if __name__ == "__main__":
    main()
