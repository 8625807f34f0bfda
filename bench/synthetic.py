"""Synthetic content at N times the real size, made from the real content (so it stays valid)."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


class _NoAliases(yaml.SafeDumper):
    """Content may not use YAML aliases, so never write them for objects shared between copies."""

    def ignore_aliases(self, data) -> bool:
        return True


def _dump(data, path: Path) -> None:
    path.write_text(yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def scaled_rulebook(rulebook: dict, factor: int) -> dict:
    """The real front matter with factor× principles, rules, definitions and clauses.

    Clause numbers stay within the grammar (two digits per level): sections, sub-sections and
    clauses are laid out on a grid, with texts taken from the real clauses in turn.
    """
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
    texts = [c["text"] for c in rulebook["clauses"] if c.get("text")]
    target = len([c for c in rulebook["clauses"] if "." in c["number"]]) * factor
    sections = min(99, max(10, round((target / 30) ** 0.5) + 1))
    per_sub = min(99, max(10, -(-target // (sections * sections))))
    real = {c["number"]: c for c in rulebook["clauses"]}
    clauses, made, i = [], 0, 0
    for s in range(1, sections + 1):
        clauses.append({"number": str(s), "title": real.get(str(s), {}).get("title", f"Syntetiskt avsnitt {s}")})
        for sub in range(1, sections + 1):
            clauses.append({"number": f"{s}.{sub}", "title": f"Underavsnitt {s}.{sub}"})
            for n in range(1, per_sub + 1):
                clauses.append({"number": f"{s}.{sub}.{n}", "text": texts[i % len(texts)]})
                i += 1
                made += 1
    result["clauses"] = clauses
    return result


def make_content(target: Path, factor: int) -> Path:
    """Write factor× the real content into target/content and return it."""
    source = ROOT / "content"
    content = target / "content"
    shutil.copytree(source, content, ignore=shutil.ignore_patterns("samverkansregler.yaml"))
    _dump(scaled_rulebook(_load(source / "samverkansregler.yaml"), factor), content / "samverkansregler.yaml")
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
