"""The start page's entries (issue 21): the guide's questions are quoted, never rephrased, and land on their answers.

docs/index.md is hand-written; its question links must stay the guide's own questions (content/guide.yaml),
so a label never claims more than the answer it opens.
"""

from __future__ import annotations

import re
from html import unescape

from generator.build import check
from tests.conftest import ROOT

CONTENT, _ = check(ROOT / "content")
# A question's answer is on its topic's page of the guide (samverkansregler/far-jag-fragor-<topic>.html).
LINK = re.compile(r'<a href="(samverkansregler/far-jag-fragor-[a-z0-9-]+\.html)#fraga-([^"]+)"[^>]*>(.*?)</a>', re.DOTALL)


def _article(html: str) -> str:
    return html[html.index('<article class="md-content__inner'): html.index("</article>")]


def test_start_page_quotes_the_guide_questions_it_links(built_site):
    article = _article((built_site / "index.html").read_text(encoding="utf-8"))
    questions = {q.id: q.question for q in CONTENT.guide.item.questions}
    links = LINK.findall(article)
    assert len(links) >= 3, links
    for page, question_id, text in links:
        assert question_id in questions, question_id
        assert " ".join(unescape(re.sub(r"<[^>]+>", "", text)).split()) == " ".join(questions[question_id].split())
        assert f'id="fraga-{question_id}"' in (built_site / page).read_text(encoding="utf-8"), (page, question_id)


def test_start_page_entries_come_before_the_next_deadline_and_the_pdf(built_site):
    article = _article((built_site / "index.html").read_text(encoding="utf-8"))
    first_entry = article.index('href="samverkansregler/far-jag.html"')
    search = article.index('class="start-sok__knapp"')
    assert search < first_entry < article.index('href="avtal/index.html"') < article.index("frist-nasta") < article.index("pdf/overenskommelser-och-samverkansregler.pdf")
