"""Hostile input in every file mamori reads: a clear `path:line:col: error:`, never a crash or a hang.

The inputs come from crashes and hangs found in toml++, cmark-gfm 0.29.0.gfm.6 and mamori
itself. The timings are measured by tests/bench/pathological.py, not here.
"""
import unittest

from helpers import ProjectTest, run

FRONT = '+++\ntitle = "試験"\n+++\n\n'
DEEP = "a" + ".a" * 49999 + " = 1\n"
TOO_DEEP = ("error: TOML nested too deeply: more than 32 levels of tables, dotted keys and lists inside each other; "
            "flatten the structure")


class HostileToml(ProjectTest):
    def assert_refused(self, expected):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1, result.stderr[-2000:])
        self.assertIn(expected, result.stderr)

    def test_deep_dotted_keys_in_mamori_toml(self):
        self.write("mamori.toml", 'title = "x"\n' + DEEP)
        self.assert_refused("mamori.toml:2:65: " + TOO_DEEP)

    def test_deep_dotted_keys_in_front_matter(self):
        self.write("content/deep.md", '+++\ntitle = "x"\n' + DEEP + "+++\n")
        self.assert_refused("content/deep.md:3:65: " + TOO_DEEP)

    def test_deep_dotted_keys_in_contacts_toml(self):
        self.write("content/contacts.toml", DEEP)
        self.assert_refused("content/contacts.toml:1:65: " + TOO_DEEP)

    def test_deep_dotted_keys_in_a_quiz(self):
        self.write("quizzes/deep.toml", DEEP)
        self.assert_refused("quizzes/deep.toml:1:65: " + TOO_DEEP)

    def test_deep_inline_tables_in_front_matter(self):
        self.write("content/deep.md", '+++\ntitle = "x"\nx = ' + "{a = " * 50000 + "\n+++\n")
        self.assert_refused("content/deep.md:3:161: " + TOO_DEEP)

    def test_a_nul_in_the_title_never_reaches_the_page(self):
        self.write("content/nul.md", '+++\ntitle = "\\u0000"\n+++\n\n本文\n')
        self.assert_refused("content/nul.md:2:9: error: 'title' holds a control character (U+0000), which cannot be "
                            "shown on a page: remove it")


class HostileMarkdown(ProjectTest):
    def build_page(self, body):
        self.write("content/test.md", FRONT + body)
        return run("build", "--root", self.root, timeout=60)

    def test_images_in_unclosed_brackets(self):
        result = self.build_page("![[]()" * 50000)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:5:26830: error: too many images and links in long paragraphs (each '](' counts "
                      "the '![' before it in its paragraph: more than 10000000 in all); split the paragraphs",
                      result.stderr)

    def test_a_table_with_5000_columns(self):
        columns = 5000
        result = self.build_page("|a" * columns + "|\n" + "|-" * columns + "|\n" + ("|x" * columns + "|\n") * 40)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:6:1: error: a table may have at most 100 columns, this one has 5000",
                      result.stderr)

    def test_20000_equal_headings_build(self):
        result = self.build_page("## 同じ\n" * 20000)
        self.assertEqual(result.returncode, 0, result.stderr[-2000:])
        page = (self.root / "site/test.html").read_text(encoding="utf-8")
        self.assertIn('<h2 id="同じ-19999">', page)

    def test_a_heading_id_of_the_theme(self):
        result = self.build_page("## 本文 {#m-main}\n")
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:5:1: error: heading id 'm-main' is reserved by the theme: choose another, "
                      "such as 'm-main-1'", result.stderr)

    def test_cr_only_line_ends(self):
        self.write("content/mac.md", FRONT.replace("\n", "\r") + "本文\r")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/mac.md:1:4: error: this line ends with a CR alone (the line ends of old Mac editors): "
                      "save the file with LF or CRLF line ends", result.stderr)

    def test_cr_only_line_ends_in_the_body_are_counted_as_lines(self):
        # LF front matter, a body whose lines end with a lone CR (cmark-gfm's line ends too):
        # the limit is reported on the file's line 7, not at column 26838 of line 5.
        self.write("content/test.md", FRONT + "一行目\r二行目\r" + "![[]()" * 50000 + "\r最後\r")
        result = run("build", "--root", self.root, timeout=60)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:7:26830: error: too many images and links in long paragraphs (each '](' "
                      "counts the '![' before it in its paragraph: more than 10000000 in all); split the paragraphs",
                      result.stderr)
        self.write("content/test.md", FRONT + "一行目\r\r## 本文 {#m-main}\r")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:7:1: error: heading id 'm-main' is reserved by the theme", result.stderr)

    def test_links_and_phone_numbers_after_a_lone_cr_are_placed_on_their_line(self):
        # The link's column and the phone number's line were counted as if the CR were text.
        self.write("content/test.md", FRONT + "foo\nbar\rbaz qq [x](javascript:x)\rtel 03-1234-5678\n")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:7:8: error: ", result.stderr)
        self.assertIn(" 7 | baz qq [x](javascript:x)\n   |        ^", result.stderr)
        self.assertIn("content/test.md:8:5: warning: ", result.stderr)
        self.assertIn(" 8 | tel 03-1234-5678\n   |     ^", result.stderr)

    def test_a_lone_cr_in_a_fence_is_refused(self):
        self.write("content/test.md", FRONT.replace("+++\n\n", "+++\r \r\n\n") + "## 本文 {#m-main}\n")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/test.md:3:4: error: this line ends with a CR alone (the line ends of old Mac editors): "
                      "save the file with LF or CRLF line ends", result.stderr)

class HostileTheme(ProjectTest):
    def test_meta_refresh_and_encoded_urls_in_a_template(self):
        head = self.root / "themes/default/partials/head.mustache"
        head.write_text(head.read_text(encoding="utf-8") +
                        "<meta http-equiv=refresh content=\"0; url='https://evil.example/'\">\n"
                        "<svg><image href=\"&#104;ttps://evil.example/i.png\"/></svg>\n"
                        "<style>a{background:u\\72l(https://evil.example/p.png)}</style>\n", encoding="utf-8")
        result = run("build", "--root", self.root)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("'https://evil.example/' (refresh of <meta>, which would navigate away): the site must not "
                      "send readers elsewhere by itself: link to it instead", result.stderr)
        for url, what in (("https://evil.example/i.png", "href of <image>"),
                          ("https://evil.example/p.png", "url() in CSS")):
            self.assertIn(f"'{url}' ({what}) would be loaded from outside the site", result.stderr)

    def test_an_svg_asset_that_loads_from_outside(self):
        self.write("themes/default/assets/logo.svg",
                   '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/i.png"/></svg>\n')
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("themes/default/assets/logo.svg:1:", result.stderr)
        self.assertIn("'https://evil.example/i.png' (href of <image>) would be loaded from outside the site",
                      result.stderr)


if __name__ == "__main__":
    unittest.main()
