"""Synthetic content at N times the real size, made from the real content (so it stays valid).

Scaled: the rulebook's clauses, principles, rules and definitions, the guide's situations and questions
(at most as far as one content file may grow under the loader's limits on bytes and values, with room to spare: 24×), agreements and notices. Not scaled: the source maps (content/coverage), which map the real seed texts
line by line; copies of agreements have no map of their own, as an agreement without a seed text would not.
"""

from __future__ import annotations

import copy
import math
import shutil
from pathlib import Path

import yaml

from generator.load import MAX_FILE_BYTES, MAX_NODES

ROOT = Path(__file__).resolve().parent.parent


class _NoAliases(yaml.SafeDumper):
    """Content may not use YAML aliases, so never write them for objects shared between copies."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(data, path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _values(data) -> int:
    """Scalars, mappings and sequences of a YAML document (the loader counts somewhat more: hence the margin below)."""
    if isinstance(data, dict):
        return 1 + sum(1 + _values(v) for v in data.values())
    if isinstance(data, list):
        return 1 + sum(_values(v) for v in data)
    return 1


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def scaled_rulebook(rulebook: dict, factor: int) -> dict:
    """The real rulebook with factor× principles, rules, definitions and clauses with text."""
    result = copy.deepcopy(rulebook)
    if factor == 1:
        return result
    for key, id_key in (("principles", "id"), ("rules", "id"), ("definitions", "id")):
        originals = rulebook[key]
        extra = []
        for k in range(1, factor):
            for item in originals:
                clone = dict(item, **{id_key: f"{item[id_key]}-k{k}"})
                if key == "definitions":
                    clone["term"] = f"{item['term']} {k}"
                else:
                    clone["name"] = f"{item['name']} {k}"
                extra.append(clone)
        result[key] = originals + extra
    # The real clauses stay as they are (the guide quotes them and the source map maps them to the seed);
    # the extra ones follow in sections 11 and up, laid out on a grid (two digits per level, as the
    # grammar allows), with texts taken from the real clauses in turn.
    texts = [c["text"] for c in rulebook["clauses"] if c.get("text")]
    extra = len(texts) * (factor - 1)
    first = 1 + max(int(c["number"].split(".")[0]) for c in rulebook["clauses"])
    width = min(99 - first + 1, math.ceil(math.sqrt(extra / 30)) + 1)
    per_sub = math.ceil(extra / (width * width))
    if per_sub > 99:
        raise ValueError(f"{factor}x needs more clauses than two-digit numbering allows")
    clauses, made = list(result["clauses"]), 0
    for s in range(first, first + width):
        clauses.append({"number": str(s), "title": f"Syntetiskt avsnitt {s}"})
        for sub in range(1, width + 1):
            clauses.append({"number": f"{s}.{sub}", "title": f"Underavsnitt {s}.{sub}"})
            for n in range(1, per_sub + 1):
                if made == extra:
                    break
                clauses.append({"number": f"{s}.{sub}.{n}", "text": texts[made % len(texts)]})
                made += 1
    result["clauses"] = clauses
    return result


def scaled_guide(guide: dict, factor: int) -> dict:
    """factor× situations and questions: copies under new ids that cite and quote the same real clauses."""
    result = copy.deepcopy(guide)
    for key, label in (("situations", "name"), ("questions", "question")):
        originals = guide[key]
        result[key] = originals + [
            dict(copy.deepcopy(item), id=f"{item['id']}-k{k}", **{label: f"{item[label]} (kopia {k})"}) for k in range(1, factor) for item in originals
        ]
    return result


def make_content(target: Path, factor: int) -> Path:
    """Write factor× the real content into target/content and return it."""
    source = ROOT / "content"
    content = target / "content"
    shutil.copytree(source, content, ignore=shutil.ignore_patterns("samverkansregler.yaml", "guide.yaml"))
    _dump(scaled_rulebook(_load(source / "samverkansregler.yaml"), factor), content / "samverkansregler.yaml")
    # One content file may hold at most MAX_FILE_BYTES and MAX_NODES values (limits of the loader): the guide grows to what fits.
    guide = _load(source / "guide.yaml")
    guide_factor = min(factor, MAX_FILE_BYTES * 9 // 10 // (source / "guide.yaml").stat().st_size, MAX_NODES // 2 // _values(guide))
    _dump(scaled_guide(guide, guide_factor), content / "guide.yaml")
    for folder in ("agreements", "notices"):
        for path in sorted((source / folder).glob("*.yaml")):
            data = _load(path)
            for k in range(1, factor):
                clone = copy.deepcopy(data)
                clone["id"] = f"{data['id']}-k{k}"
                if folder == "agreements":
                    clone["series"] = f"{data['series']}-k{k}"
                    clone["supplements"] = f"{data['supplements']}-k{k}" if data.get("supplements") else None
                    clone["short_title"] = f"{data['short_title']} (kopia {k})"
                    if clone["supplements"] is None:
                        clone.pop("supplements")
                    for condition in clone.get("conditions", []):
                        condition["applies_to"] = [clone["id"] if t == data["id"] else t for t in condition["applies_to"]]
                _dump(clone, content / folder / f"{clone['id']}.yaml")
    return content
