"""Words English always capitalises, wherever they stand in a title: places, peoples,
languages, religions, continents, days and months, the people psychology's titles name,
and the social media its research studies. Pandoc's sentence case lowers them like any
other word unless they are braced; `title_case.always_capitalised` finds them.

Curated, not taken from a library: country and territory names follow CLDR's English
short names (what Babel, already in the lock through Material, carries), but CLDR has no
demonyms, and its lists hold names that are also ordinary words ('Jersey', 'Guinea', the
language 'Bench'); pycountry has the same gaps. Jordan and Georgia stay: as given names
(and Georgia as a US state) English capitalises them just the same. Demonyms, groups and religions are the
ones APA 7 (5.7, "Racial and Ethnic Identity") and psychology titles use.

Left out on purpose, because English writes them in small letters too, so a capital there
may be Title Case alone ("Children May Benefit"): the months May, March and August; the
places Turkey, Guinea, Chad, Jersey, Nice, Reading; Polish, Roman, Mandarin, Swede;
groups APA capitalises only as groups (Black, White, Indigenous, Aboriginal, Native,
Western, Orthodox, Evangelical: "indigenous plants", "black-and-white images"); Bible
and Holocaust ("the clinician's bible", "nuclear holocaust"); eponyms (Freudian,
Pavlovian), which the sentence-case rule names where meant; and people whose names
are ordinary words too (Young, Stern, Main, Rank, Gross, Brown, Wells; Grace, Hope, Will,
Mark, Frank, Jack, Carol).
"""

from __future__ import annotations

_COUNTRIES = """
Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan Bahamas Bahrain
Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana Brazil Brunei Bulgaria
Burundi Cambodia Cameroon Canada Chile China Colombia Croatia Cuba Cyprus Czechia Denmark Djibouti Ecuador
Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Germany Ghana Greece Greenland
Guatemala Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein Lithuania
Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius Mexico Micronesia Moldova Monaco
Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua Nigeria Norway Oman Pakistan
Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa Senegal Serbia
Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan
Tanzania Thailand Tunisia Türkiye Turkmenistan Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen
Zambia Zimbabwe England Scotland Wales Britain Korea Macau Tibet Jordan Georgia
"""
# Regions, US states, provinces and cities often studied (one word each).
_PLACES = """
Africa America Americas Asia Europe Antarctica Oceania Scandinavia Caribbean Balkans Siberia Appalachia
Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana
Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri Montana
Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia Wisconsin Wyoming
Ontario Quebec Alberta Manitoba Saskatchewan Queensland Tasmania Victoria Bavaria Catalonia Andalusia Punjab
Bengal Kerala Sichuan Guangdong London Paris Berlin Vienna Rome Madrid Amsterdam Rotterdam Stockholm
Oslo Copenhagen Helsinki Dublin Edinburgh Glasgow Manchester Liverpool Birmingham Zurich Geneva Munich Hamburg
Toronto Montreal Vancouver Sydney Melbourne Brisbane Auckland Tokyo Kyoto Osaka Seoul Beijing Shanghai Wuhan
Shenzhen Taipei Bangkok Jakarta Mumbai Delhi Karachi Tehran Istanbul Jerusalem Cairo Nairobi Lagos
Johannesburg Chicago Boston Philadelphia Baltimore Detroit Seattle Atlanta Houston Dallas Miami Pittsburgh
Brooklyn Manhattan Harlem Chernobyl Hiroshima Nagasaki Fukushima Auschwitz Stanford Yale Columbia Oxford
Cambridge Harvard Princeton Berkeley
"""
_PEOPLES = """
Afghan Albanian Algerian American Argentinian Argentine Armenian Asian Australian Austrian Bangladeshi Belgian
Bolivian Bosnian Brazilian British Bulgarian Cambodian Cameroonian Canadian Chilean Chinese Colombian Congolese
Croatian Cuban Cypriot Czech Danish Dominican Dutch Ecuadorian Egyptian English Eritrean Estonian Ethiopian
Filipino Filipina Finnish Flemish French Georgian German Ghanaian Greek Guatemalan Haitian Honduran Hungarian
Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Jamaican Japanese Jordanian Kazakh Kenyan
Korean Kurdish Kuwaiti Lebanese Liberian Libyan Lithuanian Malaysian Maltese Mexican Moroccan Nepali Nepalese
Nicaraguan Nigerian Norwegian Pakistani Palestinian Panamanian Peruvian Portuguese Romanian Russian Rwandan
Salvadoran Saudi Scottish Senegalese Serbian Singaporean Slovak Slovenian Somali Spanish Sudanese Swedish
Swiss Syrian Taiwanese Thai Tibetan Tunisian Turkish Ugandan Ukrainian Uruguayan Venezuelan Vietnamese Welsh
Yemeni Zambian Zimbabwean African European Scandinavian Caribbean Balkan Arab Arabian Persian Hispanic Latino
Latina Latinx Latine Caucasian Hmong Inuit Maori Māori Sami Roma Romani Yoruba Zulu Cherokee Navajo Lakota Ojibwe
Cree Hopi Apache Pashtun Tamil Sinhalese Gujarati Punjabi Bengali Hindi Urdu Cantonese Hakka Hebrew
Yiddish Latin Swahili Amharic Tagalog Farsi Catalan Basque Galician Quebecois Québécois Texan Californian
Appalachian Parisian Londoner Berliner Nazi Karen
"""
_RELIGIONS = """
Christian Christianity Catholic Catholicism Protestant Protestantism Lutheran Methodist Baptist Presbyterian
Anglican Mormon Quaker Amish Mennonite Pentecostal Muslim Islam Islamic Jewish Jew Judaism Hasidic Buddhist
Buddhism Hindu Hinduism Sikh Sikhism Jain Taoist Taoism Confucian Confucianism Shinto Quran
Koran Torah Talmud Ramadan Christmas Easter Passover Hanukkah Sabbath Buddha Allah Jesus Christ Muhammad
"""
_DAYS_AND_MONTHS = """
Monday Tuesday Wednesday Thursday Friday Saturday Sunday
January February April June July September October November December
"""
# Plurals English makes otherwise than `_with_plurals` does.
_OTHER_PLURALS = (
    "Jews Muslims Sikhs Hindus Arabs Kurds Kurd Turks Turk Scots Czechs Kazakhs Zulus Serbs Croats Danes Finns"
)
# The people psychology's titles name, whose names are no ordinary word ("Attachment Theory:
# John Bowlby and Mary Ainsworth", "Freud's Theory of Dreams"): the field's founders and the
# makers of its therapies and tests, by family name; those its disorders and methods are
# named for ("Parkinson's Disease", "Likert scales"); and given names, which take the word
# after them as the family name ("Donald Trump", "Otto Rank").
_FAMILY_NAMES = """
Adler Ainsworth Allport Asch Bandura Barlow Bateman Bateson Beck Berne Bion Binet Bleuler Bowen Bowlby Breuer
Bronfenbrenner Cattell Charcot Csikszentmihalyi Dweck Ekman Ellis Erickson Erikson Eysenck Fairbairn Ferenczi
Festinger Foa Folkman Fonagy Frankl Freud Fromm Germer Gilbert Gilligan Gottman Hamilton Harlow Hayes Hebb
Hofmann Horney Jung Kabat Kahneman Kernberg Klein Kohlberg Kohut Kraepelin Kübler Lacan Lazarus Lewin Linehan
Luria Mahler Maslow Meichenbaum Milgram Minuchin Mowrer Neff Pavlov Perls Piaget Porges Rogers Rosenberg Ross
Salkovskis Satir Segal Seligman Selye Shapiro Siegel Skinner Stroop Sullivan Teasdale Thorndike Tversky
Vygotsky Watson Wechsler Winnicott Wolpe Wundt Yalom Zimbardo Zinn
"""
_EPONYMS = "Alzheimer Asperger Huntington Korsakoff Likert Parkinson Tourette"
# Social media as titles name them ("Signals in Twitter", doi.org's Title Case). Names with a
# capital inside (YouTube, TikTok, WhatsApp) pandoc keeps as written; Zoom is a word too.
_PLATFORMS = "Facebook Instagram Twitter Reddit Snapchat Pinterest Tumblr Weibo"
_GIVEN_NAMES = """
Aaron Abraham Albert Alfred Amos Anna Anne Bessel Burrhus Carl Christopher Daniel Donald Edna Elisabeth
Elizabeth Erich Erik Francine Fritz Gordon Hans Harry Heinz Helen Irvin Jean John Judith Kristin Kurt Lev
Marsha Mary Melanie Mihaly Milton Otto Philip Rollo Salvador Sigmund Stanley Steven Urie Viktor Wilhelm
William Zindel
"""
# Names of more than one word: whole, as pandoc must keep them ({New Zealand}).
_NAMES = """
United States|United Kingdom|United Arab Emirates|New Zealand|Hong Kong|South Africa|Saudi Arabia|Sri Lanka
|South Korea|North Korea|Puerto Rico|Costa Rica|El Salvador|Sierra Leone|Burkina Faso|Czech Republic
|Dominican Republic|Papua New Guinea|Equatorial Guinea|Northern Ireland|Great Britain|Latin America
|North America|South America|Central America|Middle East|Southeast Asia|East Asia|South Asia|Central Asia
|West Africa|East Africa|Sub-Saharan Africa|New York City|New York|New Jersey|New Mexico|New Hampshire|North Carolina
|South Carolina|North Dakota|South Dakota|West Virginia|Rhode Island|British Columbia|Nova Scotia
|New South Wales|Los Angeles|San Francisco|San Diego|New Orleans|Rio de Janeiro|São Paulo
|Buenos Aires|Mexico City|Cape Town|Tel Aviv|New Delhi|Native American|Alaska Native
|East Asian|South Asian|Southeast Asian|Central Asian|Middle Eastern|Latin American|North American
|South American|Central American|South African|West African|East African|North African|South Korean|North Korean
|Sri Lankan|Puerto Rican|Costa Rican|Saudi Arabian|Northern Irish|New Yorker|New Zealander
|Pacific Islander|Torres Strait Islander|Native Hawaiian
|Latter-day Saints|New Testament|Old Testament|Lunar New Year|World War|Cold War

"""

# A name's last word that makes the words before it one name with a place or people
# ('American Psychological Association', 'British Psychological Society'), braced whole.
_INSTITUTIONS = "Association Society Academy Institute College Council Federation Foundation Organization Organisation"
INSTITUTIONS = frozenset(_INSTITUTIONS.split())
# The same for an instrument named for its maker or its place ('Beck Depression Inventory',
# 'Edinburgh Postnatal Depression Scale'), which APA capitalises too; not one named for a
# people ('a Swedish scale') or a method ('Likert scales').
_INSTRUMENTS = "Inventory Inventories Scale Scales Questionnaire Checklist Battery Test Schedule Index Screen Task"
INSTRUMENTS = frozenset(_INSTRUMENTS.split())
GIVEN_NAMES = frozenset(_GIVEN_NAMES.split())
INSTRUMENTS_NAMED_FOR = frozenset(_FAMILY_NAMES.split()) | GIVEN_NAMES | frozenset((_COUNTRIES + _PLACES).split())
PEOPLE = frozenset(_FAMILY_NAMES.split() + _EPONYMS.split()) | GIVEN_NAMES
# A country's institutions named by one word after its abbreviation ('U.S. Army',
# 'U.K. Parliament'), which a title in Title Case capitalises as it does any word.
OF_A_COUNTRY = frozenset({"Army", "Navy", "Marines", "Senate", "Congress", "Parliament"})


def _with_plurals(words: str) -> set[str]:
    """Each demonym with its plural ('Americans', 'Latinas'), where English adds an s."""
    found = set(words.split())
    return found | {w + "s" for w in found if w[-1] in "aino" or w.endswith(("an", "ist", "ic", "ite", "er", "al"))}


SINGLE = frozenset(
    set(_COUNTRIES.split())
    | set(_PLACES.split())
    | set(_DAYS_AND_MONTHS.split())
    | {day + "s" for day in _DAYS_AND_MONTHS.split() if day.endswith("day")}
    | _with_plurals(_PEOPLES)
    | _with_plurals(_RELIGIONS)
    | set(_OTHER_PLURALS.split())
    | PEOPLE
    | set(_PLATFORMS.split())
)
# Each name of several words as its words, by its first word (looked up per word of a
# title), longest first: the whole name where one holds another. A people's name has its
# plural too ('Sri Lankans', 'Pacific Islanders').
_SEVERAL = [tuple(name.replace("-", " ").split()) for name in _NAMES.replace("\n", "").split("|")]
_SEVERAL += [(*name[:-1], name[-1] + "s") for name in _SEVERAL if name[-1].endswith(("an", "er"))]
SEVERAL: dict[str, list[tuple[str, ...]]] = {}
for _name in sorted(_SEVERAL, key=len, reverse=True):
    SEVERAL.setdefault(_name[0], []).append(_name)
# The words a name can start with.
STARTS = SINGLE | SEVERAL.keys()
