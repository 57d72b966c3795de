"""People's names pasted as a database or a reference list writes them, which BibTeX reads
as other people (PubMed's `Grady JS, Her M`) or cannot read at all (an APA reference's
`Craske, M. G., Treanor, M., & Vervliet, B.`): the cause, and the field in BibTeX's form."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

# PubMed's and Vancouver's initials after the family name, without dots ("JS").
# Capitals of any alphabet: "MÁ" for María Ángeles.
_BARE_INITIALS = re.compile(r"[^\W\d_]{1,3}")
# Dotted initials last ("E.", "M.Á."), where BibTeX takes them for the family name.
_TRAILING_INITIALS = re.compile(r"(?:[^\W\d_a-z]\.-?)+")
# A generation suffix that BibTeX writes between two commas ("King, Jr., Martin Luther").
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Initials as an APA reference writes them ("M. G.", "J.-P.").
_DOTTED_INITIALS = re.compile(r"(?:[A-Z][a-z]?\.[\s-]*)+")
_ET_AL = re.compile(r"(?i)\bet\.?\s+al\b\.?")
# An editor's role written after the names, as a reference list prints it: "(eds)", "(Ed.)".
_ROLE = re.compile(r"\s*\((?i:eds?|editors?)\.?\)")
_ELLIPSIS = re.compile(r"…|\.\.\.")
_AMPERSAND = re.compile(r"(?<!\\)&")
_AND_OTHERS = re.compile(r"(?i)\s+and\s+others\s*$")
_AND = re.compile(r"(?i)\s+and\s+")
# A given name's initial typed small ("J. a. J."), which no particle is.
_SMALL_INITIAL = re.compile(r"(?<![\w-])[a-z]\.")
_GLUED_AND = re.compile(r"(?<=\s)and(?=[^\W\d_a-z])")
# biblatex's extended name format, which Better BibLaTeX writes for a name with a particle.
_EXTENDED_NAME = re.compile(r"\s*(?:family|given|prefix|suffix)=")


@dataclass(frozen=True)
class NameListProblem:
    cause: str  # what in the field BibTeX misreads, quoted
    rewritten: str  # the field's value in BibTeX's form
    more: str  # what the editor must add that the field leaves out ("" if nothing)
    fatal: bool  # pybtex (and mkdocs-bibtex with it) stops on the field: "Too many commas"


def name_list_problem(value: str) -> NameListProblem | None:
    """What is wrong with a person field (author, editor, ...) as written, if anything."""
    # A group's name in braces ({{Substance Abuse and Mental Health Services Administration}}),
    # a braced family name ({de Koning}), an accent (Bru{\~{n}}a): one word whatever it holds,
    # shown as written in the message.
    plain, braced = _hide_braces(" ".join(value.split()))
    if glued := _GLUED_AND.search(plain):
        # `Kent, James D. andGoncalves, Mathias`: the space after 'and' lost, one name read.
        word = plain[glued.start() :].split()[0].rstrip(",")
        written = _GLUED_AND.sub("and ", plain)
        return NameListProblem(
            f"'{_shown(word, braced)}', an 'and' with no space after it", _shown(written, braced), "", False
        )
    names = _AND.split(plain)
    if any(_EXTENDED_NAME.match(name) for name in names):
        return None  # biblatex's `family=Oord, given=Aaron, prefix=van den`: pandoc reads it
    most_commas = max(name.count(",") for name in names)
    # PubMed's form starts a name ('Grady JS, Her M'); after a family name's comma the same
    # shape is a given name and an initial, as Google Scholar writes it ('Christensen, Alexander P').
    pubmed = next((name.split(",")[0].strip() for name in names if _pubmed_name(name.split(",")[0].strip())), None)
    # A family name, then dotted initials, no comma ('Sánchez-Zaballos E.'): the comma left out.
    pubmed = pubmed or next((name for name in names if "," not in name and _family_then_initials(name)), None)
    people = [person for name in names for person in _AMPERSAND.split(name)]
    # What makes BibTeX read other people than the field names: one cause, the likeliest.
    if pubmed:
        family, initials = pubmed.rsplit(" ", 1)
        kind = "in PubMed's form" if _pubmed_name(pubmed) else "with no comma after the family name"
        form = f"a name {kind} ('{pubmed}'), which BibTeX reads as the given name '{family}' and the family name '{initials}'"
    elif ";" in plain or any(_commas_between_people(person) for person in people):
        example = ", ".join(plain.split(", ")[:4])
        form = f"people separated by {'semicolons' if ';' in plain else 'commas'} ('{example}'), where BibTeX separates people only with 'and'"
    elif _AMPERSAND.search(plain):
        form = "'&' between names, where BibTeX needs 'and'"
    elif trailing := next((name for name in names if _particle_after_given(name)), None):
        form = f"a particle after the given name ('{trailing}'), which APA prints before the family name, where BibTeX writes it"
    elif suffixed := next((name.split(",")[0] for name in names if _suffix_in_family(name)), None):
        form = f"a generation suffix in the family name ('{suffixed}'), which APA prints after the initials, where BibTeX writes it between two commas"
    elif suffixed := next((name.strip() for name in names if _suffix_last(name)), None):
        form = f"a generation suffix after the given name ('{suffixed}'), which BibTeX reads as the given name, where it writes the suffix between two commas"
    elif small := next(
        (given for name in names if _SMALL_INITIAL.search(given := name.split(",")[-1]) and "," in name), None
    ):
        form = f"an initial in small letters ('{small.strip()}'), which prints as typed"
    elif initials := next((given for name in names if (given := _undotted_initials(name))), None):
        form = f"initials without dots ('{initials}'), which BibTeX reads as one name and prints as one initial"
    else:
        form = ""
    # What stands for people the field leaves out, or for their role.
    if role := _ROLE.search(plain):
        left_out = (
            f"'{role.group().strip()}', which BibTeX reads as part of a name: the site prints (Ed.) or (Eds.) itself"
        )
    elif et_al := _ET_AL.search(plain):
        left_out = f"'{et_al.group()}', which BibTeX reads as a person named '{et_al.group().split()[-1]}'"
    elif _AND_OTHERS.search(plain):
        left_out = "'and others', which the site cannot print: APA names every author up to 20"
    elif _ELLIPSIS.search(plain):
        left_out = "'…', which APA prints for 21 or more authors but BibTeX reads as a name"
    else:
        left_out = ""
    causes = [cause for cause in (form, left_out) if cause]
    if not causes:
        return None
    more = ""
    if _ET_AL.search(plain) or _AND_OTHERS.search(plain):
        more = "; then add the authors it leaves out: APA lists up to 20 (the site shortens citations itself)"
    elif _ELLIPSIS.search(plain):
        more = "; then add the authors the '…' leaves out, before the last one: the site prints APA's '…' itself"
    return NameListProblem(
        _shown("; and ".join(causes), braced), _shown(_rewritten(plain), braced), more, fatal=most_commas > 2
    )


# Each braced group as one placeholder word (a character of no alphabet, so never initials),
# innermost first; `_shown` puts the groups back.
def _hide_braces(value: str) -> tuple[str, dict[str, str]]:
    braced: dict[str, str] = {}

    def hide(group: re.Match[str]) -> str:
        token = f"\ue000{len(braced)}\ue001"
        braced[token] = group.group()
        return token

    while (hidden := re.sub(r"\{[^{}]*\}", hide, value)) != value:
        value = hidden
    return value, braced


def _shown(text: str, braced: dict[str, str]) -> str:
    for token, group in reversed(braced.items()):
        text = text.replace(token, group)
    return text


def _family_then_initials(name: str) -> bool:
    words = name.split()
    return (
        len(words) >= 2
        and words[0][:1].isupper()
        and not words[0].endswith(".")
        and bool(_TRAILING_INITIALS.fullmatch(words[-1]))
    )


def _pubmed_name(name: str) -> bool:
    """'Grady JS': a family name, then initials without dots, no comma."""
    words = name.split()
    return (
        "," not in name
        and len(words) >= 2
        and words[0][:1].isupper()
        and bool(_BARE_INITIALS.fullmatch(words[-1]))
        and words[-1].isupper()
        and words[-1].casefold() not in _SUFFIXES
    )


# A given name ending in two or three initials without dots ('Bross, Irwin DJ'); one
# initial ('Christensen, Alexander P') prints as it should.
def _undotted_initials(name: str) -> str | None:
    parts = [part.strip() for part in name.split(",")]
    if len(parts) != 2 or not parts[1]:
        return None
    words = parts[1].split()
    last = words[-1]
    shape = _BARE_INITIALS.fullmatch(last) and last.isupper() and 2 <= len(last) <= (3 if len(words) > 1 else 2)
    return parts[1] if shape and last.casefold() not in _SUFFIXES else None


# 'Akker, Olmo van den', as BibDesk writes a Dutch name: the particle's lower-case words
# after the given name, where BibTeX reads them as given names.
def _particle_after_given(name: str) -> str | None:
    parts = [part.strip() for part in name.split(",")]
    words = parts[-1].split() if len(parts) == 2 else []
    particle = list(itertools.takewhile(_PARTICLE_WORD.fullmatch, reversed(words)))
    return " ".join(reversed(particle)) if particle and len(particle) < len(words) else None


_PARTICLE_WORD = re.compile(r"van|von|der|den|de|del|della|di|da|das|dos|du|la|le|ter|ten|zu|'t|’t")


# 'Brown Jr, Byron Wm': a suffix at the end of the family name, before the given name's comma.
def _suffix_in_family(name: str) -> bool:
    parts = name.split(",")
    words = parts[0].split()
    return len(parts) == 2 and len(words) >= 2 and words[-1].casefold() in _SUFFIXES


def _commas_between_people(name: str) -> bool:
    """More than one comma in one name, unless it is a suffix's ('Last, Jr., First' is
    BibTeX; 'Last, First, Jr.', as a reference list writes it, is `_suffix_last`)."""
    parts = [part.strip() for part in name.split(",")]
    return len(parts) > 3 or (len(parts) == 3 and parts[1].casefold() not in _SUFFIXES and not _suffix_last(name))


# 'Adams, Reginald B., Jr.': a suffix after the given name, which BibTeX reads as the
# given name ("Adams, J.").
def _suffix_last(name: str) -> bool:
    parts = [part.strip() for part in name.split(",")]
    return len(parts) == 3 and parts[2].casefold() in _SUFFIXES and parts[1].casefold() not in _SUFFIXES


# The people of a field pasted in another form, each "Family, Given" joined by "and".
def _rewritten(value: str) -> str:
    text = _ELLIPSIS.sub(",", _ET_AL.sub("", _AND_OTHERS.sub("", _ROLE.sub("", value))))
    people: list[str] = []
    for group in re.split(r"\s*;\s*|(?i:\s+and\s+)|\s*(?<!\\)&\s*", text):
        parts = [part.strip() for part in group.split(",") if part.strip()]
        if _suffix_last(group):
            people.append(f"{parts[0]}, {parts[2]}, {_dotted(parts[1])}")
            continue
        if len(parts) == 2 and not _pubmed_name(parts[0]):
            # Family, Given: a suffix moved between commas, initials dotted.
            if particle := _particle_after_given(group):
                parts = [f"{particle} {parts[0]}", parts[1].removesuffix(particle).strip()]
            family, _, suffix = parts[0].rpartition(" ") if _suffix_in_family(group) else (parts[0], "", "")
            suffix = f"{suffix}." if suffix.casefold() in {"jr", "sr"} else suffix
            people.append(f"{family}, {suffix}, {_dotted(parts[1])}" if suffix else f"{family}, {_dotted(parts[1])}")
            continue
        index = 0
        while index < len(parts):
            words = parts[index].split()
            if _pubmed_name(parts[index]):
                people.append(f"{' '.join(words[:-1])}, {'. '.join(words[-1])}.")
                index += 1
            elif len(parts) == 1 and _family_then_initials(parts[index]):
                people.append(f"{' '.join(words[:-1])}, {words[-1]}")
                index += 1
            elif (
                index + 1 < len(parts)
                and not _pubmed_name(parts[index + 1])
                and (_DOTTED_INITIALS.fullmatch(parts[index + 1]) or len(parts) % 2 == 0)
            ):
                people.append(f"{parts[index]}, {parts[index + 1]}")
                index += 2
            else:
                people.append(parts[index])
                index += 1
    return " and ".join(people)


# 'Irwin DJ' -> 'Irwin D. J.', 'J. a. J.' -> 'J. A. J.'; a given name with neither as it is.
def _dotted(given: str) -> str:
    given = _SMALL_INITIAL.sub(lambda initial: initial.group().upper(), given)
    words = given.split()
    if _BARE_INITIALS.fullmatch(words[-1]) and words[-1].isupper() and words[-1].casefold() not in _SUFFIXES:
        words[-1] = ". ".join(words[-1]) + "."
    return " ".join(words)
