"""`make new-reference DOI=...`: an entry in the house style that the build accepts.

The online path talks to a local http.server standing in for doi.org: no test reaches
the network.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest
from pybtex.database import parse_string

import new_reference as new_reference_tool
from conftest import FIXTURE_SITE, build_site
from new_reference import clean_field, main, new_reference, normalised_entry, offline_stub, suggest_key
from psychoed.references.bibliography import load_bibliography
from psychoed.references.doi import doi_url
from site_reader import normalize, page

NEFF_DOI = "10.1080/15298860309032"
SICI_DOI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
# What Crossref's content negotiation sends: its own key, ISSN, URL, publisher, a month
# macro, an en dash in the pages and a U+2010 hyphen in the title.
CROSSREF_BIBTEX = (
    " @article{Neff_2003, title={Self\u2010Compassion: An Alternative Conceptualization of a Healthy "
    "Attitude Toward Oneself}, volume={2}, ISSN={1529-8876}, url={http://dx.doi.org/10.1080/15298860309032}, "
    "DOI={10.1080/15298860309032}, number={2}, journal={Self and Identity}, publisher={Informa UK Limited}, "
    "author={Neff, Kristin}, year={2003}, month=apr, pages={85\u2013101} }"
)
NEFF_ENTRY = """@article{neff2003,
  author  = {Neff, Kristin},
  title   = {Self-Compassion: An Alternative Conceptualization of a Healthy Attitude Toward Oneself},
  journal = {Self and Identity},
  year    = {2003},
  volume  = {2},
  number  = {2},
  pages   = {85--101},
  doi     = {10.1080/15298860309032},
}
"""


class FakeResolver(http.server.BaseHTTPRequestHandler):
    """doi.org redirecting to the agency, which answers only a request for BibTeX; a record
    that is a number is the agency's error status."""

    records: ClassVar[Mapping[str, str | int]] = {NEFF_DOI: CROSSREF_BIBTEX}
    asked: ClassVar[list[str]] = []  # every path requested, in order
    seen: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        FakeResolver.asked.append(self.path)
        if self.path.startswith("/agency/"):
            doi = unquote(self.path.removeprefix("/agency/"))
            FakeResolver.seen.append({"path": self.path, **self.headers})
            if "application/x-bibtex" not in self.headers.get("Accept", ""):
                return self.send_error(406)
            record = self.records[doi]
            if isinstance(record, int):
                return self.send_error(record)
            body = record.encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/x-bibtex; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        elif unquote(self.path[1:]) in self.records:
            self.send_response(302)
            self.send_header("Location", "/agency/" + self.path[1:].replace("/", "%2F"))
            self.end_headers()
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def resolver():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeResolver)
    # Polled often, so that shutting the server down after each test takes no half second.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    FakeResolver.seen, FakeResolver.asked = [], []
    FakeResolver.records = {NEFF_DOI: CROSSREF_BIBTEX}
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def bib(tmp_path) -> Path:
    path = tmp_path / "references.bib"
    path.write_text((FIXTURE_SITE / "references.bib").read_text(encoding="utf-8"), encoding="utf-8")
    return path


# ---- keys ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "family, year, existing, key",
    [
        ("Inwood", "2018", set(), "inwood2018"),
        ("Inwood", "2018", {"inwood2018"}, "inwood2018b"),
        ("Inwood", "2018", {"Inwood2018", "inwood2018b"}, "inwood2018c"),
        ("Müller", "2020", set(), "muller2020"),
        ('M{\\"u}ller', "2020", set(), "muller2020"),
        ("Sánchez-Zaballos", "2022", set(), "sanchezzaballos2022"),
        ("O'Brien", "2019", set(), "obrien2019"),
    ],
)
def test_key_is_first_author_and_year_with_a_letter_when_taken(family, year, existing, key):
    assert suggest_key(family, year, existing) == key


def test_key_skips_every_taken_letter():
    taken = {"yip2021"} | {f"yip2021{letter}" for letter in "bcd"}
    assert suggest_key("Yip", "2021", taken) == "yip2021e"


# ---- offline ------------------------------------------------------------------------


def test_offline_stub_parses_and_passes_the_builds_checks(bib):
    stub, advice = new_reference("10.1037/a0012345", bib=bib, online=False, author="Inwood", year="2018")

    entry = parse_string(stub, "bibtex").entries["inwood2018b"]  # inwood2018 is taken
    assert entry.type == "article"
    assert entry.fields["doi"] == "10.1037/a0012345"
    assert entry.fields["pages"] == "FIRST--LAST"
    assert "cite it as [@inwood2018b]" in advice
    # Pasted unfilled, every field still in CAPITALS is named; filled in, it passes.
    with bib.open("a", encoding="utf-8") as file:
        file.write("\n" + stub)
    problems = load_bibliography(bib, display_path="references.bib").problems
    assert [p.message.split(" from ")[0] for p in problems] == [
        f"entry 'inwood2018b': the '{name}' field still holds '{value}'"
        for name, value in [
            ("title", "TITLE OF THE ARTICLE"),
            ("journal", "NAME OF THE JOURNAL"),
            ("volume", "VOLUME"),
            ("number", "ISSUE"),
            ("pages", "FIRST--LAST"),
            ("author", "GIVEN NAMES"),
        ]
    ]
    filled = stub
    for placeholder, value in [
        ("GIVEN NAMES and FAMILY, GIVEN NAMES", "Elisa"),
        ("TITLE OF THE ARTICLE", "A Title"),
        ("NAME OF THE JOURNAL", "Mindfulness"),
        ("VOLUME", "9"),
        ("ISSUE", "2"),
        ("FIRST--LAST", "1--9"),
    ]:
        filled = filled.replace(placeholder, value)
    bib.write_text(bib.read_text(encoding="utf-8").replace(stub, filled), encoding="utf-8")
    assert load_bibliography(bib, display_path="references.bib").problems == []


def test_unfilled_offline_stub_cannot_reach_readers(bib):
    key, stub = offline_stub("10.1037/a0012345", author="", year="", existing_keys=set())
    assert key == "familyYYYY" and stub.startswith("@article{familyYYYY,\n")
    with bib.open("a", encoding="utf-8") as file:
        file.write("\n" + stub)
    messages = [p.message for p in load_bibliography(bib, display_path="references.bib").problems]
    assert "entry 'familyYYYY' has year 'YYYY'; write the year it was published, in four digits" in messages
    assert (
        "entry 'familyYYYY': the 'author' field still holds 'FAMILY' from the make new-reference form; write the real value from the publisher's page, or delete the line if the work has none"
        in messages
    )


@pytest.mark.parametrize(
    "doi",
    [
        "10.11 11/aphw.12127",
        "https://doi.org/10.1111/aphw.12127",
        "doi:10.1111/aphw.12127",
        "10.1111/aphw.12127.",
        "10.1111\u2013aphw",
        "aphw.12127",
    ],
)
def test_malformed_doi_is_refused_with_the_builds_own_message(bib, tmp_path, capsys, doi):
    broken = tmp_path / "broken.bib"
    broken.write_text(bib.read_text(encoding="utf-8").replace("10.1111/aphw.12127", doi), encoding="utf-8")
    build_message = next(
        p.message for p in load_bibliography(broken, display_path="references.bib").problems if "DOI" in p.message
    )
    assert build_message.startswith("entry 'inwood2018': malformed DOI")

    assert main([doi, "--bib", str(bib)]) == 1

    err = capsys.readouterr().err
    assert err == "new-reference: " + build_message.removeprefix("entry 'inwood2018': ") + "\n"


@pytest.mark.parametrize("doi", ["10.1111/aphw.12127", "10.1111/APHW.12127"])
def test_doi_already_in_the_bibliography_names_its_entry(bib, capsys, doi):
    assert main([doi, "--bib", str(bib)]) == 1
    assert (
        capsys.readouterr().err
        == f"new-reference: references.bib:6: entry 'inwood2018' already has DOI {doi}; cite it as [@inwood2018]\n"
    )


def test_missing_doi_says_how_to_give_one(bib, capsys):
    assert main(["", "--bib", str(bib)]) == 1
    assert "give the DOI: make new-reference DOI=" in capsys.readouterr().err


def test_offline_year_must_be_four_digits(bib, capsys):
    assert main(["10.1037/a0012345", "--author", "Inwood", "--year", "18", "--bib", str(bib)]) == 1
    assert capsys.readouterr().err == "new-reference: YEAR=18 is not a year; write four digits, e.g. YEAR=2018\n"


def test_bibliography_is_the_one_mkdocs_yml_names(tmp_path, monkeypatch, capsys):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - bibtex:\n      bib_file: sources.bib\n", encoding="utf-8")
    (tmp_path / "sources.bib").write_text(NEFF_ENTRY, encoding="utf-8")
    monkeypatch.setattr(new_reference_tool, "ROOT", tmp_path)
    assert main([NEFF_DOI]) == 1
    assert (
        capsys.readouterr().err
        == f"new-reference: sources.bib:1: entry 'neff2003' already has DOI {NEFF_DOI}; cite it as [@neff2003]\n"
    )


# ---- online -------------------------------------------------------------------------


def test_online_entry_is_normalised_to_the_house_style(bib, resolver, capsys):
    assert main([NEFF_DOI, "--online", "--resolver", resolver, "--bib", str(bib)]) == 0

    out, err = capsys.readouterr()
    assert out == NEFF_ENTRY
    assert "cite it\nas [@neff2003]" in err
    assert "note:" not in err


def test_online_request_asks_for_bibtex_and_follows_the_redirect(bib, resolver):
    new_reference(NEFF_DOI, bib=bib, online=True, resolver=resolver)
    [request] = FakeResolver.seen
    assert request["path"] == "/agency/10.1080%2F15298860309032"
    assert request["Accept"].startswith("application/x-bibtex")


def test_online_request_asks_at_the_doi_url_the_site_links(bib, resolver):
    FakeResolver.records = {SICI_DOI: CROSSREF_BIBTEX.replace(NEFF_DOI, SICI_DOI)}
    new_reference(SICI_DOI, bib=bib, online=True, resolver=resolver)
    assert FakeResolver.asked[0] == urlsplit(doi_url(SICI_DOI)).path


def test_online_key_gets_a_letter_when_taken(bib, resolver):
    with bib.open("a", encoding="utf-8") as file:
        file.write("\n" + NEFF_ENTRY.replace("10.1080/15298860309032", "10.1000/other"))
    entry, _ = new_reference(NEFF_DOI, bib=bib, online=True, resolver=resolver)
    assert entry.startswith("@article{neff2003b,\n")


def test_online_entry_builds_strictly_once_cited(site_copy, resolver):
    entry, _ = new_reference(NEFF_DOI, bib=site_copy / "references.bib", online=True, resolver=resolver)
    with (site_copy / "references.bib").open("a", encoding="utf-8") as file:
        file.write("\n" + entry)
    article = site_copy / "docs/articles/how-can-self-compassion-help-me.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nSelf-compassion can be measured [@neff2003].\n", encoding="utf-8"
    )

    build = build_site(site_copy)

    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    page = (site_copy / "site/articles/how-can-self-compassion-help-me/index.html").read_text(encoding="utf-8")
    assert 'id="ref-neff2003"' in page
    assert "85–101" in page


def test_record_missing_fields_is_printed_with_the_builds_notes(bib, resolver):
    FakeResolver.records = {
        **FakeResolver.records,
        "10.1000/early": (
            "@article{X_2024, title={Online First}, journal={J}, author={Doe, Jane}, year={2024}, DOI={10.1000/early}}"
        ),
    }
    entry, advice = new_reference("10.1000/early", bib=bib, online=True, resolver=resolver)
    assert entry.startswith("@article{doe2024,\n")
    # No volume yet: published online first, as APA prints it.
    assert "  pubstate = {Advance online publication},\n" in entry
    assert "note:" not in advice


def test_record_missing_fields_is_printed_with_the_builds_notes_for_a_book(bib, resolver):
    FakeResolver.records = {
        **FakeResolver.records,
        "10.1000/book": "@book{X_2024, title={A Book}, author={Doe, Jane}, DOI={10.1000/book}}",
    }
    entry, advice = new_reference("10.1000/book", bib=bib, online=True, resolver=resolver)
    assert entry.startswith("@book{doend,\n")
    assert (
        "note: entry 'doend' (@book) lacks the publisher field, which a book or edited book needs; add publisher = {...}"
        in advice
    )
    assert (
        "note: entry 'doend' (@book) lacks the year field, which a book or edited book needs; add year = {YYYY}, the year it was published"
        in advice
    )


def test_unknown_doi_online_is_a_clear_error(bib, resolver, capsys):
    assert main(["10.1000/nothing-here", "--online", "--resolver", resolver, "--bib", str(bib)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("new-reference: 127.0.0.1:")
    assert "knows no DOI 10.1000/nothing-here; check it against the publisher's page" in err


@pytest.mark.parametrize(
    ("record", "message"),
    [
        (503, "answered 503 Service Unavailable for DOI 10.1000/x; try again later, or leave out ONLINE=1 for a stub"),
        (
            "<html><body>Choose a format</body></html>",
            "sent no BibTeX for DOI 10.1000/x; leave out ONLINE=1 for a stub",
        ),
        ("@comment{x, no entry here}", "the BibTeX from doi.org holds no entry; leave out ONLINE=1 for a stub"),
        # Read on, pybtex would keep the title and silently drop every field after it.
        (
            "@article{X_2024, title={T} journal={J}, author={Doe, Jane}, year={2024}}",
            "the BibTeX from doi.org cannot be read (syntax error in line 1: '}' expected); leave out ONLINE=1 for a stub",
        ),
    ],
    ids=["server-error", "not-bibtex", "no-entry", "missing-comma"],
)
def test_unusable_answer_from_doi_org_is_a_clear_error(bib, resolver, capsys, record, message):
    FakeResolver.records = {"10.1000/x": record}
    assert main(["10.1000/x", "--online", "--resolver", resolver, "--bib", str(bib)]) == 1
    assert message in capsys.readouterr().err


def test_unreachable_resolver_suggests_the_offline_stub(bib, capsys):
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    assert main([NEFF_DOI, "--online", "--resolver", f"http://127.0.0.1:{port}/", "--bib", str(bib)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"new-reference: could not reach 127.0.0.1:{port} (")
    assert "leave out ONLINE=1 for a stub to fill in by hand" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("Anxiety {\\&}amp; Depression", "Anxiety \\& Depression"),
        ("Effects of <i>MSC</i>   training", "Effects of MSC training"),
        ("$\\less$i$\\greater$Self$\\less$/i$\\greater$\u2010care", "Self-care"),
        ("Already \\& escaped", "Already \\& escaped"),
    ],
)
def test_agency_markup_becomes_plain_bibtex(raw, clean):
    assert clean_field(raw) == clean


def test_a_group_among_names_with_tex_accents_is_still_braced():
    # Braces inside the author field (M{\"u}ller) keep the raw-text pass from reading it;
    # the group is braced when the parsed names are written back.
    bibtex = '@techreport{X_2017, title={Depression}, DOI={10.1596/x}, author={World Health Organization and M{\\"u}ller, Hans}, year={2017} }'
    key, entry = normalised_entry(bibtex, doi="10.1596/x", existing_keys=set())
    assert key == "worldhealthorganization2017"
    assert '  author = {{World Health Organization} and M{\\"u}ller, Hans},\n' in entry


# What Crossref's content negotiation (`Accept: application/x-bibtex`) really sent, copied
# from public repositories: its own keys, ISBN, ISSN, URL, a month macro, en dashes in pages.
REAL_CROSSREF = {
    # An article: recorded by sckott/habanero, test/cassettes/test-content_negotation/
    # test_content_negotiation.yaml (api.crossref.org .../transform, 2026-06-16).
    "10.1126/science.169.3946.635": (
        " @article{Frank_1970, title={The Structure of Ordinary Water: New data and interpretations are yielding new insights into this "
        "fascinating substance.}, volume={169}, ISSN={1095-9203}, url={http://dx.doi.org/10.1126/science.169.3946.635}, "
        "DOI={10.1126/science.169.3946.635}, number={3946}, journal={Science}, publisher={American Association for the Advancement of "
        "Science (AAAS)}, author={Frank, Henry S.}, year={1970}, month=Aug, pages={635\u2013641} }\n"
    ),
    # An article with a particle ("van Rijn"), quoted in a public repository's literature notes.
    "10.1037/rev0000356": (
        "@article{Salet_2022, title={FMTP: A unifying computational framework of temporal preparation across time scales.}, "
        "volume={129}, ISSN={0033-295X}, url={http://dx.doi.org/10.1037/rev0000356}, DOI={10.1037/rev0000356}, number={5}, "
        "journal={Psychological Review}, publisher={American Psychological Association (APA)}, author={Salet, Josh M. and Kruijne, "
        "Wouter and van Rijn, Hedderik and Los, Sander A. and Meeter, Martijn}, year={2022}, month=Oct, pages={911\u2013948} }"
    ),
    # A chapter whose first author has a particle ("da Veiga"), quoted in a MATLAB file's
    # header comment (its line breaks and comment marks taken out): no editors, as Crossref sends chapters.
    "10.1007/978-3-319-02663-3_2": (
        "@inbook{da_Veiga_2014, title={Foundations of mimetic finite difference method}, ISBN={9783319026633}, "
        "url={http://dx.doi.org/10.1007/978-3-319-02663-3_2}, DOI={10.1007/978-3-319-02663-3_2}, booktitle={The Mimetic Finite "
        "Difference Method for Elliptic Problems}, publisher={Springer International Publishing}, author={da Veiga, Louren\u00e7o "
        "Beir\u00e3o and Lipnikov, Konstantin and Manzini, Gianmarco}, year={2014}, pages={41\u201365} }"
    ),
    # An edited book and a chapter, from a public repository's survey of metadata sources
    # ("BibTeX as returned, unedited"): the book without its editors, the chapter with a key
    # holding commas, no title or author, and month=Sept, a macro BibTeX does not define.
    "10.1515/9783110272017": (
        " @book{2012, title={Homeric Contexts: Neoanalysis and the Interpretation of Oral Poetry}, ISBN={9783110271959}, "
        "url={http://dx.doi.org/10.1515/9783110272017}, DOI={10.1515/9783110272017}, publisher={DE GRUYTER}, year={2012}, month=Apr }"
    ),
    "10.1017/cbo9780511803161.003": (
        " @misc{2009, graphs, and causal models_2009, ISBN={9780521749190}, url={http://dx.doi.org/10.1017/CBO9780511803161.003}, "
        "DOI={10.1017/cbo9780511803161.003}, journal={Causality}, publisher={Cambridge University Press}, year={2009}, month=Sept, "
        "pages={1\u201340} }"
    ),
}
# No recorded answer for a report or a group author was found in public repositories; these
# follow the form of the answers above, with Crossref's plain group name (commas and all).
CROSSREF_FORM = {
    "10.4324/9780203851197": (
        " @book{Gilbert_2010, title={Compassion Focused Therapy}, ISBN={9780203851197}, url={http://dx.doi.org/10.4324/9780203851197}, "
        "DOI={10.4324/9780203851197}, publisher={Routledge}, author={Gilbert, Paul}, year={2010}, month=apr }"
    ),
    "10.7249/mg720": (
        " @techreport{Tanielian_2008, title={Invisible Wounds of War: Psychological and Cognitive Injuries, Their Consequences, and Services to Assist Recovery}, "
        "url={http://dx.doi.org/10.7249/mg720}, DOI={10.7249/mg720}, publisher={RAND Corporation}, author={Tanielian, Terri and Jaycox, Lisa H.}, year={2008} }"
    ),
    "10.1596/978-1-4648-1234-5": (
        " @techreport{World_Health_Organization_2017, title={Depression and Other Common Mental Disorders: Global Health Estimates}, "
        "url={http://dx.doi.org/10.1596/978-1-4648-1234-5}, DOI={10.1596/978-1-4648-1234-5}, publisher={World Health Organization}, "
        "author={World Health Organization}, year={2017} }"
    ),
    "10.17226/25201": (
        " @book{National_Academies_of_Sciences_Engineering_and_Medicine_2019, title={Fostering Healthy Mental, Emotional, and Behavioral "
        "Development in Children and Youth: A National Agenda}, ISBN={9780309489232}, url={http://dx.doi.org/10.17226/25201}, "
        "DOI={10.17226/25201}, publisher={National Academies Press}, author={National Academies of Sciences, Engineering, and Medicine}, "
        "year={2019}, month=sep }"
    ),
}
BUILT = [doi for doi in REAL_CROSSREF if doi.startswith(("10.1126", "10.1037", "10.1007"))] + list(CROSSREF_FORM)
# The key new-reference gives each, the citation and the reference the built page shows.
PRINTED = {
    "frank1970": (
        "(Frank, 1970)",
        "Frank, H. S. (1970). The structure of ordinary water: New data and interpretations are yielding new insights into this fascinating substance. Science, 169(3946), 635–641. https://doi.org/10.1126/science.169.3946.635",
    ),
    "salet2022": (
        "(Salet et al., 2022)",
        "Salet, J. M., Kruijne, W., van Rijn, H., Los, S. A., & Meeter, M. (2022). FMTP: A unifying computational framework of temporal preparation across time scales. Psychological Review, 129(5), 911–948. https://doi.org/10.1037/rev0000356",
    ),
    "daveiga2014": (
        "(da Veiga et al., 2014)",
        "da Veiga, L. B., Lipnikov, K., & Manzini, G. (2014). Foundations of mimetic finite difference method. In The mimetic finite difference method for elliptic problems (pp. 41–65). Springer International Publishing. https://doi.org/10.1007/978-3-319-02663-3_2",
    ),
    "gilbert2010": (
        "(Gilbert, 2010)",
        "Gilbert, P. (2010). Compassion focused therapy. Routledge. https://doi.org/10.4324/9780203851197",
    ),
    "tanielian2008": (
        "(Tanielian & Jaycox, 2008)",
        "Tanielian, T., & Jaycox, L. H. (2008). Invisible wounds of war: Psychological and cognitive injuries, their consequences, and services to assist recovery. RAND Corporation. https://doi.org/10.7249/mg720",
    ),
    "worldhealthorganization2017": (
        "(World Health Organization, 2017)",
        "World Health Organization. (2017). Depression and other common mental disorders: Global health estimates. https://doi.org/10.1596/978-1-4648-1234-5",
    ),
    "nationalacademiesofsciencesengineeringandmedicine2019": (
        "(National Academies of Sciences, Engineering, and Medicine, 2019)",
        "National Academies of Sciences, Engineering, and Medicine. (2019). Fostering healthy mental, emotional, and behavioral development in children and youth: A national agenda. National Academies Press. https://doi.org/10.17226/25201",
    ),
}


def test_what_crossref_leaves_out_is_named_in_the_notes(bib, resolver):
    FakeResolver.records = REAL_CROSSREF
    book, advice = new_reference("10.1515/9783110272017", bib=bib, online=True, resolver=resolver)
    assert book.startswith("@book{homeric2012,\n")
    assert (
        "note: entry 'homeric2012' (@book) has no author, so APA puts its title in the author's place; if the work names its author, add author = {...}, or editor = {...} for an edited book"
        in advice
    )
    chapter, advice = new_reference("10.1017/cbo9780511803161.003", bib=bib, online=True, resolver=resolver)
    assert chapter == (
        "@misc{anonymous2009,\n  journal   = {Causality},\n  year      = {2009},\n  pages     = {1--40},\n"
        "  publisher = {Cambridge University Press},\n  doi       = {10.1017/cbo9780511803161.003},\n}\n"
    )
    assert "note: entry 'anonymous2009' (@misc) lacks the title field" in advice


def test_online_entries_for_each_kind_of_work_build_strictly_and_print_as_apa(site_copy, resolver):
    FakeResolver.records = {**REAL_CROSSREF, **CROSSREF_FORM}
    bib = site_copy / "references.bib"
    for doi in BUILT:
        entry, _ = new_reference(doi, bib=bib, online=True, resolver=resolver)
        with bib.open("a", encoding="utf-8") as file:
            file.write("\n" + entry)
    article = site_copy / "docs/articles/how-can-self-compassion-help-me.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "".join(f"\n{key}: [@{key}].\n" for key in PRINTED), encoding="utf-8"
    )

    build = build_site(site_copy)

    assert build.returncode == 0, build.stderr
    assert "WARNING" not in build.stderr
    # Crossref knows no editors of the chapter: the editor is told, the build goes on.
    assert "entry 'daveiga2014' (@inbook) has no editor" in build.stderr
    document = page(site_copy / "site", "articles/how-can-self-compassion-help-me")
    paragraphs = {
        normalize(p.text_content()).split(": ", 1)[0]: normalize(p.text_content())
        for p in document.cssselect("article p")
    }
    for key, (in_text, reference) in PRINTED.items():
        assert paragraphs[key] == f"{key}: {in_text}."
        [entry] = document.cssselect(f'div[id="ref-{key}"]')
        assert normalize(entry.text_content()) == reference
