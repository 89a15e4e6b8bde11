"""Messages in Japanese or English: --lang, the locale, then mamori.toml's language."""
import re
import subprocess

from helpers import ENV, MAMORI, ProjectTest

PREFIX = re.compile(r"^(\S+?):(\d+):(\d+): (error|warning): ")


def mamori(*args, cwd=None, **env):
    """Runs mamori with the locale variables given (others removed)."""
    environment = {k: v for k, v in ENV.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environment.update(env)
    return subprocess.run([MAMORI, *map(str, args)], cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=120)


def positions(stderr):
    """The machine-readable prefixes of the diagnostics, in order."""
    return [m.groups() for m in map(PREFIX.match, stderr.splitlines()) if m]


class Broken(ProjectTest):
    fixture = "broken"

    def test_japanese_keeps_every_prefix_and_translates_the_rest(self):
        english = mamori("check", "--root", self.root, LANG="C.UTF-8")
        japanese = mamori("check", "--root", self.root, LANG="ja_JP.UTF-8")
        self.assertEqual(english.returncode, 1)
        self.assertEqual(japanese.returncode, 1)
        self.assertGreater(len(positions(english.stderr)), 3)
        self.assertEqual(positions(japanese.stderr), positions(english.stderr))
        self.assertNotEqual(japanese.stderr, english.stderr)
        errors, warnings = re.search(r"mamori: (\d+) errors, (\d+) warnings?\n", english.stderr).groups()
        self.assertIn(f"mamori: エラー {errors} 件、警告 {warnings} 件\n", japanese.stderr)

    def test_lang_overrides_the_locale_before_or_after_the_subcommand(self):
        before = mamori("--lang", "en", "check", "--root", self.root, LANG="ja_JP.UTF-8")
        after = mamori("check", "--root", self.root, "--lang=en", LC_ALL="ja_JP.UTF-8")
        english = mamori("check", "--root", self.root, LANG="C.UTF-8")
        self.assertEqual(before.stderr, english.stderr)
        self.assertEqual(after.stderr, english.stderr)
        japanese = mamori("check", "--root", self.root, "--lang", "ja", LANG="C.UTF-8")
        self.assertIn("エラー", japanese.stderr)

    def test_lc_all_wins_over_lang(self):
        english = mamori("check", "--root", self.root, LC_ALL="C", LANG="ja_JP.UTF-8")
        self.assertIn(" errors, ", english.stderr)

    def test_a_language_mamori_has_not_is_refused_as_a_usage_error(self):
        result = mamori("--lang", "fr", "check", "--root", self.root)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--lang", result.stderr)


class ConfiguredLanguage(ProjectTest):
    def set_language(self, language):
        config = self.root / "mamori.toml"
        text = config.read_text(encoding="utf-8")
        text = re.sub(r'(?m)^language = .*\n', "", text)
        config.write_text(f'language = "{language}"\n' + text, encoding="utf-8")

    def test_without_a_locale_mamori_toml_decides(self):
        self.set_language("ja")
        result = mamori("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^mamori: \d+ ページを .* に作りました（[0-9.]+ 秒）")
        self.set_language("en")
        result = mamori("build", "--root", self.root)
        self.assertRegex(result.stdout, r"^mamori: built \d+ pages into ")

    def test_the_locale_wins_over_mamori_toml(self):
        self.set_language("ja")
        result = mamori("check", "--root", self.root, LANG="en_US.UTF-8")
        self.assertRegex(result.stdout, r"^mamori: checked \d+ pages: no errors")

    def test_a_japanese_build_after_an_english_one_builds_again(self):
        # The no-change rebuild repeats the last build's warnings: they are in its language.
        self.assertEqual(mamori("build", "--root", self.root, LANG="C.UTF-8").returncode, 0)
        again = mamori("build", "--root", self.root, LANG="ja_JP.UTF-8")
        self.assertIn("に作りました", again.stdout)

    def test_a_mistyped_command_gets_did_you_mean_in_either_language(self):
        # Found by a user test: "mamori buidl" said "A subcommand is required", in English only.
        english = mamori("buidl", LANG="C.UTF-8")
        self.assertEqual(english.returncode, 2)
        self.assertEqual(english.stderr, "'buidl' is not a mamori command (did you mean 'build'?)\n"
                                         "Run with --help for more information.\n")
        japanese = mamori("buidl", LANG="ja_JP.UTF-8")
        self.assertEqual(japanese.stderr, "'buidl' という mamori のコマンドはありません（'build' の間違いではありませんか？）\n"
                                          "詳しくは --help を付けて実行してください。\n")
        out_of_range = mamori("build", "--jobs", "0", LANG="ja_JP.UTF-8")
        self.assertEqual(out_of_range.stderr.splitlines()[0], "--jobs: 0 は範囲外です。1 から 256 までにしてください")

    def test_help_and_environment_errors_are_translated(self):
        help_text = mamori("--help", LANG="ja_JP.UTF-8")
        self.assertEqual(help_text.returncode, 0)
        self.assertIn("ポータルを ROOT/site（または --out）に作る", help_text.stdout)
        refused = mamori("build", "--root", self.root, "--out", self.root / "content", LANG="ja_JP.UTF-8")
        self.assertEqual(refused.returncode, 2)
        self.assertIn("mamori: error: ", refused.stderr)
        self.assertIn("にはビルドしません: ビルドが読み込む content/ の中にあります", refused.stderr)


class ContactsInJapanese(ProjectTest):
    def test_a_phone_number_with_an_extension_names_the_cell_in_japanese(self):
        csv = self.root / "相談先.csv"
        csv.write_text("最終確認日,2026-07-01\nID,区分,相談内容,相談先,URL,電話番号\n"
                       "aichi,県内の窓口,技術流出,愛知県,https://www.pref.aichi.jp/,052-951-1611（内線3333）\n",
                       encoding="utf-8")
        result = mamori("contacts", "import", csv, "--root", self.root, LANG="ja_JP.UTF-8")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{csv}:3:6: error: F列（電話番号）: 電話番号 '052-951-1611（内線3333）' には数字とハイフンしか使えません"
                      "（内線や受付時間は備考に書いてください）\n", result.stderr)
        self.assertIn("mamori: エラー 1 件。content/contacts.toml は変更していません\n", result.stderr)
        self.assertFalse((self.root / "content/contacts.toml").exists())
