"""The source texts the site was built from, offered as downloads under kallor/ (beside the Källor page, not among the data files) with readable names."""

from __future__ import annotations

from generator import ids
from generator.load import Content
from generator.render import Page


def files(content: Content) -> list[Page]:
    """Each seed file, byte for byte (decoded and re-encoded as UTF-8, line ends kept), under its download name."""
    result = []
    for source in content.sources.item.sources if content.sources else []:
        data = (content.root / "seeds" / source.file).read_bytes()
        result.append(Page(ids.source_download(source.download), data.decode("utf-8")))
    return result


def sizes(content: Content) -> dict[str, int]:
    """Source id -> size of its download in bytes."""
    return {s.id: (content.root / "seeds" / s.file).stat().st_size for s in (content.sources.item.sources if content.sources else [])}
