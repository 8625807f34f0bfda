"""Class "nesting": data nested deeper than the loader's limit (30 levels), in block and flow
style, up to 100 000 open brackets. Must be refused with "nested deeper", never crash or recurse.

libyaml (PyYAML 6.0.4 and later) stops a long line of open brackets itself (flow nesting ≥ 1000)
before the loader sees the 31st level; the error must still be the loader's, naming the field
path opened so far and the line, not a bare "(yaml)" syntax error."""

from __future__ import annotations

from tests.hostile import agreement, at

G = "nesting"
SUMMARY = "summary: Syntetiskt innehåll för tester."
DEEPER = "nested deeper than 30"


def block_mappings(levels: int) -> str:
    return "summary:\n" + "\n".join("  " * (i + 1) + "k:" for i in range(levels)) + " x"


CASES = [
    agreement(G, "block-sequences-31", SUMMARY, "summary:\n  " + "- " * 31 + "x", "summary", DEEPER, at(1)),
    agreement(G, "block-mappings-31", SUMMARY, block_mappings(31), "summary", DEEPER, at(30)),
    agreement(G, "flow-sequences-31", SUMMARY, "summary: " + "[" * 31 + "x" + "]" * 31, "summary", DEEPER),
    agreement(G, "flow-mappings-31", SUMMARY, "summary: " + "{k: " * 31 + "x" + "}" * 31, "summary", DEEPER),
    agreement(G, "open-brackets-100000", SUMMARY, "summary: " + "[" * 100_000, "summary", DEEPER),
    agreement(G, "open-mappings-100000", SUMMARY, "summary: " + "{k: " * 100_000, "summary", DEEPER),
    agreement(G, "open-braces-100000", SUMMARY, "summary: " + "{" * 100_000, "summary", DEEPER),
    agreement(G, "mapping-as-key-100000", SUMMARY, "summary: {{\n  " + "{" * 100_000, "summary", "mapping keys must be plain text"),
    agreement(G, "open-brackets-100000-after-20", SUMMARY, "summary: " + "[" * 20 + "\n  " + "[" * 100_000, "summary[0]", DEEPER, at(1)),
    agreement(G, "open-brackets-100000-in-pot", "area: Stärkt suicidpreventivt arbete", "area: " + "[" * 100_000, "pots[0].area", DEEPER),
    agreement(G, "open-brackets-100000-in-block-sequence", SUMMARY, "summary:\n  - - " + "[{k: " * 50_000, "summary[0][0][0].k", DEEPER, at(1)),
    agreement(G, "mixed-flow-100000", SUMMARY, "summary: " + "[{k: " * 50_000, "summary", DEEPER),
]
