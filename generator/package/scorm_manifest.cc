#include "package/scorm_manifest.h"

#include <algorithm>

#include "core/text.h"

namespace mamori {
namespace {

constexpr const char* kShared = "SHARED";

// A path as a URI reference: every byte but unreserved characters and '/' percent-encoded,
// so that an LMS that does not read IRIs finds a page whose name is not ASCII.
std::string uri_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto b = static_cast<unsigned char>(c);
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += {'%', kHex[b >> 4], kHex[b & 15]};
    }
  }
  return out;
}

std::string attr(std::string_view text) {
  return "\"" + escape_markup(text) + "\"";
}

// An XML ID (an NCName: it may not start with a digit): quiz ids are letters, digits, '-'
// and '_', so a prefix is enough.
std::string item_id(const ScormItem& item) {
  return "ITEM-" + item.id;
}

std::string resource_id(const ScormItem& item) {
  return "RES-" + item.id;
}

std::string manifest_start(const ScormManifest& m) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=" + attr(m.identifier) + " version=\"1\"\n";
  if (m.version == ScormVersion::v1_2) {
    out +=
        "  xmlns=\"http://www.imsproject.org/xsd/imscp_rootv1p1p2\"\n"
        "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_rootv1p2\">\n"
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>1.2</schemaversion>\n  </metadata>\n";
  } else {
    out +=
        "  xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\"\n"
        "  xmlns:adlcp=\"http://www.adlnet.org/xsd/adlcp_v1p3\"\n"
        "  xmlns:imsss=\"http://www.imsglobal.org/xsd/imsss\">\n"
        "  <metadata>\n    <schema>ADL SCORM</schema>\n    <schemaversion>2004 4th Edition</schemaversion>\n"
        "  </metadata>\n";
  }
  return out;
}

// 2004: the item is satisfied (passed) when its score, scaled 0–1, reaches the pass mark.
std::string sequencing(const ScormItem& item) {
  const int mark = item.pass_mark;
  const std::string measure = mark >= 100 ? "1.0" : "0." + std::string(mark < 10 ? "0" : "") + std::to_string(mark);
  return "        <imsss:sequencing>\n          <imsss:objectives>\n"
         "            <imsss:primaryObjective objectiveID=" +
         attr("PASS-" + item.id) +
         " satisfiedByMeasure=\"true\">\n"
         "              <imsss:minNormalizedMeasure>" +
         measure +
         "</imsss:minNormalizedMeasure>\n"
         "            </imsss:primaryObjective>\n          </imsss:objectives>\n        </imsss:sequencing>\n";
}

std::string organizations(const ScormManifest& m) {
  std::string out = "  <organizations default=\"ORG\">\n    <organization identifier=\"ORG\">\n      <title>" +
                    escape_markup(m.title) + "</title>\n";
  for (const ScormItem& item : m.items) {
    out += "      <item identifier=" + attr(item_id(item)) + " identifierref=" + attr(resource_id(item)) +
           ">\n        <title>" + escape_markup(item.title) + "</title>\n";
    if (m.version == ScormVersion::v1_2) {
      out += "        <adlcp:masteryscore>" + std::to_string(item.pass_mark) + "</adlcp:masteryscore>\n";
    } else {
      out += sequencing(item);
    }
    out += "      </item>\n";
  }
  return out + "    </organization>\n  </organizations>\n";
}

std::string resources(const ScormManifest& m) {
  const char* type_attribute = m.version == ScormVersion::v1_2 ? "adlcp:scormtype" : "adlcp:scormType";
  std::string out = "  <resources>\n";
  for (const ScormItem& item : m.items) {
    out += "    <resource identifier=" + attr(resource_id(item)) + " type=\"webcontent\" " + type_attribute +
           "=\"sco\" href=" + attr(uri_path(item.href)) + ">\n      <file href=" + attr(uri_path(item.href)) +
           "/>\n      <dependency identifierref=\"" + kShared + "\"/>\n    </resource>\n";
  }
  out += "    <resource identifier=\"" + std::string(kShared) + "\" type=\"webcontent\" " + type_attribute +
         "=\"asset\">\n";
  for (const std::string& file : m.files) {
    const bool is_sco_page = std::any_of(m.items.begin(), m.items.end(), [&](const auto& i) { return i.href == file; });
    if (!is_sco_page) out += "      <file href=" + attr(uri_path(file)) + "/>\n";
  }
  return out + "    </resource>\n  </resources>\n";
}

}  // namespace

std::string_view scorm_version_name(ScormVersion version) {
  return version == ScormVersion::v1_2 ? "1.2" : "2004";
}

std::string scorm_manifest_xml(const ScormManifest& manifest) {
  return manifest_start(manifest) + organizations(manifest) + resources(manifest) + "</manifest>\n";
}

}  // namespace mamori
