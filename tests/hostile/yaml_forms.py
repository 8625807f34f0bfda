"""Class "yaml": YAML 1.1 forms and YAML features content never needs. Plain scalars follow YAML 1.2
core (010 is ten, 0o10 is eight, yes/on/1_000/190:20:30 are strings); anchors, aliases, tags, a
second document and keys that are not text are refused.

The number cases change the regions' pot (600 000 000) so that the sums no longer match: the message
then states the value the number was read as ("sum to 10 kr", never 8).
"""

from __future__ import annotations

from tests.hostile import AT, CONTENT, Case, agreement, at

G = "yaml"
POT_AMOUNT = "    amount: 600000000\n    channel"
RECIPIENT_TOTAL_LINE = 26
"""Line of stated_recipient_totals[0].amount in the fixture."""
INTEGER = "valid integer"
BOOLEAN = "valid boolean"
DATE = "valid date"
SIGNED = "    date: 2027-01-15"
SHORT = "    short: true"


def amount(name: str, text: str, field: str = "pots[0].amount", message: str = INTEGER, line=AT) -> Case:
    return agreement(G, name, POT_AMOUNT, f"    amount: {text}\n    channel", field, message, line)


def short(name: str, text: str) -> Case:
    return Case(G, name, "questions[0].short", BOOLEAN, AT, file="guide.yaml", base=CONTENT, old=SHORT, new=f"    short: {text}")


CASES = [
    amount("leading-zero-is-ten-not-octal", "010", "stated_recipient_totals[0].amount", "sum to 10 kr", RECIPIENT_TOTAL_LINE),
    amount("yaml12-octal-is-eight", "0o10", "stated_recipient_totals[0].amount", "sum to 8 kr", RECIPIENT_TOTAL_LINE),
    amount("hexadecimal-is-31", "0x1F", "stated_recipient_totals[0].amount", "sum to 31 kr", RECIPIENT_TOTAL_LINE),
    amount("sexagesimal-is-text", "190:20:30"),
    amount("underscore-digits-are-text", "1_000"),
    amount("infinity", ".inf"),
    amount("forty-digit-number", "1" + "0" * 40, message="too long"),
    short("yes-is-text", "yes"),
    short("no-is-text", "no"),
    short("on-is-text", "on"),
    agreement(G, "impossible-date", SIGNED, "    date: 2027-02-30", "signatures[0].date", "not a date"),
    agreement(G, "date-and-time", SIGNED, "    date: 2027-01-15 10:00", "signatures[0].date", "not a date and time"),
    agreement(G, "unpadded-date-is-text", SIGNED, "    date: 2027-1-15", "signatures[0].date", DATE),
    agreement(G, "quoted-date-is-text", SIGNED, '    date: "2027-01-15"', "signatures[0].date", DATE),
    agreement(G, "null-title", "title: Syntetisk testöverenskommelse 2027", "title: ~", "title", "valid string"),
    agreement(
        G,
        "second-document",
        '\nsource: {seed: "001", section: "test"}',
        '\nsource: {seed: "001", section: "test"}\n---\nid: annan',
        "(file)",
        "one YAML document",
        at(2),
    ),
    agreement(G, "anchor", "title: Syntetisk testöverenskommelse 2027", "title: &t Syntetisk testöverenskommelse 2027", "title", "anchors"),
    agreement(G, "alias", "short_title: Testöverenskommelse 2027", "short_title: *t", "short_title", "aliases"),
    agreement(G, "merge-key-is-a-plain-key", "kind: agreement", "kind: agreement\n<<: {year: 2027}", "<<", "unknown field", at(1)),
    agreement(
        G,
        "python-object-tag",
        "summary: Syntetiskt innehåll för tester.",
        'summary: !!python/object/apply:os.system ["echo pwned"]',
        "summary",
        "tags are not allowed",
    ),
    agreement(G, "str-tag", "year: 2027", "year: !!str 2027", "year", "tags are not allowed"),
    agreement(G, "complex-key", "kind: agreement", "? [a, b]\n: c\nkind: agreement", "(file)", "mapping keys must be plain text"),
    agreement(G, "duplicate-key", "kind: agreement", "kind: agreement\nkind: supplementary", "kind", "key appears twice", at(1)),
    amount("spaced-digits-are-text", "600 000 000"),
    amount("not-a-number", ".nan"),
    amount("exponent-is-float", "6e8"),
    amount("null-amount", "~"),
    short("quoted-true-is-text", '"true"'),
    agreement(G, "date-and-time-iso", SIGNED, "    date: 2027-01-15T10:00:00Z", "signatures[0].date", "not a date and time"),
    agreement(G, "year-as-float", "year: 2027", "year: 2027.0", "year", INTEGER),
    agreement(G, "binary-tag", "summary: Syntetiskt innehåll för tester.", "summary: !!binary aGVq", "summary", "tags are not allowed"),
    agreement(G, "local-tag", "summary: Syntetiskt innehåll för tester.", "summary: !x Syntetiskt innehåll för tester.", "summary", "tags are not allowed"),
    agreement(G, "integer-key", "kind: agreement", "1: x\nkind: agreement", "(file)", "mapping keys must be plain text"),
]
