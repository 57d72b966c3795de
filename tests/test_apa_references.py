"""Every APA 7 reference type, as a clinician or a reference manager writes it, prints on
the built page as the APA Publication Manual (7th ed., chapter 10) prints it; and each
mistake that used to print wrong without a word now stops the build at its line.

All rows are one page of one tmp copy of the site, built once: the table costs one build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import build_site, copy_project
from new_reference import offline_stub
from psychoed.references.bibliography import check_bibliography
from psychoed.references.pandoc_runs import PandocSources, Run, apa_style_path, format_run, pandoc_path
from psychoed.references.title_case import dotted_abbreviations, stops_in_names
from site_reader import normalize, page
from test_contributing import GUIDE, shape


@dataclass
class Row:
    id: str
    bibtex: str  # as written; the key is the row's citation
    cite: str  # the citation as the editor types it
    in_text: str  # what the page shows for it
    reference: str  # the reference list entry the page shows


ROWS = [
    Row(
        "journal-article",
        "@article{grady2019,\n  author  = {Grady, Jessica S. and Her, Malina and Moreno, Geena and Perez, Catherine and Yelinek, Jillian},\n"
        "  title   = {Emotions in Storybooks: A Comparison of Storybooks That Represent Ethnic and Racial Groups in the {United States}},\n"
        "  journal = {Psychology of Popular Media Culture},\n  year    = {2019},\n  volume  = {8},\n  number  = {3},\n  pages   = {207--217},\n  doi     = {10.1037/ppm0000185},\n}\n",
        "[@grady2019]",
        "(Grady et al., 2019)",
        "Grady, J. S., Her, M., Moreno, G., Perez, C., & Yelinek, J. (2019). Emotions in storybooks: A comparison of storybooks that represent ethnic and racial groups in the United States. Psychology of Popular Media Culture, 8(3), 207–217. https://doi.org/10.1037/ppm0000185",
    ),
    # An older article with no DOI: a notice for the editor, never a failed strict build.
    Row(
        "journal-article-without-doi",
        "@article{kabatzinn1982,\n  author  = {Kabat-Zinn, Jon},\n  title   = {An Outpatient Program in Behavioral Medicine for Chronic Pain Patients Based on the Practice of Mindfulness Meditation},\n"
        "  journal = {General Hospital Psychiatry},\n  year    = {1982},\n  volume  = {4},\n  number  = {1},\n  pages   = {33--47},\n}\n",
        "[@kabatzinn1982]",
        "(Kabat-Zinn, 1982)",
        "Kabat-Zinn, J. (1982). An outpatient program in behavioral medicine for chronic pain patients based on the practice of mindfulness meditation. General Hospital Psychiatry, 4(1), 33–47.",
    ),
    # As Zotero's Better BibLaTeX exports it.
    Row(
        "biblatex-export",
        "@article{mccauley2019,\n  title = {Language Learning as Language Use: {{A}} Cross-Linguistic Model of Child Language Development},\n"
        "  author = {McCauley, Stewart M. and Christiansen, Morten H.},\n  date = {2019-01},\n  journaltitle = {Psychological Review},\n"
        "  volume = {126},\n  number = {1},\n  pages = {1--51},\n  doi = {10.1037/rev0000126},\n  langid = {english},\n"
        "  abstract = {Children learn language by using it.},\n  keywords = {language,learning},\n  file = {/home/me/Zotero/storage/ABCD/McCauley.pdf},\n}\n",
        "[@mccauley2019]",
        "(McCauley & Christiansen, 2019)",
        "McCauley, S. M., & Christiansen, M. H. (2019). Language learning as language use: A cross-linguistic model of child language development. Psychological Review, 126(1), 1–51. https://doi.org/10.1037/rev0000126",
    ),
    Row(
        "online-first-article",
        "@article{huestegge2019,\n  author   = {Huestegge, Sujata M. and Raettig, Tim and Huestegge, Lynn},\n"
        "  title    = {Are Face-Incongruent Voices Harder to Process? Effects of Face--Voice Gender Incongruency on Basic Cognitive Information Processing},\n"
        "  journal  = {Experimental Psychology},\n  year     = {2019},\n  pubstate = {Advance online publication},\n  doi      = {10.1027/1618-3169/a000440},\n}\n",
        "[@huestegge2019]",
        "(Huestegge et al., 2019)",
        "Huestegge, S. M., Raettig, T., & Huestegge, L. (2019). Are face-incongruent voices harder to process? Effects of face–voice gender incongruency on basic cognitive information processing. Experimental Psychology. Advance online publication. https://doi.org/10.1027/1618-3169/a000440",
    ),
    Row(
        "article-number",
        "@article{jerrentrup2018,\n  author  = {Jerrentrup, Andreas and Mueller, Tobias and Glowalla, Ulrich and Herder, Meike and Henrichs, Nadine and Neubauer, Andreas and Schaefer, Juergen R.},\n"
        "  title   = {Teaching Medicine with the Help of {Dr. House}},\n  journal = {PLoS ONE},\n  year    = {2018},\n  volume  = {13},\n  number  = {3},\n"
        "  eid     = {e0193972},\n  doi     = {10.1371/journal.pone.0193972},\n}\n",
        "[@jerrentrup2018]",
        "(Jerrentrup et al., 2018)",
        "Jerrentrup, A., Mueller, T., Glowalla, U., Herder, M., Henrichs, N., Neubauer, A., & Schaefer, J. R. (2018). Teaching medicine with the help of Dr. House. PLoS ONE, 13(3), Article e0193972. https://doi.org/10.1371/journal.pone.0193972",
    ),
    # An old Wiley DOI (SICI) holds '<' and '>': the link's text showed "8:3\<267".
    Row(
        "sici-doi",
        "@article{ellenberger1972,\n  author  = {Ellenberger, Henri F.},\n"
        "  title   = {The Story of {Anna O.}: A Critical Review with New Data},\n"
        "  journal = {Journal of the History of the Behavioral Sciences},\n  year    = {1972},\n  volume  = {8},\n"
        "  number  = {3},\n  pages   = {267--279},\n  doi     = {10.1002/1520-6696(197207)8:3<267::AID-JHBS2300080302>3.0.CO;2-A},\n}\n",
        "[@ellenberger1972]",
        "(Ellenberger, 1972)",
        "Ellenberger, H. F. (1972). The story of Anna O.: A critical review with new data. Journal of the History of the Behavioral Sciences, 8(3), 267–279. https://doi.org/10.1002/1520-6696(197207)8:3<267::AID-JHBS2300080302>3.0.CO;2-A",
    ),
    # A particle stays with the surname, as APA prints van der Kolk.
    Row(
        "author-with-particle",
        "@book{vanderkolk2014,\n  author    = {van der Kolk, Bessel A.},\n  title     = {The Body Keeps the Score: Brain, Mind, and Body in the Healing of Trauma},\n"
        "  publisher = {Viking},\n  year      = {2014},\n}\n",
        "[@vanderkolk2014]",
        "(van der Kolk, 2014)",
        "van der Kolk, B. A. (2014). The body keeps the score: Brain, mind, and body in the healing of trauma. Viking.",
    ),
    # ... unless the entry says otherwise for its names.
    Row(
        "particle-dropped-by-choice",
        "@book{beethoven1802,\n  author    = {van Beethoven, Ludwig},\n  title     = {{Heiligenstadt Testament}},\n  publisher = {Self-published},\n  year      = {1802},\n"
        "  options   = {useprefix=false},\n}\n",
        "[@beethoven1802]",
        "(Beethoven, 1802)",
        "Beethoven, L. van. (1802). Heiligenstadt Testament. Self-published.",
    ),
    Row(
        "book",
        "@book{jackson2019,\n  author    = {Jackson, Lynne M.},\n  title     = {The Psychology of Prejudice: From Attitudes to Social Action},\n  edition   = {2},\n"
        "  publisher = {American Psychological Association},\n  year      = {2019},\n  doi       = {10.1037/0000168-000},\n}\n",
        "[@jackson2019]",
        "(Jackson, 2019)",
        "Jackson, L. M. (2019). The psychology of prejudice: From attitudes to social action (2nd ed.). American Psychological Association. https://doi.org/10.1037/0000168-000",
    ),
    # "and" inside a publisher is part of its name, not a list.
    Row(
        "publisher-with-and",
        "@book{gilbert2010,\n  author    = {Gilbert, Paul},\n  title     = {Compassion Focused Therapy: Distinctive Features},\n"
        "  publisher = {Routledge and Taylor and Francis Group},\n  year      = {2010},\n}\n",
        "[@gilbert2010]",
        "(Gilbert, 2010)",
        "Gilbert, P. (2010). Compassion focused therapy: Distinctive features. Routledge and Taylor and Francis Group.",
    ),
    Row(
        "edited-book",
        "@book{kesharwani2020,\n  editor    = {Kesharwani, Prashant},\n  title     = {Nanotechnology Based Approaches for Tuberculosis Treatment},\n"
        "  publisher = {Academic Press},\n  year      = {2020},\n}\n",
        "[@kesharwani2020]",
        "(Kesharwani, 2020)",
        "Kesharwani, P. (Ed.). (2020). Nanotechnology based approaches for tuberculosis treatment. Academic Press.",
    ),
    Row(
        "chapter-in-edited-book",
        "@incollection{dillard2020,\n  author    = {Dillard, James Price},\n  title     = {Currents in the Study of Persuasion},\n"
        "  booktitle = {Media Effects: Advances in Theory and Research},\n  editor    = {Oliver, Mary Beth and Raney, Arthur A. and Bryant, Jennings},\n"
        "  edition   = {4},\n  publisher = {Routledge},\n  year      = {2020},\n  pages     = {115--129},\n}\n",
        "[@dillard2020]",
        "(Dillard, 2020)",
        "Dillard, J. P. (2020). Currents in the study of persuasion. In M. B. Oliver, A. A. Raney, & J. Bryant (Eds.), Media effects: Advances in theory and research (4th ed., pp. 115–129). Routledge.",
    ),
    # A group author in double braces, "and" in its name and in its parent agency's.
    Row(
        "report-by-agency",
        "@techreport{samhsa2019,\n  author      = {{Substance Abuse and Mental Health Services Administration}},\n"
        "  title       = {Key Substance Use and Mental Health Indicators in the {United States}},\n"
        "  institution = {U.S. Department of Health and Human Services},\n  year        = {2019},\n"
        "  url         = {https://www.samhsa.gov/data/},\n}\n",
        "[@samhsa2019]",
        "(Substance Abuse and Mental Health Services Administration, 2019)",
        "Substance Abuse and Mental Health Services Administration. (2019). Key substance use and mental health indicators in the United States. U.S. Department of Health and Human Services. https://www.samhsa.gov/data/",
    ),
    # The group that wrote the report published it: APA names it once.
    Row(
        "report-author-is-publisher",
        "@techreport{who2014,\n  author      = {{World Health Organization}},\n"
        "  title       = {Comprehensive Implementation Plan on Maternal, Infant, and Young Child Nutrition},\n"
        "  institution = {World Health Organization},\n  year        = {2014},\n"
        "  url         = {https://apps.who.int/iris/handle/10665/113048},\n}\n",
        "[@who2014]",
        "(World Health Organization, 2014)",
        "World Health Organization. (2014). Comprehensive implementation plan on maternal, infant, and young child nutrition. https://apps.who.int/iris/handle/10665/113048",
    ),
    Row(
        "web-page",
        "@online{bologna2019,\n  author       = {Bologna, Caroline},\n  title        = {Why Some People with Anxiety Love Watching Horror Movies},\n"
        "  date         = {2019-10-31},\n  organization = {HuffPost},\n"
        "  url          = {https://www.huffpost.com/entry/anxiety-love-watching-horror-movies_l_5d277587e4b02a5a5d57b59e},\n}\n",
        "[@bologna2019]",
        "(Bologna, 2019)",
        "Bologna, C. (2019, October 31). Why some people with anxiety love watching horror movies. HuffPost. https://www.huffpost.com/entry/anxiety-love-watching-horror-movies_l_5d277587e4b02a5a5d57b59e",
    ),
    Row(
        "web-page-without-date",
        "@online{nimh-anxiety,\n  author  = {{National Institute of Mental Health}},\n  title   = {Anxiety Disorders},\n"
        "  urldate = {2024-03-05},\n  url     = {https://www.nimh.nih.gov/health/topics/anxiety-disorders},\n}\n",
        "[@nimh-anxiety]",
        "(National Institute of Mental Health, n.d.)",
        "National Institute of Mental Health. (n.d.). Anxiety disorders. Retrieved March 5, 2024, from https://www.nimh.nih.gov/health/topics/anxiety-disorders",
    ),
    Row(
        "dissertation",
        "@phdthesis{hollander2017,\n  author = {Hollander, Matthew M.},\n"
        "  title  = {Resistance to Authority: Methodological Innovations and New Lessons from the {Milgram} Experiment},\n"
        "  school = {University of Wisconsin--Madison},\n  year   = {2017},\n  url    = {https://search.proquest.com/docview/1949319578},\n}\n",
        "[@hollander2017]",
        "(Hollander, 2017)",
        "Hollander, M. M. (2017). Resistance to authority: Methodological innovations and new lessons from the Milgram experiment [Doctoral dissertation, University of Wisconsin–Madison]. https://search.proquest.com/docview/1949319578",
    ),
    Row(
        "conference-paper",
        "@inproceedings{evans2019,\n  author    = {Evans, Arthur C. and Garbarino, James},\n  title     = {Gun Violence: An Event on the Power of Community},\n"
        "  booktitle = {Proceedings of the APA 2019 Convention},\n  editor    = {Smith, Ann},\n  publisher = {American Psychological Association},\n"
        "  pages     = {12--19},\n  year      = {2019},\n}\n",
        "[@evans2019]",
        "(Evans & Garbarino, 2019)",
        "Evans, A. C., & Garbarino, J. (2019). Gun violence: An event on the power of community. In A. Smith (Ed.), Proceedings of the APA 2019 convention (pp. 12–19). American Psychological Association.",
    ),
    Row(
        "preprint",
        "@misc{leuker2020,\n  author    = {Leuker, Christina and Samartzidis, Lasare and Hertwig, Ralph and Pleskac, Timothy J.},\n"
        "  title     = {When Money Talks: Judging Risk and Coercion in High-Paying Clinical Trials},\n  type      = {Preprint},\n"
        "  publisher = {PsyArXiv},\n  year      = {2020},\n  doi       = {10.31234/osf.io/9p7s8},\n}\n",
        "[@leuker2020]",
        "(Leuker et al., 2020)",
        "Leuker, C., Samartzidis, L., Hertwig, R., & Pleskac, T. J. (2020). When money talks: Judging risk and coercion in high-paying clinical trials [Preprint]. PsyArXiv. https://doi.org/10.31234/osf.io/9p7s8",
    ),
    # A report number with a hyphen is one number, not a range: "No.", never "Nos.".
    Row(
        "report-number-with-hyphen",
        "@techreport{nci2019,\n  author      = {{National Cancer Institute}},\n  title       = {Taking Time: Support for People with Cancer},\n"
        "  type        = {NIH Publication},\n  number      = {18-2059},\n"
        "  institution = {U.S. Department of Health and Human Services, National Institutes of Health},\n  year        = {2019},\n"
        "  url         = {https://www.cancer.gov/publications/patient-education/takingtime.pdf},\n}\n",
        "[@nci2019]",
        "(National Cancer Institute, 2019)",
        "National Cancer Institute. (2019). Taking time: Support for people with cancer (NIH Publication No. 18-2059). U.S. Department of Health and Human Services, National Institutes of Health. https://www.cancer.gov/publications/patient-education/takingtime.pdf",
    ),
    # From a database: its name as publisher, its publication number as number.
    Row(
        "dissertation-from-database",
        "@phdthesis{kabir2017,\n  author    = {Kabir, Jahanara M.},\n"
        "  title     = {Factors Influencing Customer Satisfaction at a Fast Food Hamburger Chain: The Relationship Between Customer Satisfaction and Customer Loyalty},\n"
        "  school    = {Wilmington University},\n  number    = {10617765},\n  publisher = {ProQuest Dissertations and Theses Global},\n  year      = {2017},\n}\n",
        "[@kabir2017]",
        "(Kabir, 2017)",
        "Kabir, J. M. (2017). Factors influencing customer satisfaction at a fast food hamburger chain: The relationship between customer satisfaction and customer loyalty (Publication No. 10617765) [Doctoral dissertation, Wilmington University]. ProQuest Dissertations and Theses Global.",
    ),
    Row(
        "dissertation-in-repository",
        "@phdthesis{zambrano2016,\n  author    = {Zambrano-Vazquez, Laura},\n"
        "  title     = {The Interaction of State and Trait Worry on Response Monitoring in Those with Worry and Obsessive-Compulsive Symptoms},\n"
        "  school    = {University of Arizona},\n  publisher = {UA Campus Repository},\n  year      = {2016},\n"
        "  url       = {https://repository.arizona.edu/handle/10150/620615},\n}\n",
        "[@zambrano2016]",
        "(Zambrano-Vazquez, 2016)",
        "Zambrano-Vazquez, L. (2016). The interaction of state and trait worry on response monitoring in those with worry and obsessive-compulsive symptoms [Doctoral dissertation, University of Arizona]. UA Campus Repository. https://repository.arizona.edu/handle/10150/620615",
    ),
    # Presentations not in proceedings, as a reference manager writes them (BibLaTeX's
    # eventtitle, venue, eventdate; a date range).
    Row(
        "poster-presentation",
        "@inproceedings{pearson2018,\n  author     = {Pearson, Joanne},\n  title      = {Fat Talk and Its Effects on State-Based Body Image in Women},\n"
        "  type       = {Poster presentation},\n  eventtitle = {Australian Psychological Society Congress},\n  venue      = {Sydney, NSW, Australia},\n"
        "  eventdate  = {2018-09-27/2018-09-30},\n  url        = {http://bit.ly/2XGSThP},\n}\n",
        "[@pearson2018]",
        "(Pearson, 2018)",
        "Pearson, J. (2018, September 27–30). Fat talk and its effects on state-based body image in women [Poster presentation]. Australian Psychological Society Congress, Sydney, NSW, Australia. http://bit.ly/2XGSThP",
    ),
    Row(
        "paper-presentation",
        "@misc{maddox2016,\n  author     = {Maddox, Sarah and Hurling, Jessica and Stewart, Erin and Edwards, Amy},\n"
        "  title      = {If Mama Ain't Happy, Nobody's Happy: The Effect of Parental Depression on Mood Dysregulation in Children},\n"
        "  type       = {Paper presentation},\n  date       = {2016-03-30/2016-04-02},\n"
        "  eventtitle = {Southeastern Psychological Association 62nd Annual Meeting},\n  venue      = {New Orleans, LA, United States},\n}\n",
        "[@maddox2016]",
        "(Maddox et al., 2016)",
        "Maddox, S., Hurling, J., Stewart, E., & Edwards, A. (2016, March 30–April 2). If mama ain’t happy, nobody’s happy: The effect of parental depression on mood dysregulation in children [Paper presentation]. Southeastern Psychological Association 62nd Annual Meeting, New Orleans, LA, United States.",
    ),
    # Verbatim Better BibLaTeX exports: retorquere/zotero-better-bibtex test/fixtures/export/
    # "biblatex export of Presentation; Use type and venue fields #644.biblatex" (a lecture),
    Row(
        "zotero-presentation",
        "\n@unpublished{derasmo2000,\n  title = {The Craft and Career of Writing},\n  author = {D’Erasmo, Stacy},\n  date = {2000-04-26},\n  langid = {american},\n"
        "  type = {lecture},\n  venue = {{Northwestern University, Evanston, IL}}\n}\n",
        "[@derasmo2000]",
        "(D’Erasmo, 2000)",
        "D’Erasmo, S. (2000, April 26). The craft and career of writing [Lecture]. Northwestern University, Evanston, IL.",
    ),
    # "Better BibTeX does not use biblatex fields eprint and eprinttype #170.biblatex" (an arXiv preprint),
    Row(
        "zotero-arxiv-preprint",
        "\n@unpublished{BachmannDybalskiNaaijkens14,\n  title = {Lieb-{{Robinson}} Bounds, {{Arveson}} Spectrum and {{Haag-Ruelle}} Scattering Theory for Gapped Quantum Spin Systems},\n"
        "  author = {Bachmann, Sven and Dybalski, Wojciech and Naaijkens, Pieter},\n  date = {2014-12-09},\n  eprint = {1412.2970},\n  eprinttype = {arxiv},\n"
        "  primaryclass = {math-ph, physics:quant-ph},\n  url = {http://arxiv.org/abs/1412.2970},\n  urldate = {2015-02-07},\n  archiveprefix = {arXiv},\n"
        "  keywords = {Lieb-Robinson bounds,Mathematical Physics,Quantum Physics}\n}\n",
        "[@BachmannDybalskiNaaijkens14]",
        "(Bachmann et al., 2014)",
        "Bachmann, S., Dybalski, W., & Naaijkens, P. (2014). Lieb-Robinson bounds, Arveson spectrum and Haag-Ruelle scattering theory for gapped quantum spin systems [Preprint]. arXiv. http://arxiv.org/abs/1412.2970",
    ),
    # and "Add PhD diss. to Zotero Type field conversion to phdthesis #3296.biblatex" (abstract shortened).
    Row(
        "zotero-thesis",
        "@thesis{Savoldi_2024,\n  type = {phdthesis},\n  title = {Dos peixes à língua: implicações da concepção de língua em um registro ontológico tukano para a análise linguística},\n"
        "  shorttitle = {Dos peixes à língua},\n  author = {Savoldi da Rocha Azevedo, Dora},\n  date = {2024-04-24},\n  institution = {Universidade de São Paulo},\n"
        "  location = {São Paulo},\n  doi = {10.11606/D.8.2024.tde-15102024-121507},\n"
        "  abstract = {This study explores alternative paths for understanding linguistic phenomena in Tukano.},\n  langid = {brazilian},\n  shortauthor = {Savoldi}\n}\n",
        "[@Savoldi_2024]",
        "(Savoldi da Rocha Azevedo, 2024)",
        "Savoldi da Rocha Azevedo, D. (2024). Dos peixes à língua: implicações da concepção de língua em um registro ontológico tukano para a análise linguística [Doctoral dissertation, Universidade de São Paulo]. https://doi.org/10.11606/D.8.2024.tde-15102024-121507",
    ),
    # "urldate exported to .bib does not match Zoteros date anymore #3330.biblatex": a report
    # with its number again as pages (APA prints no pages for a report), urldate, langid, annotation.
    Row(
        "zotero-report",
        "@report{alesina2001WhyDoesntUS,\n  title = {Why doesn’t the {{US}} have a {{European-style}} welfare system?},\n"
        "  author = {Alesina, Alberto and Glaeser, Edward and Sacerdote, Bruce},\n  date = {2001-10},\n  number = {w8524},\n  pages = {w8524},\n"
        "  institution = {National Bureau of Economic Research},\n  location = {Cambridge, MA},\n  doi = {10.3386/w8524},\n"
        "  url = {http://www.nber.org/papers/w8524.pdf},\n  urldate = {2023-11-30},\n  langid = {english},\n"
        "  annotation = {MAG: 2106676663\\\\\nOpenAlex: W2106676663\\\\\nCorpusID: 227225830}\n}\n",
        "[@alesina2001WhyDoesntUS]",
        "(Alesina et al., 2001)",
        "Alesina, A., Glaeser, E., & Sacerdote, B. (2001). Why doesn’t the US have a European-style welfare system? (No. w8524). National Bureau of Economic Research. https://doi.org/10.3386/w8524",
    ),
    # "Preprint with status in extra fails to export #2881.biblatex", its key (which the site
    # refuses: see MISTAKES) renamed: @online with eprinttype, pubstate, note.
    Row(
        "zotero-online-preprint",
        "@online{katsumata2020,\n  title = {Dynamics of the {{Holloway Current}}, the long-shore current on the {{Australian North West Shelf}}},\n"
        "  author = {Katsumata, Katsuro and Ridgway, Ken R.},\n  date = {2020-08-03},\n  eprinttype = {ESS Open Archive},\n  eprintclass = {Oceanography},\n"
        "  doi = {10.1002/essoar.10503873.1},\n  url = {http://www.essoar.org/doi/10.1002/essoar.10503873.1},\n  urldate = {2021-09-26},\n"
        "  langid = {english},\n  pubstate = {submitted},\n  annotation = {submitted},\n  note = {submitted}\n}\n",
        "[@katsumata2020]",
        "(Katsumata & Ridgway, 2020)",
        "Katsumata, K., & Ridgway, K. R. (2020). Dynamics of the Holloway Current, the long-shore current on the Australian North West Shelf [Preprint]. ESS Open Archive. https://doi.org/10.1002/essoar.10503873.1",
    ),
    # Web pages: "biber 2.14 rejects the date field generated from Better BibLaTex #1695"
    # (a date with its time; the site named as organization is the author: APA names it once)
    Row(
        "zotero-web-page",
        "@online{ruderOverviewGradientDescent2016,\n  title = {An Overview of Gradient Descent Optimization Algorithms},\n  author = {Ruder, Sebastian},\n"
        "  date = {2016-01-19T14:20:00},\n  url = {https://ruder.io/optimizing-gradient-descent/},\n  urldate = {2020-11-24},\n"
        "  abstract = {Gradient descent is the preferred way to optimize neural networks and many other machine learning algorithms but is often used as a black box. "
        "This post explores how many of the most popular gradient-based optimization algorithms such as Momentum, Adagrad, and Adam actually work.},\n"
        "  langid = {english},\n  organization = {Sebastian Ruder}\n}\n",
        "[@ruderOverviewGradientDescent2016]",
        "(Ruder, 2016)",
        "Ruder, S. (2016, January 19). An overview of gradient descent optimization algorithms. https://ruder.io/optimizing-gradient-descent/",
    ),
    # and "Read-only group #3430" (no date: n.d. and the day it was read).
    Row(
        "zotero-web-page-without-date",
        "@online{birnbaum,\n  title = {What Is {{XML}} and Why Should Humanists Care? {{An}} Even Gentler Introduction to {{XML}}},\n"
        "  author = {Birnbaum, David},\n  url = {http://dh.obdurodon.org/what-is-xml.xhtml},\n  urldate = {2016-10-19}\n}\n",
        "[@birnbaum]",
        "(Birnbaum, n.d.)",
        "Birnbaum, D. (n.d.). What is XML and why should humanists care? An even gentler introduction to XML. Retrieved October 19, 2016, from http://dh.obdurodon.org/what-is-xml.xhtml",
    ),
    # Same author, same year, keys typed in the other order: APA's "2003a, 2003b".
    Row(
        "same-author-same-year",
        "@book{hollis2003b,\n  author    = {Hollis, James},\n  title     = {On This Journey We Call Our Life},\n  publisher = {Inner City Books},\n  year      = {2003},\n}\n"
        "@book{hollis2003a,\n  author    = {Hollis, James},\n  title     = {Mythologems: Incarnations of the Invisible World},\n  publisher = {Inner City Books},\n  year      = {2003},\n}\n",
        "[@hollis2003b; @hollis2003a]",
        "(Hollis, 2003a, 2003b)",
        "Hollis, J. (2003a). Mythologems: Incarnations of the invisible world. Inner City Books.",
    ),
    # BibTeX's other form, @type(...), and an edition in words.
    Row(
        "entry-in-parentheses",
        "@book(beck2011,\n  author    = {Beck, Judith S.},\n  title     = {Cognitive Behavior Therapy: Basics and Beyond},\n  edition   = {Second},\n"
        "  publisher = {Guilford Press},\n  year      = {2011},\n)\n",
        "[@beck2011]",
        "(Beck, 2011)",
        "Beck, J. S. (2011). Cognitive behavior therapy: Basics and beyond (2nd ed.). Guilford Press.",
    ),
    Row(
        "edition-as-ordinal",
        "@book{barlow2014,\n  editor    = {Barlow, David H.},\n  title     = {Clinical Handbook of Psychological Disorders: A Step-by-Step Treatment Manual},\n"
        "  edition   = {5th edition},\n  publisher = {Guilford Press},\n  year      = {2014},\n}\n",
        "[@barlow2014]",
        "(Barlow, 2014)",
        "Barlow, D. H. (Ed.). (2014). Clinical handbook of psychological disorders: A step-by-step treatment manual (5th ed.). Guilford Press.",
    ),
    # The number as the cover prints it, series and label included.
    Row(
        "report-number-with-its-label",
        "@techreport{nimh2021,\n  author      = {{National Institute of Mental Health}},\n  title       = {Depression},\n"
        "  number      = {NIH Publication No. 21-MH-8079},\n  institution = {U.S. Department of Health and Human Services, National Institutes of Health},\n"
        "  year        = {2021},\n  url         = {https://www.nimh.nih.gov/health/publications/depression},\n}\n",
        "[@nimh2021]",
        "(National Institute of Mental Health, 2021)",
        "National Institute of Mental Health. (2021). Depression (NIH Publication No. 21-MH-8079). U.S. Department of Health and Human Services, National Institutes of Health. https://www.nimh.nih.gov/health/publications/depression",
    ),
    # A site named as the author is not named again (APA 7, 10.16).
    Row(
        "site-repeats-author",
        "@misc{mayo-insomnia,\n  author       = {{Mayo Clinic}},\n  title        = {Insomnia},\n  howpublished = {Mayo Clinic},\n  year         = {2016},\n"
        "  url          = {https://www.mayoclinic.org/diseases-conditions/insomnia/symptoms-causes/syc-20355167},\n}\n",
        "[@mayo-insomnia]",
        "(Mayo Clinic, 2016)",
        "Mayo Clinic. (2016). Insomnia. https://www.mayoclinic.org/diseases-conditions/insomnia/symptoms-causes/syc-20355167",
    ),
    # Zotero's usual @misc for a web page: the site as journal.
    Row(
        "zotero-site-as-journal",
        "@misc{nhs-insomnia,\n  author  = {{National Health Service}},\n  title   = {Insomnia},\n  url     = {https://www.nhs.uk/conditions/insomnia/},\n"
        "  journal = {nhs.uk},\n  year    = {2021},\n  urldate = {2024-03-05},\n}\n",
        "[@nhs-insomnia]",
        "(National Health Service, 2021)",
        "National Health Service. (2021). Insomnia. nhs.uk. https://www.nhs.uk/conditions/insomnia/",
    ),
    # An article number in pages, as Crossref and Zotero export it; online first in a publisher's words.
    Row(
        "article-number-in-pages",
        "@article{lin2016,\n  author  = {Lin, Li-yu and Sidani, Jaime E. and Shensa, Ariel},\n  title   = {Association Between Social Media Use and Depression},\n"
        "  journal = {PLoS ONE},\n  year    = {2016},\n  volume  = {11},\n  number  = {2},\n  pages   = {e0149794},\n  doi     = {10.1371/journal.pone.0149794},\n}\n",
        "[@lin2016]",
        "(Lin et al., 2016)",
        "Lin, L., Sidani, J. E., & Shensa, A. (2016). Association between social media use and depression. PLoS ONE, 11(2), Article e0149794. https://doi.org/10.1371/journal.pone.0149794",
    ),
    Row(
        "online-first-in-other-words",
        "@article{early2023,\n  author   = {Early, Ann and Later, Ben},\n  title    = {Sleep After Loss},\n  journal  = {Mindfulness},\n  year     = {2023},\n"
        "  pubstate = {online first},\n  doi      = {10.1007/s12671-023-00001-1},\n}\n",
        "[@early2023]",
        "(Early & Later, 2023)",
        "Early, A., & Later, B. (2023). Sleep after loss. Mindfulness. Advance online publication. https://doi.org/10.1007/s12671-023-00001-1",
    ),
    Row(
        "narrative-citation",
        "",
        "Inwood and Ferrari [-@inwood2018]",
        "Inwood and Ferrari (2018)",
        "Inwood, E., & Ferrari, M. (2018). Mechanisms of change in the relationship between self-compassion, emotion regulation, and mental health: A systematic review. Applied Psychology: Health and Well-Being, 10(2), 215–235. https://doi.org/10.1111/aphw.12127",
    ),
]
PAGE = "apa-examples.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One tmp copy of the site with every row cited on one page, built once."""
    project = copy_project(tmp_path_factory.mktemp("apa") / "project")
    with (project / "references.bib").open("a", encoding="utf-8") as file:
        file.write("".join("\n" + row.bibtex for row in ROWS if row.bibtex))
    body = "".join(f"{row.id}: {row.cite}.\n\n" for row in ROWS)
    (project / "docs" / PAGE).write_text(
        f"---\ndescription: Every APA 7 reference type the site prints, each cited once, as a test of the formatting.\n---\n\n# APA examples\n\n{body}",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  /privacy.md\n", f"  /privacy.md\n  /{PAGE}\n"), encoding="utf-8"
    )
    build = build_site(project)
    assert build.returncode == 0, build.stderr
    return project / "site", build.stderr


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_each_apa_type_prints_as_the_manual_shows_it(built, row):
    site, _ = built
    document = page(site, "apa-examples")
    paragraphs = {
        normalize(p.text_content()).split(": ", 1)[0]: normalize(p.text_content())
        for p in document.cssselect("article p")
    }
    assert paragraphs[row.id] == f"{row.id}: {row.in_text}."
    key = min(k.strip("[]@-; ") for k in row.cite.split("@")[1:])
    [entry] = document.cssselect(f'div[id="ref-{key}"]')
    assert normalize(entry.text_content()) == row.reference


def test_article_without_doi_is_a_notice_not_a_strict_failure(built):
    _, log = built
    assert "entry 'kabatzinn1982' (@article) has no doi; add doi = {10.xxxx/...} if the work has one" in log
    assert "WARNING" not in log


@dataclass
class Mistake:
    id: str
    bibtex: str
    line_text: str  # a text on the line the message must name
    message: str


STUB = (
    offline_stub("10.1037/a0012345", author="Smith", year="2008", existing_keys=set())[1]
    .replace("{Smith, GIVEN NAMES", "{Smith, John")
    .replace("smith2008", "stub2008")
)
MISTAKES = [
    Mistake(
        "howpublished-repeats-url",
        "@misc{cdc-sleep,\n  author       = {{Centers for Disease Control and Prevention}},\n  title        = {Sleep and Sleep Disorders},\n"
        "  year         = {2022},\n  howpublished = {\\url{https://www.cdc.gov/sleep/}},\n  url          = {https://www.cdc.gov/sleep/},\n}\n",
        "howpublished = {\\url",
        "entry 'cdc-sleep': howpublished holds a web address, which would print beside the url; delete the howpublished line",
    ),
    Mistake(
        "unescaped-percent",
        "@online{sleep-survey,\n  author = {{Sleep Foundation}},\n  title  = {Only 45% of Adults Sleep Enough},\n  date   = {2023-03-10},\n"
        "  url    = {https://www.sleepfoundation.org/survey?utm=a%20b},\n}\n",
        "Only 45%",
        "entry 'sleep-survey': the 'title' field has a % that BibTeX reads as the start of a comment, cutting the text there; write \\% instead",
    ),
    Mistake(
        "form-left-half-filled",
        STUB,
        "and FAMILY, GIVEN NAMES",
        "entry 'stub2008': the 'author' field still holds 'FAMILY' from the make new-reference form",
    ),
    Mistake(
        "form-title-left",
        "",
        "TITLE OF THE ARTICLE",
        "entry 'stub2008': the 'title' field still holds 'TITLE OF THE ARTICLE'",
    ),
    Mistake("form-pages-left", "", "FIRST--LAST", "entry 'stub2008': the 'pages' field still holds 'FIRST--LAST'"),
    Mistake(
        "one-doi-two-keys",
        "@article{inwood2018b,\n  author  = {Inwood, Elisa and Ferrari, Madeleine},\n  title   = {Mechanisms of Change},\n"
        "  journal = {Applied Psychology: Health and Well-Being},\n  year    = {2018},\n  volume  = {10},\n  pages   = {215--235},\n"
        "  doi     = {10.1111/APHW.12127},\n}\n",
        "10.1111/APHW.12127",
        "entry 'inwood2018b' has the DOI of entry 'inwood2018' (10.1111/APHW.12127): one work under two keys prints twice",
    ),
    Mistake(
        "undated-web-page-without-urldate",
        "@online{nimh-depression,\n  author = {{National Institute of Mental Health}},\n  title  = {Depression},\n"
        "  url    = {https://www.nimh.nih.gov/health/topics/depression},\n}\n",
        "@online{nimh-depression,",
        "entry 'nimh-depression' (@online) lacks the year field, which a web page needs; add date = {YYYY-MM-DD} as the page shows it; "
        "for a page with no date, add urldate = {YYYY-MM-DD}",
    ),
    Mistake(
        "online-first-without-pubstate",
        "@article{early2024,\n  author  = {Early, Ann},\n  title   = {Published Online First},\n  journal = {Mindfulness},\n  year    = {2024},\n"
        "  doi     = {10.1007/s12671-024-00001-1},\n}\n",
        "@article{early2024,",
        "entry 'early2024' (@article) lacks the volume field, which a journal article needs; add volume = {...} as the journal web page shows it; "
        "for an article published online first (a DOI, no volume yet), add pubstate = {Advance online publication} instead",
    ),
    Mistake(
        "year-typed-nd",
        "@online{nd-typed,\n  author  = {{Mind}},\n  title   = {Anxiety},\n  year    = {n.d.},\n  urldate = {2024-03-05},\n  url     = {https://www.mind.org.uk/anxiety/},\n}\n",
        "year    = {n.d.}",
        "entry 'nd-typed' has year 'n.d.'; delete the year line for a work with no date: APA then prints (n.d.)",
    ),
    Mistake(  # a clinician's trial: told to write four digits
        "year-typed-in-press",
        "@article{press-typed,\n  author  = {Doe, Jane},\n  title   = {Worry at night},\n  journal = {Sleep},\n  year    = {in press},\n}\n",
        "year    = {in press}",
        "entry 'press-typed' has year 'in press'; delete the year line and write pubstate = {in press}: APA then prints (in press)",
    ),
    Mistake(
        "biblatex-without-journaltitle",
        "@article{zotero2021,\n  author = {Doe, Jane},\n  title  = {Exported},\n  date   = {15/03/2021},\n  volume = {3},\n  pages  = {1--9},\n}\n",
        "@article{zotero2021,",
        "entry 'zotero2021' (@article) lacks the journal field, which a journal article needs; add journal = {...} (journaltitle, as reference managers write it, is the same)",
    ),
    # Verbatim from retorquere/zotero-better-bibtex test/fixtures/export/"Citation key add
    # `_preprint` if URL contains `arxiv.org` #2163.biblatex": a talk, but of what kind?
    Mistake(
        "zotero-presentation-without-type",
        "@inproceedings{chaudhari_stochastic_gradient_2018,\n  title = {Stochastic Gradient Descent Performs Variational Inference, Converges to Limit Cycles for Deep Networks},\n"
        "  author = {Chaudhari, Pratik and Soatto, Stefano},\n  date = {2018-02-15},\n  url = {https://openreview.net/forum?id=HyWrIgW0W},\n"
        "  urldate = {2022-02-06},\n  abstract = {SGD implicitly performs variational inference; gradient noise is highly non-isotropic, so SGD does not even converge to critical points of the original loss},\n"
        "  eventtitle = {International {{Conference}} on {{Learning Representations}}},\n  langid = {english},\n  annotation = {00000}\n}\n",
        "@inproceedings{chaudhari_stochastic_gradient_2018,",
        "entry 'chaudhari_stochastic_gradient_2018' (@inproceedings) lacks the type field, which a conference presentation needs; add type = {Paper presentation}",
    ),
    # Verbatim from the same fixtures: "Preprint with status in extra fails to export #2881"
    # (a key with '.' and ':') and "Field Institution not available anymore in key pattern
    # for Zotero #1568" (a report whose organisation Zotero holds only as institution).
    Mistake(
        "zotero-key-with-colon",
        "@online{KatsumataK.RidgwayKR:2020,\n  title = {Dynamics of the {{Holloway Current}}, the long-shore current on the {{Australian North West Shelf}}},\n"
        "  author = {Katsumata, Katsuro and Ridgway, Ken R.},\n  date = {2020-08-03},\n  eprinttype = {ESS Open Archive},\n  eprintclass = {Oceanography},\n"
        "  doi = {10.1002/essoar.10503873.1},\n  url = {http://www.essoar.org/doi/10.1002/essoar.10503873.1},\n  urldate = {2021-09-26},\n"
        "  langid = {english},\n  pubstate = {submitted},\n  annotation = {submitted},\n  note = {submitted}\n}\n",
        "@online{KatsumataK.RidgwayKR:2020,",
        "key 'KatsumataK.RidgwayKR:2020' can only hold letters, digits, '_' and '-'; rename it, e.g. 'KatsumataKRidgwayKR2020'",
    ),
    Mistake(
        "zotero-report-without-author",
        "\n@report{CiscoSystemsInc_CiscoAnnualInternet_2020,\n  type = {White paper},\n"
        "  title = {Cisco {{Annual Internet Report}} - {{Cisco Annual Internet Report}} (2018–2023) {{White Paper}}},\n  date = {2020-03-09},\n  pages = {35},\n"
        "  institution = {Cisco Systems, Inc.},\n"
        "  url = {https://www.cisco.com/c/en/us/solutions/collateral/executive-perspectives/annual-internet-report/white-paper-c11-741490.html},\n"
        "  urldate = {2020-07-08},\n  langid = {english}\n}\n\n\n",
        "@report{CiscoSystemsInc_CiscoAnnualInternet_2020,",
        "entry 'CiscoSystemsInc_CiscoAnnualInternet_2020' (@report) lacks the author field, which a report needs; add author = {...}; for a report by an organisation, its name in double braces",
    ),
    # "BBT yields error with quality report #1387": a year Zotero could not read.
    Mistake(
        "zotero-year-not-a-year",
        "@online{HopfieldTank85,\n  title = {{`Neural'} computation of decisions in optimization problems.},\n  author = {Hopfield, J. J. and Tank, D. W.},\n"
        "  year = {xx 1985},\n  eprint = {4027280},\n  eprinttype = {pubmed},\n  url = {http://www.ncbi.nlm.nih.gov/pubmed/4027280},\n"
        "  organization = {Biological Cybernetics}\n}\n",
        "year = {xx 1985}",
        "entry 'HopfieldTank85' has year 'xx 1985'; write the year it was published, in four digits",
    ),
    Mistake(
        "database-dissertation-with-url",
        "@phdthesis{hollander2017db,\n  author    = {Hollander, Matthew M.},\n  title     = {Resistance to Authority},\n  school    = {University of Wisconsin--Madison},\n"
        "  number    = {10281471},\n  publisher = {ProQuest Dissertations and Theses Global},\n  year      = {2017},\n"
        "  url       = {https://search.proquest.com/docview/1949319578},\n}\n",
        "url       = {https://search.proquest",
        "entry 'hollander2017db': a dissertation from a database (its publisher and publication number) is cited without its url in APA 7; delete the url line",
    ),
    Mistake(
        "field-given-twice",
        "@book{smith2020,\n  author    = {Smith, Jane},\n  title     = {Twice Dated},\n  publisher = {Guilford Press},\n  year      = {2019},\n  year      = {2020},\n}\n",
        "year      = {2020}",
        "entry 'smith2020' has two year fields; keep one",
    ),
    Mistake(
        "value-without-braces",
        "@book{guilford2019,\n  author    = {Smith, Jane},\n  title     = {Unbraced},\n  publisher = Guilford Press,\n  year      = {2019},\n}\n",
        "publisher = Guilford Press,",
        "publisher = Guilford Press has no braces, so BibTeX reads Guilford as the name of an @string; write publisher = {Guilford Press}",
    ),
    Mistake(
        "key-with-space",
        "@book{smith 2021,\n  author    = {Smith, Jane},\n  title     = {Spaced},\n  publisher = {Guilford Press},\n  year      = {2021},\n}\n",
        "@book{smith 2021,",
        "key 'smith 2021' can only hold letters, digits, '_' and '-'; rename it, e.g. 'smith2021'",
    ),
    Mistake(
        "dollar-in-title",
        "@online{fees2023,\n  author = {{Psychology Today}},\n  title  = {Pay $50 or $100 Now},\n  date   = {2023-03-10},\n  url    = {https://www.psychologytoday.com/fees},\n}\n",
        "Pay $50",
        "entry 'fees2023': the 'title' field has a $ that BibTeX reads as math, which prints garbled or not at all; write \\$ instead (\\$50)",
    ),
    # The organisation vanished from the reference and its citations, with no message.
    Mistake(
        "dollar-in-group-author",
        "@online{money2022,\n  author = {{Money $ Mind Collective}},\n  title  = {Paying for Therapy},\n  date   = {2022-05-01},\n  url    = {https://example.org/paying},\n}\n",
        "Money $ Mind",
        "entry 'money2022': the 'author' field has a $ that BibTeX reads as math, which prints garbled or not at all; write \\$ instead (\\$50)",
    ),
    Mistake(
        "caret-in-title",
        "@article{rsq2020,\n  author  = {Doe, Jane},\n  title   = {Why R^2 Misleads},\n  journal = {Psychological Methods},\n  year    = {2020},\n  volume  = {25},\n"
        "  pages   = {1--9},\n  doi     = {10.1037/met0000001},\n}\n",
        "Why R^2",
        "entry 'rsq2020': the 'title' field has a ^ that BibTeX reads as math, which prints garbled or not at all; write the character itself instead (R², not R^2)",
    ),
    Mistake(
        "group-author-in-single-braces",
        "@book{apa2020,\n  author    = {American Psychological Association},\n  title     = {Publication Manual of the {American Psychological Association}},\n"
        "  edition   = {7},\n  publisher = {American Psychological Association},\n  year      = {2020},\n  doi       = {10.1037/0000165-000},\n}\n",
        "author    = {American Psychological Association}",
        "entry 'apa2020': the author 'American Psychological Association' reads as a person's name ('Association, American Psychological'); write a group's name in double braces: author = {{American Psychological Association}}",
    ),
    Mistake(
        "impossible-urldate",
        "@online{mind-sleep,\n  author  = {{Mind}},\n  title   = {Sleep Problems},\n  urldate = {2024-02-30},\n  url     = {https://www.mind.org.uk/sleep/},\n}\n",
        "urldate = {2024-02-30}",
        "entry 'mind-sleep' has urldate '2024-02-30', a day that does not exist: February 2024 has 29 days; write the date the source gives",
    ),
    Mistake(
        "impossible-month",
        "@online{mind-stress,\n  author = {{Mind}},\n  title  = {Stress},\n  date   = {2023-13-01},\n  url    = {https://www.mind.org.uk/stress/},\n}\n",
        "date   = {2023-13-01}",
        "entry 'mind-stress' has date '2023-13-01', a day that does not exist: there is no month 13 (months run from 01 to 12); write the date the source gives",
    ),
    Mistake(
        "year-and-date-disagree",
        "@online{mind-anger,\n  author = {{Mind}},\n  title  = {Anger},\n  year   = {2019},\n  date   = {2018-05-02},\n  url    = {https://www.mind.org.uk/anger/},\n}\n",
        "year   = {2019}",
        "entry 'mind-anger' has year '2019' and date '2018-05-02', which disagree; keep the one the source gives and delete the other line",
    ),
    Mistake(
        "trailing-and-in-authors",
        "@book{smithjones2020,\n  author    = {Smith, Jane and Jones, Bob and},\n  title     = {Listed},\n  publisher = {Guilford Press},\n  year      = {2020},\n}\n",
        "Jones, Bob and}",
        "entry 'smithjones2020': the 'author' field has an 'and' with no name on one side ('Jones, Bob and'); delete the extra 'and'",
    ),
    Mistake(
        "crossref-to-the-book",
        "@incollection{chapter2019,\n  author   = {Doe, Jane},\n  title    = {A Chapter},\n  crossref = {handbook2019},\n  pages    = {1--20},\n}\n",
        "@incollection{chapter2019,",
        "entry 'chapter2019' has crossref = {handbook2019}, which the site does not follow; copy the fields it needs (booktitle, editor, publisher, year) from 'handbook2019' into this entry and delete the crossref line",
    ),
    Mistake(
        "date-not-iso",
        "",
        "date   = {15/03/2021}",
        "entry 'zotero2021' has date '15/03/2021'; write it as YYYY-MM-DD, e.g. date = {2021-03-15}",
    ),
    # Issue 21: names pasted as PubMed lists them printed mangled without a word; as an APA
    # reference lists them, pybtex stopped the build with a traceback ("Too many commas").
    Mistake(
        "names-as-pubmed-lists-them",
        "@article{grady2019pubmed,\n  author  = {Grady JS, Her M, Moreno G, Perez C, Yelinek J},\n  title   = {Emotions in Storybooks},\n"
        "  journal = {Psychology of Popular Media Culture},\n  year    = {2019},\n  volume  = {8},\n  number  = {3},\n  pages   = {207--217},\n}\n",
        "{Grady JS, Her M",
        "entry 'grady2019pubmed': the author field has a name in PubMed's form ('Grady JS'), which BibTeX reads as the given name 'Grady' "
        "and the family name 'JS'; write author = {Grady, J. S. and Her, M. and Moreno, G. and Perez, C. and Yelinek, J.}",
    ),
    Mistake(
        "names-as-an-apa-reference-lists-them",
        "@article{craske2014,\n  author  = {Craske, M. G., Treanor, M., Conway, C. C., Zbozinek, T., & Vervliet, B.},\n  title   = {Maximizing Exposure Therapy},\n"
        "  journal = {Behaviour Research and Therapy},\n  year    = {2014},\n  volume  = {58},\n  pages   = {10--23},\n  doi     = {10.1016/j.brat.2014.04.006},\n}\n",
        "{Craske, M. G., Treanor",
        "entry 'craske2014': the author field has people separated by commas ('Craske, M. G., Treanor, M.'), where BibTeX separates people "
        "only with 'and'; write author = {Craske, M. G. and Treanor, M. and Conway, C. C. and Zbozinek, T. and Vervliet, B.}",
    ),
    Mistake(
        "et-al-in-authors",
        "@book{gilbert2014etal,\n  author    = {Gilbert, Paul and Choden, et al.},\n  title     = {Mindful Compassion},\n  publisher = {Robinson},\n  year      = {2014},\n}\n",
        "Choden, et al.",
        "entry 'gilbert2014etal': the author field has 'et al.', which BibTeX reads as a person named 'al.'; write author = {Gilbert, Paul and Choden}; "
        "then add the authors it leaves out: APA lists up to 20 (the site shortens citations itself)",
    ),
    Mistake(
        "typographic-quotes-around-a-value",
        "@book{quoted2019,\n  author    = “Neff, Kristin”,\n  title     = {Self-Compassion},\n  publisher = {William Morrow},\n  year      = {2011},\n}\n",
        "“Neff, Kristin”",
        "the value of author opens with a typographic quote (U+201C LEFT DOUBLE QUOTATION MARK), which BibTeX does not read as a quote; "
        "write author = {Neff, Kristin}",
    ),
    Mistake(
        "invisible-character-in-key",
        "@book{neff\u200b2011,\n  author    = {Neff, Kristin},\n  title     = {Self-Compassion: The Proven Power of Being Kind to Yourself},\n  publisher = {William Morrow},\n"
        "  year      = {2011},\n}\n",
        "@book{neff\u200b2011,",
        "an invisible character, U+200B ZERO WIDTH SPACE, stands in the entry's type or key; delete it (retype the text around it)",
    ),
    Mistake(
        "no-break-space-in-url",
        "@online{mind-panic,\n  author = {{Mind}},\n  title  = {Panic Attacks},\n  date   = {2021-02-01},\n  url    = {https://www.mind.org.uk/panic\u00a0attacks/},\n}\n",
        "panic\u00a0attacks",
        "an invisible character, U+00A0 NO-BREAK SPACE, stands in the url, where it breaks the link; delete it (retype the text around it)",
    ),
    Mistake(
        "title-braced-whole",
        "@article{mendeley2019,\n  author  = {Doe, Jane},\n  title   = {{Emotions in Storybooks: A Comparison}},\n  journal = {Psychology of Popular Media Culture},\n"
        "  year    = {2019},\n  volume  = {8},\n  pages   = {1--9},\n  doi     = {10.1037/ppm0000999},\n}\n",
        "{{Emotions in Storybooks",
        "entry 'mendeley2019': the title is braced whole ({{Emotions in Storybooks: A Comparison}}), which keeps its capitals, "
        "so it prints as typed, not in the sentence case APA asks for; write title = {Emotions in Storybooks: A Comparison}, with braces only around names: {United States}",
    ),
    Mistake(
        "title-in-capitals",
        "@article{capitals2019,\n  author  = {Doe, John},\n  title   = {EMOTIONS IN STORYBOOKS},\n  journal = {Psychology of Popular Media Culture},\n"
        "  year    = {2019},\n  volume  = {8},\n  pages   = {1--9},\n  doi     = {10.1037/ppm0000998},\n}\n",
        "{EMOTIONS IN STORYBOOKS}",
        "entry 'capitals2019': the title is in capitals ('EMOTIONS IN STORYBOOKS'), which the site prints as typed; write it as the work "
        "prints it in small letters, e.g. title = {Emotions in storybooks}, with names in braces: {United States}",
    ),
    Mistake(
        "name-in-sentence-case-title",
        "@incollection{jones2019,\n  author    = {Jones, Bob},\n  title     = {Compassion in the work of Freud and his students},\n"
        "  booktitle = {Handbook of Psychotherapy in {Vienna}},\n  editor    = {Doe, Jane},\n  publisher = {Springer},\n  year      = {2019},\n"
        "  pages     = {3--24},\n}\n",
        "work of Freud",
        "entry 'jones2019': the title is in sentence case, and the site prints its capitalised 'Freud' in small letters ('freud'); "
        "brace a name to keep its capitals: {Freud}, or write a word that is not a name in small letters",
    ),
    # As doi.org gives a title: Title Case, which the site lowers whole.
    Mistake(
        "nationality-in-title-case-title",
        "@article{li2020,\n  author  = {Li, Wei},\n  title   = {Self-Compassion Among Chinese Adolescents in {Hong Kong}},\n"
        "  journal = {Mindfulness},\n  year    = {2020},\n  volume  = {11},\n  pages   = {1--9},\n  doi     = {10.1007/s12671-020-99999-x},\n}\n",
        "Among Chinese Adolescents",
        "entry 'li2020': the site prints the title in sentence case, as APA asks, which puts 'Chinese' in small letters ('chinese'), "
        "though English always capitalises it; brace each name to keep its capitals: {Chinese}",
    ),
    # As Better BibTeX exports a book title after Zotero's "Sentence case" (a clinician's trial).
    Mistake(
        "university-city-in-title-case-booktitle",
        "@incollection{neff2017,\n  author    = {Neff, Kristin D. and Germer, Christopher},\n  title     = {Self-compassion and psychological well-being},\n"
        "  booktitle = {The Oxford Handbook of Compassion Science},\n  editor    = {Seppälä, Emma M.},\n  publisher = {Oxford University Press},\n"
        "  year      = {2017},\n  pages     = {371--385},\n}\n",
        "The Oxford Handbook",
        "entry 'neff2017': the site prints the booktitle in sentence case, as APA asks, which puts 'Oxford' in small letters ('oxford'), "
        "though English always capitalises it; brace each name to keep its capitals: {Oxford}",
    ),
    Mistake(
        "lone-letter-in-title-case-title",
        "@article{denollet2005,\n  author  = {Denollet, Johan},\n  title   = {Standard Assessment of Type D Personality},\n"
        "  journal = {Mindfulness},\n  year    = {2005},\n  volume  = {11},\n  pages   = {1--9},\n  doi     = {10.1007/s12671-020-99998-x},\n}\n",
        "Type D Personality",
        "entry 'denollet2005': the site prints the title in sentence case, as APA asks, which puts 'D' in small letters ('d'), "
        "though a capital letter standing alone is never meant small; brace the letter to keep its capital: Type {D}",
    ),
    # Pandoc reads the initial's '.' as a sentence's end: "The legacy of aaron t. Beck".
    Mistake(
        "initial-in-title",
        "@article{beck2021,\n  author  = {Doe, Jane},\n  title   = {The Legacy of Aaron T. Beck: Cognitive Therapy at 50},\n"
        "  journal = {Mindfulness},\n  year    = {2021},\n  volume  = {12},\n  pages   = {1--9},\n  doi     = {10.1007/s12671-020-99997-x},\n}\n",
        "Aaron T. Beck",
        "entry 'beck2021': the site prints the title in sentence case, as APA asks, which puts 'Aaron', 'T' in small letters ('aaron', 't'), "
        "though an initial is never meant small; brace the name with its initials to keep its capitals (pandoc reads the '.' after an "
        "initial as a sentence's end, printing the initial small and the word after it with a capital): {Aaron T. Beck}",
    ),
    Mistake(
        "html-code-in-journal",
        # As doi.org and DataCite give a journal's '&' (printed "&Amp;"; a title with one is dropped).
        "@article{ampersand2019,\n  author  = {Doe, Jane},\n  title   = {Self-compassion and rumination},\n"
        "  journal = {Clinical Psychology &amp; Psychotherapy},\n  year    = {2019},\n  volume  = {26},\n  pages   = {1--9},\n"
        "  doi     = {10.1002/cpp.9999},\n}\n",
        "&amp; Psychotherapy",
        "entry 'ampersand2019': the 'journal' field has '&amp;', the web's code for '&', which the site prints garbled or not at all; write & instead",
    ),
    Mistake(
        "film-as-biblatex-video",
        "@video{forman1975,\n  author    = {Forman, Milos},\n  title     = {One Flew Over the Cuckoo's Nest},\n  publisher = {United Artists},\n  year      = {1975},\n}\n",
        "@video{forman1975,",
        "entry 'forman1975' has type @video, which the site does not render; write it as @online with type = {Video} (APA's bracketed description) "
        "and the site or distributor as organization; APA's role after a name, such as (Director) or (Host), cannot be written in BibTeX",
    ),
    Mistake(
        "german-title-without-langid",
        # As doi.org exports Gräfe et al. (2004): no language field.
        "@article{grafe2004,\n  author  = {Gräfe, Kerstin and Zipfel, Stephan and Herzog, Wolfgang and Löwe, Bernd},\n"
        "  title   = {Screening psychischer Störungen mit dem „Gesundheitsfragebogen für Patienten (PHQ-D)“},\n"
        "  journal = {Diagnostica},\n  year    = {2004},\n  volume  = {50},\n  number  = {4},\n  pages   = {171--181},\n"
        "  doi     = {10.1026/0012-1924.50.4.171},\n}\n",
        "Screening psychischer",
        "entry 'grafe2004': the title reads as German, which pandoc would print in sentence case as if it were English "
        "('Störungen', 'Gesundheitsfragebogen', 'Patienten', 'D'); add langid = {german}, the language it is written in, so the site prints it as written",
    ),
]


@pytest.fixture(scope="module")
def refused(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """One tmp copy of the site with every mistake in references.bib, each cited; built once."""
    project = copy_project(tmp_path_factory.mktemp("mistakes") / "project")
    bib = project / "references.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8") + "".join("\n" + m.bibtex for m in MISTAKES if m.bibtex), encoding="utf-8"
    )
    keys = [m.bibtex.split("{", 1)[1].split(",", 1)[0] for m in MISTAKES if m.bibtex]
    article = project / "docs/articles/how-can-self-compassion-help-me.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "".join(f"\nSee [@{key}].\n" for key in keys), encoding="utf-8"
    )
    build = build_site(project)
    assert build.returncode != 0
    return bib.read_text(encoding="utf-8"), build.stderr


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.id for m in MISTAKES])
def test_each_mistake_that_printed_wrong_fails_the_build_at_its_line(refused, mistake):
    bib, log = refused
    line = 1 + bib[: bib.index(mistake.line_text)].count("\n")
    assert f"references.bib:{line}: {mistake.message}" in log
    assert "Traceback" not in log


def test_every_message_and_notice_of_these_builds_is_explained_in_contributing(built, refused):
    logs = built[1] + refused[1]
    messages = set(
        re.findall(
            r"^(?:\s+|INFO\s+-\s+)references\.bib:\d+: (.+?)(?: \(warning; fails the strict build\))?$",
            logs,
            re.MULTILINE,
        )
    )
    assert len(messages) >= len(MISTAKES) + 1
    for message in messages:
        assert shape(message) in shape(GUIDE), f"CONTRIBUTING.md does not explain: {message}"


# Titles as editors, doi.org and Zotero write them. In a part written in sentence case the
# site names exactly the capitalised words pandoc prints in small letters, and the names
# they stand in, braced as the fix; written so, each keeps its capitals and the message goes.
# Title Case is lowered whole, as APA asks.
@pytest.mark.parametrize(
    ("title", "names", "fixed"),
    [
        (
            "Compassion in the work of Freud and his students",
            "{Freud}",
            "Compassion in the work of {Freud} and his students",
        ),
        (
            "Mindful self-compassion (MSC) with Austrian youth in a trial",
            "{Austrian}",
            "Mindful self-compassion (MSC) with {Austrian} youth in a trial",
        ),
        (
            "Self-compassion in Germany: A study of Dutch and German adolescents",
            "{Germany}, {Dutch}, {German}",
            "Self-compassion in {Germany}: A study of {Dutch} and {German} adolescents",
        ),
        # doi.org's BibTeX for 10.1037/0272-7358(88)90050-5
        (
            "Psychometric properties of the Beck Depression Inventory: Twenty-five years of evaluation",
            "{Beck Depression Inventory}",
            "Psychometric properties of the {Beck Depression Inventory}: Twenty-five years of evaluation",
        ),
        ("Anxiety disorders: Evidence from Norway", "{Norway}", "Anxiety disorders: Evidence from {Norway}"),
        (
            "Depressive symptoms among older adults living in St. Louis",
            "{St}. {Louis}",
            "Depressive symptoms among older adults living in {St}. {Louis}",
        ),
        # Braces inside \emph{} only group its text: the whole command is braced.
        (
            "Reading \\emph{Mrs Dalloway} as a study of postwar trauma",
            "{\\emph{Mrs Dalloway}}",
            "Reading {\\emph{Mrs Dalloway}} as a study of postwar trauma",
        ),
        ("Living in Berlin. Then moving on", "{Berlin}", "Living in {Berlin}. Then moving on"),
        # doi.org's BibTeX for 10.1126/science.169.3946.635: Title Case, then a subtitle in sentence case.
        (
            "The Structure of Ordinary Water: New data and interpretations are yielding new insights into this fascinating substance",
            None,
            None,
        ),
        ("Self-Compassion and Attention: Self-Compassion Facilitates Disengagement from Negative Stimuli", None, None),
        ("Self-compassion, Self-esteem, and Well-being", None, None),
        ("Non-suicidal Self-injury in Adolescents", None, None),
        # Title Case with a word left small, and dashes setting off a phrase: printed as APA asks already.
        ("Self-Compassion and anxiety in College Students", None, None),
        ("Self-compassion—not self-esteem—predicts well-being in first-year students", None, None),
    ],
)
def test_names_told_in_a_sentence_case_title_are_the_words_pandoc_lowers_and_braces_keep_them(title, names, fixed):
    messages = [problem.message for problem in _title_problems(title)]
    if names is None:
        assert messages == []
        return
    lowered = [word for word, shown in zip(_words(title), _words(_printed_title(title)), strict=True) if word != shown]
    assert messages == [
        f"entry 'x2020': the title is in sentence case, and the site prints its capitalised {_small_letters(lowered)}"
        f"; brace a name to keep its capitals: "
        f"{names}, or write a word that is not a name in small letters"
    ]
    assert _title_problems(fixed) == []
    assert _words(_printed_title(fixed)) == _words(title)


# Pandoc prints a letter joined to a number as written: no name to brace.
@pytest.mark.parametrize(
    "title",
    [
        # Annese et al. (2014), as Nature Communications gives it.
        "Postmortem examination of patient H.M.'s brain based on histological sectioning and digital 3D reconstruction",
        "Anxiety during the H1N1 pandemic: A 2D and 3D survey",
    ],
)
def test_a_letter_joined_to_a_number_is_printed_as_written_and_not_told_as_a_name(title):
    assert not any("{D}" in problem.message or "H1N1" in problem.message for problem in _title_problems(title))
    assert all(word in _printed_title(title) for word in ("3D", "H1N1", "2D") if word in title)


# Words English capitalises wherever they stand (places, peoples, languages, religions,
# days, months) are named in a title of any case, each name braced whole; braced so, it
# prints with its capitals and the message goes. A month that is also a word ('May',
# 'March': "Children May Benefit") and a sentence's first word (after ':') are left alone.
@pytest.mark.parametrize(
    ("title", "lowered", "names", "fixed", "printed"),
    [
        # Title Case, as doi.org, Crossref and Zotero give most titles.
        (
            "Self-Compassion Among Chinese Adolescents in {Hong Kong}: Evidence From a Survey in March",
            ["Chinese"],
            "{Chinese}",
            "Self-Compassion Among {Chinese} Adolescents in {Hong Kong}: Evidence From a Survey in March",
            "Self-compassion among Chinese adolescents in Hong Kong: Evidence from a survey in march",
        ),
        (
            "Self-compassion in Germany and among African American women",
            ["Germany", "African", "American"],
            "{Germany}, {African American}",
            "Self-compassion in {Germany} and among {African American} women",
            "Self-compassion in Germany and among African American women",
        ),
        (
            "Loneliness in New Zealand and Sub-Saharan Africa",
            ["New", "Zealand", "Sub", "Saharan", "Africa"],
            "{New Zealand}, {Sub-Saharan Africa}",
            "Loneliness in {New Zealand} and {Sub-Saharan Africa}",
            "Loneliness in New Zealand and Sub-Saharan Africa",
        ),
        # doi.org's Title Case for 10.3115/v1/W14-3207.
        (
            "Quantifying Mental Health Signals in Twitter",
            ["Twitter"],
            "{Twitter}",
            "Quantifying Mental Health Signals in {Twitter}",
            "Quantifying mental health signals in Twitter",
        ),
        (
            "Children May Benefit From Mindfulness on Mondays",
            ["Mondays"],
            "{Mondays}",
            "Children May Benefit From Mindfulness on {Mondays}",
            "Children may benefit from mindfulness on Mondays",
        ),
        # A test named for its place, whole, its words joined by BibTeX's en dash too.
        (
            "Development of the 10-Item Edinburgh Postnatal Depression Scale",
            ["Edinburgh", "Postnatal", "Depression", "Scale"],
            "{Edinburgh Postnatal Depression Scale}",
            "Development of the 10-Item {Edinburgh Postnatal Depression Scale}",
            "Development of the 10-item Edinburgh Postnatal Depression Scale",
        ),
        (
            "The Columbia--Suicide Severity Rating Scale: Initial Validity",
            ["Columbia", "Suicide", "Severity", "Rating", "Scale"],
            "{Columbia--Suicide Severity Rating Scale}",
            "The {Columbia--Suicide Severity Rating Scale}: Initial Validity",
            "The Columbia–Suicide Severity Rating Scale: Initial validity",
        ),
        # A test named for a place, with its words up to the last the site knows ('Index').
        (
            "The Pittsburgh Sleep Quality Index: A New Instrument",
            ["Pittsburgh", "Sleep", "Quality", "Index"],
            "{Pittsburgh Sleep Quality Index}",
            "The {Pittsburgh Sleep Quality Index}: A New Instrument",
            "The Pittsburgh Sleep Quality Index: A new instrument",
        ),
        # A scale named for a people is no name of its own: the people's name alone is braced.
        (
            "Validation of a Swedish Scale for Anxiety",
            ["Swedish"],
            "{Swedish}",
            "Validation of a {Swedish} Scale for Anxiety",
            "Validation of a Swedish scale for anxiety",
        ),
        # People whose names are ordinary words too are left to the sentence-case rule.
        (
            "Young Adults, Grace and Hope: A Stern Look at Gross Rank",
            [],
            None,
            None,
            "Young adults, grace and hope: A stern look at gross rank",
        ),
        (
            "Self-compassion among {Chinese} adolescents in {Hong Kong}",
            [],
            None,
            None,
            "Self-compassion among Chinese adolescents in Hong Kong",
        ),
        (
            "Mindfulness at school: Chinese adolescents' views",
            [],
            None,
            None,
            "Mindfulness at school: Chinese adolescents' views",
        ),
    ],
)
def test_a_word_english_always_capitalises_is_named_in_a_title_of_any_case_and_braces_keep_it(
    title, lowered, names, fixed, printed
):
    messages = [problem.message for problem in _title_problems(title)]
    assert [
        w for w, shown in zip(_words(title), _words(_printed_title(title)), strict=True) if w != shown and w in lowered
    ] == lowered
    if names is None:
        assert messages == []
        assert _words(_printed_title(title)) == _words(printed)
        return
    assert messages == [
        f"entry 'x2020': the site prints the title in sentence case, as APA asks, which puts {_small_letters(lowered)}"
        f", though English always capitalises "
        f"{'it' if names.count('{') == 1 else 'them'}; brace each name to keep its capitals: {names}"
    ]
    assert _title_problems(fixed) == []
    assert _words(_printed_title(fixed)) == _words(printed)


# The people psychology's titles name most, and the tests named for them, told in Title Case
# as doi.org gives it; a name the site does not know whole is the editor's to finish.
@pytest.mark.parametrize(
    ("title", "lowered", "names", "fixed", "printed"),
    [
        # doi.org's Title Case for 10.1016/0272-7358(88)90050-5.
        (
            "Psychometric Properties of the Beck Depression Inventory: Twenty-Five Years of Evaluation",
            ["Beck", "Depression", "Inventory"],
            "{Beck Depression Inventory}",
            "Psychometric Properties of the {Beck Depression Inventory}: Twenty-Five Years of Evaluation",
            "Psychometric properties of the Beck Depression Inventory: Twenty-five years of evaluation",
        ),
        (
            "Attachment Theory: John Bowlby and Mary Ainsworth",
            ["Bowlby", "Mary", "Ainsworth"],
            "{John Bowlby}, {Mary Ainsworth}",
            "Attachment Theory: {John Bowlby} and {Mary Ainsworth}",
            "Attachment theory: John Bowlby and Mary Ainsworth",
        ),
        (
            "Revisiting Freud's Theory of Dreams",
            ["Freud"],
            "{Freud}",
            "Revisiting {Freud}'s Theory of Dreams",
            "Revisiting Freud’s theory of dreams",
        ),
        (
            "Mindfulness-Based Stress Reduction: Jon Kabat-Zinn's Program",
            ["Kabat", "Zinn"],
            "{Kabat-Zinn}",
            "Mindfulness-Based Stress Reduction: Jon {Kabat-Zinn}'s Program",
            "Mindfulness-based stress reduction: Jon Kabat-Zinn’s program",
        ),
        (
            "Validation of the Rosenberg Self-Esteem Scale in Adolescents",
            ["Rosenberg", "Self", "Esteem", "Scale"],
            "{Rosenberg Self-Esteem Scale}",
            "Validation of the {Rosenberg Self-Esteem Scale} in Adolescents",
            "Validation of the Rosenberg Self-Esteem Scale in adolescents",
        ),
        # A given name after a word that makes it a name already keeps to itself: 'Little Albert'.
        (
            "Psychology's Lost Boy: Will the Real Little Albert Please Stand Up",
            ["Albert"],
            "{Albert}",
            "Psychology's Lost Boy: Will the Real Little {Albert} Please Stand Up",
            "Psychology’s lost boy: Will the real little Albert please stand up",
        ),
        # A given name takes the word after it: 'Donald Trump', 'Rollo May', 'John Broadus Watson'.
        (
            "Mechanical Man: John Broadus Watson and the Beginnings of Behaviorism",
            ["Broadus", "Watson"],
            "{John Broadus Watson}",
            "Mechanical Man: {John Broadus Watson} and the Beginnings of Behaviorism",
            "Mechanical man: John Broadus Watson and the beginnings of behaviorism",
        ),
        (
            "Psyche and Soul: The Spiritual Odyssey of Rollo May",
            ["Rollo", "May"],
            "{Rollo May}",
            "Psyche and Soul: The Spiritual Odyssey of {Rollo May}",
            "Psyche and soul: The spiritual odyssey of Rollo May",
        ),
    ],
)
def test_the_people_psychology_titles_name_are_told_and_a_name_longer_than_the_braces_is_the_editors_to_finish(
    title, lowered, names, fixed, printed
):
    [message] = [problem.message for problem in _title_problems(title)]
    assert message == (
        f"entry 'x2020': the site prints the title in sentence case, as APA asks, which puts {_small_letters(lowered)}"
        f", though English always capitalises {'it' if names.count('{') == 1 else 'them'}; brace each name to keep its "
        f"capitals: {names}, each with the words of a person's or a test's name the braces leave out: {{Jean Piaget}}, "
        "{Beck Scale for Suicide Ideation}"
    )
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == printed


# A title that is a test's name alone, braced whole as the site asks, is as it should be: the
# rule against a title braced whole left it no way to pass.
@pytest.mark.parametrize("title", ["Stanford--Binet Intelligence Scales", "California Verbal Learning Test"])
def test_a_title_that_is_a_tests_name_braced_whole_passes(title):
    [message] = [problem.message for problem in _title_problems(title)]
    assert f"brace each name to keep its capitals: {{{title}}}" in message
    assert _title_problems("{" + title + "}") == []
    assert _printed_title("{" + title + "}") == title.replace("--", "–")


# A method named for a person is no test's name: 'Likert scales' (APA), not 'Likert Scales'.
def test_a_method_named_for_a_person_braces_the_name_alone():
    [message] = [problem.message for problem in _title_problems("Revisiting Likert Scales and Response Formats")]
    assert "brace each name to keep its capitals: {Likert}, each with" in message


# A name told in two forms, or twice ("Freud/Jung ... Sigmund Freud and C. G. Jung"), has
# each form in the one message: one round of braces prints the title right.
def test_each_form_of_a_name_in_a_title_is_told_in_one_message():
    title = "The Freud/Jung Letters: The Correspondence Between Sigmund Freud and C. G. Jung"
    [message] = [problem.message for problem in _title_problems(title)]
    assert "brace each name to keep its capitals: {Freud}, {Jung}, {Sigmund Freud}, each with" in message
    assert message.endswith(": {C. G. Jung}")
    fixed = "The {Freud}/{Jung} Letters: The Correspondence Between {Sigmund Freud} and {C. G. Jung}"
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == "The Freud/Jung letters: The correspondence between Sigmund Freud and C. G. Jung"


# A capital letter standing alone (a type, a vitamin, the pronoun, a code's last letter) is
# never meant small, but pandoc lowers it in a title of any case: each is told with the
# letter braced narrowly, and braced so it prints right. The article 'A' is left alone.
@pytest.mark.parametrize(
    ("title", "lowered", "fixes", "fixed", "printed"),
    [
        (
            "Type D Personality and Vitamin D in Adults",
            ["D", "D"],
            "Type {D}, Vitamin {D}",
            "Type {D} Personality and Vitamin {D} in Adults",
            "Type D personality and vitamin D in adults",
        ),
        (
            "Validity of DSM-III-R Criteria and the PHQ-D and PHQ-A Scales",
            ["R", "D", "A"],
            "DSM-III-{R}, PHQ-{D}, PHQ-{A}",
            "Validity of DSM-III-{R} Criteria and the PHQ-{D} and PHQ-{A} Scales",
            "Validity of DSM-III-R criteria and the PHQ-D and PHQ-A scales",
        ),
        # Sentence case: the letter is told as a letter, not as a name.
        (
            "What I learned from type D patients",
            ["I", "D"],
            "What {I}, type {D}",
            "What {I} learned from type {D} patients",
            "What I learned from type D patients",
        ),
        (
            "Vitamin D's Role in Cluster (B) Traits",
            ["D", "B"],
            "Vitamin {D}, {B}",
            "Vitamin {D}'s Role in Cluster ({B}) Traits",
            "Vitamin D's role in cluster (B) traits",
        ),
        # A letter joined to more is kept by pandoc, and not told.
        ("Why R² Misleads in 3D Models", [], None, None, "Why R² misleads in 3D models"),
        # The article 'A' is lowered, as APA writes it ("as a buffer"), and not told.
        (
            "Self-Compassion As A Buffer Against Stress: A Study of Type {D} Personality",
            ["A"],
            None,
            None,
            "Self-compassion as a buffer against stress: A study of type D personality",
        ),
    ],
)
def test_a_lone_capital_letter_is_told_in_a_title_of_any_case_and_braces_keep_it(title, lowered, fixes, fixed, printed):
    messages = [problem.message for problem in _title_problems(title)]
    # The letters pandoc lowers (a Title Case title's other words are lowered as APA asks).
    assert [
        w for w, shown in zip(_words(title), _words(_printed_title(title)), strict=True) if w != shown and len(w) == 1
    ] == lowered
    if fixes is None:
        assert messages == []
        assert _words(_printed_title(title)) == _words(printed)
        return
    told = list(dict.fromkeys(lowered))
    assert messages == [
        f"entry 'x2020': the site prints the title in sentence case, as APA asks, which puts {', '.join(repr(w) for w in told)} "
        f"in small letters ({', '.join(repr(w.lower()) for w in told)}), though a capital letter standing alone is never "
        f"meant small; brace {'the letter' if fixes.count('{') == 1 else 'each letter'} to keep its capital: {fixes}"
    ]
    assert _title_problems(fixed) == []
    assert _words(_printed_title(fixed)) == _words(printed)


# Names and letters of one title: one message, each fix in its own words.
def test_names_and_lone_letters_of_one_title_are_told_in_one_message():
    title = "Type D Personality in Jordan, Georgia and New York City"
    assert [p.message for p in _title_problems(title)] == [
        "entry 'x2020': the site prints the title in sentence case, as APA asks, which puts 'Jordan', 'Georgia', 'New', 'York', "
        "'City', 'D' in small letters ('jordan', 'georgia', 'new', 'york', 'city', 'd'), though English always capitalises them; "
        "brace each name to keep its capitals: {Jordan}, {Georgia}, {New York City}; brace the letter to keep its capital: Type {D}"
    ]
    fixed = "Type {D} Personality in {Jordan}, {Georgia} and {New York City}"
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == "Type D personality in Jordan, Georgia and New York City"
    sentence_case = "Compassion in the work of Freud and type D personality"
    assert [p.message for p in _title_problems(sentence_case)] == [
        "entry 'x2020': the title is in sentence case, and the site prints its capitalised 'Freud', 'D' in small letters "
        "('freud', 'd'); brace a name to keep its capitals: {Freud}, or write a word that is not a name in small letters; "
        "brace the letter to keep its capital: type {D}"
    ]
    assert _printed_title("Compassion in the work of {Freud} and type {D} personality") == (
        "Compassion in the work of Freud and type D personality"
    )


# An abbreviation of dotted capitals ('U.S.', 'U.K.'; one letter alone is an initial) is
# printed small by pandoc in a title of any case, and braced alone ends a sentence there,
# so pandoc capitalises the next word ("U.S. Adults and veterans"): each is told with the
# next word written small in its braces, and written so, it prints as APA asks.
_WITH_WORD = (
    ", with the word after it inside the braces, in small letters unless it is a name (pandoc reads the "
    "abbreviation's last '.' as a sentence's end and would capitalise that word)"
)


@pytest.mark.parametrize(
    ("title", "lowered", "fixes", "fixed", "printed"),
    [
        # Title Case, as Crossref, doi.org and Zotero export it.
        (
            "Depression Among U.S. Adults and U.K. Veterans",
            ["U.S.", "U.K."],
            f"each abbreviation to keep its capitals{_WITH_WORD}: {{U.S. adults}}, {{U.K. veterans}}",
            "Depression Among {U.S. adults} and {U.K. veterans}",
            "Depression among U.S. adults and U.K. veterans",
        ),
        # Nelson et al. (2016), Bryan et al. (2017): a name after it keeps its capital in the
        # fix, in a part in sentence case or where it names the country's army or senate.
        (
            "Sleep and suicide risk among U.S. Army soldiers",
            ["U.S."],
            f"the abbreviation to keep its capitals{_WITH_WORD}: {{U.S. Army}}",
            "Sleep and suicide risk among {U.S. Army} soldiers",
            "Sleep and suicide risk among U.S. Army soldiers",
        ),
        (
            "Effect of Crisis Response Planning vs. Contracts for Safety on Suicide Risk in U.S. Army Soldiers: A Randomized Clinical Trial",
            ["U.S."],
            f"the abbreviation to keep its capitals{_WITH_WORD}: {{U.S. Army}}",
            # 'vs. Contracts' may be meant in Title Case, so it is not told: braced by hand.
            "Effect of Crisis Response Planning {vs. contracts} for Safety on Suicide Risk in {U.S. Army} Soldiers: A Randomized Clinical Trial",
            "Effect of crisis response planning vs. contracts for safety on suicide risk in U.S. Army soldiers: A randomized clinical trial",
        ),
        (
            "Depression among U.S. adults and veterans",
            ["U.S."],
            f"the abbreviation to keep its capitals{_WITH_WORD}: {{U.S. adults}}",
            "Depression among {U.S. adults} and veterans",
            "Depression among U.S. adults and veterans",
        ),
        # At the title's end (the reference's '.' is the abbreviation's) and before ':'.
        (
            "Suicide Rates in the U.S.",
            ["U.S."],
            "the abbreviation to keep its capitals: {U.S.}",
            "Suicide Rates in the {U.S.}",
            "Suicide rates in the U.S",
        ),
        (
            "Suicide in the U.S.: A Review",
            ["U.S."],
            "the abbreviation to keep its capitals: {U.S.}",
            "Suicide in the {U.S.}: A Review",
            "Suicide in the U.S.: A review",
        ),
        # Braced, before the title's last word, which pandoc leaves small: printed right, not told.
        ("Depression among {U.S.} adults", [], None, None, "Depression among U.S. adults"),
        ("Depression Among {U}.{S}. Adults", [], None, None, "Depression among U.S. adults"),
    ],
)
def test_a_dotted_abbreviation_is_told_with_the_word_after_it_braced_small(title, lowered, fixes, fixed, printed):
    messages = [problem.message for problem in _title_problems(title)]
    shown = zip(_words(title), _words(_printed_title(title)), strict=True)
    letters = [letter for abbreviation in lowered for letter in abbreviation.split(".")[:-1]]
    assert list(dict.fromkeys(w for w, printed_as in shown if w != printed_as and len(w) == 1)) == list(
        dict.fromkeys(letters)
    )
    if fixes is None:
        assert messages == []
        assert _printed_title(title) == printed
        return
    assert messages == [
        f"entry 'x2020': the site prints the title in sentence case, as APA asks, which puts {_small_letters(lowered)}"
        f", though an abbreviation's capitals are never "
        f"meant small; brace {fixes}"
    ]
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == printed


def test_a_dotted_abbreviation_braced_alone_would_capitalise_the_next_word():
    # Why the fix braces the next word: braced alone, pandoc starts a sentence after it.
    assert (
        _printed_title("Depression among {U}.{S}. adults and veterans") == "Depression among U.S. Adults and veterans"
    )
    assert _printed_title("Depression among {U.S.} adults and veterans") == "Depression among U.S. Adults and veterans"


def test_a_name_and_an_abbreviation_of_a_sentence_case_title_are_told_in_one_message():
    title = "The D'Zurilla social problem-solving inventory in U.S. veterans"
    assert [p.message for p in _title_problems(title)] == [
        "entry 'x2020': the title is in sentence case, and the site prints its capitalised 'D', 'Zurilla', 'U.S.' in small "
        "letters ('d', 'zurilla', 'u.s.'); brace a name to keep its capitals: {D'Zurilla}, or write a word that is not a "
        f"name in small letters; brace the abbreviation to keep its capitals{_WITH_WORD}: {{U.S. veterans}}"
    ]
    fixed = "The {D'Zurilla} social problem-solving inventory in {U.S. veterans}"
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == "The D’Zurilla social problem-solving inventory in U.S. veterans"


# One letter and a dot inside a title is a person's initial, not an abbreviation.
def test_an_initial_is_not_told_as_an_abbreviation():
    title = "Carl R. Rogers and the Person-Centered Approach"
    assert dotted_abbreviations(title) == []
    assert not any("abbreviation" in p.message for p in _title_problems(title))


# Pandoc's sentence case reads every '.' before a space as a sentence's end, an initial's
# and an abbreviation's too: it prints the initial small and capitalises the word after it
# ("Carl r. Rogers", "Acme Inc. And beyond"), but never the title's last word ("U.S.
# adults"). Titles as Crossref, Zotero and editors write them: each is told exactly when
# pandoc prints an initial small or a word written small with a capital; written as the
# message's fix says (and, in Title Case, with the other names braced, as CONTRIBUTING
# asks), it prints as APA asks and is not told.
@pytest.mark.parametrize(
    ("title", "fix", "fixed", "apa"),
    [
        (
            "Carl R. Rogers and Person-Centred Therapy",
            "{R. Rogers}",
            "Carl {R. Rogers} and Person-Centred Therapy",
            "Carl R. Rogers and person-centred therapy",
        ),
        (
            "Reading J. K. Rowling with Children",
            "{J. K. Rowling}",
            "Reading {J. K. Rowling} with Children",
            "Reading J. K. Rowling with children",
        ),
        (
            "The Legacy of Aaron T. Beck: Cognitive Therapy at 50",
            "{Aaron T. Beck}",
            "The Legacy of {Aaron T. Beck}: Cognitive Therapy at 50",
            "The legacy of Aaron T. Beck: Cognitive therapy at 50",
        ),
        # Roazen (1976), Modgil and Modgil (1986), Weishaar (1993): books' titles as Crossref gives them.
        (
            "Erik H. Erikson: The Power and Limits of a Vision",
            "{H. Erikson}",
            "Erik {H. Erikson}: The Power and Limits of a Vision",
            "Erik H. Erikson: The power and limits of a vision",
        ),
        (
            "Hans J. Eysenck: Consensus and Controversy",
            "{J. Eysenck}",
            "Hans {J. Eysenck}: Consensus and Controversy",
            "Hans J. Eysenck: Consensus and controversy",
        ),
        ("Aaron T. Beck", "{T. Beck}", "Aaron {T. Beck}", "Aaron T. Beck"),
        ("Erik H. Erikson", "{H. Erikson}", "Erik {H. Erikson}", "Erik H. Erikson"),
        (
            "In Memoriam: Aaron T. Beck (1921–2021)",
            "{T. Beck}",
            "In Memoriam: Aaron {T. Beck} (1921–2021)",
            "In memoriam: Aaron T. Beck (1921–2021)",
        ),
        (
            "Sigmund Freud and S. Ferenczi",
            "{S. Ferenczi}",
            "Sigmund {Freud} and {S. Ferenczi}",
            "Sigmund Freud and S. Ferenczi",
        ),
        (
            "Journal of Consulting and Clinical Psychology: The Work of Carl R. Rogers",
            "{Carl R. Rogers}",
            "{Journal of Consulting and Clinical Psychology}: The Work of {Carl R. Rogers}",
            "Journal of Consulting and Clinical Psychology: The work of Carl R. Rogers",
        ),
        (
            "The Work of J. B. Watson and R. Rayner",
            "{J. B. Watson}, {R. Rayner}",
            "The Work of {J. B. Watson} and {R. Rayner}",
            "The work of J. B. Watson and R. Rayner",
        ),
        (
            "Judith S. Beck on cognitive behavior therapy",
            "{S. Beck}",
            "Judith {S. Beck} on cognitive behavior therapy",
            "Judith S. Beck on cognitive behavior therapy",
        ),
        (
            "Infection with E. coli and later depression",
            "{E. coli}",
            "Infection with {E. coli} and later depression",
            "Infection with E. coli and later depression",
        ),
        # An abbreviation printed small, before a name or a stop: braced with its '.'.
        # Szegedi et al. (2005), Levine (2017, a book), Skues (2006, a book), as published.
        (
            "Acute Treatment of Moderate to Severe Depression with Hypericum Extract WS 5570 (St. John's Wort)",
            "{St.}",
            "Acute Treatment of Moderate to Severe Depression with Hypericum Extract WS 5570 ({St.} John's Wort)",
            "Acute treatment of moderate to severe depression with hypericum extract WS 5570 (St. John’s wort)",
        ),
        (
            "Mental Health, Inc.: How Corruption, Lax Oversight, and Failed Reforms Endanger Our Most Vulnerable Citizens",
            "{Inc.}",
            "Mental Health, {Inc.}: How Corruption, Lax Oversight, and Failed Reforms Endanger Our Most Vulnerable Citizens",
            "Mental health, Inc.: How corruption, lax oversight, and failed reforms endanger our most vulnerable citizens",
        ),
        (
            "Sigmund Freud and the History of Anna O.: Reopening a Closed Case",
            "{Anna O.}",
            "Sigmund {Freud} and the History of {Anna O.}: Reopening a Closed Case",
            "Sigmund Freud and the history of Anna O.: Reopening a closed case",
        ),
        ("A Visit to Dr. Smith", "{Dr. Smith}", "A Visit to {Dr. Smith}", "A visit to Dr. Smith"),
        # Not in pandoc's list of abbreviations, but read the same way.
        (
            "Depression Care at Mt. Sinai Hospital",
            "{Mt.}",
            "Depression Care at {Mt.} Sinai {Hospital}",
            "Depression care at Mt. Sinai Hospital",
        ),
        # After a company's short form, a word Title Case capitalised is braced small with it;
        # the title's last word pandoc prints small anyway.
        (
            "Burnout Among Acme Co. Employees",
            "{Co.}",
            "Burnout Among {Acme} {Co.} Employees",
            "Burnout among Acme Co. employees",
        ),
        (
            "Wellbeing of Acme Inc. Staff Members",
            "{Inc. staff}",
            "Wellbeing of {Acme} {Inc. staff} Members",
            "Wellbeing of Acme Inc. staff members",
        ),
        ("Dr. Smith and Her Patients", None, None, "Dr. Smith and her patients"),
        # A word written small after an abbreviation's '.': braced with it.
        ("E. coli and Mood", "{E. coli}", "{E. coli} and Mood", "E. coli and mood"),
        (
            "Work at {Acme Inc.} and beyond",
            "{Acme Inc. and}",
            "Work at {Acme Inc. and} beyond",
            "Work at Acme Inc. and beyond",
        ),
        (
            "Mental health of {U.S.} adults and veterans",
            "{U.S. adults}",
            "Mental health of {U.S. adults} and veterans",
            "Mental health of U.S. adults and veterans",
        ),
        (
            "Mental health of {U}.{S}. adults and veterans",
            "{U.S. adults}",
            "Mental health of {U.S. adults} and veterans",
            "Mental health of U.S. adults and veterans",
        ),
        # The APA manual's 10.16 example 113, as typed.
        (
            "{U.S.} and World Population Clock",
            "{U.S. and}",
            "{U.S. and} World Population Clock",
            "U.S. and world population clock",
        ),
        (
            "Anxiety, e.g. worry and rumination, in adults",
            "{e.g. worry}",
            "Anxiety, {e.g. worry} and rumination, in adults",
            "Anxiety, e.g. worry and rumination, in adults",
        ),
        (
            "Mindfulness vs. relaxation for anxiety",
            "{vs. relaxation}",
            "Mindfulness {vs. relaxation} for anxiety",
            "Mindfulness vs. relaxation for anxiety",
        ),
        # Printed as APA asks already: the title's last word, braced names, a sentence's first initial.
        ("Health of {U.S.} adults", None, None, "Health of U.S. adults"),
        ("Health of {U.S.} Adults", None, None, "Health of U.S. adults"),
        ("Reading {J. K. Rowling} with Children", None, None, "Reading J. K. Rowling with children"),
        ("B. F. Skinner: A Life", None, None, "B. F. Skinner: A life"),
        # A capital after a braced abbreviation may be meant, in Title Case: not told.
        ("Health of {U.S.} Army Veterans", None, None, "Health of U.S. Army veterans"),
    ],
)
def test_an_initial_or_abbreviation_whose_stop_pandoc_reads_as_a_sentence_end_is_told_exactly_when_it_changes_the_title(
    title, fix, fixed, apa
):
    messages = [problem.message for problem in _title_problems(title)]
    printed = _printed_title(title)
    dotted = set(re.findall(r"([^\W\d_]+)\.", re.sub(r"[{}]", "", title)))  # initials, abbreviations
    changed = [
        (word, shown)
        for word, shown in zip(_words(title), _words(printed), strict=True)
        if ((len(word) == 1 or word in dotted) and word[0].isupper() and shown[0].islower())
        or (word.islower() and shown[0].isupper())
    ]
    assert bool(messages) == bool(changed) == (fix is not None), (printed, messages)
    if fix is None:
        assert printed == apa
        return
    [message] = messages
    assert message.endswith(f": {fix}")
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == apa


# The message's words: an initial printed small, a word written small capitalised, and both
# where the sentence case tells a name too.
@pytest.mark.parametrize(
    ("title", "message"),
    [
        (
            "The Legacy of Aaron T. Beck: Cognitive Therapy at 50",
            "the site prints the title in sentence case, as APA asks, which puts 'Aaron', 'T' in small letters ('aaron', "
            "'t'), though an initial is never meant small; brace the name with its initials to keep its capitals (pandoc "
            "reads the '.' after an initial as a sentence's end, printing the initial small and the word after it with a "
            "capital): {Aaron T. Beck}",
        ),
        (
            "Work at {Acme Inc.} and beyond",
            "the site prints the title in sentence case, as APA asks, which puts 'and' with a capital ('And'), though it "
            "is written small; brace the abbreviation with the word after it, in small letters (pandoc reads the "
            "abbreviation's '.' as a sentence's end and capitalises that word): {Acme Inc. and}",
        ),
        (
            "Mental Health of {U.S.} adults and veterans",
            "the title is in sentence case, and the site prints its capitalised 'Health' in small letters ('health'); "
            "brace a name to keep its capitals: {Health}, or write a word that is not a name in small letters; brace the "
            "abbreviation with the word after it, in small letters (pandoc reads the abbreviation's '.' as a sentence's "
            "end and capitalises that word): {U.S. adults}",
        ),
        (
            "Type D Personality in J. B. Watson's Patients",
            "the site prints the title in sentence case, as APA asks, which puts 'D', 'J' in small letters ('d', 'j'), "
            "though a capital letter standing alone or in an initial is never meant small; brace the letter to keep its "
            "capital: Type {D}; brace the name with its initials to keep its capitals (pandoc reads the '.' after an "
            "initial as a sentence's end, printing the initial small and the word after it with a capital): {J. B. Watson}",
        ),
    ],
)
def test_an_initial_and_a_word_after_an_abbreviation_are_told_in_the_titles_one_message(title, message):
    assert [p.message for p in _title_problems(title)] == [f"entry 'x2020': {message}"]


def test_the_stops_in_names_are_the_initials_printed_small_and_the_words_capitalised_with_the_fix():
    assert stops_in_names("The Work of Carl R. Rogers") == [
        ("initial", ["Carl", "R", "Rogers"], [], "{Carl R. Rogers}")
    ]
    assert stops_in_names("Infection with E. coli and {U.S.} adults in care") == [
        ("initial", ["E"], ["coli"], "{E. coli}"),
        ("word", [], ["adults"], "{U.S. adults}"),
    ]
    assert stops_in_names("Using St. John's Wort, as Sold by Acme, Inc.: A Trial") == [
        ("abbreviation", ["St"], [], "{St.}"),
        ("abbreviation", ["Inc"], [], "{Inc.}"),
    ]
    assert stops_in_names("The History of Anna O.: A Case") == [("initial", ["Anna", "O"], [], "{Anna O.}")]
    assert stops_in_names("B. F. Skinner") == [("name", ["Skinner"], [], "{Skinner}")]
    # Not told: a sentence's first initial before a name, a capital after braces, the last
    # word, a stop that ends a sentence, a number after it.
    for title in (
        "B. F. Skinner: A Life",
        "Health of {U.S.} Army Veterans",
        "Health of {U.S.} adults",
        "Anxiety. then",
        "No. 5 in",
    ):
        assert stops_in_names(title) == []


# A name that ends the title after initials or a person's title: pandoc prints the title's
# last word small even after a '.' ("B. F. skinner"), so the name is braced.
@pytest.mark.parametrize(
    ("title", "fix", "fixed", "apa"),
    [
        ("B. F. Skinner", "{Skinner}", "B. F. {Skinner}", "B. F. Skinner"),
        # Slobodin (1978), a book, as catalogued.
        ("W. H. R. Rivers", "{Rivers}", "W. H. R. {Rivers}", "W. H. R. Rivers"),
        ("Dr. Jekyll and {Mr.} Hyde", "{Hyde}", "Dr. Jekyll and {Mr.} {Hyde}", "Dr. Jekyll and Mr. Hyde"),
    ],
)
def test_a_name_ending_the_title_after_initials_or_a_persons_title_is_told_with_its_braces(title, fix, fixed, apa):
    assert _printed_title(title) != apa
    [problem] = _title_problems(title)
    assert problem.message.endswith(
        "though a name is never meant small; brace the name that ends the title to keep its capital (pandoc never "
        f"capitalises the last word of a title, even after a '.'): {fix}"
    )
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == apa


# The one run prints each title as a run of its own would.
def test_the_tables_titles_print_in_one_run_as_each_alone():
    for title in ("B. F. Skinner", "Health of {U.S.} Adults", "Self-Compassion and anxiety in College Students"):
        assert _PRINTED[title] == _printed_title(title, alone=True)


# A subtitle of one word is the title's last, which pandoc never capitalises ("Grief:
# revisited"); APA capitalises a subtitle's first word. Braced, it keeps its capital.
@pytest.mark.parametrize(
    ("title", "fix", "fixed", "apa"),
    [
        ("Grief: Revisited", "{Revisited}", "Grief: {Revisited}", "Grief: Revisited"),
        ("Grief: revisited", "{Revisited}", "Grief: {Revisited}", "Grief: Revisited"),
        ("Dear {Freud}: Letters", "{Letters}", "Dear {Freud}: {Letters}", "Dear Freud: Letters"),
        ("Grief: A Review", None, None, "Grief: A review"),
        ("Grief: DSM", None, None, "Grief: DSM"),
    ],
)
def test_a_one_word_subtitle_is_told_as_pandoc_prints_it_small_and_braces_keep_its_capital(title, fix, fixed, apa):
    messages = [problem.message for problem in _title_problems(title)]
    if fix is None:
        assert messages == []
        assert _printed_title(title) == apa
        return
    assert _printed_title(title) != apa
    [message] = messages
    assert message.endswith(f"the first word of a subtitle; brace it to keep its capital: {fix}")
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == apa


# A subtitle after an em dash starts with a capital in APA, as one after a colon does, but
# pandoc starts a sentence only after '.', '?', '!' or ':', and prints it small. Braced, it
# keeps its capital; written small (dashes setting off a phrase), it is left as written.
@pytest.mark.parametrize(
    ("title", "fixes", "fixed", "apa"),
    [
        (
            "Self-Compassion—A Buffer Against Stress in First-Year Students",
            "{A}",
            "Self-Compassion—{A} Buffer Against Stress in First-Year Students",
            "Self-compassion—A buffer against stress in first-year students",
        ),
        # An 'A' after BibTeX's dash starts the subtitle, once told (no code's last letter, 'PHQ-A').
        (
            "The Trier Social Stress Test---A Tool for Investigating Psychobiological Stress Responses",
            "{A}",
            "The Trier Social Stress Test---{A} Tool for Investigating Psychobiological Stress Responses",
            "The trier social stress test—A tool for investigating psychobiological stress responses",
        ),
        # Zotero and BibTeX write the dash as '---'; spaced, as some journals print it.
        (
            "Grief---The first year after a loss",
            "{The}",
            "Grief---{The} first year after a loss",
            "Grief—The first year after a loss",
        ),
        ("Grief — The first year", "{The}", "Grief — {The} first year", "Grief — The first year"),
        # As LaTeX writes it (JabRef, some Zotero exports): printed as the dash, and told.
        (
            "The Toughest Triage\\textemdash{}Allocating Ventilators in a Pandemic",
            "{Allocating}",
            "The Toughest Triage\\textemdash{}{Allocating} Ventilators in a Pandemic",
            "The toughest triage—Allocating ventilators in a pandemic",
        ),
        (
            "Medication-Assisted Therapies\\,---\\,Tackling the Opioid-Overdose Epidemic",
            "{Tackling}",
            "Medication-Assisted Therapies\\,---\\,{Tackling} the Opioid-Overdose Epidemic",
            "Medication-assisted therapies — Tackling the opioid-overdose epidemic",
        ),
        (
            "Reducing the Risks of Relief~---~The {CDC} Opioid-Prescribing Guideline",
            "{The}",
            "Reducing the Risks of Relief~---~{The} {CDC} Opioid-Prescribing Guideline",
            "Reducing the risks of relief — The CDC opioid-prescribing guideline",
        ),
        # Told as the subtitle's, not as the name '{The}' of a sentence-case title.
        (
            "Kindness toward oneself—The key to resilience in adolescents",
            "{The}",
            "Kindness toward oneself—{The} key to resilience in adolescents",
            "Kindness toward oneself—The key to resilience in adolescents",
        ),
        (
            "Coping With Loss—The Role of Self-Compassion—A Longitudinal Study",
            "{The}, {A}",
            "Coping With Loss—{The} Role of Self-Compassion—{A} Longitudinal Study",
            "Coping with loss—The role of self-compassion—A longitudinal study",
        ),
        ("Self-compassion—not self-esteem—predicts well-being", None, None, None),
        # An en dash set as a dash, with spaces, as a word processor writes it; a range is no subtitle.
        (
            "Opioid abuse in chronic pain – Misconceptions and mitigation strategies",
            "{Misconceptions}",
            "Opioid abuse in chronic pain – {Misconceptions} and mitigation strategies",
            "Opioid abuse in chronic pain – Misconceptions and mitigation strategies",
        ),
        (
            "Suicide rates by state, 1999–2016 and 2017--2019",
            None,
            None,
            "Suicide rates by state, 1999–2016 and 2017–2019",
        ),
        # The dash that closes a phrase opened with a small word (a real book's Title Case).
        (
            "Attached: How It Can Help You Find---and Keep---Love",
            None,
            None,
            "Attached: How it can help you find—and keep—love",
        ),
        ("Self-compassion—{A} buffer against stress", None, None, "Self-compassion—A buffer against stress"),
        ("SELF-COMPASSION—A BUFFER AGAINST STRESS", "capitals", None, None),
    ],
)
def test_the_first_word_after_an_em_dash_is_told_as_pandoc_prints_it_small_and_braces_keep_it(title, fixes, fixed, apa):
    messages = [problem.message for problem in _title_problems(title)]
    if fixes is None:
        assert messages == []
        assert apa is None or _printed_title(title) == apa
        return
    if fixes == "capitals":  # told whole, as a title in capitals
        assert [message for message in messages if "dash" in message] == []
        return
    assert _printed_title(title) != apa
    [message] = messages
    one = fixes.count("{") == 1
    assert message.endswith(
        f"though APA capitalises the first word of a subtitle, after a dash as after a colon; brace {'it' if one else 'each'} "
        f"to keep {'its capital' if one else 'their capitals'}: {fixes} (with the rest of a name it starts: "
        "{Consumer Reports}), or, where dashes set off a phrase rather than start a subtitle, write "
        f"{'it' if one else 'that word'} in small letters"
    )
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == apa


# A name after the dash (MMWR's "— United States, 2020") is the names' rule's to brace,
# whole: one message, whose fix prints it right.
def test_a_name_after_an_em_dash_is_braced_whole_in_one_message():
    title = "Mental Health During the COVID-19 Pandemic — United States, June 24–30, 2020"
    [message] = [problem.message for problem in _title_problems(title)]
    assert message.endswith("brace each name to keep its capitals: {United States}, {June}")
    fixed = "Mental Health During the COVID-19 Pandemic — {United States}, {June} 24–30, 2020"
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == "Mental health during the COVID-19 pandemic — United States, June 24–30, 2020"


# A subtitle after a title's one dash, written small as sources give it (a real .bib file's
# "syphilis---a preliminary report"), prints small: told, with the brace for either reading.
@pytest.mark.parametrize(
    ("title", "word", "fixed", "apa"),
    [
        (
            "Penicillin treatment of early syphilis---a preliminary report",
            "a",
            "Penicillin treatment of early syphilis---{A} preliminary report",
            "Penicillin treatment of early syphilis—A preliminary report",
        ),
        (
            "{LLM} on {FHIR} --- demystifying health records",
            "demystifying",
            "{LLM} on {FHIR} --- {Demystifying} health records",
            "LLM on FHIR — Demystifying health records",
        ),
        # Two dashes may set off a phrase, and a conjunction goes on with the title: left alone.
        ("Self-compassion—not self-esteem—predicts well-being", None, None, None),
        ("Lost connections: Uncovering the real causes of depression---and the unexpected solutions", None, None, None),
        # Braced as written, the editor's say that the dash sets off a phrase.
        ("The dodo bird verdict is alive and well---{mostly}", None, None, None),
    ],
)
def test_a_subtitle_written_small_after_a_titles_one_dash_is_told_with_both_braces(title, word, fixed, apa):
    messages = [problem.message for problem in _title_problems(title)]
    if word is None:
        assert messages == []
        return
    [message] = messages
    fix = "{" + word[0].upper() + word[1:] + "}"
    assert message.endswith(
        f"the first word after the dash in the title small, as written ('{word}'), though APA capitalises the first word "
        f"of a subtitle, after a dash as after a colon; if it starts a subtitle, write it with its capital, braced: {fix}; "
        f"if the dash sets off a phrase, brace it as written to say so: {{{word}}}"
    )
    assert _title_problems(fixed) == [] and _title_problems(fixed.replace(fix, f"{{{word}}}")) == []
    assert _printed_title(fixed) == apa


# In Title Case, dashes setting off a phrase cannot be told from a subtitle's: the message's
# second choice, the word written small, is left as written and prints as APA asks.
def test_dashes_setting_off_a_phrase_in_title_case_are_told_and_the_words_written_small_are_left():
    title = "Self-Compassion—Not Self-Esteem—Predicts Well-Being"
    [message] = [problem.message for problem in _title_problems(title)]
    assert "'Not', 'Predicts', in small letters ('not', 'predicts')" in message
    written_small = "Self-Compassion—not Self-Esteem—predicts Well-Being"
    assert _title_problems(written_small) == []
    assert (
        _printed_title(written_small) == _printed_title(title) == "Self-compassion—not self-esteem—predicts well-being"
    )


# One message a title: where the sentence case names a word, it names the others too.
def test_a_name_in_title_case_joins_the_names_a_sentence_case_part_tells():
    title = "Self-Compassion Among Chinese and Korean Adolescents: Evidence from the work of Freud and his students"
    assert [p.message for p in _title_problems(title)] == [
        "entry 'x2020': the title is in sentence case, and the site prints its capitalised 'Freud', 'Chinese', 'Korean' in small "
        "letters ('freud', 'chinese', 'korean'); brace a name to keep its capitals: {Freud}, {Chinese}, {Korean}, or write a word "
        "that is not a name in small letters"
    ]
    fixed = (
        "Self-Compassion Among {Chinese} and {Korean} Adolescents: Evidence from the work of {Freud} and his students"
    )
    assert _title_problems(fixed) == []
    assert _printed_title(fixed) == (
        "Self-compassion among Chinese and Korean adolescents: Evidence from the work of Freud and his students"
    )


def test_a_title_in_another_language_keeps_its_names_unnamed_once_langid_says_so():
    title = "Achtsamkeit bei Jugendlichen in China und Japan"
    source = _entry(title).replace("  year", "  langid = {german},\n  year")
    assert [p for p in check_bibliography(source, display_path="references.bib").problems if "title" in p.message] == []
    assert _printed_title(title, source) == title


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        # BibLaTeX's langid: pandoc prints the title as written.
        ("langid = {german},", []),
        # Zotero's language: pandoc reads the title as English.
        (
            "language = {de},",
            [
                "entry 'x2020': the title is in another language (language = {de}), which pandoc reads as English and prints "
                "in sentence case, lowering 'Wirksamkeit', 'Verfahren', 'Patienten'; add langid = {de}, which it reads"
            ],
        ),
        ("language = {de},\n  langid = {de},", []),
    ],
)
def test_a_title_in_another_language_is_printed_as_written_once_langid_says_so(fields, expected):
    title = "Über die Wirksamkeit achtsamkeitsbasierter Verfahren bei depressiven und ängstlichen Patienten"
    source = _entry(title).replace("  year", f"  {fields}\n  year")
    problems = [
        p.message for p in check_bibliography(source, display_path="references.bib").problems if "title" in p.message
    ]
    assert problems == expected
    printed = _printed_title(title, source)
    assert (_words(printed) == _words(title)) == ("langid" in fields)


def _entry(title: str) -> str:
    return f"@article{{x2020,\n  author  = {{Doe, Jane}},\n  title   = {{{title}}},\n  journal = {{Mindfulness}},\n  year    = {{2020}},\n  volume  = {{11}},\n  pages   = {{1--9}},\n  doi     = {{10.1007/s12671-020-00001-x}},\n}}\n"


def _title_problems(title: str) -> list:
    return [
        p for p in check_bibliography(_entry(title), display_path="references.bib").problems if "title" in p.message
    ]


# The titles of this module's tables (and their fixes), printed by pandoc in one run when a
# worker first runs a test here: a run costs about a tenth of a second to start, and the
# tables hold some 150 titles. Each is a work of its own author, so none is disambiguated.
_PRINTED: dict[str, str] = {}


@pytest.fixture(scope="module", autouse=True)
def _tables_printed(request: pytest.FixtureRequest) -> None:
    titles = sorted(
        {
            value
            for item in request.session.items
            if isinstance(item, pytest.Function) and item.module is request.module and hasattr(item, "callspec")
            for name in ("title", "fixed")
            if isinstance(value := item.callspec.params.get(name), str)
        }
    )
    keys = {f"x{index}": title for index, title in enumerate(titles)}
    entries = {}
    for key, title in keys.items():
        author = "".join(chr(ord("a") + int(digit)) for digit in key[1:]).capitalize()
        source = _entry(title).replace("x2020,", f"{key},", 1).replace("Doe, Jane", f"Doe{author}, Jane")
        entries.update(check_bibliography(source, display_path="references.bib").entries)
    sources = PandocSources(entries, "", apa_style_path())
    printed = format_run(
        Run(tuple(f"[@{key}]" for key in entries), tuple(entries)),
        bibtex=sources.bibtex_for(set(entries)),
        csl_path=apa_style_path(),
        pandoc=pandoc_path(),
    ).references
    _PRINTED.update({keys[key]: _title_of(text) for key, text in printed.items()})


def _printed_title(title: str, source: str | None = None, *, alone: bool = False) -> str:
    if source is None and title in _PRINTED and not alone:
        return _PRINTED[title]
    source = source or _entry(title)
    bibliography = check_bibliography(source, display_path="references.bib")
    sources = PandocSources(bibliography.entries, source, apa_style_path())
    printed = format_run(
        Run(("[@x2020]",), ("x2020",)),
        bibtex=sources.bibtex_for({"x2020"}),
        csl_path=apa_style_path(),
        pandoc=pandoc_path(),
    ).references["x2020"]
    return _title_of(printed)


def _title_of(reference: str) -> str:
    return reference.split("(2020). ", 1)[1].split(". *Mindfulness*", 1)[0]


# The words of a title as a reader sees them: braces and commands left out.
# How the title messages quote the words pandoc prints small: "'U.S.' in small letters ('u.s.')".
def _small_letters(words: list[str]) -> str:
    return f"{', '.join(map(repr, words))} in small letters ({', '.join(repr(w.lower()) for w in words)})"


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", re.sub(r"\\[A-Za-z]+|[{}]", "", text))


# Zotero's own BibTeX export braces each capitalised word; of a title stored in Title Case,
# that prints in Title Case, which the site names. Braced names alone (Better BibTeX's
# export of a title in sentence case) are left as they are.
@pytest.mark.parametrize(
    ("title", "told"),
    [
        ("Conditioning, but on {Which} {Distribution}? {Grammatical} {Gender} in {German} {Plural} {Inflection}", True),
        ("Unique {{Aspects}} of the {{Structure}} and {{Dynamics}} of {{Cellulose Microfibrils}}", True),
        # A species in italics is small in any case style: no sign of sentence case.
        (
            "Effect of \\textit{{Hypericum} perforatum} ({St} {John}'s {Wort}) in {Major} {Depressive} {Disorder}: {A} {Randomized} {Controlled} {Trial}",
            True,
        ),
        (
            "Lieb-{{Robinson}} Bounds, {{Arveson}} Spectrum and {{Haag-Ruelle}} Scattering Theory for Gapped Quantum Spin Systems",
            False,
        ),
        ("Self-compassion in {German} and {Dutch} adolescents", False),
        # Names braced as the build asks are no sign: they keep their capitals anyway.
        ("Loneliness in {New Zealand} and {Sub-Saharan Africa}", False),
        ("Sigmund {Freud} and {S. Ferenczi}", False),
        # Braced at each end, not whole.
        ("{Freud}: The Work of {Aaron T. Beck}", False),
    ],
)
def test_a_title_in_title_case_braced_word_by_word_is_told_as_it_prints_in_title_case(title, told):
    messages = [problem.message for problem in _title_problems(title)]
    assert bool(messages) == told
    if told:
        [message] = messages
        assert "the title is in Title Case with each capitalised word braced ('{" in message
        assert "right-click the title, choose Sentence case" in message
        assert _words(_printed_title(title)) == _words(title)  # as typed: Title Case


# Italics say nothing of Title Case braced word by word (above), but a title in sentence
# case all in italics is still one: its names are told as any title's.
def test_a_name_of_a_sentence_case_title_in_italics_is_told_as_pandoc_prints_it_small():
    messages = [
        problem.message for problem in _title_problems(r"\emph{The Cambridge handbook of personality psychology}")
    ]

    assert any("prints its capitalised 'Cambridge' in small letters ('cambridge')" in message for message in messages)


# What doi.org and DataCite give for some titles, journals and names: HTML and the web's
# codes for characters. Each is named with what to write; a name is not split at the ';'.
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "title",
            "Self-compassion in <i>Drosophila</i> handlers",
            "the 'title' field has HTML markup ('<i>Drosophila</i>'), which the site prints as typed; write \\emph{Drosophila} instead",
        ),
        (
            "title",
            "A &lt;i&gt;pilot&lt;/i&gt; study of H<sub>2</sub>O",
            "the 'title' field has HTML markup ('<i>pilot</i>'), which the site prints as typed; write \\emph{pilot} instead",
        ),
        (
            "journal",
            "Clinical Psychology &amp; Psychotherapy",
            "the 'journal' field has '&amp;', the web's code for '&', which the site prints garbled or not at all; write & instead",
        ),
        (
            "author",
            "Garc&#237;a, Mar&iacute;a and Doe, Jane",
            "the 'author' field has '&#237;', '&iacute;', the web's codes for 'í', 'í', which the site prints garbled or not at all; "
            "write each as the character itself ('í', 'í')",
        ),
        # An apostrophe is quoted in double quotes: in single ones it would read as '''.
        (
            "title",
            "Don&#39;t worry",
            "the 'title' field has '&#39;', the web's code for \"'\", which the site prints garbled or not at all; write ' instead",
        ),
        (
            "title",
            "Don&#39;t worry &amp; be kind",
            "the 'title' field has '&#39;', '&amp;', the web's codes for \"'\", '&', which the site prints garbled or not at all; "
            "write each as the character itself (\"'\", '&')",
        ),
    ],
)
def test_html_and_the_webs_character_codes_are_named_with_what_to_write(field, value, message):
    fields = {"author": "Doe, Jane", "title": "A study of worry", "journal": "Mindfulness", "year": "2020"}
    fields |= {"volume": "11", "pages": "1--9", "doi": "10.1007/s12671-020-00001-x", field: value}
    source = "@article{x2020,\n" + "".join(f"  {name} = {{{text}}},\n" for name, text in fields.items()) + "}\n"
    problems = [p.message for p in check_bibliography(source, display_path="references.bib").problems]
    assert f"entry 'x2020': {message}" in problems
    assert not [p for p in problems if "separated" in p or "sentence case" in p]


# doi.org and Crossref export a title in another language with no language field, and
# pandoc prints it in sentence case as if it were English: the build names the language.
@pytest.mark.parametrize(
    ("title", "language", "lowered"),
    [
        # Gräfe et al. (2004), as doi.org exports it: one message, not also 'PHQ-{D}'.
        (
            "Screening psychischer Störungen mit dem „Gesundheitsfragebogen für Patienten (PHQ-D)“",
            "german",
            "'Störungen', 'Gesundheitsfragebogen', 'Patienten', 'D'",
        ),
        (
            "Propiedades psicométricas de la Escala de Autocompasión en una muestra de adultos",
            "spanish",
            "'Escala', 'Autocompasión'",
        ),
        (
            "Validation de l'Échelle d'Autocompassion dans une population Française",
            "french",
            "'Échelle', 'Autocompassion', 'Française'",
        ),
    ],
)
def test_a_title_that_reads_as_another_language_is_told_to_add_langid(title, language, lowered):
    assert [p.message for p in _title_problems(title)] == [
        f"entry 'x2020': the title reads as {language.capitalize()}, which pandoc would print in sentence case as if it "
        f"were English ({lowered}); add langid = {{{language}}}, the language it is written in, so the site prints it as written"
    ]
    assert _words(_printed_title(title)) != _words(title)
    source = _entry(title).replace("  year", f"  langid = {{{language}}},\n  year")
    assert [p for p in check_bibliography(source, display_path="references.bib").problems if "title" in p.message] == []
    assert _words(_printed_title(title, source)) == _words(title)


# A foreign phrase in an English title, and English words other languages write too.
@pytest.mark.parametrize(
    "title",
    [
        "Joie de Vivre and Well-Being in Older Adults",
        "The Zeitgeist of Mindfulness",
        "Once Bitten: Why Patients Die in the Den of Despair",
        "Do No Harm: Das and Des as Measures in a Trial",
    ],
)
def test_an_english_title_with_words_of_another_language_is_not_told_to_add_langid(title):
    assert [p.message for p in _title_problems(title) if "langid" in p.message] == []
