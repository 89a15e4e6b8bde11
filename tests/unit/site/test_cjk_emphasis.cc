#include "site/cjk_emphasis.h"

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <string_view>

#include "core/text.h"
#include "core/utf8.h"
#include "site/cjk_characters.h"
#include "site/cjk_emphasis_extension.h"
#include "site/markdown.h"

using namespace mamori;

namespace {

// Resolves "x.md" to "x.html", refuses nothing else the cases use.
class Resolver final : public LinkResolver {
 public:
  Result<ResolvedLink> resolve(std::string_view url, bool, int, int) const override {
    return ResolvedLink{std::string(url.substr(0, url.size() - 3)) + ".html", std::nullopt};
  }
};

std::string html_of(std::string_view body) {
  const Resolver resolver;
  return render_markdown(body, 1, resolver, {}).html;
}

RunAbility ability(char delimiter, char32_t before, char32_t after) {
  return cjk_friendly_ability(delimiter, neighbour_before(before, U'\n'), neighbour_after(after));
}

struct Case {
  const char* markdown;
  const char* html;
};

// Markdown → the exact HTML of the page body.
constexpr Case kCases[] = {
    // The issue: a closing ** after full-width punctuation, before kana or kanji.
    {"**愛知県警察本部（052-951-1611）**です", "<p><strong>愛知県警察本部（052-951-1611）</strong>です</p>\n"},
    // An opening ** after a CJK letter, before full-width punctuation.
    {"これは**「重要」**です", "<p>これは<strong>「重要」</strong>です</p>\n"},
    {"**「重要」**です", "<p><strong>「重要」</strong>です</p>\n"},
    {"これは**『書名』**です", "<p>これは<strong>『書名』</strong>です</p>\n"},
    {"連絡先は**（内線）**です", "<p>連絡先は<strong>（内線）</strong>です</p>\n"},
    {"**注意。**次に進みます", "<p><strong>注意。</strong>次に進みます</p>\n"},
    {"**注意、**次に", "<p><strong>注意、</strong>次に</p>\n"},
    {"**本当！**です", "<p><strong>本当！</strong>です</p>\n"},
    {"**本当？**です", "<p><strong>本当？</strong>です</p>\n"},
    {"中黒**・**で区切ります", "<p>中黒<strong>・</strong>で区切ります</p>\n"},
    {"**期限：**今日です", "<p><strong>期限：</strong>今日です</p>\n"},
    {"文末に**。**を打ちます", "<p>文末に<strong>。</strong>を打ちます</p>\n"},
    {"読点**、**で区切ります", "<p>読点<strong>、</strong>で区切ります</p>\n"},
    {"値が**！？**なら", "<p>値が<strong>！？</strong>なら</p>\n"},
    {"**期限：**2025年", "<p><strong>期限：</strong>2025年</p>\n"},
    {"必ず**「施錠」、**次に", "<p>必ず<strong>「施錠」、</strong>次に</p>\n"},
    {"長音**データー**です", "<p>長音<strong>データー</strong>です</p>\n"},  // ー is a letter: CommonMark already
    // Single * is emphasis the same way.
    {"これは*「強調」*です", "<p>これは<em>「強調」</em>です</p>\n"},
    {"*（注）*を読みます", "<p><em>（注）</em>を読みます</p>\n"},
    {"語*。*語", "<p>語<em>。</em>語</p>\n"},
    // ASCII punctuation next to Japanese.
    {"日本語**(注)**です", "<p>日本語<strong>(注)</strong>です</p>\n"},
    {"これは**\"重要\"**です", "<p>これは<strong>&quot;重要&quot;</strong>です</p>\n"},
    {"**重要.**次へ", "<p><strong>重要.</strong>次へ</p>\n"},
    {"**重要,**次へ", "<p><strong>重要,</strong>次へ</p>\n"},
    {"語*(a)*語", "<p>語<em>(a)</em>語</p>\n"},
    // Mixed Japanese and Latin.
    {"Go**「初心者」**を対象", "<p>Go<strong>「初心者」</strong>を対象</p>\n"},
    {"**C#**や**F#**は**「.NET」**で動きます",
     "<p><strong>C#</strong>や<strong>F#</strong>は<strong>「.NET」</strong>で動きます</p>\n"},
    {"**「Hello」**と言います", "<p><strong>「Hello」</strong>と言います</p>\n"},
    {"**(HTCPCP)**プロトコル", "<p><strong>(HTCPCP)</strong>プロトコル</p>\n"},
    {"a**「b」**c", "<p>a<strong>「b」</strong>c</p>\n"},
    // Latin text: CommonMark, unchanged.
    {"foo**bar**baz", "<p>foo<strong>bar</strong>baz</p>\n"},
    {"a * b * c", "<p>a * b * c</p>\n"},
    {"**foo*", "<p>*<em>foo</em></p>\n"},
    {"*foo**bar**baz*", "<p><em>foo<strong>bar</strong>baz</em></p>\n"},
    {"2*3*4", "<p>2<em>3</em>4</p>\n"},
    {"snake_case_word", "<p>snake_case_word</p>\n"},
    {"foo**(bar)**baz", "<p>foo**(bar)**baz</p>\n"},
    {"*foo*bar", "<p><em>foo</em>bar</p>\n"},
    {"**a** b **c**", "<p><strong>a</strong> b <strong>c</strong></p>\n"},
    {"***strong emph***", "<p><em><strong>strong emph</strong></em></p>\n"},
    {"foo*bar**", "<p>foo*bar**</p>\n"},  // the rule of 3
    // Underscores keep CommonMark's rules (the amendment's choice): use * in Japanese.
    {"__「重要」__です", "<p>__「重要」__です</p>\n"},
    {"「_強調_」", "<p>「<em>強調</em>」</p>\n"},
    {"日本_語_です", "<p>日本_語_です</p>\n"},
    {"__注意__：注意事項", "<p><strong>注意</strong>：注意事項</p>\n"},
    // Nesting.
    {"*これは**「重要」**です*", "<p><em>これは<strong>「重要」</strong>です</em></p>\n"},
    {"**「*重要*」**です", "<p><strong>「<em>重要</em>」</strong>です</p>\n"},
    {"***「重要」***です", "<p><em><strong>「重要」</strong></em>です</p>\n"},
    // Runs that find no partner stay literal.
    {"**「重要」です", "<p>**「重要」です</p>\n"},
    {"「重要」**です", "<p>「重要」**です</p>\n"},
    {"これは** 「重要」 **です", "<p>これは** 「重要」 **です</p>\n"},
    // Escapes and entities are never delimiters.
    {"\\*\\*「重要」\\*\\*です", "<p>**「重要」**です</p>\n"},
    {"&#42;&#42;「重要」&#42;&#42;です", "<p>**「重要」**です</p>\n"},
    {"\\*「重要」*です", "<p>*「重要」*です</p>\n"},
    // Links: emphasis inside a link's text, a link inside strong, never across its edge.
    {"[**「重要」**です](a.md)", "<p><a href=\"a.html\"><strong>「重要」</strong>です</a></p>\n"},
    {"**[手順](a.md)**です", "<p><strong><a href=\"a.html\">手順</a></strong>です</p>\n"},
    {"**「重[要」**です](a.md)", "<p>**「重<a href=\"a.html\">要」**です</a></p>\n"},
    {"![**「図」**です](a.md)", "<p><img src=\"a.html\" alt=\"「図」です\" /></p>\n"},
    // Code spans, code blocks and autolinks are untouched.
    {"`**（）**です`", "<p><code>**（）**です</code></p>\n"},
    {"**`コード`**です", "<p><strong><code>コード</code></strong>です</p>\n"},
    {"```\n**「重要」**です\n```", "<pre><code>**「重要」**です\n</code></pre>\n"},
    {"<https://example.jp/**「a」**で>",
     "<p><a href=\"https://example.jp/**%E3%80%8Ca%E3%80%8D**%E3%81%A7\">https://example.jp/**「a」**で</a></p>\n"},
    // Other containers: lists, headings, block quotes, lines.
    {"- **「重要」**です\n- 次", "<ul>\n<li><strong>「重要」</strong>です</li>\n<li>次</li>\n</ul>\n"},
    {"> **「重要」**です", "<blockquote>\n<p><strong>「重要」</strong>です</p>\n</blockquote>\n"},
    {"**「重要」\nです**か", "<p><strong>「重要」\nです</strong>か</p>\n"},
    // Variation selectors join the character before them.
    {"葛\xF3\xA0\x84\x80**(こちら)**城", "<p>葛\xF3\xA0\x84\x80<strong>(こちら)</strong>城</p>\n"},
    {"\xE2\x80\x9C\xEF\xB8\x81Git\xE2\x80\x9D\xEF\xB8\x81__Hub__",  // “︁Git”︁: fullwidth quotes
     "<p>\xE2\x80\x9C\xEF\xB8\x81Git\xE2\x80\x9D\xEF\xB8\x81<strong>Hub</strong></p>\n"},
    // Korean is CJK too.
    {"**안녕(hello)**하세요", "<p><strong>안녕(hello)</strong>하세요</p>\n"},
};

}  // namespace

TEST_SUITE("cjk emphasis: characters") {
  TEST_CASE("kana, kanji, full-width forms and CJK punctuation are CJK; Latin, emoji and ambiguous marks are not") {
    for (const char32_t cp : {U'あ', U'ア', U'ｱ',  U'漢', U'「', U'」', U'（', U'）', U'、',         U'。',
                              U'！', U'？', U'・', U'：', U'ー', U'〜', U'～', U'한', U'\U00020B9F', U'\U0001F202'}) {
      CAPTURE(static_cast<uint32_t>(cp));
      CHECK(is_cjk_character(cp));
    }
    for (const char32_t cp :
         {U'a', U'(', U'"', U'é', U'“', U'…', U'※', U'→', U'★', U'\U0001F600', U'\U0001F201', U' '}) {
      CAPTURE(static_cast<uint32_t>(cp));
      CHECK_FALSE(is_cjk_character(cp));
    }
  }

  TEST_CASE("variation selectors") {
    CHECK(is_general_use_variation_selector(0xFE00));
    CHECK(is_general_use_variation_selector(0xFE0E));
    CHECK_FALSE(is_general_use_variation_selector(0xFE0F));  // asks for the emoji
    CHECK(is_ideographic_variation_selector(0xE0100));
    CHECK_FALSE(is_ideographic_variation_selector(0xE01F0));
    CHECK(has_fullwidth_variant(U'“'));
    CHECK_FALSE(has_fullwidth_variant(U'"'));
  }
}

TEST_SUITE("cjk emphasis: the rule") {
  // The amendment's own table of markers between two characters (implementers-tips.md). Its
  // "～" stands for CJK punctuation; cmark-gfm 0.29 counts only Unicode P* (and ASCII) as
  // punctuation, and ～ is a math symbol (Sm) there, so 」 takes its place.
  TEST_CASE("where a run may open and close, next to white space, punctuation, letters and CJK") {
    struct Row {
      char32_t before;
      char delimiter;
      char32_t after;
      bool can_close;
      bool can_open;
    };
    constexpr Row rows[] = {
        {U' ', '*', U' ', false, false}, {U' ', '*', U'"', false, true},  {U' ', '*', U'a', false, true},
        {U' ', '*', U'」', false, true}, {U' ', '*', U'字', false, true}, {U' ', '_', U' ', false, false},
        {U' ', '_', U'"', false, true},  {U' ', '_', U'a', false, true},  {U' ', '_', U'」', false, true},
        {U' ', '_', U'字', false, true}, {U'"', '*', U'"', true, true},   {U'"', '*', U'a', false, true},
        {U'"', '*', U'字', true, true},  {U'」', '*', U'a', true, true},  {U'"', '_', U'"', true, true},
        {U'"', '_', U'a', false, true},  {U'"', '_', U'字', false, true}, {U'」', '_', U'a', false, true},
        {U'a', '*', U'a', true, true},   {U'a', '_', U'a', false, false},
    };
    for (const Row& row : rows) {
      CAPTURE(static_cast<uint32_t>(row.before));
      CAPTURE(row.delimiter);
      CAPTURE(static_cast<uint32_t>(row.after));
      const RunAbility got = ability(row.delimiter, row.before, row.after);
      CHECK(got.can_close == row.can_close);
      CHECK(got.can_open == row.can_open);
    }
  }

  TEST_CASE("CJK punctuation is a letter on the inner side of a run") {
    const RunAbility closing = ability('*', U'）', U'で');  // CommonMark: neither side lets it close
    CHECK(closing.can_close);
    const RunAbility opening = ability('*', U'は', U'「');
    CHECK(opening.can_open);
    const RunAbility latin = ability('*', U'o', U'(');  // no CJK neighbour: CommonMark's answer
    CHECK_FALSE(latin.can_open);
    CHECK(latin.can_close);
  }

  TEST_CASE("a variation selector joins the character before it") {
    // 禰 + U+FE00 is a CJK sequence: the run after it may open before "(".
    CHECK(cjk_friendly_ability('*', neighbour_before(0xFE00, U'禰'), neighbour_after(U'(')).can_open);
    // a + U+FE00 is not: CommonMark's answer.
    CHECK_FALSE(cjk_friendly_ability('*', neighbour_before(0xFE00, U'a'), neighbour_after(U'(')).can_open);
    // ” + U+FE01 (fullwidth form) is CJK punctuation: the run after it may close before a letter.
    CHECK(cjk_friendly_ability('*', neighbour_before(0xFE01, U'”'), neighbour_after(U'H')).can_close);
    CHECK_FALSE(cjk_friendly_ability('*', neighbour_before(0xFE00, U'”'), neighbour_after(U'H')).can_close);
    // An ideographic variation selector counts as CJK.
    CHECK(cjk_friendly_ability('*', neighbour_before(0xE0100, U'葛'), neighbour_after(U'(')).can_open);
  }
}

TEST_SUITE("cjk emphasis: rendered") {
  TEST_CASE("emphasis next to Japanese punctuation, and CommonMark everywhere else") {
    static_assert(std::size(kCases) >= 40);
    for (const Case& c : kCases) {
      CAPTURE(c.markdown);
      CHECK(html_of(c.markdown) == c.html);
    }
  }

  TEST_CASE("emphasis in a table cell and in a heading") {
    CHECK(html_of("| **「重要」**です |\n|---|\n| 語*（注）*語 |\n")
              .find("<th scope=\"col\"><strong>「重要」</strong>です</th>") != std::string::npos);
    CHECK(html_of("| **「重要」**です |\n|---|\n| 語*（注）*語 |\n").find("<td>語<em>（注）</em>語</td>") !=
          std::string::npos);
    CHECK(html_of("## **「重要」**です\n") == "<h2 id=\"重要です\">\n<strong>「重要」</strong>です\n</h2>\n");
  }

  // Linear time: cmark pairs the runs with its own delimiter stack, the extension only looks
  // at a run's two neighbours. 40,000 runs (80,000 '*', under the page's markup limit).
  TEST_CASE("tens of thousands of runs next to full-width punctuation") {
    const auto strong = [](const std::string& html) {
      size_t n = 0;
      for (size_t at = html.find("<strong>"); at != std::string::npos; at = html.find("<strong>", at + 1)) ++n;
      return n;
    };
    std::string openers;  // after a space a run cannot close: 40,000 openers on cmark's stack
    for (int i = 0; i < 40000; ++i) openers += " **「";
    CHECK(strong(html_of(openers)) == 0);
    std::string runs;  // between two full-width brackets a run can open and close: they pair up
    for (int i = 0; i < 40000; ++i) runs += "**（";
    CHECK(strong(html_of(runs)) == 20000);
    std::string pairs;
    for (int i = 0; i < 20000; ++i) pairs += "語**（注）**語";
    CHECK(strong(html_of(pairs)) == 20000);
  }
}

namespace {

// cjk_text_end by its definition: character by character from `at`.
size_t text_end_by_definition(std::string_view text, size_t at) {
  size_t i = at;
  char32_t cp = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const size_t length = byte < 0x80 ? 0 : decode_utf8(text, i, cp);
    if (length == 0) break;
    if (i > at && byte >= 0xE1 && i + length < text.size() && (text[i + length] == '*' || text[i + length] == '_')) {
      break;
    }
    i += length;
  }
  return i;
}

}  // namespace

TEST_SUITE("cjk emphasis: text nodes") {
  TEST_CASE("where a text node ends: the same as character by character, on 20,000 random texts") {
    const std::string_view pieces[] = {
        "語", "か", "（", "。",   "é",    "\xEF\xB8\x81", "\xF0\x9F\x98\x80", "*",        "_",
        "a",  " ",  "\n", "\xE3", "\x81", "\xFF",         "\xED\xA0\x80",     "\xC0\xAF", "~"};
    std::mt19937 random(29);
    size_t checked = 0;
    for (int n = 0; n < 20000; ++n) {
      std::string text;
      const size_t count = 1 + random() % 24;
      for (size_t k = 0; k < count; ++k) text += pieces[random() % std::size(pieces)];
      for (size_t at = 0; at < text.size(); ++at) {
        const auto lead = static_cast<unsigned char>(text[at]);
        if (lead < 0xE1 || lead > 0xF3 || utf8_sequence_length(text, at) == 0) continue;
        CAPTURE(text);
        CAPTURE(at);
        REQUIRE(cjk_text_end(text, at) == text_end_by_definition(text, at));
        ++checked;
      }
    }
    CHECK(checked > 50000);
  }
}
