"""Check every citation of every page against the bibliography."""

from __future__ import annotations

import calendar
import difflib
import re

from psychoed.characters import folded
from psychoed.markdown_source import PageSource
from psychoed.problems import Problem
from psychoed.references.bibliography import Bibliography
from psychoed.references.citation_syntax import (
    BARE_KEY,
    KEY,
    BareKey,
    CitationBlock,
    TypedWork,
    find_bare_keys,
    find_citation_blocks,
    find_citations_in_html,
    find_citations_in_link_text,
    find_citations_in_parentheses,
    find_doubled_ats,
    find_empty_citations,
    find_keys_as_link_text,
    find_pasted_entries,
    find_plain_brackets,
    find_spaced_citations,
    find_typed_citations,
    find_typed_narratives,
)
from psychoed.references.doi_citations import misshapen_doi_citations


def check_citations(pages: list[PageSource], bibliography: Bibliography) -> tuple[list[Problem], list[CitationBlock]]:
    """Problems with cited keys, and every citation block found, across all pages."""
    by_casefold = {key.casefold(): key for key in (*bibliography.written, *bibliography.entries)}
    long_names = _spaced_families(bibliography)
    problems: list[Problem] = []
    blocks: list[CitationBlock] = []
    for page in pages:
        body, first_line = page.body, page.first_line
        for block in find_citation_blocks(body, first_line=first_line):
            blocks.append(block)
            for key in block.keys:
                # An entry that could not be read is told at its own line, not as unknown here.
                if key not in bibliography.entries and key not in bibliography.written:
                    guess = _key_as_guessed(key, block.text)
                    problems.append(
                        Problem(page.path, block.line, _unknown_key_message(key, by_casefold, bibliography, guess))
                    )
            if message := _block_message(block, by_casefold, bibliography):
                problems.append(Problem(page.path, block.line, message))
        problems += [
            Problem(page.path, line, message)
            for message, line in _misplaced_citations(body, first_line, by_casefold, bibliography.path)
        ]
        spaced = set()
        for text, closed, line in find_spaced_citations(body, first_line=first_line):
            if message := _spaced_message(text, closed, by_casefold, bibliography):
                spaced.add(text)
                problems.append(Problem(page.path, line, message))
        told: set[tuple[str, int | None]] = set()
        for bare in find_bare_keys(body, first_line=first_line):
            if bare.bracket in spaced:
                continue
            message = _bare_key_message(bare, by_casefold, bibliography)
            # A bracket holding two keys is told once, at its first (the same bracket
            # written again on another line is told there too).
            if message and (bare.bracket_line is None or (message, bare.bracket_line) not in told):
                told.add((message, bare.bracket_line))
                problems.append(Problem(page.path, bare.line, message))
        for text, line in find_plain_brackets(body, first_line=first_line):
            message = _missing_at_message(text, by_casefold, bibliography.path)
            if message:
                problems.append(Problem(page.path, line, message))
        for written, works, line in find_typed_citations(body, names=long_names, first_line=first_line):
            if message := _typed_citation_message(written, works, bibliography):
                problems.append(Problem(page.path, line, message))
        for written, works, line in find_typed_narratives(body, names=long_names, first_line=first_line):
            if message := _typed_narrative_message(written, works, bibliography):
                problems.append(Problem(page.path, line, message))
    return problems, blocks


def meant_keys(pages: list[PageSource], bibliography: Bibliography) -> set[str]:
    """The entries that pages' broken citations mean: a key's closest entries (a typo), a key
    written without its brackets or its '@'. Such an entry is not told "not cited": fixing
    the citation cites it, and "remove it" would lose a good reference."""
    by_casefold = {key.casefold(): key for key in bibliography.entries}
    long_names = _spaced_families(bibliography)
    meant: set[str] = set()
    for page in pages:
        body, first_line = page.body, page.first_line
        for block in find_citation_blocks(body, first_line=first_line):
            for key in block.keys:
                if key not in bibliography.entries:
                    close = [key.casefold(), *_close_keys(_key_as_guessed(key, block.text), by_casefold, bibliography)]
                    meant.update(by_casefold[c] for c in close if c in by_casefold)
            for after_comma in _AFTER_COMMA.finditer(block.text):
                meant.update(_works_meant(after_comma.group("suffix"), by_casefold, bibliography))
        for _, closed, _ in find_spaced_citations(body, first_line=first_line):
            meant.update(_works_meant(closed, by_casefold, bibliography))
        for bare in find_bare_keys(body, first_line=first_line):
            meant.update(_works_meant(bare.bracket or bare.key, by_casefold, bibliography))
        for text, _ in find_plain_brackets(body, first_line=first_line):
            meant.update(_works_meant(text, by_casefold, bibliography))
        for _, works, _ in [
            *find_typed_citations(body, names=long_names, first_line=first_line),
            *find_typed_narratives(body, names=long_names, first_line=first_line),
        ]:
            meant.update(key for work in works for key in _typed_keys(work, bibliography))
        for _, key, _ in find_doubled_ats(body, first_line=first_line):
            if own := by_casefold.get(key.casefold()):
                meant.add(own)
    return meant


# firstauthorYEAR, the house style of keys: an `@word` of that shape is a citation attempt.
_HOUSE_KEY = re.compile(r"[A-Za-z]+\d{4}[a-z]?")


# Only a known key, or a word shaped like one, is a citation attempt; other `@words`
# (a handle, a nickname) are left alone.
def _bare_key_message(bare: BareKey, by_casefold: dict[str, str], bibliography: Bibliography) -> str | None:
    own = by_casefold.get(bare.key.casefold())
    if own is None and not _HOUSE_KEY.fullmatch(bare.key):
        return None
    if bare.unclosed:
        written = bare.bracket or ""
        # The citation ends where its sentence or the next citation begins (the line runs on).
        if cut := re.search(r"\.\s+(?=[A-Z])|\s*\[", written[1:]):
            written = written[: cut.start() + 1] + "."
        # Its last work, and that work's page or note after a comma (and the sentence's stop
        # typed right after it: '[@yela2022.').
        if last := re.match(r"\[[^\[]*@[\w-]+(?:,[^;@\[]*)?", written):
            rest = written[last.end() :]
            written = last.group() + ("" if rest.strip(" .,;:") else rest)
        # The sentence's own stop stays after the `]`.
        closed = written.rstrip(" .,;:") + "]" + written[len(written.rstrip(" .,;:")) :].strip()
        return (
            f"'{bare.bracket}' opens a citation with '[' and never closes it; write ']' after its last work: {closed}"
        )
    if bare.bracket is not None and misshapen_doi_citations(bare.bracket):
        return None  # told by the check of citations by DOI, with the citation meant
    if bare.bracket is not None and len(BARE_KEY.findall(bare.bracket)) > 1:
        written = " ".join(bare.bracket.split())
        # The comma before each further key becomes the `;` that separates works; so does a
        # key followed by the next with only a space, '&' or 'and' between.
        fixed = re.sub(r",(?=[^,;@]*@)", ";", written)
        fixed = re.sub(r"(@[^\s;,\]]+) (?:(?:&|and) )?(?=-?@)", r"\1; ", fixed)
        fixed = BARE_KEY.sub(lambda item: "@" + _key_meant(item.group("key"), by_casefold, bibliography), fixed)
        instead = ", not ','" if "," in written else ""
        if fixed != written:  # else its works are separated right, and something else is wrong
            return f"'{written}' is not read as a citation: works in one citation are separated by ';'{instead}; write {fixed}"
    if bare.bracket is not None and (unmarked := _keys_without_at(bare.bracket, by_casefold)):
        # `[@a; b]`: a work after ';' written without its '@'.
        fixed = re.sub(
            r"(?<=;)(\s*)(?P<key>[\w-]+)(?=\s*(?:[;,\]]))",
            lambda item: f"{item.group(1)}@{_key_meant(item.group('key'), by_casefold, bibliography)}",
            " ".join(bare.bracket.split()),
        )
        return f"'{' '.join(bare.bracket.split())}' is not read as a citation: '{unmarked[0]}' after ';' has no '@' before it; write {fixed}"
    if bare.bracket is not None and (stop := _STOP_INSIDE.fullmatch(bare.bracket)):
        # `[@inwood2018.]`: the sentence's full stop typed before the `]`.
        return f"'{bare.bracket}' is not read as a citation: the '{stop['stop'].strip()}' belongs after the ']'; write {stop['citation']}]{stop['stop'].strip()}"
    if bare.bracket is not None and (fixed := _with_page_commas(bare.bracket, by_casefold)) != bare.bracket:
        # `[@baglioni2011 p. 15]`, `[@aasm2014: 21]`: a page typed without its comma.
        return f"'{bare.bracket}' is not read as a citation: a page comes after a comma; write {fixed}"
    if bare.bracket is not None:
        # Its first work as the example: one message for the bracket, whichever work it is told at.
        first = BARE_KEY.search(bare.bracket)
        example = by_casefold.get(first.group("key").casefold(), first.group("key")) if first else own or bare.key
        return (
            f"'{bare.bracket}' is not read as a citation: inside the brackets, words may only "
            f"come before the key or after a comma, e.g. [see @{example}, for a review]"
        )
    if own is not None:
        # "as @irish2015 suggest": the authors named in the sentence, the year in brackets.
        return f"'@{bare.key}' without brackets is shown as plain text, not a citation; write [@{own}], or, to name its authors in your sentence, their names and then [-@{own}]"
    if close := _close_keys(bare.key, by_casefold, bibliography):
        meant = " or ".join(f"[@{by_casefold[key]}]" for key in close)
        return (
            f"'@{bare.key}' looks like a citation without brackets, and no entry has that key; write {meant}, "
            f"or write &#64;{bare.key} if it is not a citation"
        )
    return (
        f"'@{bare.key}' looks like a citation without brackets; write [@key] with a key from "
        f"{bibliography.path}, or write &#64;{bare.key} if it is not a citation"
    )


# A citation pandoc reads otherwise than meant: a work after a comma, which it prints as a
# page ("2018, p. yela2022"); the same work twice, its year printed twice ("2018, 2018").
def _block_message(block: CitationBlock, by_casefold: dict[str, str], bibliography: Bibliography) -> str | None:
    written = " ".join(block.text.split())
    for after_comma in _AFTER_COMMA.finditer(written):
        words = re.findall(KEY, after_comma.group("suffix"))
        if keys := [word for word in words if word.casefold() in by_casefold or _HOUSE_KEY.fullmatch(word)]:
            meant = _key_meant(keys[0], by_casefold, bibliography)
            fixed = re.sub(rf",([^,;]*?){re.escape(keys[0])}\b", rf";\1@{meant}", written, count=1)
            return f"'{written}' reads '{keys[0]}' after ',' as a page of the work before it; works in one citation are separated by ';', each after '@'; write {fixed}"
        # The work's year typed after its key: pandoc prints it as a page ("2021, p. 2021").
        key = BARE_KEY.search(after_comma.group())
        entry = bibliography.entries.get(key.group("key")) if key else None
        if entry and after_comma.group("suffix").strip() == entry.fields.get("year", "").strip():
            year = after_comma.group("suffix").strip()
            fixed = written.replace(after_comma.group(), after_comma.group()[: after_comma.group().index(",")], 1)
            return f"'{written}' reads '{year}' after ',' as a page ('p. {year}'); the year comes from the entry, so delete it: write {fixed}"
        # A locator's label as people abbreviate it, which pandoc does not know and prints as typed.
        if slip := _LOCATOR_SLIP.match(after_comma.group("suffix").lstrip()):
            label = _apa_label(slip.group("label"), slip.group("number"))
            typed = slip.group().strip()
            fixed = written.replace(typed, f"{label} {slip.group('number')}", 1)
            return f"'{written}' has the locator '{typed}', whose label pandoc does not read; APA writes {label} {slip.group('number')}: write {fixed}"
        # A range pandoc reads as one page ("p. 870—872"): joined by an em dash, a minus, "to",
        # or a dash between spaces. It reads a hyphen or an en dash, unspaced, as a range.
        if spread := _SPREAD_RANGE.search(after_comma.group("suffix")):
            joined = f"{spread['first']}-{spread['last']}"
            fixed = written.replace(spread["range"], joined, 1)
            return f"'{written}' joins the pages '{spread['range']}' in a way pandoc reads as one page ('p. {spread['range']}'); join them by a hyphen without spaces, which prints as the en dash APA uses: write {fixed}"
    items = [item.strip() for item in written[1:-1].split(";")]
    if len(set(items)) < len(items):
        once = "; ".join(dict.fromkeys(items))
        return f"'{written}' names the same work twice, so its year would be printed twice; write it once: [{once}]"
    return None


# 'pg. 220', 'pp 12-14', 'para 4', 'ch. 3', 'p12': labels pandoc's locale does not know,
# printed as typed (or "p. p12"); it knows 'p.', 'pp.', 'page', 'para.', '¶', 'chap.', 'chapter'.
_LOCATOR_SLIP = re.compile(
    r"(?i)(?P<label>pgs?\.?|pp?(?=\s*\d)|paras?(?=\s*\d)|ch\.?|chpt?\.?)\s*(?P<number>\d[\w\u2013-]*)"
)


# Words that come before a year as a family name does: "(Spring 2021)", "(March, 2020)".
_NOT_NAMES = {
    *(month.casefold() for month in calendar.month_name[1:]),
    *("spring", "summer", "autumn", "fall", "winter"),
}
# A work's page typed after its key without the comma: `@key p. 15`, `@key: 21`, `@key 15`.
_LOCATOR_WITHOUT_COMMA = re.compile(
    rf"@(?P<key>{KEY})(?:\s*:\s*|\s+)(?P<label>(?i:pp?\.?|pages?|pgs?\.?|paras?\.?|chapter|ch\.?))?\s*(?P<number>\d[\d\u2013-]*)\s*(?=[;\]])"
)
# Pages after a key's comma (`pp. 3, 7—9`, not `in adults aged 18 to 65`) joined by an em
# dash, a minus, Word's and PDFs' hyphens (U+2010–2012), "to", or a dash between spaces.
_SPREAD_RANGE = re.compile(
    r"^\s*(?:(?i:pp?\.|pages?)\s*)?(?:\d+(?:[-\u2013]\d+)?\s*,\s*)*"
    r"(?P<range>(?P<first>\d+)(?:\s*[\u2010-\u2012\u2014\u2015\u2212]\s*|\s+[-\u2013]+\s+|\s+to\s+)(?P<last>\d+))"
)


# `bracket` with a comma before each page typed without one, in the label APA writes.
def _with_page_commas(bracket: str, by_casefold: dict[str, str]) -> str:
    def fixed(page: re.Match[str]) -> str:
        key = by_casefold.get(page["key"].casefold(), page["key"])
        return f"@{key}, {_apa_label(page['label'] or 'p', page['number'])} {page['number']}"

    return _LOCATOR_WITHOUT_COMMA.sub(fixed, " ".join(bracket.split()))


def _apa_label(label: str, number: str) -> str:
    label = label.casefold().rstrip(".")
    if label.startswith("c"):
        return "chapter"
    if label.startswith("para"):
        return "paras." if label == "paras" else "para."
    return "pp." if label in {"pgs", "pp"} or re.search(r"[-\u2013]", number) else "p."


# A citation typed as APA prints it, as the practice's published articles have them: the
# key of each work the bibliography holds by that first author and year, else what to add.
def _typed_citation_message(written: str, works: list[TypedWork], bibliography: Bibliography) -> str | None:
    candidates = [_typed_keys(work, bibliography) for work in works]
    missing = [work for work, keys in zip(works, candidates, strict=True) if not keys]
    # Words and a year with no work by them, "(Scotland, 2019)", "(Updated 2023)", are a
    # citation only beside a known work or one in APA's form of several authors ("&", "et al.").
    if missing and not any(candidates) and not any(_cited_shape(work) for work in missing):
        return None
    written = " ".join(written.split())
    told = f"'{written}' is a citation typed by hand, which prints as typed, with no link to its reference"
    if missing:
        named = ", ".join(f"{work.family} from {work.year}" for work in missing)
        example = re.sub(r"[^a-z]", "", folded(missing[0].family)) + missing[0].year
        return f"{told}, and {bibliography.path} has no work by {named}; add its entry to {bibliography.path} and cite it by its key, e.g. [@{example}]"
    items = "; ".join(f"{work.prefix}@{keys[0]}{work.locator}" for work, keys in zip(works, candidates, strict=True))
    return _with_fix(told, f"[{items}]", _which(works, candidates, bibliography), "cite it by its key instead")


# "Inwood and Ferrari (2018)" typed for a work references.bib holds: the names as APA writes
# them in a sentence ("and", or "et al." for three or more), the year cited by its key.
# (Words before a year in parentheses that name no work are the sentence's.)
def _typed_narrative_message(written: str, works: list[TypedWork], bibliography: Bibliography) -> str | None:
    candidates = [_typed_keys(work, bibliography) for work in works]
    if not all(candidates):
        return None
    written = " ".join(written.split())
    authors = len(bibliography.entries[candidates[0][0]].family_names())
    # The possessive as typed ("Clark's", "May’s"): the names keep it, "et al." takes it.
    possessive = found.group() if (found := re.search(r"['\u2019]s$", works[0].names)) else ""
    names = f"{works[0].family} et al.{possessive}" if authors >= 3 else works[0].names.replace(" & ", " and ")
    years = "; ".join(f"-@{keys[0]}{work.locator}" for work, keys in zip(works, candidates, strict=True))
    told = f"'{written}' names a work with its year typed by hand, which prints as typed, with no link to its reference"
    return _with_fix(
        told,
        f"{names} [{years}]",
        _which(works, candidates, bibliography),
        "keep the names and cite the year by its key",
    )


# For a typed year that more than one entry has ("Neff, 2003"), which they are.
def _which(works: list[TypedWork], candidates: list[list[str]], bibliography: Bibliography) -> str | None:
    for work, keys in zip(works, candidates, strict=True):
        if len(keys) > 1:
            return f"{bibliography.path} has {len(keys)} works by {work.family} from {work.year} ({', '.join(keys)})"
    return None


# The fix to write; with the key of the work meant where a year names more than one.
def _with_fix(told: str, fix: str, which: str | None, how: str) -> str:
    return f"{told}; {which}: write {fix}, with the key of the one meant" if which else f"{told}; {how}: write {fix}"


# A typed work's keys: the entries by that first author from that year; of those, the ones
# whose key ends in the letter typed after the year ("2003b"), when there are any.
def _typed_keys(work: TypedWork, bibliography: Bibliography) -> list[str]:
    keys = sorted(
        key
        for key, entry in bibliography.entries.items()
        if entry.first_family_name() == folded(work.family.split()[-1]) and entry.year() == work.year
    )
    lettered = [key for key in keys if work.letter and key.casefold().endswith(work.year + work.letter)]
    return lettered or keys


# First authors' family names of more than one word, which typed citations may give too: a
# group's ("World Health Organization"), one with a particle ("van der Kolk").
def _spaced_families(bibliography: Bibliography) -> tuple[str, ...]:
    return tuple(
        sorted(
            {
                name
                for entry in bibliography.entries.values()
                for name in entry.family_names()[:1]
                if " " in name and re.fullmatch(r"[\w'\u2019 .&-]+", name)
            }
        )
    )


# A work typed as APA writes several authors ("Morin & Espie", "Yela et al."), not a month.
def _cited_shape(work: TypedWork) -> bool:
    return work.several and work.family.casefold() not in _NOT_NAMES


# Citations where readers would see them as typed: in raw HTML, in a link's text, with
# '@@'; a link whose text is a key (an entry's, or shaped like one), which shows "@key";
# and a BibTeX entry pasted into the page instead of references.bib.
def _misplaced_citations(body: str, first_line: int, by_casefold: dict[str, str], path: str) -> list[tuple[str, int]]:
    found = [
        (
            f"'{citation}' stands inside the HTML <{tag.name}> of line {tag_line}, where Markdown is not read, so readers would see it as typed; add markdown to that tag, <{tag.name} markdown>, or write the text as Markdown without the tags",
            line,
        )
        for citation, line, tag, tag_line in find_citations_in_html(body, first_line=first_line)
    ]
    found += [
        (f"'{link}' puts a citation inside a link's text, which cannot show it; put it after the link: {apart}", line)
        for link, apart, line in find_citations_in_link_text(body, first_line=first_line)
    ]
    found += [
        (f"'{written}' would print two pairs of parentheses, as a citation prints its own; write {fixed}", line)
        for written, fixed, line in find_citations_in_parentheses(body, first_line=first_line)
    ]
    found += [
        (
            f"'{written}' has '@' twice before '{key}', so it is not read as a citation and would print as typed; write it once: {_with_page_commas(written.replace('@@', '@', 1), by_casefold)}",
            line,
        )
        for written, key, line in find_doubled_ats(body, first_line=first_line)
    ]
    found += [
        (
            f"'{opening}' begins a BibTeX entry, which a page prints as text; move the whole entry, to its closing '}}', into {path}, and cite it here as [@{key}]",
            line,
        )
        for opening, key, line in find_pasted_entries(body, first_line=first_line)
    ]
    example = next(iter(by_casefold.values()), "key")
    found += [
        (f"'{written}' names no work after '@'; write the key of the work you cite, e.g. [@{example}]", line)
        for written, line in find_empty_citations(body, first_line=first_line)
    ]
    found += [
        (
            f"'{link}' is a link whose text readers see as '@{key}', not a citation; write [@{by_casefold.get(key.casefold(), key)}] (its reference gives the work's address), or give the link words: [the review]({link.partition('](')[2][:-1]})",
            line,
        )
        for link, key, line in find_keys_as_link_text(body, first_line=first_line)
        if key.casefold() in by_casefold or _HOUSE_KEY.fullmatch(key)
    ]
    return sorted(found, key=lambda item: item[1])


# `[@neff 2003]` or `[@ neff2003]`, told when each key it means is an entry's or shaped like one.
def _spaced_message(text: str, closed: str, by_casefold: dict[str, str], bibliography: Bibliography) -> str | None:
    keys = BARE_KEY.findall(closed)
    if not all(key.casefold() in by_casefold or _HOUSE_KEY.fullmatch(key) for key in keys):
        return None
    fixed = BARE_KEY.sub(lambda item: "@" + _key_meant(item.group("key"), by_casefold, bibliography), closed)
    written = " ".join(text.split())
    return f"'{written}' is not read as a citation: a key has no spaces and follows '@' directly; write {fixed}"


# A citation with a sentence's punctuation typed before its `]`.
_STOP_INSIDE = re.compile(rf"(?P<citation>\[[^\[\]]*@{KEY})(?P<stop>\s*[.:!?]+)\]")
# A citation's item after its key's comma: the locator or words that follow the work.
_AFTER_COMMA = re.compile(rf"@{KEY}\s*,(?P<suffix>[^;\]]*)")


# The entries the key-like words of `text` mean: each written as an entry's key, or, shaped
# as authors and year (neff2003), the works those name ("[@neff2003, @Germer2013]").
def _works_meant(text: str, by_casefold: dict[str, str], bibliography: Bibliography) -> set[str]:
    meant = set(_keys_named(text, by_casefold))
    for word in re.findall(KEY, text):
        if word.casefold() not in by_casefold and _AUTHOR_YEAR.fullmatch(word):
            meant.update(by_casefold[key] for key in _close_keys(word, by_casefold, bibliography))
    return meant


# The entry a word written as a key means: its own, the one work its authors and year
# name ("germer2013" for neffPilotStudyRandomized2013), else the word as written.
def _key_meant(word: str, by_casefold: dict[str, str], bibliography: Bibliography) -> str:
    if own := by_casefold.get(word.casefold()):
        return own
    close = _close_keys(word, by_casefold, bibliography)
    return by_casefold[close[0]] if len(close) == 1 else word


# The works of a citation written after ';' without their '@', by their key or a word shaped like one.
def _keys_without_at(bracket: str, by_casefold: dict[str, str]) -> list[str]:
    items = [item.strip() for item in bracket[1:-1].split(";")[1:]]
    words = [item.split(",")[0].strip() for item in items if "@" not in item]
    return [word for word in words if word.casefold() in by_casefold or _HOUSE_KEY.fullmatch(word)]


# `[yip2021]` or `[see yip2021, p. 3]`: a bracket naming a bibliography key without its `@`,
# which mkdocs-bibtex prints as it stands.
def _missing_at_message(text: str, by_casefold: dict[str, str], bib_path: str) -> str | None:
    keys = _keys_named(text, by_casefold)
    if not keys:
        return None
    fixed = re.sub(
        KEY,
        lambda word: (
            f"@{by_casefold[word.group(0).casefold()]}" if word.group(0).casefold() in by_casefold else word.group(0)
        ),
        text,
    )
    shown = " ".join(text.split())
    return f"'[{shown}]' is shown as plain text, not a citation: '{keys[0]}' is a key of {bib_path}, and a citation writes it after '@'; write [{' '.join(fixed.split())}]"


def _unknown_key_message(key: str, by_casefold: dict[str, str], bibliography: Bibliography, guess: str) -> str:
    own = by_casefold.get(key.casefold())
    if own is not None:
        return f"citation key '{key}' differs in case from the entry '{own}'; write [@{own}]"
    if close := _close_keys(guess, by_casefold, bibliography):
        options = " or ".join(f"'{by_casefold[c]}'" for c in close)
        return f"unknown citation key '{key}'; did you mean {options}?"
    return f"unknown citation key '{key}'; add its entry to {bibliography.path} or correct the key"


# The entries whose keys `text` names as words, in order, each as the entry writes it.
def _keys_named(text: str, by_casefold: dict[str, str]) -> list[str]:
    return [by_casefold[word.casefold()] for word in re.findall(KEY, text) if word.casefold() in by_casefold]


# The casefolded keys a mistyped `key` most likely meant (the same guess for the message
# and for "not cited"): for a key guessed from the citation as read, "Neff (2003)", the
# works of those authors and that year, whatever their keys (Zotero's
# neff_self-compassion_2003); else the keys spelt most alike.
def _close_keys(key: str, by_casefold: dict[str, str], bibliography: Bibliography) -> list[str]:
    guessed = _AUTHOR_YEAR.fullmatch(key)
    if guessed and (meant := _works_named(guessed.group("names"), guessed.group("year"), bibliography)):
        return meant
    return difflib.get_close_matches(key.casefold(), list(by_casefold), n=3, cutoff=0.6)


# "[@neff, 2003]", the citation as APA prints it, with its year written as a locator: the
# key guessed is neff2003.
def _key_as_guessed(key: str, block: str) -> str:
    year = re.search(rf"@{re.escape(key)},\s*(\d{{4}})\b", block)
    return f"{key}{year.group(1)}" if year and not re.search(r"\d", key) else key


# How editors write a citation's authors and year as a key: neff2003, Neff_2003 (doi.org's
# keys), neffgermer2013, neffetal2013, lópez2015, vanderkolk2014.
_AUTHOR_YEAR = re.compile(r"(?P<names>[^\W\d_][^\d]*?)[\W_]*(?P<year>\d{4})[a-z]?")


# The works whose authors and year the letters name, best first: the first author (with
# the second, or "et al."), that year; another of its authors, or the first author's name
# one slip away, that year; the first author in another year, the nearest first.
def _works_named(names: str, year: str, bibliography: Bibliography) -> list[str]:
    written = re.sub(r"(?:etal|andothers)$", "", _letters(names))
    ranked = []
    for key, entry in bibliography.entries.items():
        families = [_letters(name) for name in entry.family_names()]
        if not families or not written:
            continue
        first = {families[0], _letters(entry.first_family_name())}
        if len(families) > 1:
            first |= {families[0] + families[1], families[0] + "and" + families[1]}
        same_year = entry.year() == year
        if same_year and written in first:
            rank = 0
        elif same_year and (
            written in families[1:] or difflib.SequenceMatcher(None, written, families[0]).ratio() >= 0.8
        ):
            rank = 1
        elif written in first and entry.year().isdigit():
            rank = 2 + abs(int(entry.year()) - int(year))
        else:
            continue
        ranked.append((rank, key.casefold()))
    if not ranked:
        return []
    best = min(rank for rank, _ in ranked)
    # The works of the best rank; for a year not matched, the author's works by nearness.
    return [key for rank, key in sorted(ranked) if rank == best or best >= 2][:3]


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", folded(name))
