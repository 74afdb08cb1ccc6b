"""What the model is sent: the report's header and its table sections, not the narrative.

The segmenter's offsets pick the parts; when it finds no table the whole text is sent (and the
reading says so), since a model may still find a table the anchors missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...segment import detect_template, find_tables, read_title


@dataclass(frozen=True)
class ModelInput:
    template: str
    header: str
    tables: str
    segmented: bool  # False: no table found (or segmenting off), the whole text was sent
    template_guessed: bool  # True: neither labels nor year decided the format
    title_year: int | None = None  # the year in the report's title, when it has one

    @property
    def text(self) -> str:
        return self.header + "\n" + self.tables


def build_input(text: str, *, segment: bool = True) -> ModelInput:
    _, year = read_title(text)
    title_year = year
    template = detect_template(text, year)
    guessed = template is None
    template = template or "2021"
    seg = find_tables(text)
    spans = sorted(seg.tables().values())
    if not segment or not spans:
        return ModelInput(template, "", text, False, guessed, title_year)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    header = text[seg.header[0]:min(seg.header[1], merged[0][0])]
    tables = "\n……\n".join(text[s:e].strip() for s, e in merged)
    return ModelInput(template, header.strip(), tables, True, guessed, title_year)
