#include <doctest/doctest.h>

#include "package/scorm_manifest.h"

using namespace mamori;

namespace {

ScormManifest sample(ScormVersion version) {
  return {version,
          "MAMORI-1",
          "ポータル <社内>",
          {{"cyber", "サイバー & 基本", "quizzes/cyber.html", 80}, {"9x", "次", "quizzes/9x.html", 5}},
          {"assets/site.css", "quizzes/9x.html", "quizzes/cyber.html", "資料/一覧 1.html"}};
}

}  // namespace

TEST_SUITE("package: SCORM manifest") {
  TEST_CASE("1.2: one item per quiz with its mastery score; every other file one shared asset") {
    CHECK(scorm_manifest_xml(sample(ScormVersion::v1_2)) == R"(<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="MAMORI-1" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="ORG">
    <organization identifier="ORG">
      <title>ポータル &lt;社内&gt;</title>
      <item identifier="ITEM-cyber" identifierref="RES-cyber">
        <title>サイバー &amp; 基本</title>
        <adlcp:masteryscore>80</adlcp:masteryscore>
      </item>
      <item identifier="ITEM-9x" identifierref="RES-9x">
        <title>次</title>
        <adlcp:masteryscore>5</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="RES-cyber" type="webcontent" adlcp:scormtype="sco" href="quizzes/cyber.html">
      <file href="quizzes/cyber.html"/>
      <dependency identifierref="SHARED"/>
    </resource>
    <resource identifier="RES-9x" type="webcontent" adlcp:scormtype="sco" href="quizzes/9x.html">
      <file href="quizzes/9x.html"/>
      <dependency identifierref="SHARED"/>
    </resource>
    <resource identifier="SHARED" type="webcontent" adlcp:scormtype="asset">
      <file href="assets/site.css"/>
      <file href="%E8%B3%87%E6%96%99/%E4%B8%80%E8%A6%A7%201.html"/>
    </resource>
  </resources>
</manifest>
)");
  }

  TEST_CASE("2004: scormType, and a primary objective satisfied by the pass mark as a scaled score") {
    const std::string xml = scorm_manifest_xml(sample(ScormVersion::v2004));
    CHECK(xml.find("<schemaversion>2004 4th Edition</schemaversion>") != std::string::npos);
    CHECK(xml.find("xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"") != std::string::npos);
    CHECK(xml.find("adlcp:scormType=\"sco\" href=\"quizzes/cyber.html\"") != std::string::npos);
    CHECK(xml.find("adlcp:scormtype") == std::string::npos);
    CHECK(xml.find("masteryscore") == std::string::npos);
    CHECK(xml.find(R"(        <title>サイバー &amp; 基本</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="PASS-cyber" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>0.80</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
        </imsss:sequencing>
      </item>)") != std::string::npos);
    CHECK(xml.find("<imsss:minNormalizedMeasure>0.05</imsss:minNormalizedMeasure>") != std::string::npos);
  }

  TEST_CASE("2004: a pass mark of 100 is a measure of 1.0") {
    ScormManifest m = sample(ScormVersion::v2004);
    m.items[0].pass_mark = 100;
    CHECK(scorm_manifest_xml(m).find("<imsss:minNormalizedMeasure>1.0</imsss:minNormalizedMeasure>") !=
          std::string::npos);
  }

  TEST_CASE("the version names --version takes") {
    CHECK(scorm_version_name(ScormVersion::v1_2) == "1.2");
    CHECK(scorm_version_name(ScormVersion::v2004) == "2004");
  }
}
