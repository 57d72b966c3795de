"""How pandoc's sentence case reads a title of references.bib: the capitalised words it
prints in small letters, the names they stand in (braced as pandoc keeps them), the
initials and abbreviations whose '.' it reads as a sentence's end, and a title Zotero's
export braced word by word. Tests hold each answer to pandoc's own output
(tests/test_apa_references.py).

Pandoc's sentence case (citeproc's withSentenceCase, for a title in English) lowers a word
written with only its first letter a capital ('Freud', the 'D' of "D'Zurilla"), unless a
sentence starts with it, and capitalises a word in small letters that starts one. A
sentence starts at the title's start and after any '.', '?', '!' or ':' followed by a space
(citeproc's AfterSentenceEndingPunctuation), an initial's and an abbreviation's too ('Carl
R. Rogers' prints "Carl r. Rogers", '{Acme Inc.} and' "Acme Inc. And"); never at the
title's last word written apart (its BeforeLastWord: 'Health of {U.S.} Adults' prints
"Health of U.S. adults"). Text in braces, \\textsc, \\textsubscript and \\textsuperscript
keeps its case, and only its last character counts as a stop; \\emph, \\textit and \\textbf
do not keep it.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from psychoed.references import proper_words
from psychoed.references.bibtex_characters import printed_characters

_FORMATTING_COMMANDS = {"emph", "textit", "textbf", "textsl", "textup", "textrm", "textsf", "textmd", "textnormal"}
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
# A word (letters), a number (a sentence's first chunk too: "No. 5 in" keeps 'in' small)
# and a stop that ends a sentence where a space follows it.
_WORD_OR_STOP = re.compile(r"(?P<word>[^\W\d_]+)|(?P<number>(?:(?![^\W\d_])[^\W_])+)|(?P<stop>[.?!:])(?=\s|$)")
# Pandoc's abbreviations (its data/abbreviations): pandoc's sentence case reads the '.'
# after one as a sentence's end all the same, and a word written small after it is told.
_ABBREVIATIONS = frozenset(
    re.findall(
        r"\w+",
        "aet aetat al Apr Aug bk Bros Capt cf ch chap chs Co col Corp cp Dec Dr ed eds esp fasc Feb ff fig fl fol fols "
        "Fr Gen Gov Hon ill Inc incl Jan Jr Jul Jun Ltd Mar Mr Mrs Ms nn No Nov Oct pp Pres Prof pt Rep Rev saec sec "
        "Sen Sep Sept Sgt Sr St univ viz vol vs",
    )
)
# What follows a capital letter standing alone: a space, a stop but '.', a bracket, a slash
# or a dash, or the title's end ("Type D", "PHQ-D)", "Vitamin D's").
_LETTER_ENDS = re.compile(r"(?:['’]s)?(?=$|[\s,;:?!)\]/—–\"”])")
# An em dash ('—', or BibTeX's '---') right before a word, spaced or not (`~`, `\,`), or an
# en dash set as one, with spaces (" – ", " -- "; between numbers unspaced, a range).
_DASH_BEFORE = re.compile(r"(?:—|---|\s(?:–|--)(?=\s))(?:\s|~|\\,)*$")
# Words after a dash that go on with the title rather than start a subtitle.
_CONJUNCTIONS = frozenset({"and", "or", "but", "nor", "yet", "so"})
# What pandoc's sentence case reads as the end of a word, as a space ("Self-compassion").
_WORD_BREAKS = {"-", "/", "–", "—"}
# Between two words of one name ("Beck Depression Inventory", "St. Louis", "D'Zurilla").
_WITHIN_NAME = {" ", "-", "'", "’", ".", ". "}
# English as BibLaTeX's langid names it (pandoc reads any other as another language).
_ENGLISH = {"english", "usenglish", "american", "british", "ukenglish", "canadian", "australian", "newzealand"}
# Words a title in Title Case leaves in small letters: one of four letters or more in small
# letters besides these is a sign the title was written in sentence case.
_SMALL_WORDS = frozenset(
    re.findall(
        r"\w+",
        "about above across after against along among around before behind below beneath beside between beyond "
        "down during from into like near onto over past since than that their then these this those through "
        "till toward towards under until upon versus with within without",
    )
)

# Short words each language writes often and English never does, by the langid that
# names the language: two of one, more than of any other, and none of `_ENGLISH_WORDS`
# tell a title written in it (a word in capitals is an abbreviation: 'DAS', 'IL-6'). Left
# out: words English writes too ('die', 'den', 'on', 'once', 'no', 'do', 'um', 'van',
# 'met', 'pour', 'per'); 'de', 'a', 'e', 'en', 'in', which most of them write; and
# Italian's 'la', 'con', 'una', which would tie a Spanish title.
_FUNCTION_WORDS = {
    "german": "der das und mit für von bei zur zum eine einer eines des dem im über nicht auf aus oder sich nach vom",
    "spanish": "el la los las del y con para una por sobre entre",
    "french": "le la les des du et avec une dans sur aux chez",
    "portuguese": "da das uma com para pela pelo em na nas nos",
    "italian": "il gli della delle degli dello nella nel nei sulla tra che",
    "dutch": "het een voor bij naar niet uit ook wat",
}
_LANGUAGE_WORDS = {language: frozenset(words.split()) for language, words in _FUNCTION_WORDS.items()}
_ENGLISH_WORDS = frozenset(
    re.findall(r"\w+", "the of and for with to an on is are was from by at as its their this that into among between")
)


def read_as_english(language: str | None) -> bool:
    """Whether pandoc reads a title whose langid (or language) is `language` as English."""
    language = (language or "").strip().casefold()
    return not language or language in _ENGLISH or language.startswith(("en-", "en_")) or language in {"en", "eng"}


def written_language(value: str) -> str | None:
    """The langid of the language a title is clearly written in, other than English (at
    least two of its short words, more than any other language's, and no English one), or
    None: doi.org and Crossref export such a title with no language field."""
    words = {w.text.casefold() for part in _title_words(value)[1] for w in part if not w.text[1:].isupper()}
    if words & _ENGLISH_WORDS:
        return None
    found = sorted(((len(words & own), language) for language, own in _LANGUAGE_WORDS.items()), reverse=True)
    (most, language), (next_most, _) = found[0], found[1]
    return language if most >= 2 and most > next_most else None


def lowered_names(value: str) -> tuple[list[str], list[str]]:
    """The capitalised words pandoc would print in small letters where the title is written
    in sentence case, so a capital there was meant, and the names they stand in, braced as
    the fix ('{Beck Depression Inventory}', '{St}. {Louis}'). A part in Title Case ("The
    Structure of Ordinary Water") is lowered whole, as APA asks: a name there cannot be told."""
    text, parts = _title_words(value)
    words = [w for part in parts for w in part]

    def names_in(part: list[_Word]) -> list[str]:
        return list(dict.fromkeys(_name_around(w, words, text) for w in _lowered(part)))

    # More words in small letters than names: the part is in sentence case ("the work of
    # Freud and his students"), not Title Case with a word left small ("Self-Compassion and
    # anxiety in College Students"). A part of one name takes the rest's case ("Evidence
    # from Norway").
    sentence_case = any(_small_words(part) for part in parts)
    meant = [
        part
        for part in parts
        if _lowered(part)
        and (_small_words(part) >= len(names_in(part)) or (sentence_case and len(names_in(part)) == 1))
    ]
    lowered = [w.text for part in meant for w in _lowered(part)]
    names = [name for part in meant for name in names_in(part)]
    return list(dict.fromkeys(lowered)), list(dict.fromkeys(names))


def all_lowered(value: str) -> list[str]:
    """Every capitalised word pandoc's sentence case prints in small letters, whatever the
    case the title is written in."""
    return list(dict.fromkeys(w.text for part in _title_words(value)[1] for w in _lowered(part)))


def always_capitalised(value: str) -> list[tuple[str, list[str]]]:
    """The words English capitalises wherever they stand (places, peoples, languages,
    religions, days, months: `proper_words`) that pandoc's sentence case would print in
    small letters, whatever the case the title is written in: each name braced whole as
    the fix ('{African American}', '{New Zealand}'), with its words pandoc lowers."""
    text, parts = _title_words(value)
    found = []
    for part in parts:
        lowered = set(map(id, _lowered(part)))
        for words in _proper_names(part, text):
            if told := [w.text for w in words if id(w) in lowered]:
                formatted = words[0].formatted
                name = (
                    formatted
                    if formatted and formatted == words[-1].formatted
                    else text[words[0].start : words[-1].end]
                )
                found.append(("{" + name + "}", told))
    return found


def lone_letters(value: str) -> list[tuple[str, str]]:
    """The capital letters standing alone that pandoc's sentence case prints small, whatever
    the case the title is written in ('Type D' as "type d", the 'R' of 'DSM-III-R', the
    pronoun 'I'), each with its fix: braced, with the word or code before it ('Type {D}',
    'DSM-III-{R}'). Left out: the article 'A' (not after a hyphen), and a letter that starts
    a word or is an initial ('T-Test', 'E. coli', "O'Brien"), which may be meant small
    ('t-test', 'x-ray') or is a name the sentence-case rule tells."""
    text, parts = _title_words(value)
    found = []
    for part in parts:
        lowered = set(map(id, _lowered(part)))
        for at, word in enumerate(part):
            if len(word.text) != 1 or (id(word) not in lowered and not _code_ending_in_a(word, text)):
                continue
            # Pandoc keeps a letter joined to more ('R²', '3D', 'R^2'); an initial ('E.') is a name.
            if not _LETTER_ENDS.match(text, word.end) or text[word.start - 1 : word.start].isalnum():
                continue
            if word.formatted:  # braces inside \emph{} only group its text
                found.append((word.text, "{" + word.formatted + "}"))
                continue
            first = at
            while first > 0 and text[part[first - 1].end : part[first].start] == "-":
                first -= 1
            if first == at > 0 and text[part[at - 1].end : word.start] == " ":
                first -= 1
            found.append((word.text, text[part[first].start : word.start] + "{" + word.text + "}"))
    return list(dict.fromkeys(found))


def dotted_abbreviations(value: str) -> list[tuple[str, list[str], str]]:
    """The abbreviations of two or more capital letters each followed by '.' ('U.S.',
    'E.U.'; one letter alone is an initial) whose letters pandoc's sentence case prints
    small ("u.s."), whatever the case the title is written in: each as written, its letters
    printed small, and its fix. Braced, pandoc keeps them, but reads their last '.' as a
    sentence's end and capitalises the next word (but the title's last: "U.S. Adults and
    veterans"); braced with that word written small ('{U.S. adults}'), it prints as APA
    asks; at the title's end or before a stop, braced alone ('{U.S.}')."""
    text, parts = _title_words(value)
    words = [w for part in parts for w in part]
    lowered = {id(w) for part in parts for w in _lowered(part)}
    found = []
    at = 0
    while at < len(words):
        end = at
        while (
            end < len(words)
            and len(words[end].text) == 1
            and words[end].text.isupper()
            and text[words[end].end : words[end].end + 1] == "."
            and (end == at or words[end].start == words[end - 1].end + 1)
        ):
            end += 1
        if end - at < 2:
            at += 1
            continue
        run = words[at:end]
        abbreviation = "".join(w.text + "." for w in run)
        # The word right after it, unless the title ends or a stop comes first ('U.S.:').
        after = words[end] if end < len(words) and not text[run[-1].end + 1 : words[end].start].strip() else None
        if small := [w.text for w in run if id(w) in lowered]:
            word = f" {_after_abbreviation(after, parts)}" if after else ""
            found.append((abbreviation, small, "{" + abbreviation + word + "}"))
        at = end
    return found


def stops_in_names(value: str) -> list[tuple[str, list[str], list[str], str]]:
    """The '.'s that end an initial ('Carl R. Rogers', 'Anna O.:', 'E. coli') or an
    abbreviation ('{Acme Inc.} and', 'St. John's', 'Inc.:', 'vs.', 'e.g.') where pandoc's
    sentence case changes the title, whatever its case: it prints a capitalised initial or
    abbreviation small ("r.", "st."), and reads a '.' before a space as a sentence's end,
    capitalising a word written small after it, but the title's last, which it prints
    small. Each with what it ends ('initial', 'abbreviation' printed small, the 'word'
    after it, or the 'name' ending the title after initials or a person's title), the
    capitalised words printed small (the initial 'R'), the words written small it
    capitalises ('and' after '{Acme Inc.}'), and the fix, braced whole: the name with its
    initials and the word after them ('{Aaron T. Beck}', '{J. K. Rowling}', '{E. coli}'),
    the abbreviation with its '.' ('{St.}'), the abbreviation with the word after it
    ('{Acme Inc. and}', '{U.S. adults}'), or the name alone ('B. F. {Skinner}'). Left out: a
    capitalised word after a braced abbreviation, which may be meant ('{U.S.} Army'); dotted
    capitals written unbraced, which `dotted_abbreviations` tells."""
    text, parts = _title_words(value)
    _, kept, within = _pandoc_reading(value)
    words = [w for part in parts for w in part]
    lowered = {id(w) for part in parts for w in _lowered(part)}
    ending = {w.end: w for w in words}
    found: list[tuple[str, list[str], list[str], str]] = []
    done = 0
    for stop in _SENTENCE_END.finditer(text):
        at = stop.start()
        before = ending.get(at)
        braced = kept[at] or kept[at - 1]
        inside_braces = at + 1 < len(text) and kept[at + 1]  # "{U.S. adults}": no stop for pandoc
        if at < done or inside_braces or not (braced or _ends_abbreviation(before, text)):
            continue
        letter = before is not None and len(before.text) == 1 and before.text.isupper() and not braced
        # An initial pandoc prints small: 'A.' too, which `_lowered` leaves as the article.
        initial = letter and before is not None and not before.starts_sentence
        # A capitalised abbreviation it prints small: 'St.', 'Inc.', 'Dr.'.
        abbreviated = before is not None and len(before.text) > 1 and not braced and id(before) in lowered
        after = next((w for w in words if w.start > at), None)
        if after is not None and text[at + 1 : after.start].strip():
            after = None  # a number, a bracket or a stop comes first: "No. 5 in", "Anna O.: A"
        # Pandoc capitalises a word written small that starts a sentence (never the title's last).
        small = after is not None and after.starts_sentence and after.text.islower() and not after.kept
        if not (initial or abbreviated or small):
            # The title's last word, which pandoc prints small, after an initial ('B. F. Skinner')
            # or a person's title braced alone ('{Mr.} Hyde'): the name, braced alone, as the
            # initials or the title keep their capitals anyway.
            if after is not None and id(after) in lowered and (letter or (before and before.text in _BEFORE_NAMES)):
                done = _name_end(after, words, text).end
                printed_small = [w.text for w in words if after.start <= w.start < done and id(w) in lowered]
                found.append(("name", printed_small, [], "{" + text[after.start : done] + "}"))
            continue
        if abbreviated and before is not None and not small:
            # Braced with its '.', it keeps its capital ('{St.}', '{Inc.}'). After a person's
            # title, the name keeps its own, but as the title's last word, printed small, it
            # is braced too ('{Dr. Smith}'). A word Title Case capitalised after another
            # abbreviation, which pandoc keeps so, is braced small ('{Inc. staff}').
            fix = text[before.start : at + 1]
            if before.text in _BEFORE_NAMES:
                if after is not None and id(after) in lowered:
                    fix = text[before.start : _name_end(after, words, text).end]
            elif (
                after is not None
                and after.starts_sentence
                and not after.kept
                and text[after.end : after.end + 1] != "."
            ):
                fix = text[before.start : after.start] + _after_abbreviation(after, parts)
            done = before.start + len(fix)
            printed_small = [w.text for w in words if before.start <= w.start < done and id(w) in lowered]
            found.append(("abbreviation", printed_small, [], "{" + fix + "}"))
            continue
        # A capitalised abbreviation is braced with the name it ends: 'Acme Inc.'.
        named = before is not None and not braced and before.text[0].isupper()
        start = _initials_start(before, words, text) if before and named else _abbreviation_start(at, text, kept)
        last = _name_end(after, words, text) if after is not None else before
        end = last.end if last is not None else at
        end += text[end : end + 1] == "." and last is not None and len(last.text) == 1  # 'D. H.' whole
        if any(within[start:end]):
            continue  # \emph{...} in it: a reader's words would not be the fix's
        done = end
        inside = [w for w in words if start <= w.start < end]
        found.append(
            (
                "initial" if initial else "word",
                # The initials' words pandoc prints small; an abbreviation's are the sentence case's to tell.
                [w.text for w in inside if id(w) in lowered or w is before] if initial else [],
                [w.text for w in inside if w.starts_sentence and w.text.islower() and not w.kept],
                "{" + text[start:end] + "}",
            )
        )
    return found


def one_word_subtitle(value: str) -> tuple[str, str] | None:
    """A subtitle of one word, after ':', '?' or '!' at the title's end ("Grief: Revisited"),
    which pandoc's sentence case prints small, as the title's last word ("Grief: revisited"),
    though APA capitalises a subtitle's first word: the word and its fix ('{Revisited}');
    else None. A word in capitals ('DSM'), braced or formatted is printed as written."""
    text, parts = _title_words(value)
    parts = [part for part in parts if part]  # a title ending in '.' or '?' ends in an empty part
    if len(parts) < 2 or len(parts[-1]) != 1:
        return None
    word = parts[-1][0]
    before = text[parts[-2][-1].end : word.start]
    if word.kept or word.formatted or not (_capitalised(word.text) or word.text.islower()):
        return None
    if text[word.end :].strip(" .") or not set(before) & {":", "?", "!"}:
        return None  # not the title's last word, or after a '.' (an abbreviation's, maybe)
    return word.text, "{" + word.text[0].upper() + word.text[1:] + "}"


def dash_subtitles(value: str) -> list[tuple[str, str]]:
    """The first word after an em dash ('—', BibTeX's '---', or a spaced en dash), written with
    a capital, which pandoc's sentence case prints small ("Self-compassion—A buffer" prints
    "—a buffer"), though APA capitalises the first word of a subtitle, after a dash as after a
    colon: each word and its fix ('{A}'). Left as written: a word written small, and the one
    after the dash that closes a pair opened before one ("Find—and Keep—Love": dashes setting
    off a phrase); a name English always capitalises, which `always_capitalised` braces whole
    ('{United States}'); a title in capitals, told whole."""
    text, parts = _title_words(value)
    if text.upper() == text:
        return []
    names = {id(name[0]) for part in parts for name in _proper_names(part, text)}
    found, closes = [], False
    for w in _after_dashes(text, parts):
        if _capitalised(w.text) and not (closes or w.kept or w.formatted or w.starts_sentence or id(w) in names):
            found.append((w.text, "{" + w.text + "}"))
        closes = w.text.islower() and not closes  # a phrase set off: its closing dash comes next
    return found


def small_dash_subtitle(value: str) -> tuple[str, str] | None:
    """The first word after a title's one em dash, written small ("Penicillin treatment of
    early syphilis—a preliminary report"), which pandoc prints as written though APA
    capitalises a subtitle's first word: the word and its fix ('{A}'); else None. Left as
    written: a word after one of two dashes or more, which may set off a phrase ("find—and
    keep—love"), and a conjunction, which goes on with the title ("depression—and the
    unexpected solutions"); a word braced small, as the editor's say that the dash sets off
    a phrase ('—{mostly}')."""
    after = _after_dashes(*_title_words(value))
    if len(after) != 1:
        return None
    word = after[0]
    if word.kept or word.formatted or not word.text.islower() or word.text in _CONJUNCTIONS:
        return None
    return word.text, "{" + word.text[0].upper() + word.text[1:] + "}"


def one_name(value: str) -> bool:
    """Whether the title is one name the site braces whole, a test's ('Stanford--Binet
    Intelligence Scales', 'California Verbal Learning Test'): braced whole, it is as asked."""
    text, parts = _title_words(value)
    return len(parts) == 1 and [w for name in _proper_names(parts[0], text) for w in name] == parts[0]


def braced_title_case(value: str) -> list[str]:
    """The braced words of a title in Title Case braced word by word, as Zotero's BibTeX
    export writes one ("on {Which} {Distribution}"; Better BibTeX: "{{Aspects}}"), which
    pandoc keeps, so it prints in Title Case; else []. Three or more, none left unbraced,
    and no word of four letters or more in small letters tell it from a title whose names
    alone are braced."""
    text, parts = _title_words(value)
    # A braced name English always capitalises is no sign: "in {New Zealand} and {Sub-Saharan Africa}".
    names = {id(w) for part in parts for words in _proper_names(part, text) for w in words}
    # An initial is no sign either: "Sigmund {Freud} and {S. Ferenczi}".
    capitalised = [
        w
        for part in parts
        for w in part
        if not w.starts_sentence
        and _capitalised(w.text)
        and id(w) not in names
        and not (len(w.text) == 1 and text[w.end : w.end + 1] == ".")
    ]
    braced = [w.text for w in capitalised if w.kept]
    whole = len(braced) >= 3 and len(braced) == len(capitalised)
    # A word in italics or other type, a species' or a Latin term's ("\textit{{Hypericum}
    # perforatum}"), is small in any case style: no sign of sentence case here.
    plain = [[w for w in part if not w.formatted] for part in parts]
    return braced if whole and not any(_small_words(part) for part in plain) else []


# ---------------------------------------------------------------------------------------
# Helper functions
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int
    starts_sentence: bool
    kept: bool  # in braces or \textsc: printed as typed
    after_break: bool  # after '-', '/' or a dash: "compassion" of "Self-compassion"
    formatted: str | None  # the \emph{...} it is in, as written


# The words pandoc lowers: capitalised, not braced, no sentence's first; not a lone 'A', which
# is the article (a subtitle's first, after a dash, is `dash_subtitles`' to tell).
def _lowered(part: list[_Word]) -> list[_Word]:
    return [w for w in part if not w.kept and not w.starts_sentence and _capitalised(w.text) and w.text != "A"]


# An 'A' after a hyphen ends a code ('PHQ-A'), never the article: pandoc lowers it too.
# (After BibTeX's dash, '---A', it is the article starting a subtitle: `dash_subtitles`'.)
def _code_ending_in_a(word: _Word, text: str) -> bool:
    before = text[: word.start]
    return word.text == "A" and not word.kept and before.endswith("-") and not before.endswith("--")


# A title's words as pandoc's sentence case reads them, in parts that each start a sentence.
# Each rule of a title reads them: read once (shared, so read-only).
@functools.lru_cache(maxsize=16)
def _title_words(value: str) -> tuple[str, list[list[_Word]]]:
    text, kept, within = _pandoc_reading(value)
    last = _last_word_start(text, kept, within)
    parts: list[list[_Word]] = [[]]
    starts = True
    for found in _WORD_OR_STOP.finditer(text):
        if found.group("number"):
            starts = False
        elif found.group("word"):
            # "log \textit{K}\textsubscript{OW}": pandoc reads K and OW as two words.
            for _, pieces in itertools.groupby(range(found.start(), found.end()), key=lambda i: (kept[i], within[i])):
                at, *rest = pieces
                end = (rest[-1] if rest else at) + 1
                parts[-1].append(
                    _Word(
                        text[at:end],
                        at,
                        end,
                        starts and at < last,
                        # A letter joined to a number is printed as written: '3D', 'H1N1'.
                        kept[at] or text[at - 1 : at].isdigit() or text[end : end + 1].isdigit(),
                        text[at - 1 : at] in _WORD_BREAKS,
                        within[at],
                    )
                )
                starts = False
        # Braces keep a stop inside them from ending a sentence: only their last character counts.
        elif found.end() == len(text) or not kept[found.end()]:
            parts.append([])
            starts = True
    return text, parts


# Where the title's last word written apart starts, which pandoc's sentence case never
# capitalises (citeproc's BeforeLastWord): text alone, after a space, without a word break
# ('Self-Esteem' is read as ever); else past the end.
def _last_word_start(text: str, kept: list[bool], within: list[str | None]) -> int:
    found = re.search(r"(?<=\s)\S+$", text.rstrip())
    if found is None or any(kept[at] or within[at] for at in range(*found.span())):
        return len(text) + 1
    return len(text) + 1 if set(found.group()) & _WORD_BREAKS else found.start()


# The names English always capitalises in a part, each as its words; names side by side
# are one ('Chinese American', 'Korean-Americans'), and so is an institution they start.
def _proper_names(part: list[_Word], text: str) -> list[list[_Word]]:
    names: list[list[_Word]] = []
    done = 0
    # Most titles hold none: one set lookup a word keeps the bibliography's checks fast.
    for at in [at for at, w in enumerate(part) if w.text in proper_words.STARTS]:
        if at < done or not (length := _proper_length(part, at, text)):
            continue
        end = at + length
        while end < len(part) and _joined_in_name(part, end, text):
            if more := _proper_length(part, end, text):
                end += more
            # A given name takes the capitalised word after it as its family name ('Donald
            # Trump'), unless a word before it makes it a name already ('Little Albert', 'Clever Hans').
            elif part[end - 1].text in proper_words.GIVEN_NAMES and _family_name_after(part, at, end, text):
                end += 1
            else:
                break
        # An institution named for it ('American Psychological Association'), or an instrument
        # for its maker or place ('Beck Depression Inventory', 'Columbia–Suicide Severity Rating Scale').
        named_for = part[at].text in proper_words.INSTRUMENTS_NAMED_FOR
        ends = proper_words.INSTITUTIONS | (proper_words.INSTRUMENTS if named_for else set())
        for last in range(end, min(end + 4, len(part))):
            if not (_capitalised(part[last].text) and _joined_in_name(part, last, text)):
                break
            if part[last].text in ends:
                end = last + 1
                break
        names.append(part[at:end])
        done = end
    return names


# How many words of a name English always capitalises start at part[at]: the longest.
def _proper_length(part: list[_Word], at: int, text: str) -> int:
    for name in proper_words.SEVERAL.get(part[at].text, ()):
        words = part[at : at + len(name)]
        if (
            len(words) == len(name)
            and all(w.text == n for w, n in zip(words, name, strict=True))
            and all(_joined_in_name(part, at + i, text) for i in range(1, len(name)))
        ):
            return len(name)
    return 1 if part[at].text in proper_words.SINGLE else 0


# The words right after a dash, in the title's order.
def _after_dashes(text: str, parts: list[list[_Word]]) -> list[_Word]:
    return [w for part in parts for w in part if _DASH_BEFORE.search(text, 0, w.start)]


def _family_name_after(part: list[_Word], start: int, at: int, text: str) -> bool:
    named_before = start > 0 and _capitalised(part[start - 1].text) and not part[start - 1].starts_sentence
    return not named_before and text[part[at - 1].end : part[at].start] == " " and _capitalised(part[at].text)


def _joined_in_name(part: list[_Word], at: int, text: str) -> bool:
    return text[part[at - 1].end : part[at].start] in {" ", "-", "–", "--"}


def _capitalised(word: str) -> bool:
    return word[0].isupper() and (word[1:].islower() or len(word) == 1)


# Words in small letters that a title in Title Case would capitalise: a sign of sentence case.
def _small_words(part: list[_Word]) -> int:
    return sum(
        not w.kept
        and not w.starts_sentence
        and not w.after_break
        and w.text.islower()
        and len(w.text) >= 4
        and w.text not in _SMALL_WORDS
        for w in part
    )


# A title as pandoc's sentence case reads it (`_as_pandoc_reads`), read once for all the
# rules of a title (shared, so read-only).
@functools.lru_cache(maxsize=16)
def _pandoc_reading(value: str) -> tuple[str, list[bool], list[str | None]]:
    return _as_pandoc_reads(printed_characters(value))


# The text pandoc sentence-cases, with whether each character keeps its case (braces
# keep what they hold, \textsc too) and the source of the formatting command it is in
# (\emph{...}: read, not kept; `\emph{{X}}` only groups X), other commands dropped.
def _as_pandoc_reads(value: str) -> tuple[str, list[bool], list[str | None]]:
    closing: dict[int, int] = {}
    opened: list[int] = []
    for at, char in enumerate(value):
        if char == "{":
            opened.append(at)
        elif char == "}" and opened:
            closing[opened.pop()] = at
    text: list[str] = []
    kept: list[bool] = []
    within: list[str | None] = []
    groups: list[tuple[bool, str | None]] = []  # each open brace: keeps case?, its command's source
    # What the open groups make of a character: worked out as one opens or closes, not for
    # every character (titles are read for every entry of every build with a new bibliography).
    keeps, source = False, None
    at = 0
    while at < len(value):
        char = value[at]
        if char == "\\" and (command := _COMMAND.match(value, at)):
            argument = command.end()
            if argument in closing:
                formatting = command.group(1) in _FORMATTING_COMMANDS
                command_source = value[at : closing[argument] + 1] if formatting else None
                groups.append((not formatting, command_source))
                at = argument + 1
                if formatting and closing.get(at) == closing[argument] - 1:
                    groups.append((False, command_source))
                    at += 1
                keeps, source = _of_open_groups(groups)
            else:
                at = argument
            continue
        if char == "{":
            groups.append((True, None))
            keeps, source = _of_open_groups(groups)
        elif char == "}":
            if groups:
                groups.pop()
                keeps, source = _of_open_groups(groups)
        else:
            text.append(char)
            kept.append(keeps)
            within.append(source)
        at += 1
    return "".join(text), kept, within


# Whether a character inside `groups` keeps its case, and the source of the innermost
# formatting command around it.
def _of_open_groups(groups: list[tuple[bool, str | None]]) -> tuple[bool, str | None]:
    return any(keeps for keeps, _ in groups), next((source for _, source in reversed(groups) if source), None)


# The name a lowered word stands in, braced as pandoc keeps it: the capitalised words
# around it, joined as names are (a sentence's first word is printed with its capital anyway).
def _name_around(word: _Word, words: list[_Word], text: str) -> str:
    def joined(left: _Word, right: _Word) -> bool:
        between = text[left.end : right.start]
        within_word = " " not in between  # "U.S.", "D'Zurilla": one word, its first letter too
        return (
            left.text[0].isupper()
            and right.text[0].isupper()
            and not right.starts_sentence
            and (within_word or not left.starts_sentence)
            and between in _WITHIN_NAME
        )

    first = last = words.index(word)
    while first > 0 and joined(words[first - 1], words[first]):
        first -= 1
    while last + 1 < len(words) and joined(words[last], words[last + 1]):
        last += 1
    if (formatted := words[first].formatted) and formatted == words[last].formatted:
        return "{" + formatted + "}"  # braced outside: braces inside \emph{} only group its text
    end = words[last].end
    if text[end : end + 1] == "." and (len(words[last].text) == 1 or words[last].text in _ABBREVIATIONS):
        end += 1  # "U.S.", "St."
    name = text[words[first].start : end]
    if "." in name:  # braced whole, "{U.S.}" ends a sentence, and pandoc capitalises the next word
        return _WORD_OR_STOP.sub(
            lambda found: "{" + found.group() + "}" if found.group("word") else found.group(), name
        )
    return "{" + name + "}"


# The word after a dotted abbreviation as its fix writes it: small ('{U.S. adults}'), but a
# capital in a part in sentence case ("among U.S. Army soldiers") or an institution the
# abbreviation's country names ('U.S. Army'), which braced small would print small.
def _after_abbreviation(word: _Word, parts: list[list[_Word]]) -> str:
    part = next(part for part in parts if any(w is word for w in part))
    name = _capitalised(word.text) and (word.text in proper_words.OF_A_COUNTRY or _small_words(part) > 0)
    return word.text if name else word.text.lower()


# The abbreviations that stand before a name: pandoc's, and a mountain's and a fort's.
_BEFORE_NAMES = frozenset(re.findall(r"\w+", "Capt Dr Fr Ft Gen Gov Hon Mr Mrs Ms Mt Pres Prof Rep Rev Sen Sgt St"))
_ABBREVIATED = _ABBREVIATIONS | _BEFORE_NAMES


# A '.' that ends a word: followed by a space (pandoc's sentence case starts a sentence after
# it), a stop, a bracket or the title's end.
_SENTENCE_END = re.compile(r"\.(?=[\s:;,?!)\]]|$)")


# Whether the word before a '.' is an initial or an abbreviation ('R', 'e.g.', 'Inc'), not
# a sentence's last word; dotted capitals ('U.S.') are `dotted_abbreviations`'.
def _ends_abbreviation(word: _Word | None, text: str) -> bool:
    if word is None:
        return False
    dotted = word.text.isupper() and text[word.start - 2 : word.start - 1].isupper() and text[word.start - 1] == "."
    return not dotted and (len(word.text) == 1 or word.text in _ABBREVIATED)


# Where a name braced with its initial or abbreviation starts: at a given name written right
# before it ('Aaron T. Beck', 'Acme Inc.'; a sentence's first word is printed with its capital
# anyway, and may be no name: "Reading J. K. Rowling"), else at the initial.
def _initials_start(initial: _Word, words: list[_Word], text: str) -> int:
    at = words.index(initial)
    while at > 0 and _capitalised(words[at - 1].text) and len(words[at - 1].text) == 1:
        if text[words[at - 1].end : words[at].start] != ". ":
            break
        at -= 1  # the initials before it: 'B. F. Skinner'
    initial = words[at]
    given = words[at - 1] if at > 0 else None
    if (
        given is not None
        and not given.starts_sentence
        and _capitalised(given.text)
        and len(given.text) > 1
        and text[given.end : initial.start] == " "
    ):
        return given.start
    return initial.start


# Where an abbreviation braced with the word after it starts: at its first letter, or at
# its braces' start ('{Acme Inc.}').
def _abbreviation_start(at: int, text: str, kept: list[bool]) -> int:
    start = at
    while start > 0 and (not text[start - 1].isspace() or (kept[start] and kept[start - 1])):
        start -= 1
    return start


# The last word of a name braced from an initial or an abbreviation: the word after its
# '.', through more initials ('K. Rowling') and the parts of a family name ('O'Brien',
# 'Rogers-Smith').
def _name_end(word: _Word, words: list[_Word], text: str) -> _Word:
    at = words.index(word)
    while at + 1 < len(words):
        between = text[words[at].end : words[at + 1].start]
        initial = len(words[at].text) == 1 and words[at].text.isupper() and between == ". "
        joined = between in {"-", "'", "’"} and words[at + 1].text[0].isupper()
        if not ((initial or joined) and words[at].text[0].isupper()):
            break
        at += 1
    return words[at]
