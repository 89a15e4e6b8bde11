"""Shared set-up for the integration tests: they run the real mamori binary."""
import os
import pathlib
import shutil
import subprocess
import tempfile
import unittest

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
MAMORI = os.environ.get("MAMORI", str(REPO / "build" / "dev" / "mamori"))
# Pages carry "reviewed" dates; pin today so staleness notices do not depend on the day.
# Messages in English whatever the machine's locale (mamori.toml's language would otherwise
# choose Japanese); tests of the Japanese messages set LANG themselves.
ENV = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
ENV.update(MAMORI_TODAY="2026-11-23", NO_COLOR="1", LANG="C.UTF-8")
# The good fixture's cyber/basics.md was reviewed on 2023-12-01: on that day it is overdue for
# review, which every build and check of it tells the editors.
BASICS_OVERDUE = ("content/cyber/basics.md:5:12: warning: this page was last reviewed on 2023-12-01, 35 months ago: "
                  "check it against its sources, then update 'reviewed'\n")


def run(*args, cwd=None, timeout=120):
    """Runs mamori; returns the CompletedProcess (text mode)."""
    return subprocess.run([MAMORI, *map(str, args)], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=timeout)


def snapshot(folder):
    """Every file below `folder` with its bytes, to compare whole trees."""
    folder = pathlib.Path(folder)
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class ProjectTest(unittest.TestCase):
    """Each test gets a copy of a fixture project (with the repository's theme) in a temp folder."""

    fixture = "good"

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="mamori-it-")
        self.root = pathlib.Path(self._tmp.name) / "project"
        shutil.copytree(FIXTURES / self.fixture, self.root)
        shutil.copytree(REPO / "themes", self.root / "themes")

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, relative, content):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path
