"""Write one small PDF from the real print template (every face: regular, bold, italic, bold italic, code,
a chart), for tests/test_pdf_fonts.py to run under different fontconfig setups. Usage: sample_pdf.py OUT.pdf"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from markupsafe import Markup

from generator.build import check
from generator.charts import Series, bar_chart
from generator.export.pdf import PrintPage, print_html, write_pdf
from generator.export.print_documents import WHOLE

ROOT = Path(__file__).resolve().parents[2]

BODY = (
    "<h1>Överenskommelse 2026</h1><h2 id='a'>Åtaganden och villkor</h2>"
    "<p>Regionerna får <strong>1 320 mnkr</strong> för <em>suicidprevention</em>; se <strong><em>punkt 3.2.4</em></strong> "
    "och filen <code>tidsfrister.ics</code>. ÅÄÖ åäö é – … «» “” ≥ § ½ €</p>"
    "<table><thead><tr><th>Mottagare</th><th style='text-align: right'>Belopp</th></tr></thead>"
    "<tbody><tr><td>Regioner</td><td style='text-align: right'>600 mnkr</td></tr></tbody></table>"
)


def main(out: str) -> None:
    content, _ = check(ROOT / "content")
    chart = str(bar_chart("diagram", "Belopp per år", "Belopp i mnkr", ["Regioner", "Kommuner"], [Series("2025", [600, 300]), Series("2026", [720, 310])], lambda v: f"{v} mnkr"))
    page = PrintPage("avtal/prov.md", "Prov", 0, "sida-prov", Markup(BODY + chart), [("a", "Åtaganden och villkor")])
    write_pdf(print_html([page], content, None, dt.date(2026, 1, 15), WHOLE), Path(out))


if __name__ == "__main__":
    main(sys.argv[1])
