"""404.html works at any depth without configuration: inline CSS and a root-finding script,
both allowed by their hashes in the page's Content-Security-Policy."""
import base64
import hashlib
import html
import json
import re
import shutil
import subprocess
import unittest

from helpers import ProjectTest, run

# Runs the page's script once per pathname with a stand-in for location and the links;
# prints the href of every link after it ran.
NODE_HARNESS = r"""
const vm = require("vm");
const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const results = {};
for (const pathname of input.pathnames) {
  const links = input.paths.map((path) => {
    const attributes = {"data-site-path": path, "href": path};
    return {getAttribute: (name) => attributes[name], setAttribute: (name, value) => { attributes[name] = value; },
            attributes};
  });
  const document = {querySelectorAll: (selector) => (selector === "a[data-site-path]" ? links : [])};
  vm.runInNewContext(input.script, {location: {pathname}, document});
  results[pathname] = links.map((link) => link.attributes.href);
}
process.stdout.write(JSON.stringify(results));
"""


def csp_hash(text):
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


class NotFoundPage(ProjectTest):
    def build(self):
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        return (self.root / "site/404.html").read_text(encoding="utf-8")

    def parts(self, page):
        csp = html.unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1))
        styles = re.findall(r"<style>(.*?)</style>", page, re.S)
        scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
        return csp, styles, scripts

    def test_the_inline_style_and_script_are_exactly_what_the_policy_allows(self):
        csp, styles, scripts = self.parts(self.build())
        self.assertEqual(len(styles), 1)
        self.assertEqual(len(scripts), 1)
        self.assertEqual(styles[0], (self.root / "themes/default/assets/style.css").read_text(encoding="utf-8"))
        self.assertIn("script-src 'self' " + csp_hash(scripts[0]) + ";", csp)
        self.assertIn("style-src 'self' " + csp_hash(styles[0]) + ";", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn('<link rel="stylesheet"', self.build())

    @unittest.skipUnless(shutil.which("node"), "node is not installed")
    def test_the_script_finds_the_site_root_from_any_depth(self):
        self.write("content/事後/_index.md", '+++\ntitle = "事後"\n+++\n')
        page = self.build()
        _, _, scripts = self.parts(page)
        paths = [html.unescape(p) for p in re.findall(r'data-site-path="([^"]*)"', page)]
        self.assertEqual(sorted(paths), ["cyber/index.html", "incident/index.html", "index.html", "index.html",
                                         "pages.html", "search.html", "事後/index.html"])
        cases = {
            "/404.html": "/",
            "/portal/cyber/missing.html": "/portal/",
            "/portal/cyber/old/deep/page.html": "/portal/",
            "/portal/incident/": "/portal/",
            "/portal/%E4%BA%8B%E5%BE%8C/x.html": "/portal/",
            "/portal/nothing-here.html": "/portal/",
            "/a/b/unknown/x.html": "/a/b/unknown/",  # no known folder: the folder of the missing path
            "/portal/%ZZ/cyber/x.html": "/portal/%ZZ/",  # a segment that does not decode is kept
            "//evil.example/cyber/x.html": "/evil.example/",  # never a link to another host
            "/C:/Users/me/site/assets/x.png": "/C:/Users/me/site/",  # file:// on Windows
        }
        result = subprocess.run(["node", "-e", NODE_HARNESS], capture_output=True, text=True, timeout=60,
                                input=json.dumps({"script": scripts[0], "paths": paths, "pathnames": list(cases)}))
        self.assertEqual(result.returncode, 0, result.stderr)
        hrefs = json.loads(result.stdout)
        for pathname, root in cases.items():
            self.assertEqual(hrefs[pathname], [root + p for p in paths], pathname)

    def test_with_base_url_the_links_are_absolute_and_there_is_no_script(self):
        config = (self.root / "mamori.toml").read_text(encoding="utf-8")
        self.write("mamori.toml", config + 'base_url = "https://intra.example.jp/portal"\n')
        page = self.build()
        csp, styles, scripts = self.parts(page)
        self.assertEqual(scripts, [])
        self.assertIn("script-src 'self';", csp)
        self.assertIn("style-src 'self' " + csp_hash(styles[0]) + ";", csp)
        self.assertIn('<a href="https://intra.example.jp/portal/index.html" data-site-path="index.html">トップページへ戻る</a>',
                      page)
        self.assertIn('href="https://intra.example.jp/portal/cyber/index.html"', page)

    def test_a_template_that_changes_the_inline_text_fails_the_build(self):
        template = self.root / "themes/default/templates/404.mustache"
        text = template.read_text(encoding="utf-8")
        template.write_text(text.replace("<style>{{{inline_style}}}</style>", "<style> {{{inline_style}}}</style>"),
                            encoding="utf-8")
        result = run("build", "--root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("themes/default/templates/404.mustache: error: template '404' must put {{{inline_style}}} alone "
                      "inside <style>…</style>: the page's Content-Security-Policy allows only that text",
                      result.stderr)
