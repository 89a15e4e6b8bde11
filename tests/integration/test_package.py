"""`mamori package scorm`: the portal as a SCORM package an LMS imports."""
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

from helpers import ProjectTest, run

CP12 = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADL12 = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"
CP2004 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
ADL2004 = "{http://www.adlnet.org/xsd/adlcp_v1p3}"
SS = "{http://www.imsglobal.org/xsd/imsss}"


class ScormPackage(ProjectTest):
    fixture = "quiz"  # basic (pass mark 60), hostile (50), self (a self-check)

    def package(self, *extra):
        return run("package", "scorm", "--root", self.root, *extra)

    def open_zip(self, name):
        archive = zipfile.ZipFile(self.root / name)
        self.assertIsNone(archive.testzip())
        return archive

    def check_files(self, archive, manifest, cp):
        """Every file of the zip but the manifest is listed exactly once; every listed file is in the zip."""
        listed = [urllib.parse.unquote(f.get("href")) for f in manifest.iter(cp + "file")]
        self.assertEqual(len(listed), len(set(listed)))
        self.assertEqual(set(listed), set(archive.namelist()) - {"imsmanifest.xml"})
        for href in [f.get("href") for f in manifest.iter(cp + "file")] + [r.get("href") for r in manifest.iter(
                cp + "resource") if r.get("href")]:
            self.assertNotRegex(href, r"^[a-z]+:|^/|\.\.", "nothing absolute, nothing outside")

    def test_scorm_12_package(self):
        result = self.package()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("scored items: basic, hostile", result.stdout)
        archive = self.open_zip("scorm-1.2.zip")
        self.assertEqual(archive.namelist()[0], "imsmanifest.xml")  # at the root, first
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        self.assertEqual(manifest.find(f"{CP12}metadata/{CP12}schemaversion").text, "1.2")
        items = manifest.findall(f"{CP12}organizations/{CP12}organization/{CP12}item")
        self.assertEqual([i.get("identifier") for i in items], ["ITEM-basic", "ITEM-hostile"])
        self.assertEqual([i.find(f"{ADL12}masteryscore").text for i in items], ["60", "50"])
        scos = {r.get("identifier"): r for r in manifest.iter(f"{CP12}resource") if r.get(f"{ADL12}scormtype") == "sco"}
        self.assertEqual(scos["RES-basic"].get("href"), "quizzes/basic.html")
        self.assertIn("quizzes/self.html", archive.namelist())  # the self-check is a page, not an item
        self.assertIn("index.html", archive.namelist())  # the guidance is inside
        self.check_files(archive, manifest, CP12)
        # The pages inside make no request outside the package.
        for name in archive.namelist():
            if name.endswith(".html"):
                text = archive.read(name).decode()
                self.assertNotRegex(text, r'<(script|link|img)[^>]+(src|href)="(https?:)?//', name)

    def test_scorm_2004_package_with_one_quiz(self):
        result = self.package("--version", "2004", "--quiz", "basic", "--out", self.root / "lms.zip")
        self.assertEqual(result.returncode, 0, result.stderr)
        archive = self.open_zip("lms.zip")
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        self.assertEqual(manifest.find(f"{CP2004}metadata/{CP2004}schemaversion").text, "2004 4th Edition")
        items = manifest.findall(f"{CP2004}organizations/{CP2004}organization/{CP2004}item")
        self.assertEqual([i.get("identifier") for i in items], ["ITEM-basic"])
        measure = items[0].find(f"{SS}sequencing/{SS}objectives/{SS}primaryObjective/{SS}minNormalizedMeasure")
        self.assertEqual(measure.text, "0.60")
        self.check_files(archive, manifest, CP2004)

    def test_two_packages_of_the_same_portal_are_byte_identical(self):
        self.assertEqual(self.package("--out", self.root / "a.zip").returncode, 0)
        self.assertEqual(self.package("--out", self.root / "b.zip").returncode, 0)
        self.assertEqual((self.root / "a.zip").read_bytes(), (self.root / "b.zip").read_bytes())

    def test_usage_errors_write_nothing(self):
        result = self.package("--quiz", "basik")
        self.assertEqual(result.returncode, 2)
        self.assertIn("mamori: error: --quiz 'basik' is not a quiz of this portal (did you mean 'basic'?)",
                      result.stderr)
        result = self.package("--quiz", "self")
        self.assertEqual(result.returncode, 2)
        self.assertIn("is a self-check", result.stderr)
        self.assertFalse((self.root / "scorm-1.2.zip").exists())

    def test_a_content_error_keeps_the_previous_package(self):
        self.assertEqual(self.package().returncode, 0)
        before = (self.root / "scorm-1.2.zip").read_bytes()
        self.write("content/broken.md", "+++\ntitel = \"x\"\n+++\n")
        result = self.package()
        self.assertEqual(result.returncode, 1)
        self.assertRegex(result.stderr, r"content/broken\.md:\d+:\d+: error: ")
        self.assertIn("mamori: no package was written", result.stderr)
        self.assertEqual((self.root / "scorm-1.2.zip").read_bytes(), before)
        self.assertFalse((self.root / "site").exists())  # never built into the project's site folder
