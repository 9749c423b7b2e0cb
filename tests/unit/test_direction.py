"""Direction by content: a block reads in the other direction only when most of its words do."""
import pytest

from nashr.ast import attr_value, div, stringify, walk
from nashr.transforms.bidi import isolate_directions
from nashr.direction import text_direction, word_counts
from nashr.transforms.footnotes import number_notes
from nashr.vocabulary import numbered_notes

from .ast_builders import note, para, words
from .test_transforms import document, ltr_spans


def plain(text: str) -> dict:
    return {"t": "Plain", "c": words(text)}


def direction_of_block(block) -> str | None:
    """The `dir` the transform gave a block: on its wrapping Div or on the heading itself."""
    return attr_value(block, "dir")


@pytest.mark.parametrize("text, ltr, rtl", [
    ("Python لغة برمجة شائعة", 1, 3),
    ("الـPython و ה-LinkedIn", 2, 3),  # a token mixing scripts counts one word of each
    ("see https://www.python.org/doc, www.un.org, 10.34752/2022-e279 and a@b.org", 2, 0),  # addresses left out
    ("Vol. 279, p. 45 (2011)", 2, 0),  # digits are no words
    ("H.G. Brauch", 2, 0),
])
def test_words_of_each_direction(text, ltr, rtl):
    assert word_counts(text) == {d: n for d, n in (("ltr", ltr), ("rtl", rtl)) if n}


@pytest.mark.parametrize("text, context, expected", [
    ("Python لغة برمجة شائعة", "rtl", "rtl"),  # a Latin word at the start does not make it English
    ("الخوارزمي, or al-Khwarizmi, was a scholar", "ltr", "ltr"),  # nor an Arabic name an English one Arabic
    ("Domain Names: Concepts and Facilities", "rtl", "ltr"),
    ("Python وأنظمة", "rtl", "rtl"),  # a tie keeps the context
    ("שלום world", "ltr", "ltr"),
])
def test_a_text_reads_in_the_direction_of_most_of_its_words(text, context, expected):
    assert text_direction(text, context) == expected


def test_paragraphs_that_open_with_a_latin_term_stay_right_to_left_with_the_term_isolated():
    blocks = [para(words(text)) for text in (
        "Python لغة برمجة عامة الأغراض.",
        "DNS هو النظام الذي يترجم أسماء النطاقات.",
        "2024 هي السنة التي تجاوز فيها عدد الحزم نصف مليون.",
        "Git היא מערכת מבוזרת לניהול גרסאות.",
    )]
    result = isolate_directions(document(blocks)).body_blocks()
    assert [block["t"] for block in result] == ["Para"] * 4  # no Div dir=ltr around any of them
    assert ltr_spans(result) == ["Python", "DNS", "Git"]


def test_a_paragraph_mostly_in_english_reads_left_to_right_even_when_it_opens_in_arabic():
    english = "الخوارزمي, or al-Khwarizmi, was a scholar of the ninth century."
    result = isolate_directions(document([para(words(english))], lang="en")).body_blocks()
    assert result[0]["t"] == "Para"  # the English article's direction, kept
    arabic = isolate_directions(document([para(words("The Zen of Python says that beauty counts."))])).body_blocks()
    assert arabic[0]["t"] == "Div" and direction_of_block(arabic[0]) == "ltr"


def test_urls_code_citations_and_note_calls_do_not_count():
    link = {"t": "Link", "c": [["", ["uri"], []], words("https://www.python.org/downloads/release/"),
                               ["https://www.python.org/downloads/release/", ""]]}
    code = {"t": "Code", "c": [["", [], []], "pip install numpy pandas matplotlib"]}
    cite = {"t": "Cite", "c": [[{"citationId": "fielding2000"}], words("(Fielding 2000, Architectural Styles)")]}
    calls = note(para(words("An English note with many English words in it.")))
    blocks = [para(link, {"t": "Space"}, code, {"t": "Space"}, cite, words(" هو موقع اللغة"), calls)]
    result = isolate_directions(number_notes(document(blocks))).body_blocks()
    assert result[0]["t"] == "Para"


def test_one_word_keeps_its_context_in_a_heading_a_list_item_and_a_table_cell():
    heading = {"t": "Header", "c": [3, ["", [], []], words("Python")]}
    two_words = {"t": "Header", "c": [3, ["", [], []], words("Jupyter Notebook")]}
    items = {"t": "BulletList", "c": [[plain("NumPy: مكتبة للحسابات العددية.")], [plain("Python")]]}
    result = isolate_directions(document([heading, two_words, items])).body_blocks()
    assert direction_of_block(result[0]) is None  # "Python" alone: still the Arabic article's heading
    assert direction_of_block(result[1]) == "ltr"  # two English words: an English heading
    assert result[2]["t"] == "BulletList"  # an Arabic list, its marker on the right …
    assert [item[0]["t"] for item in result[2]["c"]] == ["Plain", "Plain"]  # … and "Python" an item of it


def test_a_list_takes_the_direction_of_most_of_its_words_as_a_whole():
    english = {"t": "BulletList", "c": [[plain("Python for data analysis")], [plain("تحليل البيانات")]]}
    arabic = {"t": "BulletList", "c": [[plain("Python لغة برمجة")], [plain("R لغة إحصائية")]]}
    result = isolate_directions(document([english, arabic])).body_blocks()
    assert result[0]["t"] == "Div" and direction_of_block(result[0]) == "ltr"
    assert result[1]["t"] == "BulletList"  # two Latin words against four Arabic: an Arabic list


def test_explicit_dir_wins_over_the_words():
    forced = div([para(words("نص عربي في فقرة يريدها الكاتب من اليسار إلى اليمين."))], pairs={"dir": "ltr"})
    heading = {"t": "Header", "c": [2, ["", [], [["dir", "rtl"]]], words("An English heading, right to left")]}
    result = isolate_directions(document([forced, heading], lang="en")).body_blocks()
    assert result[0]["c"][1][0]["t"] == "Para"  # not wrapped in a Div dir=rtl of its own
    assert direction_of_block(result[1]) == "rtl"


@pytest.mark.parametrize("text, expected", [
    ("Ibid., p. 76.", "ltr"),  # a one-word note reads in its own language, like the other English notes
    ("Fielding, R. T. (2000). Architectural Styles. Irvine.", "ltr"),
    ("Python Software Foundation، «دليل اللغة الرسمي»، الإصدار 3.12، ص 14.", None),  # mostly Arabic
    ("UNESCO، «توصية بشأن أخلاقيات الذكاء الاصطناعي»، باريس، 2021.", None),
    ("https://docs.python.org/3/ هو عنوان التوثيق.", None),
])
def test_a_note_takes_the_direction_of_most_of_its_words(text, expected):
    doc = number_notes(document([para(words("نص"), note(para(words(text))))]))
    (_, found), = numbered_notes(isolate_directions(doc).body_blocks())
    first = found["c"][0]
    assert (direction_of_block(first) if first["t"] == "Div" else None) == expected
    assert stringify(found["c"]) == text


def test_an_english_paragraph_of_several_blocks_in_a_note_is_one_left_to_right_note():
    english = note(para(words("First English paragraph of the note.")), para(words("And a second one, p. 4.")))
    doc = number_notes(document([para(words("نص"), english)]))
    (_, found), = numbered_notes(isolate_directions(doc).body_blocks())
    assert len(found["c"]) == 1 and direction_of_block(found["c"][0]) == "ltr"  # the writers set it as one
    assert [b["t"] for b in found["c"][0]["c"][1]] == ["Para", "Para"]


def test_a_table_of_arabic_words_with_one_word_latin_cells_stays_right_to_left():
    def row(*texts: str) -> list:
        return [["", [], []], [[["", [], []], {"t": "AlignDefault"}, 1, 1, [plain(text)]] for text in texts]]

    body = [row("NumPy", "الحسابات العددية"), row("pandas", "تحليل الجداول")]
    table = {"t": "Table", "c": [["", [], []], [None, [plain("جدول 1: Results of a survey")]],
                                 [[{"t": "AlignDefault"}, {"t": "ColWidthDefault"}]] * 2,
                                 [["", [], []], [row("المكتبة", "الاستعمال")]],
                                 [[["", [], []], 0, [], body]], [["", [], []], []]]}
    result = isolate_directions(document([table])).body_blocks()
    assert result[0]["t"] == "Table"  # an Arabic table, its first column on the right
    cells = [n for n in walk(result[0]["c"][3:]) if n["t"] == "Div"]
    assert cells == []  # and "NumPy", one word, right-aligned in its column like the Arabic cells


def test_a_wrapper_restating_the_articles_direction_fixes_nothing():
    # <div dir="rtl" markdown="1"> around a whole Arabic post: its English paragraph is still English
    english = para(words("This paragraph is written in English inside the Arabic post."))
    wrapper = div([para(words("فقرة عربية قبلها.")), english], pairs={"dir": "rtl"})
    result = isolate_directions(document([wrapper])).body_blocks()
    assert direction_of_block(result[1]) == "ltr"
    # a wrapper in the other direction still fixes what it holds
    forced = div([para(words("نص عربي يريده الكاتب من اليسار إلى اليمين."))], pairs={"dir": "ltr"})
    assert isolate_directions(document([forced])).body_blocks()[0]["c"][1][0]["t"] == "Para"
