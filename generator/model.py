"""Typed content model: what a YAML file in content/ may contain.

Every model is strict (no type coercion: "100" is not an amount, 1.5 is not an
integer), forbids unknown fields and is frozen. Field docstrings double as the
content schema documentation (see `generator.schema_doc`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

# Defence in depth: every value is escaped where it lands (generator.escape), so this is not what
# keeps pages safe; it refuses what is never legitimate in these documents: HTML tags, script URLs,
# Markdown links. (Control and invisible characters are refused by the loader, for every value.)
_UNSAFE_TEXT = re.compile(r"<[a-zA-Z/!?]|javascript\s*:|vbscript\s*:|data\s*:\s*text/html|\]\s*\(", re.IGNORECASE)
MAX_TEXT_LENGTH = 20_000
FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Years and dates in content lie in this range, so nothing overflows or sorts oddly later."""
MAX_SEK = 10**13
"""Ten thousand billion kronor: far above any state budget, far below where numbers lose precision in JSON readers."""


def _safe_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text is blank")
    match = _UNSAFE_TEXT.search(value)
    if match:
        raise ValueError(f"text may not contain markup or links (found {match.group(0)!r})")
    return value


def _one_line(value: str) -> str:
    if "\n" in value:
        raise ValueError("must be one line (no line breaks)")
    return value


def _plausible_date(value: dt.date) -> dt.date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"date {value.isoformat()} lies outside {FIRST_YEAR}–{LAST_YEAR}")
    return value


Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT_LENGTH), AfterValidator(_safe_text)]
"""Plain text, may hold paragraphs. No HTML, no Markdown links, not blank (the loader refuses control characters)."""

Line = Annotated[str, StringConstraints(min_length=1, max_length=1_000), AfterValidator(_safe_text), AfterValidator(_one_line)]
"""Plain text on one line: titles, names, areas, source sections."""

Date = Annotated[dt.date, AfterValidator(_plausible_date)]
"""A date (YYYY-MM-DD) between 1990 and 2100."""

Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]
"""A year between 1990 and 2100."""

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")]
"""Identifier: lower-case ASCII letters, digits and hyphens. Ids are part of URLs and anchors."""

Sek = Annotated[int, Field(ge=0, le=MAX_SEK)]
"""Amount in whole kronor (SEK), a non-negative integer."""

Recipient = Literal["regioner", "kommuner", "lansgemensamt", "skr", "other"]
"""Who receives the money: regioner, kommuner, lansgemensamt (regioner och kommuner gemensamt, länsvis), skr, or other (then give recipient_label)."""

Funder = Literal["staten", "regioner", "kommuner", "skr"]
"""Who pays: normally staten; the regions' own contribution has funder regioner."""

DeadlineKind = Literal[
    "rekvisition",
    "aterbetalning",
    "ekonomisk_redovisning",
    "delrapport",
    "verksamhetsrapport",
    "slutrapport",
    "redovisning",
    "anvisning",
    "ikrafttradande",
    "utbetalning",
    "ovrigt",
]


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, use_attribute_docstrings=True)


class SourceRef(Model):
    seed: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    """Seed number, e.g. "001": an id in content/sources.yaml."""
    section: Line
    """Section, table or paragraph in the seed, e.g. "4.1, tabell 1"."""


class SourceDate(Model):
    date: Date
    what: Line
    """What happened on the date, as the source text shows it, e.g. "undertecknad av staten"."""


class SourceNumber(Model):
    number: Line
    """A diarienummer or ärendenummer exactly as printed, e.g. "S2025/00155"; it must occur in the cited seed."""
    label: Line
    """Whose number it is and for what, e.g. "Regeringskansliet, överenskommelsen"."""
    source: SourceRef
    """Where the number is printed (it may be in another seed that refers to this document)."""


class Source(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    """Seed number, the first three digits of the file name. Internal: never shown as text on the site."""
    file: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}_[0-9a-f]+\.txt$")]
    """File name of the seed text (folder seeds/ beside this file). Internal: never shown as text on the site."""
    title: Line
    """What the document is, in Swedish."""
    title_given_by_site: bool
    """true where the file has no title of its own and the site named it (Källor and the PDFs say so)."""
    title_note: Text | None = None
    """Where a site-given name comes from; required when title_given_by_site is true."""
    title_source: SourceRef | None = None
    """Where the document prints its own name; required when title_given_by_site is false."""
    short_title: Line
    """Short name used in citations where space is small (tables), e.g. "Psykisk hälsa 2025"."""
    dates: Annotated[list[SourceDate], Field(min_length=1)]
    """The document's dates (signing, decision), as the source text gives them."""
    parties: Annotated[list[Line], Field(min_length=1)]
    """Who the document is between or from, as named in the source text."""
    diarienummer: list[SourceNumber] = []
    """Diarienummer or ärendenummer for the document; leave out when no seed states one."""
    publisher: Line
    """Who issued the document, as the source text shows it (letterhead, signatures)."""
    published: Text | None = None
    """Where the original is published or can be requested, only in the source text's own words;
    leave out when the text does not say (the Källor page then says so). Never a guessed address."""
    download: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}\.txt$")]
    """File name for the copy of the seed text offered on the Källor page, e.g. "psykisk-halsa-2025.txt"."""
    contents: list[Text]
    """The documents the file holds, in order."""
    quality: Text
    """How faithful the text extraction is (e.g. OCR noise)."""


class SourceList(Model):
    sources: list[Source]


class Party(Model):
    id: Id
    """Short id used by signatures, e.g. staten, skr."""
    name: Line
    """Name as in the source."""


class Signature(Model):
    party: Id
    """Id of the party that signed."""
    place: Line
    date: Date | None = None
    """Date of signing; leave out when the source gives none (then give date_text)."""
    date_text: Line | None = None
    """The date as printed when it is not a date, e.g. "den xx" in an unsigned copy."""
    signatory: Line
    """Name of the person who signed."""
    role: Line | None = None
    """Title of the signatory where the source gives it."""
    source: SourceRef


class Diarienummer(Model):
    number: Line
    """E.g. S2025/00155."""
    label: Line
    """Whose number it is, e.g. "Regeringskansliet"."""
    source: SourceRef


class OtherAppropriation(Model):
    """Part of the money charged to another anslag than the main one."""

    amount: Sek
    what: Line
    """What the money is for, in the source's words, e.g. "kvalitetsregister (kap 3)"."""
    anslag: Line
    anslagspost: Line | None = None
    source: SourceRef


class Appropriation(Model):
    expenditure_area: Line
    """Utgiftsområde, e.g. "9 Hälsovård, sjukvård och social omsorg"."""
    budget_year: Year | None = None
    """Only where the source states the budget year."""
    anslag: Line
    """E.g. "1:8 Bidrag till psykiatri"."""
    anslagspost: Line | None = None
    """E.g. "3 Till Kammarkollegiets disposition"."""
    other: list[OtherAppropriation] = []
    """Money charged to other anslag than the main one, where the source says so."""
    source: SourceRef


class Proviso(Model):
    """A condition on the whole agreement's validity or money, e.g. that riksdagen appropriates the funds."""

    id: Id
    text: Text
    """The source's sentence, verbatim."""
    source: SourceRef


class StatedAmount(Model):
    amount: Sek
    source: SourceRef


class RecipientTotal(Model):
    recipient: Recipient
    amount: Sek
    source: SourceRef


class StatedSubtotal(Model):
    """A sum the source states over several pots, e.g. an area's total across recipients ("Tabell 2")."""

    id: Id
    label: Line
    """What the source sums, in its words, e.g. "Stärkt suicidpreventivt arbete" or "kommuner och regioner"."""
    amount: Sek
    pots: Annotated[list[Id], Field(min_length=2)]
    """Ids of the pots the sum is made of (two or more; none may be a "varav" part of another listed pot)."""
    source: SourceRef


class Pot(Model):
    id: Id
    """Unique within the agreement."""
    area: Line
    """Insatsområde as named in the source table."""
    area_uncertain: bool = False
    """true where the area's name is a reconstructed reading of garbled source text (say so in note):
    pages that compare names then say the exact wording is uncertain, never state it as fact."""
    recipient: Recipient
    recipient_label: Line | None = None
    """Required when recipient is other."""
    amount: Sek
    parent: Id | None = None
    """For a "varav" line: the id of the pot it is part of."""
    channel: Line
    """Payment channel, e.g. "via Kammarkollegiet"."""
    funder: Funder | None = "staten"
    """Who pays. null only on a pot whose parts have different funders."""
    distribution_key: Id | None = None
    """Id of the distribution key that divides this pot."""
    note: Text | None = None
    source: SourceRef


class KeyComponent(Model):
    kind: Literal["fixed_per_county", "fixed_per_metropolitan_county", "fixed_per_municipality", "population", "population_remainder", "equal_share", "other"]
    """fixed_per_county: X kr per län; fixed_per_metropolitan_county: X kr for each storstadslän instead;
    fixed_per_municipality: X kr per kommun; population: all by population; population_remainder: the rest by population;
    equal_share: the same amount to each of count units (give unit); other: give description."""
    unit: Line | None = None
    """For equal_share: who gets an equal amount, in the plural definite form, e.g. "samverkansregionerna"."""
    description: Line | None = None
    """For other: how the money is divided, in the source's words."""
    amount: Sek | None = None
    """Kronor per unit, for the fixed kinds."""
    count: Annotated[int, Field(ge=1, le=10_000)] | None = None
    """Number of units where the source states it (e.g. 3 storstadslän)."""
    population: Line | None = None
    """Population basis, e.g. "befolkningsmängd" or "barn och unga 0–18 år"."""
    age_band: Line | None = None
    """Age band where the basis is limited, e.g. "0–18 år"."""
    scb_reference_date: Date | None = None
    """SCB reference date of the population data."""


class DistributionKey(Model):
    id: Id
    name: Line
    """Short Swedish name."""
    text: Text
    """The source's wording, verbatim."""
    components: list[KeyComponent]
    source: SourceRef


class Condition(Model):
    id: Id
    heading: Line
    """The source's own heading the condition stands under, with its number, e.g. "9.2 SKR:s rapportering"."""
    who: Line
    """Whose obligation it is, e.g. "SKR", "Regionerna"."""
    applies_to: list[Id]
    """Ids of pots (or the agreement id) the conditions govern."""
    intro: Text
    """Lead-in sentence, verbatim (e.g. "För att få ta del av medlen ska kommunerna")."""
    items: list[Text]
    """The requirements, verbatim, one list item each."""
    source: SourceRef


class Deadline(Model):
    id: Id
    date: Date
    kind: DeadlineKind
    title: Line
    """What happens, in Swedish."""
    who: Line
    """Who acts."""
    to_whom: Line | None = None
    """To whom it is submitted."""
    consequence: Text | None = None
    """Consequence if missed, verbatim, where the source says."""
    quote: Text | None = None
    """The source's sentence that sets the deadline, verbatim (shown with the deadline)."""
    note: Text | None = None
    """Required when the date lies far outside the agreement's years."""
    source: SourceRef


class RecurringDeadline(Model):
    """A deadline the source states without a year, e.g. yearly reports "senast den 30 september"."""

    id: Id
    when: Line
    """The date as the source words it, verbatim, e.g. "senast den 30 september"."""
    title: Line
    """What happens, in Swedish."""
    who: Line
    to_whom: Line | None = None
    source: SourceRef


class Correction(Model):
    id: Id
    original: Text
    """The garbled reading in the source, as it stands."""
    corrected: Text
    """The corrected reading used on the site."""
    note: Text
    """Why the correction is safe (e.g. totals, the same text in another source)."""
    source: SourceRef


class Discrepancy(Model):
    id: Id
    check: Literal["children_sum", "stated_total", "recipient_total", "stated_subtotal"]
    subject: Id
    """Pot id (children_sum), recipient (recipient_total), agreement id (stated_total) or subtotal id (stated_subtotal)."""
    note: Text
    source: SourceRef


class Agreement(Model):
    id: Id
    kind: Literal["agreement", "supplementary"]
    series: Id
    """Agreements in one series are compared across years, e.g. psykisk-halsa."""
    year: Year
    title: Line
    title_given_by_site: bool
    """true where the document has no title of its own and the site had to name it (the page says so)."""
    title_note: Text | None = None
    """Where a site-given name comes from; required when title_given_by_site is true."""
    title_source: SourceRef | None = None
    """Where the document prints its own name; required when title_given_by_site is false."""
    short_title: Line
    supplements: Id | None = None
    """For a supplementary agreement: id of the agreement it extends."""
    summary: Text
    """One or two sentences in Swedish describing the agreement."""
    parties: list[Party]
    signatures: list[Signature]
    diarienummer: list[Diarienummer] = []
    appropriation: Appropriation | None = None
    provisos: list[Proviso] = []
    """Conditions on validity or money for the whole agreement; shown with every total the site states."""
    stated_total: StatedAmount
    stated_recipient_totals: list[RecipientTotal] = []
    stated_subtotals: list[StatedSubtotal] = []
    """Sums the source states over several pots (per area across recipients, or a group of recipients); not pots themselves."""
    pots: Annotated[list[Pot], Field(min_length=1)]
    """At least one pot."""
    distribution_keys: list[DistributionKey] = []
    conditions: list[Condition] = []
    deadlines: list[Deadline] = []
    recurring_deadlines: list[RecurringDeadline] = []
    """Deadlines the source gives without a year; listed on Tidsfrister, never put in the calendar."""
    deadlines_note: Text | None = None
    """Shown with the deadlines, e.g. that the source requires a step but gives no date for it."""
    corrections: list[Correction] = []
    discrepancies: list[Discrepancy] = []
    source: SourceRef


class Notice(Model):
    id: Id
    kind: Literal["letter"]
    title: Line
    sender: Line
    addressee: Line
    date: Date | None = None
    """Date of the notice; leave out when the source is undated."""
    summary: Text
    """A short, plain summary in Swedish."""
    quotes: list[Text] = []
    """Key passages, verbatim."""
    deadlines: list[Deadline] = []
    source: SourceRef


# --- Samverkansregler (the rulebook) -------------------------------------

ClauseNumber = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?(\.[1-9][0-9]?){0,3}$")]
"""A clause number in the specification, e.g. "3.2.4"; a bare "3" is a section."""


class Signatory(Model):
    name: Line
    organisation: Line


class Decision(Model):
    body: Line
    """The deciding body, e.g. "Styrelsen för Sveriges Kommuner och Regioner (SKR)"."""
    date: Date
    diarienummer: Line
    items: list[Text]
    """The "att …" decision points, verbatim."""
    source: SourceRef


class Principle(Model):
    id: Id
    name: Line
    text: Text
    """Verbatim; paragraphs separated by a blank line."""
    keywords: list[Text] = []
    """Extra search words (base forms, English terms); not shown as rule text."""


class Rule(Model):
    id: Id
    name: Line
    text: Text
    keywords: list[Text] = []


class Definition(Model):
    id: Id
    term: Line
    text: Text
    keywords: list[Text] = []


class Clause(Model):
    number: ClauseNumber
    title: Line | None = None
    """Heading of a section or sub-section (e.g. 3.2 Sammankomster arrangerade av industrin)."""
    text: Text | None = None
    """Verbatim clause text; paragraphs separated by a blank line, list items on lines starting "- "."""
    keywords: list[Text] = []


class Rulebook(Model):
    id: Id
    title: Line
    short_title: Line
    valid_from: Date
    validity: Text
    """The source sentence on validity and replacement, verbatim."""
    follow_up: Text
    """The source sentence on yearly joint follow-up, verbatim."""
    parties: list[Party]
    signatories: list[Signatory]
    decision: Decision
    intro: list[Text]
    """The agreement's preamble paragraphs, verbatim."""
    general_conditions: list[Text]
    """"Allmänna förutsättningar", verbatim paragraphs."""
    scope: list[Text]
    """"Samverkansreglernas omfattning", verbatim bullet points."""
    principles_intro: Text
    principles: list[Principle]
    rules: list[Rule]
    definitions: list[Definition]
    specification_intro: list[Text]
    clauses: list[Clause]
    source: SourceRef


# --- "Får jag …?" guide --------------------------------------------------

RuleRef = Annotated[str, StringConstraints(pattern=r"^([1-9][0-9]?(\.[1-9][0-9]?){0,3}|(princip|regel|begrepp):[a-z0-9-]+)$")]
"""A reference into the rulebook: a clause or section number ("3.1.5", "4"), or "princip:<id>", "regel:<id>", "begrepp:<id>"."""


class GuideItem(Model):
    id: Id
    name: Line
    """Column heading, e.g. "Måltid"."""
    question: Line
    """What the column asks, e.g. "Får industrin bjuda på en måltid?"."""


AnswerKind = Literal["ja", "villkor", "nej", "inte-reglerat", "ej-aktuellt", "tveksamt"]
"""ja; villkor (allowed on the conditions given); nej (a cited text prohibits or limits it);
inte-reglerat (the rules do not address it; the quote is the nearest rule); ej-aktuellt (does not arise);
tveksamt (the rules pull in different directions: the answer gives each reading with its quotes, and its text
says what to do)."""


Basis = Literal["egna", "allmanna", "ingen"]
"""What an answer rests on: egna (the clauses written for its situation or subject, in the specification);
allmanna (only the principles, rules and definitions for all collaboration: the situation's own clauses
are silent); ingen (no rule decides it: only with inte-reglerat)."""


class BasisText(Model):
    """How the guide names one basis: in the legend, and after the answer's label where it has a label."""

    id: Basis
    name: Line
    """The legend's name for the basis, e.g. "De allmänna reglerna"."""
    label: Line | None = None
    """Said after the answer kind in the badge, e.g. "enligt de allmänna reglerna"; none where the kind says enough."""
    short: Line | None = None
    """The label in the overview matrix, where the cells are narrow, e.g. "allmänna regler"."""
    meaning: Text


class AnswerKindText(Model):
    """How the guide names and explains one answer kind (legend on the page and in the PDF)."""

    id: AnswerKind
    label: Line
    """What the answer says, e.g. "Ja, med villkor"."""
    symbol: Line
    """A sign shown before the label, so kinds differ by more than colour."""
    meaning: Text
    """The legend's explanation."""
    note: Text | None = None
    """Printed after every answer of this kind (e.g. where to turn when the rules are silent)."""


class Quote(Model):
    ref: RuleRef
    """The clause, rule, principle or definition quoted; must have text of its own."""
    text: Text
    """A verbatim passage of that text: whole sentences or list items. "…" marks an omission between such
    pieces; the pieces must appear in order."""


class Reading(Model):
    """One way to read the rules where they pull in different directions (an answer of kind tveksamt)."""

    text: Text
    """The reading in plain language; never stronger than its quotes."""
    quotes: Annotated[list[Quote], Field(min_length=1)]
    """The words this reading rests on; each quote's ref must be one of the answer's refs."""


class GuideCell(Model):
    item: Id
    """Id of a guide item (column)."""
    answer: AnswerKind
    basis: Basis
    text: Text
    """One plain-language line explaining the answer; never stronger than the quotes."""
    refs: Annotated[list[RuleRef], Field(min_length=1)]
    """Every clause, rule or principle the answer rests on (at least one)."""
    quotes: Annotated[list[Quote], Field(min_length=1)]
    """The words that justify the answer; each quote's ref must be one of refs."""
    readings: list[Reading] = []
    """For tveksamt (and only then), at least two readings, each with its quotes; text then says what to do."""


class GuideSituation(Model):
    id: Id
    name: Line
    refs: Annotated[list[RuleRef], Field(min_length=1)]
    """The clauses or sections that define the situation."""
    cells: list[GuideCell]


class GuideTopic(Model):
    """A group of worked questions; each topic is one page of the guide."""

    id: Id
    """Part of the page's address (samverkansregler/far-jag-fragor-<id>) and of its anchor on the entry page."""
    name: Line
    """E.g. "Resor, boende och medföljande"; the page is titled "Vanliga frågor: <name>"."""


class GuideQuestion(Model):
    id: Id
    question: Line
    """A worked question, e.g. "Får företaget betala min resa till kongressen?"."""
    topic: Id
    """Id of the topic (under topics) whose page shows the question."""
    answer: AnswerKind
    basis: Basis
    text: Text
    """Short answer in plain language; never stronger than the quotes."""
    refs: Annotated[list[RuleRef], Field(min_length=1)]
    quotes: Annotated[list[Quote], Field(min_length=1)]
    readings: list[Reading] = []
    """For tveksamt (and only then), at least two readings, each with its quotes; text then says what to do."""
    short: bool = False
    """Show in the "Kort svar" list on the overview page."""


class Guide(Model):
    kinds: list[AnswerKindText]
    """One entry per answer kind, in legend order."""
    bases: list[BasisText]
    """One entry per basis, in legend order."""
    items: list[GuideItem]
    situations: list[GuideSituation]
    topics: list[GuideTopic]
    """The worked questions' topics, in the order the guide lists them."""
    questions: list[GuideQuestion]


# --- Comparison across years ---------------------------------------------


class Theme(Model):
    id: Id
    name: Line
    pots: list[Id]
    """Ids of the pots (in any year's agreement of the series) that belong to this theme.
    Pot ids are reused across years, so a new year's agreement with the same ids needs no mapping change."""
    note: Text | None = None
    """Say here where the mapping is partial or the theme exists only in some years."""


class ThemeMap(Model):
    series: Id
    """The agreement series compared, e.g. psykisk-halsa."""
    title: Line
    intro: Text
    themes: list[Theme]


# --- Source-to-site coverage map -----------------------------------------

CoverageRef = Annotated[
    str,
    StringConstraints(
        pattern=r"^(summary|parties|total|appropriation|rulebook|decision|clauses|"
        r"(recipient-total|subtotal|signature|diarienummer|pot|key|condition|deadline|correction|discrepancy|proviso|notice|principle|rule|definition|clause):[A-Za-z0-9./-]{1,80})$"
    ),
]
"""What carries a section on the site: "pot:<id>", "condition:<id>", "deadline:<id>", "key:<id>", "signature:<party>",
"subtotal:<id>", "total", "summary", "parties", "appropriation", "proviso:<id>", "notice:<id>", "rulebook", "decision", "principle:<id>",
"rule:<id>", "definition:<id>", "clause:<number>", or "clauses" (every numbered clause of the specification, matched by number and text)."""


class CoverageSection(Model):
    heading: Line
    """The heading as the source prints it, number included (line breaks become one space)."""
    carried_by: list[CoverageRef] = []
    """Content items that carry this section but do not cite it (a summary, a correction, an item citing another
    section). Items whose source names the section's number or table ("4.1, tabell 1") are added from their
    citation and may not be listed again. Leave empty and give a reason where nothing carries the section."""
    reason: Text | None = None
    """Why the section is not represented on the site (e.g. "Bakgrundsbeskrivning, ingen skyldighet eller summa")."""
    document: Id | None = None
    """The content document the refs point into, where it is not the map's document."""


class NotSection(Model):
    line: Annotated[int, Field(ge=1, le=1_000_000)]
    """Line number in the seed file."""
    text: Line
    """The start of that line, as printed."""
    why: Line
    """Why it only looks like a heading (e.g. a table row, a footnote, a page number)."""


class UnquotedSentence(Model):
    """A sentence of the agreement that states an obligation or a decision but that no structured item quotes."""

    section: Line
    """The heading it stands under, as the map lists it."""
    text: Text
    """The sentence (or its start, at least 25 characters), verbatim as the seed prints it after recorded corrections."""
    reason: Text
    """Why the site does not quote it (e.g. background for all 2021 agreements, a form field, carried in other words by …)."""


class ObligationScope(Model):
    """Where the agreement's own text stands in the seed: every obligation sentence there is checked."""

    document: Id | None = None
    """The agreement whose structured items must quote the sentences; the map's document when left out."""
    first_line: Annotated[int, Field(ge=1, le=1_000_000)]
    last_line: Annotated[int, Field(ge=1, le=1_000_000)]
    unquoted: list[UnquotedSentence] = []
    """Obligation sentences no structured item quotes, each with its reason."""


class FullTextPart(Model):
    """A document of the seed besides the agreements (a letter, a decision) shown as a full-text page of its own."""

    id: Id
    """Part of the page's address (fran-kalla/text-<id>); never shown as text."""
    title: Line
    """The page's name for the document."""
    title_given_by_site: bool
    """true where the document prints no title of its own and the site named it (the page says so)."""
    title_note: Text | None = None
    """Where a site-given name comes from; required when title_given_by_site is true."""
    document: Id
    """The content document it belongs to (a notice, the rulebook, an agreement); its page links to the full text."""
    first_line: Annotated[int, Field(ge=1, le=1_000_000)]
    last_line: Annotated[int, Field(ge=1, le=1_000_000)]
    """Seed lines (1-based, inclusive) of the document."""


class FullTextTable(Model):
    """An amount table of the seed: the full text shows it as a table (rows end at their amounts)."""

    first_line: Annotated[int, Field(ge=1, le=1_000_000)]
    """The seed line with the table's column headings."""
    last_line: Annotated[int, Field(ge=1, le=1_000_000)]
    """The table's last line."""
    header: Annotated[list[Line | Literal[""]], Field(min_length=2, max_length=3)]
    """The column headings as first_line prints them, left to right; "" for a column the source leaves unnamed
    (the labels). Two columns: label and amount; three: label, amount and recipient."""


class CoverageMap(Model):
    seed: Annotated[str, StringConstraints(pattern=r"^[0-9]{3}$")]
    """The source document (an id in sources.yaml)."""
    document: Id
    """The content document (agreement, notice or rulebook id) that refs point into by default."""
    title: Line
    """Heading of the map page, e.g. the document's name."""
    short_title: Line
    """Name in the navigation, e.g. "Psykisk hälsa 2025"."""
    sections: Annotated[list[CoverageSection], Field(min_length=1)]
    not_sections: list[NotSection] = []
    obligations: ObligationScope | None = None
    """The agreement's text in the seed, where every sentence stating an obligation or a decision must be quoted
    by a structured item or listed under unquoted with a reason."""
    numbers_lost: list[Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]?(\.[1-9][0-9]?){0,3}$")]] = []
    """Section numbers the seed does not print (lost in extraction) although it numbers their subsections, e.g. "5"
    before "5.1"; every other gap in the numbering of the agreement's text is an error naming the missing section."""
    tables: list[FullTextTable] = []
    """Amount tables in the full texts, by seed lines; a recorded correction in one holds one row of it (see
    generator.fulltext.check_tables) and is marked in that row's cells."""
    full_texts: list[FullTextPart] = []
    """Other documents of the seed (a letter, a decision) with a full-text page of their own, by seed lines."""


# --- Search words ------------------------------------------------------------


MAX_SYNONYM_GROUPS = 100
MAX_SYNONYM_WORDS = 10
MAX_SYNONYM_LENGTH = 40
"""Limits on search words: every word of a group is added to the search index of each page that contains one
of them, so the index grows with groups × words × pages (issue 25: one 3 000-word group took it from 0.56 MB
to 40 MB without a warning)."""

SynonymWord = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SYNONYM_LENGTH), AfterValidator(_safe_text), AfterValidator(_one_line)]


class SynonymGroup(Model):
    """Words people use for the same thing. A search result that contains one of them is found by all of them."""

    words: Annotated[list[SynonymWord], Field(min_length=2, max_length=MAX_SYNONYM_WORDS)]
    """Base forms, 2–10 per group, each at most 40 characters; several words make a phrase ("ladda ner"). Word forms are handled by the stemmer."""
    note: Text | None = None
    """Why the words belong together, where it is not obvious."""


class SearchWords(Model):
    synonyms: Annotated[list[SynonymGroup], Field(max_length=MAX_SYNONYM_GROUPS)]
    """At most 100 groups: every group makes the search index of the pages it matches larger."""


# --- Change log ------------------------------------------------------------


class Change(Model):
    """One change to what the site says or offers, as readers see it on the page Ändringar and in its Atom feed."""

    id: Id
    """Stable id of the entry: part of its anchor and of its id in the feed, so never change it once published."""
    date: Date
    """The day the change was published."""
    title: Line
    """Short heading, in Swedish."""
    text: Text
    """What changed, in Swedish."""
    documents: list[Id] = []
    """Ids of the documents the change concerns (agreements, notices, the rulebook); empty when it concerns the whole site."""


class ChangeLog(Model):
    changes: Annotated[list[Change], Field(min_length=1)]
    """Newest first."""


# --- Abbreviations (the site's glossary of short forms) --------------------------------------


Abbreviation = Annotated[str, StringConstraints(pattern=r"^[A-Za-zÅÄÖåäöÉé]{2,12}$")]
"""An abbreviation or short word as the pages print it: letters only (no dots or spaces), 2–12 of them."""


class GlossaryEntry(Model):
    """One abbreviation (or short word) that pages use without explaining it."""

    term: Abbreviation
    """The abbreviation exactly as pages print it, e.g. "mnkr"; matched as a whole word, case-sensitive."""
    explanation: Line
    """What it stands for, in Swedish, as plain text: shown as the abbreviation's tooltip, on tap, and in the list on the page Om webbplatsen."""


class Glossary(Model):
    entries: Annotated[list[GlossaryEntry], Field(min_length=1)]
    """In the order the list on the page Om webbplatsen shows them."""
