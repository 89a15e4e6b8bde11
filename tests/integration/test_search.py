"""The site search's index (docs/search.md): what goes in, what never does, and that it is
built like every other output: byte for byte the same, or not at all."""
import base64
import json
import pathlib
import re
import tempfile
import tomllib
import unittest
import zlib

from helpers import REPO, ProjectTest, run, snapshot

CALL = re.compile(r"\AmamoriSearch\.(meta|keys|chunk)\((?:(\d+),)?(.*)\);\n\Z", re.S)


def data_of(call, argument):
    """A file's data: meta's is JSON; the others', raw DEFLATE in a base64 string."""
    if call == "meta":
        return json.loads(argument)
    assert re.fullmatch(r'"[A-Za-z0-9+/=]*"', argument), "a base64 string"
    return json.loads(zlib.decompress(base64.b64decode(argument[1:-1]), -15))


def index_files(site):
    """search/*.js of a built site: name → (call, number, payload parsed as JSON)."""
    files = {}
    for path in sorted((pathlib.Path(site) / "search").iterdir()):
        found = CALL.match(path.read_text(encoding="utf-8"))
        assert found, f"{path.name} is not one call with JSON"
        number = int(found.group(2)) if found.group(2) else None
        files[path.name] = (found.group(1), number, data_of(found.group(1), found.group(3)))
    return files


def documents(site):
    """Every document of the index, in number order."""
    chunks = sorted((n, data) for name, (call, n, data) in index_files(site).items() if call == "chunk")
    return [doc for _, data in chunks for doc in data]


class SearchIndex(ProjectTest):
    fixture = "quiz"

    def build(self, out=None, *extra):
        out = out or self.root / "site"
        result = run("build", "--root", self.root, "--out", out, *extra)
        self.assertEqual(result.returncode, 0, result.stderr)
        return out

    def test_pages_contacts_and_quiz_titles_are_in_it_answers_are_not(self):
        self.write("content/basics/usb.md", '+++\ntitle = "USBメモリの扱い"\ndescription = "拾ったメモリの話"\n+++\n\n'
                   "## 拾ったとき {#found}\n\n落ちていたＵＳＢメモリーは\nパソコンに挿さずに届けます。\n")
        site = self.build()
        files = index_files(site)
        meta = files["meta.js"][2]
        docs = documents(site)
        self.assertEqual(meta["docs"], len(docs))
        self.assertEqual(sum(1 for name in files if name.startswith("k")), meta["shards"])
        usb = next(d for d in docs if d[0] == "basics/usb.html")
        self.assertEqual(usb[1], "USBメモリの扱い")
        self.assertEqual(usb[3], [["", "", "拾ったメモリの話"],
                                  ["found", "拾ったとき", "落ちていたUSBメモリーはパソコンに挿さずに届けます。"]])
        quiz_docs = [d for d in docs if d[0].startswith("quizzes/")]
        self.assertEqual({d[1] for d in quiz_docs}, {"基本の小テスト", *self.quiz_titles()} - {None})
        text = json.dumps([data for _, _, data in files.values()], ensure_ascii=False)
        for secret in self.quiz_secrets():
            self.assertNotIn(secret, text)

    def quiz_titles(self):
        return {tomllib.loads(p.read_text(encoding="utf-8")).get("title") for p in (self.root / "quizzes").glob("*.toml")}

    def quiz_secrets(self):
        """Explanations, feedback and choices of every quiz that no page contains."""
        pages = "".join(p.read_text(encoding="utf-8") for p in (self.root / "content").rglob("*.md"))
        secrets = set()
        for path in (self.root / "quizzes").glob("*.toml"):
            for question in tomllib.loads(path.read_text(encoding="utf-8")).get("questions", []):
                secrets.add(question.get("explanation"))
                secrets.add(question.get("text"))
                for choice in question.get("choices", []):
                    secrets.update({choice.get("text"), choice.get("feedback")})
        return {s for s in secrets if s and len(s) > 3 and s not in pages}

    def test_the_index_is_byte_identical_across_builds_and_job_counts(self):
        first = snapshot(self.build(self.root / "one", "--jobs", "1"))
        second = snapshot(self.build(self.root / "two", "--jobs", "2"))
        self.assertTrue(any(name.startswith("search/") for name in first))
        self.assertEqual(first, second)

    def test_a_colon_or_percent_in_a_file_name_is_encoded_as_in_an_href(self):
        # Regression (a tester's report): the raw 'javascript:x.html' read as a scheme, and the
        # browser dropped the page from every search; 'a%3Ab.html' led to a:b.html.
        self.write("content/basics/javascript:x.md", '+++\ntitle = "コロン"\n+++\n\nzqxj\n')
        self.write("content/basics/a%3Ab.md", '+++\ntitle = "パーセント"\n+++\n\nzqxj\n')
        urls = {d[0] for d in documents(self.build())}
        self.assertIn("basics/javascript%3Ax.html", urls)
        self.assertIn("basics/a%253Ab.html", urls)
        self.assertFalse(any(":" in url for url in urls))

    def test_hostile_text_stays_data(self):
        self.write("content/basics/hostile.md", '+++\ntitle = "\\"); alert(1); //</script>"\n+++\n\n'
                   "`<img src=x onerror=alert(1)>` \u2028 \\u0022 ${x}\n")
        site = self.build()
        hostile = next(d for d in documents(site) if d[0] == "basics/hostile.html")
        self.assertEqual(hostile[1], '"); alert(1); //</script>')
        self.assertIn("<img src=x onerror=alert(1)>", hostile[3][0][2])

    def test_the_search_pages_are_the_generators(self):
        site = self.build()
        self.assertTrue((site / "search.html").is_file())
        pages = (site / "pages.html").read_text(encoding="utf-8")
        self.assertIn('href="basics/index.html"', pages)
        self.write("content/search.md", '+++\ntitle = "検索"\n+++\n')
        before = snapshot(site)
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/search.md:", result.stderr)
        self.assertIn("search.html", result.stderr)
        self.assertEqual(snapshot(site), before)

    def test_content_search_folder_is_reserved(self):
        self.write("content/search/k0.js", "alert(1)\n")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("content/search/k0.js: error: content/search/ is reserved for the site search's index",
                      result.stderr)

    def test_a_page_in_content_search_is_refused_too(self):
        # Regression (a tester's report): only files there were refused; a page was built into search/.
        self.write("content/search/_index.md", '+++\ntitle = "探す"\n+++\n')
        self.write("content/search/k1.md", '+++\ntitle = "k1"\n+++\n')
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        for page in ("content/search/_index.md", "content/search/k1.md"):
            self.assertIn(page + ": error: content/search/ is reserved for the site search's index", result.stderr)

    def test_a_theme_without_a_search_template_builds_no_index(self):
        (self.root / "themes/default/templates/search.mustache").unlink()
        site = self.build()
        self.assertFalse((site / "search").exists())
        self.assertFalse((site / "search.html").exists())


class BundledPortal(unittest.TestCase):
    def test_the_portal_indexes_every_page_and_the_contact_table(self):
        with tempfile.TemporaryDirectory(prefix="mamori-it-") as tmp:
            result = run("build", "--root", REPO, "--out", pathlib.Path(tmp) / "site")
            self.assertEqual(result.returncode, 0, result.stderr)
            docs = documents(pathlib.Path(tmp) / "site")
            urls = [d[0] for d in docs]
            for page in (REPO / "content").rglob("*.md"):
                rel = page.relative_to(REPO / "content").as_posix()
                out = rel[:-len("_index.md")] + "index.html" if rel.endswith("_index.md") else rel[:-3] + ".html"
                self.assertIn(out, urls)
            contacts = next(d for d in docs if d[3] and all(block[0] == "m-contacts" for block in d[3]))
            self.assertEqual(contacts[1], "相談先一覧")
            self.assertIn("052-951-1611", json.dumps(contacts, ensure_ascii=False))


if __name__ == "__main__":
    unittest.main()
