"""Every check of what editors wrote, composed as the build runs them: the files of docs/,
the pages (citations, content rules, placeholders, articles' front matter), the
bibliography's entries and the site's settings. hooks/site_checks.py hands MkDocs' file list
and configuration to `site_problems`; tests call it in process the same way.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from psychoed.articles.front_matter import is_article, read_article, review_date_problems
from psychoed.articles.placeholders import placeholder_problems
from psychoed.markdown_source import PageSource, strip_front_matter
from psychoed.pages.blocked_markup import blocked_markup_problems
from psychoed.pages.content_rules import content_problems
from psychoed.pages.edit_link import edit_repository_problems
from psychoed.pages.invisible_characters import invisible_character_problems
from psychoed.pages.misread_markdown import misread_markdown_problems
from psychoed.pages.page_templates import template_problems
from psychoed.pages.remote_content import remote_content_problems
from psychoed.problems import Problem
from psychoed.project_files import display_path, read_page
from psychoed.references.bibliography import Bibliography, uncited_problems
from psychoed.references.citation_check import check_citations, meant_keys
from psychoed.references.citation_syntax import find_citation_blocks
from psychoed.references.doi_citations import (
    as_written_by_doi,
    doi_keys,
    meant_by_doi,
    misshapen_doi_citations,
    misshapen_problem,
    resolve_doi_citations,
    unresolved_dois,
    unresolved_problem,
)
from psychoed.settings.reserved_values import is_production, reserved_value_problems
from psychoed.settings.setting_problems import located, setting_lines
from psychoed.settings.site_settings import setting_problems
from psychoed.settings.theme_settings import theme_problems
from psychoed.stray_files import (
    OTHER_MARKDOWN_TYPES,
    TEXT_TYPES,
    copy_marker,
    missing_page_problems,
    stray_file_problems,
)


@dataclass(frozen=True)
class SourceFile:
    """A file MkDocs lists, as the checks need it."""

    src_uri: str  # relative to docs/, as MkDocs names it: articles/x.md
    abs_src_path: str | None  # None: made by a plugin, with no file for an editor to fix
    page: bool  # a Markdown page (MkDocs' documentation page)
    published: bool  # included in the site, and a file of docs/ (not the theme's)
    in_nav: bool  # MkDocs keeps it out of the menu only when not_in_nav says so


def site_problems(
    files: list[SourceFile],
    *,
    bibliography: Bibliography,
    nav: list[Any] | None,
    docs_dir: Path,
    config_file: Path,
    extra: Mapping[str, Any],
    templates: set[str],
    theme: Mapping[str, Any],
    theme_name: str | None,
    theme_dirs: Sequence[str],
    stylesheets: Sequence[object],
    today: dt.date,
    site_url: str | None,
    environ: Mapping[str, str],
) -> list[Problem]:
    """Every problem of the site's content, notices and warnings included, against
    `bibliography` as far as it could be read (`pages_checkable`);
    `templates` are the layouts a page's `template:` may name; `theme` (its settings),
    `theme_name`, `theme_dirs` (its folders) and `stylesheets` (`extra_css`) are the look's
    settings that MkDocs and Material read only as they lay a page out; `site_url` as MkDocs
    resolved it and the build's `environ` tell the published site's build (CI on a push to
    main), which must not hold mkdocs.yml's example details."""
    problems: list[Problem] = list(bibliography.problems)
    config_text = config_file.read_text(encoding="utf-8")
    # Every file of docs/ (not the theme's), before the pages: one saved without .md is no page.
    published = [file for file in files if file.published]
    problems += stray_file_problems(
        [file.src_uri for file in published],
        nav=nav,
        not_in_nav={file.src_uri for file in published if not file.in_nav},
        docs_path=display_path(docs_dir, config_file),
    )
    problems += missing_page_problems(
        [file.src_uri for file in published],
        nav=nav,
        not_in_nav={file.src_uri for file in published if not file.in_nav},
        config_path=config_file.name,  # as display_path shows it: relative to its own folder
        config_text=config_text,
    )
    # Each page once, as text; a page that is not UTF-8 is reported, and checked no further.
    # Nor is a copy (reported above): its title would be told as the original's duplicate.
    # Citations by DOI are checked as the keys they stand for (citations.py rewrites them so).
    read: dict[str, PageSource] = {}
    sources: dict[str, str] = {}  # each page as written, to quote its citations by DOI
    meant_by_dois: set[str] = set()  # entries a DOI one slip from theirs means
    # An entry that could not be read still has its DOI: its own problem is told, not the citation's.
    keys = {**bibliography.written_dois, **doi_keys(bibliography.entries.values())}
    for file in files:
        # Made by a plugin (no file to fix), or a copy.
        if not file.page or file.abs_src_path is None or copy_marker(Path(file.src_uri).name):
            continue
        path = display_path(Path(file.abs_src_path), config_file)
        source, problem = read_page(file.abs_src_path, display_path=path)
        if problem:
            problems.append(problem)
        else:
            assert source is not None  # read_page gives the text or its problem
            body, first_line = strip_front_matter(source)
            unresolved = unresolved_dois(body, keys, first_line=first_line)
            problems += [
                unresolved_problem(doi, path=path, line=line, bib_path=bibliography.path, keys=keys)
                for doi, line in unresolved
            ]
            meant_by_dois.update(key for doi, _ in unresolved if (key := meant_by_doi(doi, keys)))
            misshapen = misshapen_doi_citations(body, first_line=first_line)
            problems += [misshapen_problem(written, meant, path=path, line=line) for written, meant, line in misshapen]
            # The entry a DOI pasted another way means is cited once the citation is fixed.
            meant_by_dois.update(
                key for _, meant, _ in misshapen if (key := keys.get(meant.removeprefix("@doi:").lower()))
            )
            read[file.src_uri] = PageSource(path, resolve_doi_citations(source, keys, blank_unknown=True))
            sources[path] = source
    pages = list(read.values())
    citation_problems, blocks = check_citations(pages, bibliography)
    problems += [_as_written(problem, sources, keys) for problem in citation_problems]
    cited = {key for block in blocks for key in block.keys}
    problems += uncited_problems(
        bibliography,
        cited
        | meant_by_dois
        # A citation told wrong (by the DOI checks too) may mean an entry: it is not "uncited".
        # (Looked for only then: a notice alone, as a review due, tells no citation wrong.)
        | (
            meant_keys(pages, bibliography)
            if any(not problem.notice for problem in citation_problems + problems)
            else set()
        )
        | _cited_by_misnamed_pages(published, bibliography),
    )
    problems += invisible_character_problems(pages)
    problems += misread_markdown_problems(pages)
    problems += remote_content_problems(pages)
    problems += blocked_markup_problems(pages)
    # Settings that name pages (the call-to-action's URL, the footer links) need the file list.
    reserved = (
        reserved_value_problems(site_url=site_url, site_url_variable=bool(environ.get("SITE_URL")), extra=extra)
        if is_production(environ)
        else []
    )
    problems += located(
        setting_problems(extra, documents={file.src_uri for file in files if file.page})
        + edit_repository_problems(extra)
        + theme_problems(theme, name=theme_name, dirs=theme_dirs, stylesheets=stylesheets)
        + reserved,
        path=config_file.name,
        lines=setting_lines(config_text),
    )

    article_paths = {page.path for src_uri, page in read.items() if is_article(src_uri)}
    problems += content_problems(pages, articles=article_paths)
    problems += placeholder_problems(pages)
    problems += template_problems(pages, templates=templates)

    for src_uri, page in read.items():
        if is_article(src_uri):
            _, article_problems = read_article(src_uri, page.source, path=page.path)
            problems += article_problems
            problems += review_date_problems(page.source, path=page.path, today=today)
    return problems


# The works a page saved under a name the site does not read as a page cites or means
# ("article" without .md, told above): not "uncited, or remove it", as renaming the page
# cites them.
def _cited_by_misnamed_pages(files: list[SourceFile], bibliography: Bibliography) -> set[str]:
    pages = []
    for file in files:
        suffix = PurePosixPath(file.src_uri).suffix.lower()
        if file.page or file.abs_src_path is None or suffix not in TEXT_TYPES + OTHER_MARKDOWN_TYPES:
            continue
        try:
            pages.append(PageSource(file.src_uri, Path(file.abs_src_path).read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    # The works its citations name, and those its mistyped ones mean.
    cited = {key for page in pages for block in find_citation_blocks(page.body) for key in block.keys}
    return cited | meant_keys(pages, bibliography)


# A citation problem quoted as its page writes it: a citation by DOI was checked as the key
# it stands for, which the editor cannot find on the line.
def _as_written(problem: Problem, sources: dict[str, str], keys: dict[str, str]) -> Problem:
    source = sources.get(problem.path)
    if source is None or problem.line is None or "@doi:" not in source:
        return problem
    line = source.split("\n")[problem.line - 1] if problem.line <= source.count("\n") + 1 else ""
    return dataclasses.replace(problem, message=as_written_by_doi(problem.message, line, keys))
