"""Words nashr prints itself (headings of the title block), in the article's language."""
from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "ar": {"abstract": "ملخص", "keywords": "الكلمات المفتاحية", "separator": "، "},
    "fa": {"abstract": "چکیده", "keywords": "کلیدواژه‌ها", "separator": "، "},
    "ur": {"abstract": "خلاصہ", "keywords": "کلیدی الفاظ", "separator": "، "},
    "he": {"abstract": "תקציר", "keywords": "מילות מפתח", "separator": ", "},
    "fr": {"abstract": "Résumé", "keywords": "Mots-clés", "separator": ", "},
    "en": {"abstract": "Abstract", "keywords": "Keywords", "separator": ", "},
}


def label(lang: str, name: str) -> str:
    """The label `name` in language `lang` (its primary subtag), English when nashr lacks it."""
    primary = lang.split("-")[0].lower()
    return _LABELS.get(primary, _LABELS["en"])[name]
