"""mamori installed like a program: `cmake --install` (make install) and the Debian package
(make package) of the build that $MAMORI belongs to, run from where they were installed."""
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import unittest

from helpers import ENV, FIXTURES, MAMORI, REPO, ProjectTest

BUILD = pathlib.Path(MAMORI).resolve().parent
PREFIX = "/opt/mamori-test"
LIBRARIES = ["cmark-gfm", "toml++", "libcurl", "utf8proc", "libzip", "zlib"]
PROJECT_VERSION = re.search(r"project\(mamori VERSION (\S+)", (REPO / "CMakeLists.txt").read_text()).group(1)
# Nothing may point the installed program at the build's own files.
CLEAN_ENV = {k: v for k, v in ENV.items() if k not in ("MAMORI_LOCALEDIR", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}


def installable():
    if not (BUILD / "cmake_install.cmake").is_file() or shutil.which("cmake") is None:
        return False
    return (BUILD / "man" / "mamori.1").is_file()


def subcommands(program, *words):
    """The subcommands `program WORDS --help` lists (CLI11's "Subcommands:" section)."""
    text = subprocess.run([program, *words, "--help"], env=dict(CLEAN_ENV, LC_ALL="C.UTF-8"), capture_output=True,
                          text=True, check=True).stdout
    section = text.split("\nSubcommands:\n", 1)
    if len(section) < 2:
        return []
    return [line.split()[0] for line in section[1].splitlines() if line.startswith("  ") and line[2] != " "]


def translated_messages():
    """How many messages po/ja.po translates (msgfmt --statistics)."""
    stats = subprocess.run(["msgfmt", "--statistics", "-o", os.devnull, str(REPO / "po" / "ja.po")],
                           capture_output=True, text=True, check=True).stderr
    match = re.match(r"(\d+) translated", stats)
    return int(match.group(1)) if match else 0


@unittest.skipUnless(installable(), f"{BUILD} has no install rules or man page (not a cmake build dir of mamori)")
class Installed(ProjectTest):
    """One `cmake --install` into DESTDIR=<temp> with --prefix /opt/mamori-test for the class."""

    @classmethod
    def setUpClass(cls):
        cls._dest = tempfile.TemporaryDirectory(prefix="mamori-install-")
        cls.destdir = pathlib.Path(cls._dest.name)
        subprocess.run(["cmake", "--install", str(BUILD), "--prefix", PREFIX], env=dict(os.environ, DESTDIR=str(cls.destdir)),
                       capture_output=True, text=True, check=True)
        cls.prefix = cls.destdir / PREFIX.lstrip("/")
        cls.program = cls.prefix / "bin" / "mamori"

    @classmethod
    def tearDownClass(cls):
        cls._dest.cleanup()

    def run_installed(self, *args, env=None, cwd=None):
        return subprocess.run([str(self.program), *map(str, args)], env=env or CLEAN_ENV, cwd=cwd,
                              capture_output=True, text=True, timeout=120)

    def test_everything_lands_under_destdir_and_prefix(self):
        for relative in ["bin/mamori", "share/locale/ja/LC_MESSAGES/mamori.mo", "share/man/man1/mamori.1",
                         "share/bash-completion/completions/mamori", "share/doc/mamori/README.md"]:
            self.assertTrue((self.prefix / relative).is_file(), relative)
        self.assertTrue(os.access(self.program, os.X_OK))
        # Nothing outside the prefix: a build needs only the project folder.
        self.assertEqual([p.name for p in self.destdir.iterdir()], ["opt"])
        self.assertEqual(sorted(p.name for p in self.prefix.iterdir()), ["bin", "share"])

    def test_version_names_mamori_then_each_library(self):
        result = self.run_installed("--version")
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[0], f"mamori {PROJECT_VERSION}")
        for library in LIBRARIES:
            self.assertTrue(any(re.fullmatch(re.escape(library) + r" \d+\.\d+\S*", l) for l in lines[1:]),
                            f"{library} in {lines}")

    def test_help_lists_the_subcommands(self):
        result = self.run_installed("--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        listed = subcommands(self.program)
        for command in ["build", "check", "new", "contacts", "links", "results", "review", "package"]:
            self.assertIn(command, listed)

    def test_the_installed_program_builds_a_project_from_its_folder(self):
        result = self.run_installed("build", cwd=self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertRegex(result.stdout, r"^mamori: built 6 pages into ")
        self.assertTrue((self.root / "site" / "index.html").is_file())

    def man_page_text(self):
        page = self.prefix / "share/man/man1/mamori.1"
        if shutil.which("man"):
            command = ["man", "--warnings", "-l", str(page)]
        elif shutil.which("groff"):
            command = ["groff", "-man", "-Tutf8", "-ww", str(page)]
        else:
            return page.read_text(encoding="utf-8").replace("\\-", "-"), ""
        rendered = subprocess.run(command, env=dict(CLEAN_ENV, LC_ALL="C.UTF-8", MANWIDTH="100", MAN_KEEP_FORMATTING=""),
                                  capture_output=True, text=True, check=True)
        return re.sub(".\b", "", rendered.stdout), rendered.stderr

    def test_the_man_page_renders_and_shows_every_subcommand(self):
        text, warnings = self.man_page_text()
        self.assertEqual(warnings, "")
        for section in ["NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "SUBCOMMANDS", "EXIT STATUS", "ENVIRONMENT"]:
            self.assertRegex(text, rf"(?m)^{section}$")
        self.assertIn("mamori — builds", text)
        for command in subcommands(self.program):
            self.assertRegex(text, rf"(?m)^   mamori {command}$")
            for sub in subcommands(self.program, command):
                self.assertRegex(text, rf"(?m)^   mamori {command} {sub}$")
        self.assertIn("--format TEXT:{text,json,junit,markdown}", text)
        self.assertIn(f"mamori {PROJECT_VERSION}", text)

    def complete(self, *words, cwd=None):
        """COMPREPLY of the installed completion for `words` (the last is the word at the cursor)."""
        script = (f'source "{self.prefix}/share/bash-completion/completions/mamori"\n'
                  'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _mamori; printf "%s\\n" "${COMPREPLY[@]}"')
        env = dict(CLEAN_ENV, PATH=f"{self.prefix / 'bin'}:{os.environ['PATH']}")
        result = subprocess.run(["bash", "-c", script, "bash", "mamori", *words], env=env, cwd=cwd or self.root,
                                capture_output=True, text=True, check=True, timeout=60)
        return [w for w in result.stdout.splitlines() if w]

    def test_completion_of_subcommands_and_their_subcommands(self):
        self.assertEqual(self.complete("con"), ["contacts"])
        self.assertEqual(self.complete(""), subcommands(self.program))
        self.assertEqual(self.complete("contacts", ""), ["export", "import"])
        self.assertEqual(self.complete("package", ""), ["scorm"])
        self.assertIn("page", self.complete("new", ""))

    def test_completion_of_options_and_their_values(self):
        self.assertEqual(self.complete("links", "--fo"), ["--format"])
        self.assertEqual(self.complete("links", "--format", ""), ["text", "json", "junit", "markdown"])
        self.assertEqual(self.complete("links", "--format", "=", "j"), ["json", "junit"])
        self.assertEqual(self.complete("review", "--format", ""), ["text", "csv"])
        self.assertEqual(self.complete("package", "scorm", "--version", ""), ["1.2", "2004"])
        self.assertIn("--dry-run", self.complete("contacts", "import", "--"))
        self.assertEqual(self.complete("links", "--offline", "--no-c"), ["--no-cache"])

    def test_completion_of_files_and_folders(self):
        (self.root / "people.csv").write_text("x\n")
        self.assertIn("people.csv", self.complete("contacts", "export", "peo"))
        self.assertEqual(self.complete("build", "--root", "con"), ["content"])
        self.assertIn("people.csv", self.complete("results", "--roster", "people.csv", "peo"))

    def test_the_japanese_messages_are_installed_where_the_program_looks(self):
        """The installed catalogue wins over the build's own (generator/core/i18n.cc default_locale_dirs):
        in a copy of the installed tree, a catalogue translating every message of the source to
        "[installed] " + the English must show up."""
        pot = BUILD / "po" / "mamori.pot"
        if not pot.is_file() or shutil.which("msgen") is None or shutil.which("msgfilter") is None:
            self.skipTest(f"no {pot} (made with the unit tests) or no msgen/msgfilter (gettext)")
        if pot.read_text(encoding="utf-8").count("\nmsgid ") < 2:
            self.skipTest("no message in generator/ goes through tr() yet")
        copy = pathlib.Path(tempfile.mkdtemp(prefix="mamori-marked-"))
        self.addCleanup(shutil.rmtree, copy)
        subprocess.run(["msgen", "-o", str(copy / "en.po"), str(pot)], check=True, capture_output=True)
        subprocess.run(["msgfilter", "--keep-header", "-i", str(copy / "en.po"), "-o", str(copy / "marked.po"),
                        "sed", "-e", "1s/^/[installed] /"], check=True, capture_output=True)
        shutil.copytree(self.prefix, copy / "prefix")
        catalogue = copy / "prefix/share/locale/ja/LC_MESSAGES/mamori.mo"
        subprocess.run(["msgfmt", "-o", str(catalogue), str(copy / "marked.po")], check=True, capture_output=True)
        japanese = dict(CLEAN_ENV, LANG="ja_JP.UTF-8")
        outputs = ""
        for args in [["check"], ["check", "--root", FIXTURES / "broken"], ["review"], ["--help"]]:
            result = subprocess.run([str(copy / "prefix/bin/mamori"), *map(str, args)], env=japanese, cwd=self.root,
                                    capture_output=True, text=True, timeout=120)
            outputs += result.stdout + result.stderr
        self.assertIn("[installed] ", outputs)

    def test_the_installed_program_speaks_japanese_without_mamori_localedir(self):
        if translated_messages() == 0:
            self.skipTest("po/ja.po translates no message yet")
        result = self.run_installed("check", env=dict(CLEAN_ENV, LANG="ja_JP.UTF-8"), cwd=self.root)
        self.assertRegex(result.stdout + result.stderr, r"[\u3040-\u30ff\u4e00-\u9fff]")


def debian_tools():
    return all(shutil.which(tool) for tool in ["cpack", "dpkg-deb", "dpkg-shlibdeps"])


@unittest.skipUnless(os.environ.get("MAMORI_DEB") or (installable() and debian_tools()),
                     "no MAMORI_DEB and no way to make one here (needs cpack, dpkg-deb, dpkg-shlibdeps and a "
                     "cmake build dir of mamori)")
class DebianPackage(ProjectTest):
    """The .deb of `make package`: $MAMORI_DEB, or one cpack makes from $MAMORI's build (about 15 s)."""

    @classmethod
    def setUpClass(cls):
        cls._work = tempfile.TemporaryDirectory(prefix="mamori-deb-")
        work = pathlib.Path(cls._work.name)
        if os.environ.get("MAMORI_DEB"):
            cls.deb = pathlib.Path(os.environ["MAMORI_DEB"])
        else:
            subprocess.run(["cpack", "-G", "DEB", "-B", str(work / "package"), "--config",
                            str(BUILD / "CPackConfig.cmake")], cwd=BUILD, capture_output=True, text=True, check=True,
                           timeout=600)
            cls.deb = next((work / "package").glob("mamori_*.deb"))
        cls.root_dir = work / "root"
        subprocess.run(["dpkg-deb", "-x", str(cls.deb), str(cls.root_dir)], check=True)

    @classmethod
    def tearDownClass(cls):
        cls._work.cleanup()

    def field(self, name):
        return subprocess.run(["dpkg-deb", "-f", str(self.deb), name], capture_output=True, text=True,
                              check=True).stdout.strip()

    def test_control_fields(self):
        self.assertEqual(self.field("Package"), "mamori")
        self.assertEqual(self.field("Version"), PROJECT_VERSION)
        self.assertEqual(self.field("Section"), "web")
        self.assertRegex(self.field("Maintainer"), r"^.+ <.+@.+>$")
        description = self.field("Description")
        self.assertIn("security", description)
        self.assertIn("教育ポータル", description)
        depends = self.field("Depends")
        for library in ["libcmark-gfm0", "libcmark-gfm-extensions0", "libcurl", "libutf8proc", "libzip",
                        "zlib1g", "libtomlplusplus"]:
            self.assertIn(library, depends)
        self.assertEqual(self.field("Homepage"), "")

    def test_the_files_are_under_usr(self):
        usr = self.root_dir / "usr"
        for relative in ["bin/mamori", "share/locale/ja/LC_MESSAGES/mamori.mo", "share/man/man1/mamori.1",
                         "share/bash-completion/completions/mamori"]:
            self.assertTrue((usr / relative).is_file(), relative)
        self.assertEqual([p.name for p in self.root_dir.iterdir()], ["usr"])

    def test_the_packaged_program_runs_and_builds(self):
        program = self.root_dir / "usr/bin/mamori"
        version = subprocess.run([str(program), "--version"], env=CLEAN_ENV, capture_output=True, text=True)
        self.assertEqual(version.returncode, 0, version.stderr)
        self.assertEqual(version.stdout.splitlines()[0], f"mamori {PROJECT_VERSION}")
        build = subprocess.run([str(program), "build"], env=CLEAN_ENV, cwd=self.root, capture_output=True, text=True,
                               timeout=120)
        self.assertEqual(build.returncode, 0, build.stderr)
        self.assertTrue((self.root / "site" / "index.html").is_file())


if __name__ == "__main__":
    unittest.main()
