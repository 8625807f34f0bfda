"""Class "collisions": two things that would be written to the same page, PDF, calendar feed or calendar
event UID. The message must name both places: the other file (and line), or the page the generator
always writes."""

from __future__ import annotations

from tests.hostile import AT, CONTENT, FIXTURE, NOTICE, NOTICE_FILE, Case, agreement, at

G = "collisions"
ID = "id: psykisk-halsa-2027"
NOTICE_ID = "id: hostile-notice"
ALWAYS = "a page the generator always writes"
LAST_DEADLINE_END = '    source: {seed: "001", section: "test"}\nsource:'
SECOND_DEADLINE = """    source: {seed: "001", section: "test"}
  - id: rekvisition
    date: 2027-12-15
    kind: rekvisition
    title: Rekvisition igen
    who: Regionerna
    source: {seed: "001", section: "test"}
source:"""
# Two agreements whose ids and deadline ids meet at "--": hostile--x + rekvisition and hostile + x--rekvisition.
UID_A = FIXTURE.replace(ID, "id: hostile--x").replace("series: psykisk-halsa", "series: hostile")
UID_B = FIXTURE.replace(ID, "id: hostile").replace("series: psykisk-halsa", "series: hostile").replace("  - id: rekvisition", "  - id: x--rekvisition")

CASES = [
    agreement(G, "agreement-id-index", ID, "id: index", "id", ALWAYS),
    Case(G, "notice-id-index", "id", ALWAYS, AT, file=NOTICE_FILE, base=NOTICE, old=NOTICE_ID, new="id: index"),
    agreement(G, "agreement-id-twice", ID, "id: psykisk-halsa-2025", "id", "content/agreements/psykisk-halsa-2025.yaml"),
    Case(
        G,
        "notice-id-is-agreement-id",
        "id",
        "content/agreements/psykisk-halsa-2025.yaml",
        AT,
        file=NOTICE_FILE,
        base=NOTICE,
        old=NOTICE_ID,
        new="id: psykisk-halsa-2025",
    ),
    agreement(
        G,
        "agreement-id-is-notice-id",
        ID,
        "id: bakgrundskontroller-aldreomsorg",
        "id",
        "content/agreements/zz-hostile.yaml",
        1,
        reported_in="notices/bakgrundskontroller-2026.yaml",
    ),
    Case(
        G,
        "rulebook-id-is-agreement-id",
        "id",
        "content/agreements/psykisk-halsa-2025.yaml",
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old="id: samverkansregler-2026",
        new="id: psykisk-halsa-2025",
    ),
    agreement(
        G, "agreement-id-is-rulebook-id", ID, "id: samverkansregler-2026", "id", "content/agreements/zz-hostile.yaml", 1, reported_in="samverkansregler.yaml"
    ),
    agreement(
        G,
        "deadline-id-is-signing-event",
        "  - id: rekvisition",
        "  - id: undertecknande-staten",
        "signatures[0].party",
        "content/agreements/zz-hostile.yaml",
        16,
    ),
    agreement(G, "deadline-id-twice", LAST_DEADLINE_END, SECOND_DEADLINE, "deadlines[1].id", "duplicate id", at(1)),
    Case(
        G,
        "calendar-uid-double-hyphen",
        "deadlines[0].id",
        "content/agreements/zz-hostile-b.yaml",
        49,
        old=None,
        new=UID_A,
        extra=(("agreements/zz-hostile-b.yaml", UID_B),),
    ),
    Case(
        G,
        "clause-number-twice",
        "clauses[112].number",
        "samverkansregler.yaml:824",
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old='  - number: "10"',
        new='  - number: "9"',
    ),
    agreement(G, "id-path-traversal", ID, "id: ../index", "id", "pattern"),
    # Issue 25: a rulebook id equal to an agreement's PDF name made two PDFs share one file.
    Case(
        G,
        "rulebook-pdf-is-agreement-pdf",
        "id",
        "PDF 'pdf/overenskommelse-psykisk-halsa-2025.pdf' is already written for content/agreements/psykisk-halsa-2025.yaml",
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old="id: samverkansregler-2026",
        new="id: overenskommelse-psykisk-halsa-2025",
    ),
    Case(
        G,
        "rulebook-pdf-is-the-whole-reference",
        "id",
        "the PDF of the whole reference",
        AT,
        file="samverkansregler.yaml",
        base=CONTENT,
        old="id: samverkansregler-2026",
        new="id: overenskommelser-och-samverkansregler",
    ),
]
