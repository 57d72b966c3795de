"""MkDocs hook: MkDocs' broken-link warnings name the file and line, like our own checks.

`Doc file 'index.md' contains a link 'x.md', but the target is not found ...` becomes
`docs/index.md:14: Doc file 'index.md' contains a link 'x.md', ...`, in `build`,
`serve` and `make check` alike. In a strict build, which fails on each of them, each is
shown as the error it is (`ERROR - docs/index.md:14: ...`), and still counted by `--strict`.
A link to a missing heading ends with the heading to write, from the ids kept as each page rendered.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import nav, pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from psychoed.warning_locations import record_anchors, with_location

# The loggers page links and nav entries are reported on, named by the modules that log
# them: "mkdocs.structure.pages" under MkDocs, "properdocs.structure.pages" under
# ProperDocs, which serves `mkdocs.*` imports from its own modules.
LOGGERS = (pages.__name__, nav.__name__)

# ---------------------------------------------------------------------------------------
# Hooks
# ---------------------------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # `serve` keeps this module and the loggers between builds: one filter, this build's;
    # by its class's name, for a process that builds another project loads this file again.
    located = _Located(
        docs_dir=Path(config.docs_dir), config_file=Path(config.config_file_path).resolve(), strict=bool(config.strict)
    )
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [f for f in logger.filters if type(f).__qualname__ == _Located.__qualname__]:
            logger.removeFilter(old)
        logger.addFilter(located)
    return config


# MkDocs checks the links to headings once every page is rendered: each page's ids, kept here
# as rendered, let the warning name the heading to link to.
def on_page_content(html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    record_anchors(
        docs_dir=Path(config.docs_dir), src_uri=page.file.src_uri, ids=page.present_anchor_ids or (), html=html
    )
    return html


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


class _Located(logging.Filter):
    """Rewrites each warning's text to start with `path:line: `; in a strict build, makes
    it an error."""

    def __init__(self, *, docs_dir: Path, config_file: Path, strict: bool) -> None:
        super().__init__()
        self.docs_dir = docs_dir
        self.config_file = config_file
        self.strict = strict

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.msg = with_location(record.getMessage(), docs_dir=self.docs_dir, config_file=self.config_file)
            record.args = ()
            if self.strict:
                record.levelno, record.levelname = logging.ERROR, logging.getLevelName(logging.ERROR)
        return True
