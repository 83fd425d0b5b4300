"""Which annotations a filter keeps: by tag, by words in the quote, tags and note, by
placement. One rule for the Annotations panel and the ``search`` command."""

from __future__ import annotations

from dataclasses import dataclass

from lectern.core.annotations import Annotation


@dataclass(frozen=True)
class AnnotationFilter:
    """``tag``: must carry it (ignoring case); ``words``: each must occur somewhere in the
    quote, the tags or the note (ignoring case); ``orphans``: True only orphans, False only
    placed ones, None both."""

    tag: str = ""
    words: tuple[str, ...] = ()
    orphans: bool | None = None

    @classmethod
    def of(cls, tag: str | None = None, text: str | None = None,
           orphans: bool | None = None) -> AnnotationFilter:
        return cls((tag or "").strip().casefold(), tuple((text or "").casefold().split()),
                   orphans)

    @property
    def is_empty(self) -> bool:
        return not self.tag and not self.words and self.orphans is None

    def matches(self, annotation: Annotation) -> bool:
        if self.orphans is not None and annotation.is_orphan != self.orphans:
            return False
        if self.tag and self.tag not in (t.casefold() for t in annotation.tags):
            return False
        if self.words:
            haystack = searchable_text(annotation)
            return all(word in haystack for word in self.words)
        return True


def searchable_text(annotation: Annotation) -> str:
    """What words are looked for in: the quote, the tags and the note, case-folded."""
    return " ".join((annotation.exact, *annotation.tags, annotation.note)).casefold()
