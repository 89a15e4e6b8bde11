"""Contacts written once: pages and quizzes refer to content/contacts.toml by id, and numbers
written by hand draw a warning (README: 相談先一覧の更新)."""
import base64
import json
import re
import tomllib
import unittest

from helpers import REPO, ProjectTest, run, snapshot

POLICE = '愛知県警察本部（<a href="tel:052-951-1611">052-951-1611</a>）'
POLICE_NEW = '愛知県警察本部（<a href="tel:052-951-1612">052-951-1612</a>）'


def fnv1a32(text):
    h = 2166136261
    for byte in text.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    return h


def answer_key(quiz_id, question_id, encoded):
    """What a quiz page shows after answering (site/quiz_page.cc: xorshift32 keystream, base64)."""
    state = fnv1a32(f"{quiz_id}/{question_id}") or 0x9E3779B9
    out = bytearray()
    for byte in base64.b64decode(encoded):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        out.append(byte ^ (state & 0xFF))
    return json.loads(out.decode("utf-8"))


class ContactReferences(ProjectTest):
    fixture = "contacts"

    def site_text(self):
        """Every built HTML file, with the quizzes' answer keys decoded (explanations are in them)."""
        texts = {}
        for name, data in snapshot(self.root / "site").items():
            if not name.endswith(".html"):
                continue
            text = data.decode("utf-8")
            found = re.search(r'<script type="application/json" id="quiz-data">(.*?)</script>', text, re.S)
            if found:
                quiz = json.loads(found.group(1))
                quiz_id = name.rsplit("/", 1)[-1][:-5]
                for question in quiz["questions"]:
                    text += "\n" + answer_key(quiz_id, question["id"], question["key"])["explanation"]
            texts[name] = text
        return texts

    def build(self):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")
        return self.site_text()

    def test_pages_and_quizzes_show_the_table_and_follow_a_change_of_number(self):
        site = self.build()
        for page in ("index.html", "contacts/windows.html", "incident/checklist.html", "quizzes/incident.html"):
            self.assertIn(POLICE, site[page], page)
        self.assertIn(f"<td>{POLICE}</td>", site["incident/checklist.html"])
        self.assertIn('中部公安調査局（<a href="https://www.moj.go.jp/psia/kouan_mail_keizaianpo.html">ウェブサイト</a>）',
                      site["contacts/windows.html"])
        table = self.root / "content/contacts.toml"
        table.write_text(table.read_text(encoding="utf-8").replace("052-951-1611", "052-951-1612"), encoding="utf-8")
        site = self.build()
        for page in ("index.html", "contacts/windows.html", "incident/checklist.html", "quizzes/incident.html"):
            self.assertIn(POLICE_NEW, site[page], page)
        self.assertEqual([name for name, text in site.items() if "052-951-1611" in text], [])

    def test_an_import_without_the_id_column_keeps_the_references(self):
        csv = self.root / "相談先.csv"
        self.assertEqual(run("contacts", "export", csv, "--root", self.root).returncode, 0)
        lines = csv.read_bytes().decode("utf-8-sig").split("\r\n")
        self.assertEqual(lines[1], "ID,区分,相談内容,相談先,URL,電話番号,メール,備考")
        # An older file, or one where someone deleted the column: rows keep their ids by 相談先 and 相談内容.
        without_ids = "\r\n".join([lines[0]] + [line.split(",", 1)[1] for line in lines[1:] if line])
        csv.write_text(without_ids.replace("052-951-1611", "052-951-1612"), encoding="utf-8-sig")
        result = run("contacts", "import", csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('id = "aichi-police"', (self.root / "content/contacts.toml").read_text(encoding="utf-8"))
        self.assertIn(POLICE_NEW, self.build()["incident/checklist.html"])
        # A row that matches no entry cannot keep an id: refused, naming the row; nothing changes.
        before = (self.root / "content/contacts.toml").read_bytes()
        csv.write_text(without_ids.replace("愛知県警察本部", "愛知県警察"), encoding="utf-8-sig")
        result = run("contacts", "import", csv, "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{csv}:3: error: row 3 ('情報・技術流出に関するご相談' at '愛知県警察') has no ID, and "
                      "content/contacts.toml has no entry with the same 相談先 and 相談内容 to keep it from",
                      result.stderr)
        self.assertEqual((self.root / "content/contacts.toml").read_bytes(), before)

    def test_an_unknown_id_is_an_error_with_a_hint_and_the_site_stays_as_it_was(self):
        self.build()
        before = snapshot(self.root / "site")
        page = self.root / "content/incident/checklist.md"
        page.write_text(page.read_text(encoding="utf-8").replace("#aichi-police", "#aichi-polise"), encoding="utf-8")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/incident/checklist.md:11:14: error: contact 'aichi-polise' is not in "
                      "content/contacts.toml (did you mean 'aichi-police'?)\n", result.stderr)
        self.assertIn("mamori: 1 error, 0 warnings; the site was not changed", result.stderr)
        self.assertEqual(snapshot(self.root / "site"), before)

    def test_numbers_and_addresses_written_by_hand_draw_a_warning(self):
        self.write("content/incident/call.md",
                   '+++\ntitle = "電話"\ndescription = "電話します。"\nreviewed = 2026-06-01\n+++\n\n'
                   "県警（０５２－９５１－１６１１）か、社内の窓口（TEL 03-1234-5678、it@example.co.jp）へ。"
                   "日付 2025-05-01 と https://example.jp/0120-123-456 は番号ではありません。\n")
        quiz = self.root / "quizzes/incident.toml"
        quiz.write_text(quiz.read_text(encoding="utf-8").replace("税関手続きの相談先です。",
                                                                  "税関（052-654-4100）の窓口です。"),
                        encoding="utf-8")
        result = run("check", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
        self.assertEqual(warnings, [
            "content/incident/call.md:7:4: warning: phone number 052-951-1611 is written by hand; refer to the "
            "contact table ([愛知県警察本部](../contacts.toml#aichi-police))",
            "content/incident/call.md:7:29: warning: phone number 03-1234-5678 is written by hand and is not in the "
            "contact table; add it to content/contacts.toml with an id and refer to it ([相談先](../contacts.toml#ID))",
            "content/incident/call.md:7:42: warning: e-mail address it@example.co.jp is written by hand and is not "
            "in the contact table; add it to content/contacts.toml with an id and refer to it "
            "([相談先](../contacts.toml#ID))",
            "quizzes/incident.toml:17:18: warning: phone number 052-654-4100 is written by hand and is not in the "
            "contact table; add it to content/contacts.toml with an id and refer to it "
            "([相談先](../content/contacts.toml#ID))",
        ])


class BundledPortal(unittest.TestCase):
    """The portal in the repository: every contact has an id, and no page holds contact data by hand."""

    def test_no_number_or_address_is_written_by_hand(self):
        result = run("check", "--root", REPO)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("written by hand", result.stderr)

    def test_the_kyushu_bureau_is_listed_as_its_document_says(self):
        table = tomllib.loads((REPO / "content/contacts.toml").read_text(encoding="utf-8"))["contact"]
        ids = [c["id"] for c in table]
        self.assertEqual(len(ids), len(set(ids)))
        self.assertFalse([c for c in table if "対内投資管理" in c["topic"]], "a topic the source does not give")
        by_mail = {c.get("email"): c for c in table}
        # The document's own contact (its last page) and the two for technology leakage.
        self.assertEqual(by_mail["bzl-kyukokusai@meti.go.jp"]["phone"], "092-482-5423")
        self.assertEqual(by_mail["bzl-kyushu-tsusho@meti.go.jp"]["organization"], "九州経済産業局 国際部 国際課")
        self.assertEqual(by_mail["bzl-keizaianden-gijutsuchousa@meti.go.jp"]["organization"],
                         "経済産業省 貿易経済安全保障局 技術調査・流出対策室")
        for mail in ("bzl-kyushu-tsusho@meti.go.jp", "bzl-keizaianden-gijutsuchousa@meti.go.jp"):
            self.assertEqual(by_mail[mail]["topic"], "技術流出対策の問い合わせ")
            self.assertIn("九州経済産業局の資料（2025年）", by_mail[mail]["note"])
        self.assertIn("経済安全保障の強化に向けた技術流出対策について", by_mail["bzl-kyukokusai@meti.go.jp"]["note"])
