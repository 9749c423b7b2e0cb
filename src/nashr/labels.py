"""Words nashr prints itself (title block, masthead, captions), in the article's language."""
from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "ar": {"abstract": "ملخص", "keywords": "الكلمات المفتاحية", "separator": "، ",
           "figure": "شكل", "table": "جدول", "volume": "المجلد", "issue": "العدد", "pages": "الصفحات",
           "received": "تاريخ الاستلام", "accepted": "تاريخ القبول", "published": "تاريخ النشر",
           "license": "الترخيص", "references": "المراجع", "notes": "الهوامش", "contents": "المحتويات", "editors": "هيئة التحرير",
           "references-native": "المراجع العربية", "references-foreign": "المراجع الأجنبية"},
    "fa": {"abstract": "چکیده", "keywords": "کلیدواژه‌ها", "separator": "، ",
           "figure": "شکل", "table": "جدول", "volume": "دوره", "issue": "شماره", "pages": "صفحات",
           "received": "تاریخ دریافت", "accepted": "تاریخ پذیرش", "published": "تاریخ انتشار",
           "license": "مجوز", "references": "منابع", "notes": "یادداشت‌ها", "contents": "فهرست مطالب", "editors": "هیئت تحریریه",
           "references-native": "منابع فارسی و عربی", "references-foreign": "منابع لاتین"},
    "ur": {"abstract": "خلاصہ", "keywords": "کلیدی الفاظ", "separator": "، ",
           "figure": "شکل", "table": "جدول", "volume": "جلد", "issue": "شمارہ", "pages": "صفحات",
           "received": "تاریخ وصولی", "accepted": "تاریخ منظوری", "published": "تاریخ اشاعت",
           "license": "لائسنس", "references": "حوالہ جات", "notes": "حواشی", "contents": "فہرست", "editors": "مجلس ادارت",
           "references-native": "اردو اور عربی مآخذ", "references-foreign": "دیگر زبانوں کے مآخذ"},
    "he": {"abstract": "תקציר", "keywords": "מילות מפתח", "separator": ", ",
           "figure": "איור", "table": "טבלה", "volume": "כרך", "issue": "גיליון", "pages": "עמודים",
           "received": "התקבל", "accepted": "אושר", "published": "פורסם", "license": "רישיון",
           "references": "מקורות", "notes": "הערות", "contents": "תוכן העניינים", "editors": "מערכת",
           "references-native": "מקורות בעברית", "references-foreign": "מקורות בשפות זרות"},
    "fr": {"abstract": "Résumé", "keywords": "Mots-clés", "separator": ", ",
           "figure": "Figure", "table": "Tableau", "volume": "Volume", "issue": "Numéro", "pages": "Pages",
           "received": "Reçu", "accepted": "Accepté", "published": "Publié", "license": "Licence",
           "references": "Références", "notes": "Notes", "contents": "Sommaire", "editors": "Rédaction",
           "references-native": "Références en alphabet latin", "references-foreign": "Références en d’autres écritures"},
    "en": {"abstract": "Abstract", "keywords": "Keywords", "separator": ", ",
           "figure": "Figure", "table": "Table", "volume": "Volume", "issue": "Issue", "pages": "Pages",
           "received": "Received", "accepted": "Accepted", "published": "Published", "license": "Licence",
           "references": "References", "notes": "Notes", "contents": "Contents", "editors": "Editors",
           "references-native": "References in Latin script", "references-foreign": "References in other scripts"},
}


def label(lang: str, name: str) -> str:
    """The label `name` in language `lang` (its primary subtag), English when nashr lacks it."""
    primary = lang.split("-")[0].lower()
    return _LABELS.get(primary, _LABELS["en"])[name]
