"""The APA Publication Manual's reference examples (7th ed., chapter 10, as the APA Style
website also shows them), each written twice, as Zotero's Better BibLaTeX exports it and as
a clinician types it, built strictly: the page shows the manual's reference and in-text
citation. Forms a reference manager cannot express in BibTeX are not here; CONTRIBUTING.md
("How to write each kind of reference") lists them and what to write instead.

The two ways of writing one work would be two works on one page ("2019a", "2019b"), so each
way is one build: the table costs two builds.
"""

from __future__ import annotations

import functools
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import build_site, copy_project
from site_reader import normalize, page


def bib(text: str) -> str:
    return textwrap.dedent(text).strip() + "\n"


@dataclass
class Example:
    id: str  # the manual's example number and its kind
    in_text: str  # the manual's parenthetical citation
    reference: str  # the manual's reference, as the page shows it (italics aside)
    zotero: str  # as Better BibLaTeX exports it from Zotero
    typed: str  # as a clinician types it in BibTeX
    # Where the site prints otherwise, for a reason not fixed yet: the form and the difference.
    xfail: dict[str, str] = field(default_factory=dict)


EXAMPLES = [
    Example(
        "10.1-2-journal-article-without-doi",
        "(Ahmann et al., 2018)",
        "Ahmann, E., Tuttle, L. J., Saviet, M., & Wright, S. D. (2018). A descriptive review of ADHD coaching research: Implications for college students. "
        "Journal of Postsecondary Education and Disability, 31(1), 17–39. https://www.ahead.org/professional-resources/publications/jped/archived-jped/jped-volume-31",
        bib("""
            @article{ahmannDescriptiveReviewADHD2018,
              title = {A Descriptive Review of {{ADHD}} Coaching Research: {{Implications}} for College Students},
              author = {Ahmann, Elizabeth and Tuttle, Lisa J. and Saviet, Melanie and Wright, Scott D.},
              date = {2018},
              journaltitle = {Journal of Postsecondary Education and Disability},
              volume = {31},
              number = {1},
              pages = {17--39},
              url = {https://www.ahead.org/professional-resources/publications/jped/archived-jped/jped-volume-31},
              urldate = {2020-01-15},
              langid = {english}
            }
        """),
        bib("""
            @article{ahmann2018,
              author  = {Ahmann, E. and Tuttle, L. J. and Saviet, M. and Wright, S. D.},
              title   = {A Descriptive Review of {ADHD} Coaching Research: Implications for College Students},
              journal = {Journal of Postsecondary Education and Disability},
              year    = {2018},
              volume  = {31},
              number  = {1},
              pages   = {17--39},
              url     = {https://www.ahead.org/professional-resources/publications/jped/archived-jped/jped-volume-31},
            }
        """),
    ),
    Example(
        "10.1-3-journal-article-from-database",
        "(Anderson, 2018)",
        "Anderson, M. (2018). Getting consistent with consequences. Educational Leadership, 76(1), 26–33.",
        bib("""
            @article{andersonGettingConsistentConsequences2018,
              title = {Getting Consistent with Consequences},
              author = {Anderson, Mike},
              date = {2018},
              journaltitle = {Educational Leadership},
              volume = {76},
              number = {1},
              pages = {26--33},
              langid = {english}
            }
        """),
        bib("""
            @article{anderson2018,
              author  = {Anderson, Mike},
              title   = {Getting consistent with consequences},
              journal = {Educational Leadership},
              year    = {2018},
              volume  = {76},
              number  = {1},
              pages   = {26-33},
            }
        """),
    ),
    # The manual prints the article's shortDOI as a URL (http://doi.org/fg6rf9): written as url,
    # since doi holds a DOI.
    Example(
        "10.1-4-twenty-one-or-more-authors",
        "(Kalnay et al., 1996)",
        "Kalnay, E., Kanamitsu, M., Kistler, R., Collins, W., Deaven, D., Gandin, L., Iredell, M., Saha, S., White, G., Woollen, J., Zhu, Y., Chelliah, M., Ebisuzaki, W., "
        "Higgins, W., Janowiak, J., Mo, K. C., Ropelewski, C., Wang, J., Leetmaa, A., . . . Joseph, D. (1996). The NCEP/NCAR 40-year reanalysis project. "
        "Bulletin of the American Meteorological Society, 77(3), 437–471. http://doi.org/fg6rf9",
        bib("""
            @article{kalnayNCEPNCAR40Year1996,
              title = {The {{NCEP}}/{{NCAR}} 40-Year Reanalysis Project},
              author = {Kalnay, Eugenia and Kanamitsu, Masao and Kistler, Robert and Collins, William and Deaven, Dennis and Gandin, Lev and Iredell, Mark and Saha, Suranjana and White, Glenn and Woollen, John and Zhu, Yuejian and Chelliah, Muthuvel and Ebisuzaki, Wesley and Higgins, Wayne and Janowiak, John and Mo, Kingtse C. and Ropelewski, Chester and Wang, Julian and Leetmaa, Ants and Reynolds, Richard and Jenne, Roy and Joseph, Dennis},
              date = {1996-03-01},
              journaltitle = {Bulletin of the American Meteorological Society},
              volume = {77},
              number = {3},
              pages = {437--471},
              url = {http://doi.org/fg6rf9},
              langid = {english}
            }
        """),
        bib("""
            @article{kalnay1996,
              author  = {Kalnay, E. and Kanamitsu, M. and Kistler, R. and Collins, W. and Deaven, D. and Gandin, L. and Iredell, M. and Saha, S. and White, G. and Woollen, J. and Zhu, Y. and Chelliah, M. and Ebisuzaki, W. and Higgins, W. and Janowiak, J. and Mo, K. C. and Ropelewski, C. and Wang, J. and Leetmaa, A. and Reynolds, R. and Jenne, Roy and Joseph, Dennis},
              title   = {The {NCEP/NCAR} 40-Year Reanalysis Project},
              journal = {Bulletin of the American Meteorological Society},
              year    = {1996},
              volume  = {77},
              number  = {3},
              pages   = {437--471},
              url     = {http://doi.org/fg6rf9},
            }
        """),
        xfail={
            "zotero": "citeproc prints the ellipsis before the last author as '…' where the manual prints '. . .'",
            "typed": "citeproc prints the ellipsis before the last author as '…' where the manual prints '. . .'",
        },
    ),
    Example(
        "10.1-6-article-number",
        "(Burin et al., 2019)",
        "Burin, D., Kilteni, K., Rabuffetti, M., Slater, M., & Pia, L. (2019). Body ownership increases the interference between observed and executed movements. "
        "PLOS ONE, 14(1), Article e0209899. https://doi.org/10.1371/journal.pone.0209899",
        bib("""
            @article{burinBodyOwnershipIncreases2019,
              title = {Body Ownership Increases the Interference between Observed and Executed Movements},
              author = {Burin, Dalila and Kilteni, Konstantina and Rabuffetti, Marco and Slater, Mel and Pia, Lorenzo},
              date = {2019-01-04},
              journaltitle = {PLOS ONE},
              volume = {14},
              number = {1},
              pages = {e0209899},
              publisher = {Public Library of Science},
              doi = {10.1371/journal.pone.0209899},
              langid = {english}
            }
        """),
        bib("""
            @article{burin2019,
              author  = {Burin, Dalila and Kilteni, Konstantina and Rabuffetti, Marco and Slater, Mel and Pia, Lorenzo},
              title   = {Body Ownership Increases the Interference Between Observed and Executed Movements},
              journal = {PLOS ONE},
              year    = {2019},
              volume  = {14},
              number  = {1},
              eid     = {e0209899},
              doi     = {10.1371/journal.pone.0209899},
            }
        """),
    ),
    Example(
        "10.1-7-advance-online-publication",
        "(Huestegge et al., 2019)",
        "Huestegge, S. M., Raettig, T., & Huestegge, L. (2019). Are face-incongruent voices harder to process? Effects of face–voice gender incongruency on basic cognitive information processing. "
        "Experimental Psychology. Advance online publication. https://doi.org/10.1027/1618-3169/a000440",
        bib("""
            @article{huesteggeAreFaceincongruentVoices2019,
              title = {Are Face-Incongruent Voices Harder to Process? {{Effects}} of Face--Voice Gender Incongruency on Basic Cognitive Information Processing},
              author = {Huestegge, Sujata M. and Raettig, Tim and Huestegge, Lynn},
              date = {2019-05-09},
              journaltitle = {Experimental Psychology},
              pubstate = {Advance online publication},
              doi = {10.1027/1618-3169/a000440},
              langid = {english}
            }
        """),
        bib("""
            @article{huestegge2019,
              author   = {Huestegge, S. M. and Raettig, T. and Huestegge, L.},
              title    = {Are face-incongruent voices harder to process? {Effects} of face--voice gender incongruency on basic cognitive information processing},
              journal  = {Experimental Psychology},
              year     = {2019},
              pubstate = {Epub ahead of print},
              doi      = {10.1027/1618-3169/a000440},
            }
        """),
    ),
    Example(
        "10.1-8-in-press",
        "(Pachur & Scheibehenne, in press)",
        "Pachur, T., & Scheibehenne, B. (in press). Unpacking buyer-seller differences in valuation from experience: A cognitive modeling approach. Psychonomic Bulletin & Review.",
        bib("""
            @article{pachurUnpackingBuyersellerDifferences,
              title = {Unpacking Buyer-Seller Differences in Valuation from Experience: {{A}} Cognitive Modeling Approach},
              author = {Pachur, Thorsten and Scheibehenne, Benjamin},
              journaltitle = {Psychonomic Bulletin \\& Review},
              pubstate = {inpress},
              langid = {english}
            }
        """),
        bib("""
            @article{pachur-inpress,
              author   = {Pachur, Thorsten and Scheibehenne, Benjamin},
              title    = {Unpacking Buyer-Seller Differences in Valuation from Experience: A Cognitive Modeling Approach},
              journal  = {Psychonomic Bulletin \\& Review},
              pubstate = {in press},
            }
        """),
    ),
    Example(
        "10.1-10-translated-article",
        "(Piaget, 1970/1972)",
        "Piaget, J. (1972). Intellectual evolution from adolescence to adulthood (J. Bliss & H. Furth, Trans.). Human Development, 15(1), 1–12. "
        "https://doi.org/10.1159/000271225 (Original work published 1970)",
        bib("""
            @article{piagetIntellectualEvolutionAdolescence1972,
              title = {Intellectual Evolution from Adolescence to Adulthood},
              author = {Piaget, Jean},
              translator = {Bliss, Joan and Furth, Hans},
              date = {1972},
              origdate = {1970},
              journaltitle = {Human Development},
              volume = {15},
              number = {1},
              pages = {1--12},
              doi = {10.1159/000271225},
              langid = {english}
            }
        """),
        bib("""
            @article{piaget1972,
              author     = {Piaget, Jean},
              translator = {Bliss, J. and Furth, H.},
              title      = {Intellectual Evolution From Adolescence to Adulthood},
              journal    = {Human Development},
              year       = {1972},
              origdate   = {1970},
              volume     = {15},
              number     = {1},
              pages      = {1--12},
              doi        = {10.1159/000271225},
            }
        """),
    ),
    Example(
        "10.1-13-database-record-with-article-number",
        "(Mehrholz et al., 2018)",
        "Mehrholz, J., Pohl, M., Platz, T., Kugler, J., & Elsner, B. (2018). Electromechanical and robot-assisted arm training for improving activities of daily living, arm function, "
        "and arm muscle strength after stroke. Cochrane Database of Systematic Reviews, 2018(9), Article CD006876. https://doi.org/10.1002/14651858.CD006876.pub5",
        bib("""
            @article{mehrholzElectromechanicalRobotassistedArm2018,
              title = {Electromechanical and Robot-Assisted Arm Training for Improving Activities of Daily Living, Arm Function, and Arm Muscle Strength after Stroke},
              author = {Mehrholz, Jan and Pohl, Marcus and Platz, Thomas and Kugler, Joachim and Elsner, Bernhard},
              date = {2018},
              journaltitle = {Cochrane Database of Systematic Reviews},
              volume = {2018},
              number = {9},
              eid = {CD006876},
              publisher = {John Wiley \\& Sons, Ltd},
              doi = {10.1002/14651858.CD006876.pub5},
              langid = {english}
            }
        """),
        bib("""
            @article{mehrholz2018,
              author  = {Mehrholz, J. and Pohl, M. and Platz, T. and Kugler, J. and Elsner, B.},
              title   = {Electromechanical and Robot-Assisted Arm Training for Improving Activities of Daily Living, Arm Function, and Arm Muscle Strength After Stroke},
              journal = {Cochrane Database of Systematic Reviews},
              year    = {2018},
              volume  = {2018},
              number  = {9},
              pages   = {CD006876},
              doi     = {10.1002/14651858.CD006876.pub5},
            }
        """),
    ),
    Example(
        "10.1-15-magazine-article",
        "(Weir, 2017)",
        "Weir, K. (2017, January). Forgiveness can improve mental and physical health. Monitor on Psychology, 48(1), 30.",
        bib("""
            @article{weirForgivenessCanImprove2017,
              title = {Forgiveness Can Improve Mental and Physical Health},
              author = {Weir, Kirsten},
              date = {2017-01},
              journaltitle = {Monitor on Psychology},
              volume = {48},
              number = {1},
              pages = {30},
              entrysubtype = {magazine},
              langid = {english}
            }
        """),
        bib("""
            @article{weir2017,
              author       = {Weir, Kirsten},
              title        = {Forgiveness can improve mental and physical health},
              journal      = {Monitor on Psychology},
              date         = {2017-01},
              volume       = {48},
              number       = {1},
              pages        = {30},
              entrysubtype = {magazine},
            }
        """),
    ),
    Example(
        "10.1-15-online-magazine-article",
        "(Bustillos, 2013)",
        "Bustillos, M. (2013, March 19). On video games and storytelling: An interview with Tom Bissell. The New Yorker. "
        "https://www.newyorker.com/books/page-turner/on-video-games-and-storytelling-an-interview-with-tom-bissell",
        bib("""
            @article{bustillosVideoGamesStorytelling2013,
              title = {On Video Games and Storytelling: {{An}} Interview with {{Tom Bissell}}},
              author = {Bustillos, Maria},
              date = {2013-03-19},
              journaltitle = {The New Yorker},
              entrysubtype = {magazine},
              url = {https://www.newyorker.com/books/page-turner/on-video-games-and-storytelling-an-interview-with-tom-bissell},
              urldate = {2019-07-01},
              langid = {english}
            }
        """),
        bib("""
            @article{bustillos2013,
              author       = {Bustillos, Maria},
              title        = {On Video Games and Storytelling: An Interview with {Tom Bissell}},
              journal      = {The New Yorker},
              date         = {2013-03-19},
              entrysubtype = {magazine},
              url          = {https://www.newyorker.com/books/page-turner/on-video-games-and-storytelling-an-interview-with-tom-bissell},
            }
        """),
    ),
    Example(
        "10.1-16-online-newspaper-article",
        "(Guarino, 2017)",
        "Guarino, B. (2017, December 4). How will humanity react to alien life? Psychologists have some predictions. The Washington Post. "
        "https://www.washingtonpost.com/news/speaking-of-science/wp/2017/12/04/how-will-humanity-react-to-alien-life-psychologists-have-some-predictions",
        bib("""
            @article{guarinoHowWillHumanity2017,
              title = {How Will Humanity React to Alien Life? {{Psychologists}} Have Some Predictions},
              author = {Guarino, Ben},
              date = {2017-12-04},
              journaltitle = {The Washington Post},
              entrysubtype = {newspaper},
              url = {https://www.washingtonpost.com/news/speaking-of-science/wp/2017/12/04/how-will-humanity-react-to-alien-life-psychologists-have-some-predictions},
              urldate = {2019-07-01},
              langid = {american}
            }
        """),
        bib("""
            @article{guarino2017,
              author       = {Guarino, Ben},
              title        = {How Will Humanity React to Alien Life? {Psychologists} Have Some Predictions},
              journal      = {The Washington Post},
              date         = {2017-12-04},
              entrysubtype = {newspaper},
              url          = {<https://www.washingtonpost.com/news/speaking-of-science/wp/2017/12/04/how-will-humanity-react-to-alien-life-psychologists-have-some-predictions>},
            }
        """),
    ),
    Example(
        "10.1-16-print-newspaper-article",
        "(Hess, 2019)",
        "Hess, A. (2019, January 3). Cats who take direction. The New York Times, C1.",
        bib("""
            @article{hessCatsWhoTake2019,
              title = {Cats Who Take Direction},
              author = {Hess, Amanda},
              date = {2019-01-03},
              journaltitle = {The New York Times},
              entrysubtype = {newspaper},
              pages = {C1},
              langid = {american}
            }
        """),
        bib("""
            @article{hess2019,
              author       = {Hess, Amanda},
              title        = {Cats Who Take Direction},
              journal      = {The New York Times},
              date         = {2019-01-03},
              pages        = {C1},
              entrysubtype = {newspaper},
            }
        """),
    ),
    Example(
        "10.1-17-blog-post",
        "(Klymkowsky, 2018)",
        "Klymkowsky, M. (2018, September 15). Can we talk scientifically about free will? Sci-Ed. https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/",
        bib("""
            @online{klymkowskyCanWeTalk2018,
              title = {Can We Talk Scientifically about Free Will?},
              author = {Klymkowsky, Mike},
              date = {2018-09-15},
              organization = {Sci-Ed},
              url = {https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/},
              urldate = {2019-07-01},
              langid = {english}
            }
        """),
        bib("""
            @misc{klymkowsky2018,
              author       = {Klymkowsky, Mike},
              title        = {Can We Talk Scientifically About Free Will?},
              howpublished = {Sci-Ed},
              date         = {2018-09-15},
              url          = {https://blogs.plos.org/scied/2018/09/15/can-we-talk-scientifically-about-free-will/},
            }
        """),
    ),
    Example(
        "10.2-20-book-with-doi-and-edition",
        "(Brown, 2018)",
        "Brown, L. S. (2018). Feminist therapy (2nd ed.). American Psychological Association. https://doi.org/10.1037/0000092-000",
        bib("""
            @book{brownFeministTherapy2018,
              title = {Feminist Therapy},
              author = {Brown, Laura S.},
              date = {2018},
              edition = {2},
              publisher = {American Psychological Association},
              location = {Washington, DC},
              doi = {10.1037/0000092-000},
              isbn = {978-1-4338-2815-3},
              langid = {english}
            }
        """),
        bib("""
            @book{brown2018,
              author    = {Brown, Laura S.},
              title     = {Feminist Therapy},
              edition   = {2nd},
              publisher = {American Psychological Association},
              year      = {2018},
              doi       = {10.1037/0000092-000},
            }
        """),
    ),
    Example(
        "10.2-21-book",
        "(Burgess, 2019)",
        "Burgess, R. (2019). Rethinking global health: Frameworks of power. Routledge.",
        bib("""
            @book{burgessRethinkingGlobalHealth2019,
              title = {Rethinking Global Health: Frameworks of Power},
              author = {Burgess, Rochelle},
              date = {2019},
              publisher = {Routledge},
              location = {London},
              isbn = {978-1-138-81802-2},
              langid = {english}
            }
        """),
        bib("""
            @book{burgess2019,
              author    = {Burgess, Rochelle},
              title     = {Rethinking Global Health: Frameworks of Power},
              publisher = {Routledge},
              address   = {London},
              year      = {2019},
            }
        """),
    ),
    Example(
        "10.2-22-ebook-with-url",
        "(Christian & Griffiths, 2016)",
        "Christian, B., & Griffiths, T. (2016). Algorithms to live by: The computer science of human decisions. Henry Holt and Co. http://a.co/7qGBZAk",
        bib("""
            @book{christianAlgorithmsLiveComputer2016,
              title = {Algorithms to Live by: {{The}} Computer Science of Human Decisions},
              author = {Christian, Brian and Griffiths, Tom},
              date = {2016},
              publisher = {Henry Holt and Co.},
              url = {http://a.co/7qGBZAk},
              langid = {english}
            }
        """),
        bib("""
            @book{christian2016,
              author    = {Christian, Brian and Griffiths, Tom},
              title     = {Algorithms to Live By: The Computer Science of Human Decisions},
              publisher = {Henry Holt and Co.},
              year      = {2016},
              url       = {\\url{http://a.co/7qGBZAk}},
            }
        """),
    ),
    Example(
        "10.2-23-authored-book-with-editor",
        "(Meadows, 2008)",
        "Meadows, D. H. (2008). Thinking in systems: A primer (D. Wright, Ed.). Chelsea Green Publishing.",
        bib("""
            @book{meadowsThinkingSystemsPrimer2008,
              title = {Thinking in Systems: {{A}} Primer},
              author = {Meadows, Donella H.},
              editor = {Wright, Diana},
              date = {2008},
              publisher = {Chelsea Green Publishing},
              location = {White River Junction, VT},
              langid = {english}
            }
        """),
        bib("""
            @book{meadows2008,
              author    = {Meadows, Donella H.},
              editor    = {Wright, Diana},
              title     = {Thinking in Systems: A Primer},
              publisher = {Chelsea Green Publishing},
              year      = {2008},
            }
        """),
    ),
    Example(
        "10.2-24-edited-book-two-publishers",
        "(Schmid, 2017)",
        "Schmid, H.-J. (Ed.). (2017). Entrenchment and the psychology of language learning: How we reorganize and adapt linguistic knowledge. "
        "American Psychological Association; De Gruyter Mouton. https://doi.org/10.1037/15969-000",
        bib("""
            @collection{schmidEntrenchmentPsychologyLanguage2017,
              title = {Entrenchment and the Psychology of Language Learning: {{How}} We Reorganize and Adapt Linguistic Knowledge},
              editor = {Schmid, Hans-Jörg},
              date = {2017},
              publisher = {American Psychological Association; De Gruyter Mouton},
              doi = {10.1037/15969-000},
              langid = {english}
            }
        """),
        bib("""
            @book{schmid2017,
              editor    = {Schmid, Hans-J{\\"o}rg},
              title     = {Entrenchment and the Psychology of Language Learning: How We Reorganize and Adapt Linguistic Knowledge},
              publisher = {American Psychological Association; De Gruyter Mouton},
              year      = {2017},
              doi       = {10.1037/15969-000},
            }
        """),
    ),
    Example(
        "10.2-25-edited-book-two-part-surname",
        "(Hacker Hughes, 2017)",
        "Hacker Hughes, J. (Ed.). (2017). Military veteran psychological health and social care: Contemporary approaches. Routledge.",
        bib("""
            @collection{hackerhughesMilitaryVeteranPsychological2017,
              title = {Military Veteran Psychological Health and Social Care: {{Contemporary}} Approaches},
              editor = {Hacker Hughes, Jamie},
              date = {2017},
              publisher = {Routledge},
              langid = {english}
            }
        """),
        bib("""
            @book{hackerhughes2017,
              editor    = {Hacker Hughes, Jamie},
              title     = {Military Veteran Psychological Health and Social Care: Contemporary Approaches},
              publisher = {Routledge},
              year      = {2017},
            }
        """),
    ),
    Example(
        "10.2-28-translated-book",
        "(Piaget & Inhelder, 1966/1969)",
        "Piaget, J., & Inhelder, B. (1969). The psychology of the child (H. Weaver, Trans.; 2nd ed.). Basic Books. (Original work published 1966)",
        bib("""
            @book{piagetPsychologyChild1969,
              title = {The Psychology of the Child},
              author = {Piaget, Jean and Inhelder, Bärbel},
              translator = {Weaver, Helen},
              date = {1969},
              origdate = {1966},
              edition = {2},
              publisher = {Basic Books},
              langid = {english}
            }
        """),
        bib("""
            @book{piaget1969,
              author     = {Piaget, Jean and Inhelder, B{\\"a}rbel},
              translator = {Weaver, Helen},
              title      = {The Psychology of the Child},
              edition    = {2},
              publisher  = {Basic Books},
              year       = {1969},
              origyear   = {1966},
            }
        """),
    ),
    Example(
        "10.2-29-republished-book",
        "(Freud, 1900/2010)",
        "Freud, S. (2010). The interpretation of dreams: The complete and definitive text (J. Strachey, Ed. & Trans.). Basic Books. (Original work published 1900)",
        bib("""
            @book{freudInterpretationDreamsComplete2010,
              title = {The Interpretation of Dreams: {{The}} Complete and Definitive Text},
              author = {Freud, Sigmund},
              editor = {Strachey, James},
              translator = {Strachey, James},
              date = {2010},
              origdate = {1900},
              publisher = {Basic Books},
              langid = {english}
            }
        """),
        bib("""
            @book{freud2010,
              author     = {Freud, Sigmund},
              editor     = {Strachey, James},
              translator = {Strachey, James},
              title      = {The Interpretation of Dreams: The Complete and Definitive Text},
              publisher  = {Basic Books},
              year       = {2010},
              origdate   = {1900},
            }
        """),
    ),
    Example(
        "10.2-30-one-volume-of-a-multivolume-work",
        "(Fiske et al., 2010)",
        "Fiske, S. T., Gilbert, D. T., & Lindzey, G. (2010). Handbook of social psychology (5th ed., Vol. 1). John Wiley & Sons. https://doi.org/10.1002/9780470561119",
        bib("""
            @book{fiskeHandbookSocialPsychology2010,
              title = {Handbook of Social Psychology},
              author = {Fiske, Susan T. and Gilbert, Daniel T. and Lindzey, Gardner},
              date = {2010},
              edition = {5},
              volume = {1},
              publisher = {John Wiley \\& Sons},
              doi = {10.1002/9780470561119},
              langid = {english}
            }
        """),
        bib("""
            @book{fiske2010,
              author    = {Fiske, Susan T. and Gilbert, Daniel T. and Lindzey, Gardner},
              title     = {Handbook of Social Psychology},
              edition   = {Fifth},
              volume    = {1},
              publisher = {John Wiley \\& Sons},
              year      = {2010},
              doi       = {10.1002/9780470561119},
            }
        """),
    ),
    Example(
        "10.2-32-group-author-is-publisher",
        "(American Psychiatric Association, 2013)",
        "American Psychiatric Association. (2013). Diagnostic and statistical manual of mental disorders (5th ed.). https://doi.org/10.1176/appi.books.9780890425596",
        bib("""
            @book{americanpsychiatricassociationDiagnosticStatisticalManual2013,
              title = {Diagnostic and Statistical Manual of Mental Disorders},
              author = {{American Psychiatric Association}},
              date = {2013},
              edition = {5},
              publisher = {American Psychiatric Association},
              doi = {10.1176/appi.books.9780890425596},
              langid = {english}
            }
        """),
        bib("""
            @book{dsm5,
              author    = {{American Psychiatric Association}},
              title     = {Diagnostic and Statistical Manual of Mental Disorders},
              edition   = {5th edition},
              publisher = {American Psychiatric Association},
              year      = {2013},
              doi       = {10.1176/appi.books.9780890425596},
            }
        """),
    ),
    Example(
        "10.3-38-chapter-with-doi",
        "(Balsam et al., 2019)",
        "Balsam, K. F., Martell, C. R., Jones, K. P., & Safren, S. A. (2019). Affirmative cognitive behavior therapy with sexual and gender minority people. "
        "In G. Y. Iwamasa & P. A. Hays (Eds.), Culturally responsive cognitive behavior therapy: Practice and supervision (2nd ed., pp. 287–314). "
        "American Psychological Association. https://doi.org/10.1037/0000119-012",
        bib("""
            @incollection{balsamAffirmativeCognitiveBehavior2019,
              title = {Affirmative Cognitive Behavior Therapy with Sexual and Gender Minority People},
              booktitle = {Culturally Responsive Cognitive Behavior Therapy: {{Practice}} and Supervision},
              author = {Balsam, Kimberly F. and Martell, Christopher R. and Jones, Kimberly P. and Safren, Steven A.},
              editor = {Iwamasa, Gayle Y. and Hays, Pamela A.},
              date = {2019},
              edition = {2},
              pages = {287--314},
              publisher = {American Psychological Association},
              doi = {10.1037/0000119-012},
              langid = {english}
            }
        """),
        bib("""
            @incollection{balsam2019,
              author    = {Balsam, K. F. and Martell, C. R. and Jones, K. P. and Safren, S. A.},
              title     = {Affirmative Cognitive Behavior Therapy With Sexual and Gender Minority People},
              editor    = {Iwamasa, G. Y. and Hays, P. A.},
              booktitle = {Culturally Responsive Cognitive Behavior Therapy: Practice and Supervision},
              edition   = {2},
              pages     = {287--314},
              publisher = {American Psychological Association},
              year      = {2019},
              doi       = {10.1037/0000119-012},
            }
        """),
    ),
    Example(
        "10.3-39-chapter-without-doi",
        "(Weinstock et al., 2003)",
        "Weinstock, R., Leong, G. B., & Silva, J. A. (2003). Defining forensic psychiatry: Roles and responsibilities. In R. Rosner (Ed.), "
        "Principles and practice of forensic psychiatry (2nd ed., pp. 7–13). CRC Press.",
        bib("""
            @incollection{weinstockDefiningForensicPsychiatry2003,
              title = {Defining Forensic Psychiatry: {{Roles}} and Responsibilities},
              booktitle = {Principles and Practice of Forensic Psychiatry},
              author = {Weinstock, Robert and Leong, Gregory B. and Silva, J. Arturo},
              editor = {Rosner, Richard},
              date = {2003},
              edition = {2},
              pages = {7--13},
              publisher = {CRC Press},
              location = {Boca Raton, FL},
              langid = {english}
            }
        """),
        bib("""
            @incollection{weinstock2003,
              author    = {Weinstock, Robert and Leong, Gregory B. and Silva, J. Arturo},
              title     = {Defining Forensic Psychiatry: Roles and Responsibilities},
              editor    = {Rosner, Richard},
              booktitle = {Principles and Practice of Forensic Psychiatry},
              edition   = {2nd ed.},
              pages     = {7--13},
              publisher = {CRC Press},
              year      = {2003},
            }
        """),
    ),
    Example(
        "10.3-46-republished-chapter",
        "(Lewin, 1948/1999)",
        "Lewin, K. (1999). Group decision and social change. In M. Gold (Ed.), The complete social scientist: A Kurt Lewin reader (pp. 265–284). "
        "American Psychological Association. https://doi.org/10.1037/10319-010 (Original work published 1948)",
        bib("""
            @incollection{lewinGroupDecisionSocial1999,
              title = {Group Decision and Social Change},
              booktitle = {The Complete Social Scientist: {{A Kurt Lewin}} Reader},
              author = {Lewin, Kurt},
              editor = {Gold, Martin},
              date = {1999},
              origdate = {1948},
              pages = {265--284},
              publisher = {American Psychological Association},
              doi = {10.1037/10319-010},
              langid = {english}
            }
        """),
        bib("""
            @incollection{lewin1999,
              author    = {Lewin, Kurt},
              title     = {Group Decision and Social Change},
              editor    = {Gold, Martin},
              booktitle = {The Complete Social Scientist: A {Kurt Lewin} Reader},
              pages     = {265--284},
              publisher = {American Psychological Association},
              year      = {1999},
              origyear  = {1948},
              doi       = {10.1037/10319-010},
            }
        """),
    ),
    Example(
        "10.4-50-report-by-two-agencies",
        "(Australian Government Productivity Commission & New Zealand Productivity Commission, 2012)",
        "Australian Government Productivity Commission & New Zealand Productivity Commission. (2012). Strengthening trans-Tasman economic relations. "
        "https://www.pc.gov.au/inquiries/completed/australia-new-zealand/report/trans-tasman.pdf",
        bib("""
            @report{australiangovernmentproductivitycommissionStrengtheningTransTasmanEconomic2012,
              title = {Strengthening Trans-{{Tasman}} Economic Relations},
              author = {{Australian Government Productivity Commission} and {New Zealand Productivity Commission}},
              date = {2012},
              institution = {Australian Government Productivity Commission},
              url = {https://www.pc.gov.au/inquiries/completed/australia-new-zealand/report/trans-tasman.pdf},
              langid = {english}
            }
        """),
        bib("""
            @techreport{pc2012,
              author      = {{Australian Government Productivity Commission} and {New Zealand Productivity Commission}},
              title       = {Strengthening Trans-{Tasman} Economic Relations},
              institution = {Australian Government Productivity Commission and New Zealand Productivity Commission},
              year        = {2012},
              url         = {https://www.pc.gov.au/inquiries/completed/australia-new-zealand/report/trans-tasman.pdf},
            }
        """),
        xfail={
            "zotero": "the style puts a comma before '&' between two group authors ('Commission, & New Zealand'), and the site leaves the institution, which names the "
            "first author again, printed ('relations. Australian Government Productivity Commission. https'): it drops a publisher only when it repeats a sole author",
            "typed": "the style puts a comma before '&' between two group authors ('Commission, & New Zealand'), and the site leaves the institution, which names both "
            "authors, printed ('relations. Australian Government Productivity Commission and New Zealand Productivity Commission. https')",
        },
    ),
    Example(
        "10.4-51-report-by-individual-authors",
        "(Fried & Polyakova, 2018)",
        "Fried, D., & Polyakova, A. (2018). Democratic defense against disinformation. Atlantic Council. "
        "https://www.atlanticcouncil.org/images/publications/Democratic_Defense_Against_Disinformation_FINAL.pdf",
        bib("""
            @report{friedDemocraticDefenseDisinformation2018,
              title = {Democratic Defense against Disinformation},
              author = {Fried, Daniel and Polyakova, Alina},
              date = {2018},
              institution = {Atlantic Council},
              url = {https://www.atlanticcouncil.org/images/publications/Democratic_Defense_Against_Disinformation_FINAL.pdf},
              langid = {english}
            }
        """),
        bib("""
            @techreport{fried2018,
              author      = {Fried, Daniel and Polyakova, Alina},
              title       = {Democratic Defense Against Disinformation},
              institution = {Atlantic Council},
              year        = {2018},
              url         = {https://www.atlanticcouncil.org/images/publications/Democratic_Defense_Against_Disinformation_FINAL.pdf.},
            }
        """),
    ),
    Example(
        "10.4-54-annual-report",
        "(U.S. Securities and Exchange Commission, 2017)",
        "U.S. Securities and Exchange Commission. (2017). Agency financial report: Fiscal year 2017. https://www.sec.gov/files/sec-2017-agency-financial-report.pdf",
        bib("""
            @report{ussecuritiesandexchangecommissionAgencyFinancialReport2017,
              title = {Agency Financial Report: {{Fiscal}} Year 2017},
              author = {{U.S. Securities and Exchange Commission}},
              date = {2017},
              institution = {U.S. Securities and Exchange Commission},
              url = {https://www.sec.gov/files/sec-2017-agency-financial-report.pdf},
              langid = {english}
            }
        """),
        bib("""
            @techreport{sec2017,
              author      = {{U.S. Securities and Exchange Commission}},
              title       = {Agency Financial Report: Fiscal Year 2017},
              institution = {U.S. Securities and Exchange Commission},
              year        = {2017},
              url         = {https://www.sec.gov/files/sec-2017-agency-financial-report.pdf},
            }
        """),
    ),
    Example(
        "10.4-57-report-with-number",
        "(Lichtenstein, 2013)",
        "Lichtenstein, J. (2013). Profile of veteran business owners: More young veterans appear to be starting businesses (Issue Brief No. 1). "
        "U.S. Small Business Administration, Office of Advocacy. https://www.sba.gov/sites/default/files/Issue%20Brief%201,%20Veteran%20Business%20Owners.pdf",
        bib("""
            @report{lichtensteinProfileVeteranBusiness2013,
              title = {Profile of Veteran Business Owners: {{More}} Young Veterans Appear to Be Starting Businesses},
              author = {Lichtenstein, Jules},
              date = {2013},
              number = {1},
              type = {Issue Brief},
              institution = {U.S. Small Business Administration, Office of Advocacy},
              url = {https://www.sba.gov/sites/default/files/Issue%20Brief%201,%20Veteran%20Business%20Owners.pdf},
              langid = {english}
            }
        """),
        bib("""
            @techreport{lichtenstein2013,
              author      = {Lichtenstein, Jules},
              title       = {Profile of Veteran Business Owners: More Young Veterans Appear to be Starting Businesses},
              type        = {Issue Brief},
              number      = {1},
              institution = {U.S. Small Business Administration, Office of Advocacy},
              year        = {2013},
              url         = {https://www.sba.gov/sites/default/files/Issue%20Brief%201,%20Veteran%20Business%20Owners.pdf},
            }
        """),
    ),
    Example(
        "10.5-60-conference-session",
        "(Fistek et al., 2017)",
        "Fistek, A., Jester, E., & Sonnenberg, K. (2017, July 12–15). Everybody’s got a little music in them: Using music therapy to connect, engage, and motivate [Conference session]. "
        "Autism Society National Conference, Milwaukee, WI, United States. https://asa.confex.com/asa/2017/webprogramarchives/Session9517.html",
        bib("""
            @inproceedings{fistekEverybodyGotLittle2017,
              title = {Everybody's Got a Little Music in Them: {{Using}} Music Therapy to Connect, Engage, and Motivate},
              author = {Fistek, Anna and Jester, Emily and Sonnenberg, Kathryn},
              date = {2017-07-12/2017-07-15},
              eventtitle = {Autism Society National Conference},
              venue = {Milwaukee, WI, United States},
              type = {Conference session},
              url = {https://asa.confex.com/asa/2017/webprogramarchives/Session9517.html},
              langid = {english}
            }
        """),
        bib("""
            @misc{fistek2017,
              author     = {Fistek, A. and Jester, E. and Sonnenberg, K.},
              title      = {Everybody's Got a Little Music in Them: Using Music Therapy to Connect, Engage, and Motivate},
              type       = {Conference session},
              eventtitle = {Autism Society National Conference},
              venue      = {Milwaukee, WI, United States},
              eventdate  = {2017-07-12/2017-07-15},
              url        = {https://asa.confex.com/asa/2017/webprogramarchives/Session9517.html},
            }
        """),
    ),
    Example(
        "10.6-66-masters-thesis-in-repository",
        "(Hutcheson, 2012)",
        "Hutcheson, V. H. (2012). Dealing with dual differences: Social coping strategies of gifted and lesbian, gay, bisexual, transgender, and queer adolescents "
        "[Master’s thesis, The College of William & Mary]. William & Mary Digital Archive. https://digitalarchive.wm.edu/bitstream/handle/10288/16594/HutchesonVirginia2012.pdf",
        bib("""
            @thesis{hutchesonDealingDualDifferences2012,
              title = {Dealing with Dual Differences: {{Social}} Coping Strategies of Gifted and Lesbian, Gay, Bisexual, Transgender, and Queer Adolescents},
              author = {Hutcheson, Virginia H.},
              date = {2012},
              institution = {The College of William \\& Mary},
              type = {mathesis},
              publisher = {William \\& Mary Digital Archive},
              url = {https://digitalarchive.wm.edu/bitstream/handle/10288/16594/HutchesonVirginia2012.pdf},
              langid = {english}
            }
        """),
        bib("""
            @mastersthesis{hutcheson2012,
              author    = {Hutcheson, Virginia H.},
              title     = {Dealing With Dual Differences: Social Coping Strategies of Gifted and Lesbian, Gay, Bisexual, Transgender, and Queer Adolescents},
              school    = {The College of William \\& Mary},
              publisher = {William \\& Mary Digital Archive},
              year      = {2012},
              url       = {https://digitalarchive.wm.edu/bitstream/handle/10288/16594/HutchesonVirginia2012.pdf},
            }
        """),
    ),
    Example(
        "10.8-70-unpublished-manuscript",
        "(Yoo et al., 2016)",
        "Yoo, J., Miyamoto, Y., Rigotti, A., & Ryff, C. (2016). Linking positive affect to blood lipids: A cultural perspective [Unpublished manuscript]. "
        "Department of Psychology, University of Wisconsin–Madison.",
        bib("""
            @unpublished{yooLinkingPositiveAffect2016,
              title = {Linking Positive Affect to Blood Lipids: {{A}} Cultural Perspective},
              author = {Yoo, Jiah and Miyamoto, Yuri and Rigotti, Attilio and Ryff, Carol},
              date = {2016},
              type = {Unpublished manuscript},
              institution = {Department of Psychology, University of Wisconsin--Madison},
              langid = {english}
            }
        """),
        bib("""
            @unpublished{yoo2016,
              author      = {Yoo, J. and Miyamoto, Y. and Rigotti, A. and Ryff, C.},
              title       = {Linking Positive Affect to Blood Lipids: A Cultural Perspective},
              type        = {Unpublished manuscript},
              institution = {Department of Psychology, University of Wisconsin--Madison},
              year        = {2016},
            }
        """),
    ),
    Example(
        "10.8-72-manuscript-submitted",
        "(Lippincott & Poindexter, 2019)",
        "Lippincott, T., & Poindexter, E. K. (2019). Emotion recognition as a function of facial cues: Implications for practice [Manuscript submitted for publication]. "
        "Department of Psychology, University of Washington.",
        bib("""
            @unpublished{lippincottEmotionRecognitionFunction2019,
              title = {Emotion Recognition as a Function of Facial Cues: {{Implications}} for Practice},
              author = {Lippincott, Tara and Poindexter, Ellen K.},
              date = {2019},
              type = {Manuscript submitted for publication},
              institution = {Department of Psychology, University of Washington},
              langid = {english}
            }
        """),
        bib("""
            @unpublished{lippincott2019,
              author      = {Lippincott, T. and Poindexter, E. K.},
              title       = {Emotion Recognition as a Function of Facial Cues: Implications for Practice},
              type        = {Manuscript submitted for publication},
              institution = {Department of Psychology, University of Washington},
              year        = {2019},
            }
        """),
    ),
    Example(
        "10.8-73-informally-published-work",
        "(Stults-Kolehmainen & Sinha, 2015)",
        "Stults-Kolehmainen, M. A., & Sinha, R. (2015). The effects of stress on physical activity and exercise. PubMed Central. https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3894304",
        bib("""
            @misc{stults-kolehmainenEffectsStressPhysical2015,
              title = {The Effects of Stress on Physical Activity and Exercise},
              author = {Stults-Kolehmainen, Matthew A. and Sinha, Rajita},
              date = {2015},
              publisher = {PubMed Central},
              url = {https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3894304},
              langid = {english}
            }
        """),
        bib("""
            @misc{stultskolehmainen2015,
              author    = {Stults-Kolehmainen, M. A. and Sinha, R.},
              title     = {The Effects of Stress on Physical Activity and Exercise},
              publisher = {PubMed Central},
              year      = {2015},
              url       = {https://www.ncbi.nlm.nih.gov/pmc/articles/PMC3894304},
            }
        """),
    ),
    Example(
        "10.9-75-data-set",
        "(D’Souza & Wiseheart, 2018)",
        "D’Souza, A., & Wiseheart, M. (2018). Cognitive effects of music and dance training in children (ICPSR 37080; Version V1) [Data set]. ICPSR. https://doi.org/10.3886/ICPSR37080.v1",
        bib("""
            @dataset{dsouzaCognitiveEffectsMusic2018,
              title = {Cognitive Effects of Music and Dance Training in Children},
              author = {D'Souza, Annalise and Wiseheart, Melody},
              date = {2018},
              number = {ICPSR 37080},
              version = {V1},
              publisher = {ICPSR},
              doi = {10.3886/ICPSR37080.v1},
              langid = {english}
            }
        """),
        bib("""
            @misc{dsouza2018,
              author    = {D'Souza, Annalise and Wiseheart, Melody},
              title     = {Cognitive Effects of Music and Dance Training in Children},
              type      = {Data set},
              number    = {ICPSR 37080},
              version   = {V1},
              publisher = {ICPSR},
              year      = {2018},
              doi       = {10.3886/ICPSR37080.v1},
            }
        """),
        xfail={
            "zotero": "the style's term for a data set with a number prints '[Dataset]' where the manual prints '[Data set]'",
            "typed": "the style's term for a data set with a number prints '[Dataset]' where the manual prints '[Data set]'",
        },
    ),
    Example(
        "10.10-77-software",
        "(Borenstein et al., 2014)",
        "Borenstein, M., Hedges, L., Higgins, J., & Rothstein, H. (2014). Comprehensive meta-analysis (Version 3.3.070) [Computer software]. Biostat. https://www.meta-analysis.com/",
        bib("""
            @software{borensteinComprehensiveMetaanalysis2014,
              title = {Comprehensive Meta-Analysis},
              author = {Borenstein, Michael and Hedges, Larry and Higgins, Julian and Rothstein, Hannah},
              date = {2014},
              version = {3.3.070},
              publisher = {Biostat},
              url = {https://www.meta-analysis.com/}
            }
        """),
        bib("""
            @misc{borenstein2014,
              author    = {Borenstein, M. and Hedges, L. and Higgins, J. and Rothstein, H.},
              title     = {Comprehensive Meta-Analysis},
              type      = {Computer software},
              version   = {3.3.070},
              publisher = {Biostat},
              year      = {2014},
              url       = {https://www.meta-analysis.com/},
            }
        """),
    ),
    Example(
        "10.10-79-mobile-app",
        "(Epocrates, 2019)",
        "Epocrates. (2019). Epocrates medical references (Version 18.12) [Mobile app]. App Store. https://itunes.apple.com/us/app/epocrates/id281935788?mt=8",
        bib("""
            @software{epocratesEpocratesMedicalReferences2019,
              title = {Epocrates Medical References},
              author = {{Epocrates}},
              date = {2019},
              version = {18.12},
              type = {Mobile app},
              publisher = {App Store},
              url = {https://itunes.apple.com/us/app/epocrates/id281935788?mt=8}
            }
        """),
        bib("""
            @misc{epocrates2019,
              author    = {{Epocrates}},
              title     = {Epocrates Medical References},
              type      = {Mobile app},
              version   = {18.12},
              publisher = {App Store},
              year      = {2019},
              url       = {https://itunes.apple.com/us/app/epocrates/id281935788?mt=8},
            }
        """),
    ),
    Example(
        "10.12-88-ted-talk",
        "(Giertz, 2018)",
        "Giertz, S. (2018, April). Why you should make useless things [Video]. TED Conferences. https://www.ted.com/talks/simone_giertz_why_you_should_make_useless_things",
        bib("""
            @online{giertzWhyYouShould2018,
              title = {Why You Should Make Useless Things},
              author = {Giertz, Simone},
              date = {2018-04},
              type = {Video},
              organization = {TED Conferences},
              url = {https://www.ted.com/talks/simone_giertz_why_you_should_make_useless_things},
              langid = {english}
            }
        """),
        bib("""
            @misc{giertz2018,
              author    = {Giertz, Simone},
              title     = {Why You Should Make Useless Things},
              type      = {Video},
              publisher = {TED Conferences},
              date      = {2018-04},
              url       = {https://www.ted.com/talks/simone_giertz_why_you_should_make_useless_things},
            }
        """),
    ),
    Example(
        "10.12-90-youtube-video",
        "(University of Oxford, 2018)",
        "University of Oxford. (2018, December 6). How do geckos walk on water? [Video]. YouTube. https://www.youtube.com/watch?v=qm1xGfOZJc8",
        bib("""
            @online{universityofoxfordHowGeckosWalk2018,
              title = {How Do Geckos Walk on Water?},
              author = {{University of Oxford}},
              date = {2018-12-06},
              type = {Video},
              organization = {YouTube},
              url = {https://www.youtube.com/watch?v=qm1xGfOZJc8},
              urldate = {2019-07-01}
            }
        """),
        bib("""
            @misc{oxford2018,
              author    = {{University of Oxford}},
              title     = {How Do Geckos Walk on Water?},
              type      = {Video},
              publisher = {YouTube},
              date      = {2018-12-06},
              url       = {https://www.youtube.com/watch?v=qm1xGfOZJc8},
            }
        """),
    ),
    Example(
        "10.12-89-webinar",
        "(Goldberg, 2018)",
        "Goldberg, J. F. (2018). Evaluating adverse drug effects [Webinar]. American Psychiatric Association. https://education.psychiatry.org/Users/ProductDetails.aspx?ActivityID=6172",
        bib("""
            @online{goldbergEvaluatingAdverseDrug2018,
              title = {Evaluating Adverse Drug Effects},
              author = {Goldberg, Joseph F.},
              date = {2018},
              type = {Webinar},
              organization = {American Psychiatric Association},
              url = {https://education.psychiatry.org/Users/ProductDetails.aspx?ActivityID=6172}
            }
        """),
        bib("""
            @misc{goldberg2018,
              author    = {Goldberg, Joseph F.},
              title     = {Evaluating Adverse Drug Effects},
              type      = {Webinar},
              publisher = {American Psychiatric Association},
              year      = {2018},
              url       = {https://education.psychiatry.org/Users/ProductDetails.aspx?ActivityID=6172},
            }
        """),
    ),
    Example(
        "10.16-110-web-page-on-news-site",
        "(Avramova, 2019)",
        "Avramova, N. (2019, January 3). The secret to a long, happy, healthy life? Think age-positive. CNN. "
        "https://www.cnn.com/2019/01/03/health/respect-towards-elderly-leads-to-long-life-intl/index.html",
        bib("""
            @online{avramovaSecretLongHappy2019,
              title = {The Secret to a Long, Happy, Healthy Life? {{Think}} Age-Positive},
              author = {Avramova, Nina},
              date = {2019-01-03T09:02:00},
              organization = {CNN},
              url = {https://www.cnn.com/2019/01/03/health/respect-towards-elderly-leads-to-long-life-intl/index.html},
              urldate = {2019-07-01},
              langid = {english}
            }
        """),
        bib("""
            @misc{avramova2019,
              author       = {Avramova, Nina},
              title        = {The Secret to a Long, Happy, Healthy Life? {Think} Age-Positive},
              howpublished = {CNN},
              date         = {2019-01-03},
              url          = {https://www.cnn.com/2019/01/03/health/respect-towards-elderly-leads-to-long-life-intl/index.html},
            }
        """),
    ),
    Example(
        "10.16-111-web-page-by-group-author",
        "(Centers for Disease Control and Prevention, 2018)",
        "Centers for Disease Control and Prevention. (2018, January 23). People at high risk of developing flu–related complications. https://www.cdc.gov/flu/about/disease/high_risk.htm",
        bib("""
            @online{centersfordiseasecontrolandpreventionPeopleHighRisk2018,
              title = {People at High Risk of Developing Flu–Related Complications},
              author = {{Centers for Disease Control and Prevention}},
              date = {2018-01-23},
              organization = {Centers for Disease Control and Prevention},
              url = {https://www.cdc.gov/flu/about/disease/high_risk.htm},
              urldate = {2019-07-01},
              langid = {american}
            }
        """),
        bib("""
            @misc{cdc2018,
              author = {{Centers for Disease Control and Prevention}},
              title  = {People at High Risk of Developing Flu--Related Complications},
              date   = {2018-01-23},
              url    = {https://www.cdc.gov/flu/about/disease/high_risk.htm},
            }
        """),
    ),
    Example(
        "10.16-112-web-page-without-author",
        '("Tuscan White Bean Pasta," 2018)',
        "Tuscan white bean pasta. (2018, February 25). Budget Bytes. https://www.budgetbytes.com/tuscan-white-bean-pasta/",
        bib("""
            @online{TuscanWhiteBean2018,
              title = {Tuscan White Bean Pasta},
              date = {2018-02-25},
              organization = {Budget Bytes},
              url = {https://www.budgetbytes.com/tuscan-white-bean-pasta/},
              urldate = {2019-07-01},
              langid = {american}
            }
        """),
        bib("""
            @misc{tuscanpasta2018,
              title     = {Tuscan White Bean Pasta},
              publisher = {Budget Bytes},
              date      = {2018-02-25},
              url       = {https://www.budgetbytes.com/tuscan-white-bean-pasta/},
            }
        """),
        xfail={
            "zotero": "the APA style puts the site in the author's place ('Budget Bytes. (2018, February 25). Tuscan white bean pasta.', cited as (Budget Bytes, 2018)) where the manual puts the title first and the site after the date",
            "typed": "the APA style puts the site in the author's place ('Budget Bytes. (2018, February 25). Tuscan white bean pasta.', cited as (Budget Bytes, 2018)) where the manual puts the title first and the site after the date",
        },
    ),
    Example(
        "10.16-113-web-page-without-date",
        "(U.S. Census Bureau, n.d.)",
        "U.S. Census Bureau. (n.d.). U.S. and world population clock. U.S. Department of Commerce. Retrieved July 3, 2019, from https://www.census.gov/popclock/",
        # Zotero exports 'U.S. and {{World Population Clock}}', which the build tells twice:
        # sentence case in Zotero, then 'U.S.' braced with the word after it, as told. Typed
        # '{U.S.} and World Population Clock', it prints "U.S. And world", which the build
        # tells too: the word after the braced '{U.S.}' goes into its braces, as told.
        bib("""
            @online{uscensusbureauWorldPopulationClock,
              title = {{U.S. and} world population clock},
              author = {{U.S. Census Bureau}},
              organization = {U.S. Department of Commerce},
              url = {https://www.census.gov/popclock/},
              urldate = {2019-07-03},
              langid = {english}
            }
        """),
        bib("""
            @misc{census-popclock,
              author    = {{U.S. Census Bureau}},
              title     = {{U.S. and} World Population Clock},
              publisher = {U.S. Department of Commerce},
              urldate   = {2019-07-03},
              url       = {https://www.census.gov/popclock/},
            }
        """),
    ),
]
FORMS = ("zotero", "typed")
# Each form's rows on one worker, one after another: one build per form.
ROWS = [
    pytest.param(
        example,
        form,
        id=f"{example.id}-{form}",
        marks=[
            pytest.mark.xdist_group(f"apa-examples-{form}"),
            *([pytest.mark.xfail(strict=True, reason=example.xfail[form])] if form in example.xfail else []),
        ],
    )
    for form in FORMS
    for example in EXAMPLES
]
PAGE = "apa-manual-examples.md"


def key_of(bibtex: str) -> str:
    return bibtex.split("{", 1)[1].split(",", 1)[0]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The built site with every example, written in one form, cited on one page: one tmp
    copy of the site per form, built the first time a row asks for it."""

    @functools.cache
    def built(form: str) -> Path:
        project = copy_project(tmp_path_factory.mktemp(f"apa-{form}") / "project")
        entries = [getattr(example, form) for example in EXAMPLES]
        with (project / "references.bib").open("a", encoding="utf-8") as file:
            file.write("".join("\n" + entry for entry in entries))
        body = "".join(
            f"{example.id}: [@{key_of(entry)}].\n\n" for example, entry in zip(EXAMPLES, entries, strict=True)
        )
        (project / "docs" / PAGE).write_text(
            f"---\ndescription: The APA manual's reference examples, as a test of the formatting.\n---\n\n# APA manual examples\n\n{body}",
            encoding="utf-8",
        )
        config = project / "mkdocs.yml"
        config.write_text(
            config.read_text(encoding="utf-8").replace("  /privacy.md\n", f"  /privacy.md\n  /{PAGE}\n"),
            encoding="utf-8",
        )
        build = build_site(project)
        assert build.returncode == 0, build.stderr
        return project / "site"

    return built


@pytest.mark.parametrize(("example", "form"), ROWS)
def test_each_manual_example_prints_as_the_manual_shows_it(site, example, form):
    document = page(site(form), PAGE.removesuffix(".md"))
    paragraphs = {
        normalize(p.text_content()).split(": ", 1)[0]: normalize(p.text_content())
        for p in document.cssselect("article p")
    }
    [entry] = document.cssselect(f'div[id="ref-{key_of(getattr(example, form))}"]')
    assert (paragraphs[example.id], normalize(entry.text_content())) == (
        f"{example.id}: {example.in_text}.",
        example.reference,
    )
