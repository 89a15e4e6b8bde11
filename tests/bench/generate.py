#!/usr/bin/env python3
"""Generates a benchmark project: N Japanese pages in sections of 100.

Each page has TOML front matter that both mamori and Hugo read, headings, paragraphs,
lists, a table and external links, about 10 KB of Markdown, like the portal's guidance.
Usage: generate.py N OUT_DIR
"""
import datetime
import pathlib
import random
import sys

PARAGRAPH = ("経済安全保障の観点から、技術情報や営業情報の管理を見直すことが求められています。"
             "取引先や海外拠点を通じた流出もあるため、社員一人ひとりが兆候に気づき、"
             "組織として対応できるよう、日頃から手順を確かめておきましょう。")
# Reviewed last month: the pages are current, so a build warns about none of them.
REVIEWED = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1).isoformat()
LINKS = ["https://www.meti.go.jp/policy/netsecurity/mng_guide.html",
         "https://www.ipa.go.jp/security/guide/sme/about.html",
         "https://www.npa.go.jp/bureau/security/economic-security/index.html"]


def page(section, index, rng):
    lines = ["+++",
             f'title = "ページ {section:03}-{index:03} 情報の管理"',
             f'description = "第{section}章の{index}番目のページです"',
             f"weight = {index * 10}",
             f"reviewed = {REVIEWED}",
             f'sources = ["{LINKS[index % 3]}"]',
             "+++", ""]
    for h in range(6):
        lines += [f"## 見出し {h} の対策", ""]
        for _ in range(2):
            lines += [PARAGRAPH * rng.randint(1, 2), ""]
        lines += [f"- 項目 {k}: [参考資料]({LINKS[k % 3]})" for k in range(4)] + [""]
        if h % 2 == 0:
            lines += ["| 区分 | 内容 | 担当 |", "|---|---|---|"]
            lines += [f"| 区分{k} | 情報の分類と管理 | 総務部 |" for k in range(4)] + [""]
        lines += [f"### 小見出し {h}", "", PARAGRAPH, ""]
    return "\n".join(lines) + "\n"


def main():
    count, out = int(sys.argv[1]), pathlib.Path(sys.argv[2])
    rng = random.Random(42)
    content = out / "content"
    content.mkdir(parents=True, exist_ok=True)
    (content / "_index.md").write_text('+++\ntitle = "ベンチマーク"\n+++\n\nはじめに。\n', encoding="utf-8")
    for n in range(count):
        section, index = divmod(n, 100)
        folder = content / f"s{section:03}"
        if index == 0:
            folder.mkdir(exist_ok=True)
            (folder / "_index.md").write_text(
                f'+++\ntitle = "第{section}章"\nweight = {section}\n+++\n\n章の説明です。\n', encoding="utf-8")
        (folder / f"p{index:03}.md").write_text(page(section, index, rng), encoding="utf-8")


if __name__ == "__main__":
    main()
