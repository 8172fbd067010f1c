"""Copies in other scripts are found like copies in Latin script.

Chinese and Japanese are written without blanks between words and end sentences with ``。``;
Thai has no blanks between words either; Hindi ends sentences with a danda; Arabic, Hindi and
Thai letters carry marks that belong to their words; Russian and Greek sentences start with
capitals outside Latin-1. For each language: a story, a copy of it (light edits, another site's
furniture) and an unrelated story on the same kind of news.
"""

from __future__ import annotations

import pytest

from provenance.load import from_texts
from provenance.minhash import MinHashConfig, shingles
from provenance.pipeline import trace
from provenance.relation import DERIVATION
from provenance.segment import normalise, segment, spaced, split_sentences, words

STORIES: dict[str, tuple[str, str, str]] = {
    "zh": (
        "国家统计局20日发布数据显示，10月份全国规模以上工业增加值同比增长百分之五点三。\n\n"
        "分行业看，四十一个大类行业中有三十五个行业增加值保持同比增长。其中，电子设备制造业增长百分之十点二，"
        "汽车制造业增长百分之八点一。\n\n国家统计局新闻发言人表示，国民经济延续恢复向好态势，但外部环境依然复杂严峻。"
        "下一步要加大宏观调控力度，巩固经济回升势头。\n\n同日发布的数据还显示，10月份社会消费品零售总额同比增长百分之四点八，"
        "比上月加快零点六个百分点。",
        "【财经频道】据报道，国家统计局20日发布数据显示，10月份全国规模以上工业增加值同比增长百分之五点三。\n\n"
        "分行业看，四十一个大类行业中有三十五个行业增加值保持同比增长。其中，电子设备制造业增长百分之十点二，"
        "汽车制造业增长百分之八点一。\n\n国家统计局新闻发言人指出，国民经济延续恢复向好态势，但外部环境仍然复杂严峻。"
        "下一步要加大宏观调控力度，巩固经济回升势头。\n\n责任编辑：李华\n\n分享到：微信 微博 QQ空间",
        "台风今天凌晨在广东沿海登陆，登陆时中心附近最大风力达十二级。\n\n受其影响，广东、广西等地出现大范围强降雨，"
        "多条高速公路临时封闭。\n\n气象部门提醒，未来两天仍有暴雨到大暴雨，请公众减少外出，注意防范山洪和地质灾害。\n\n"
        "目前，当地已转移安置群众三万余人，暂无人员伤亡报告。",
    ),
    "ja": (
        "政府は20日、物価高への対策として総額十七兆円規模の経済対策を閣議決定した。\n\n"
        "所得税と住民税の定額減税を来年六月に実施し、低所得世帯には一世帯あたり七万円を給付する。\n\n"
        "首相は記者会見で「賃上げが物価上昇に追いつくまで、政府として国民の生活を支えていく」と述べた。\n\n"
        "財源の一部は国債の追加発行でまかなう方針で、財政規律の悪化を懸念する声も上がっている。",
        "この記事をシェアする\n\n政府は20日、物価高への対策として総額十七兆円規模の経済対策を閣議決定した。\n\n"
        "所得税と住民税の定額減税を来年六月に実施し、低所得世帯には一世帯あたり七万円を給付する。\n\n"
        "首相は会見で「賃上げが物価上昇に追いつくまで、政府として国民の生活を支えていく」と述べた。\n\n"
        "関連記事：円安が続く",
        "北海道の旭川市で19日、今シーズン初めての本格的な雪が降り、市内は一面の銀世界となった。\n\n"
        "気象台によると、朝の最低気温は氷点下八度まで下がり、平年より二週間ほど早い冷え込みとなった。\n\n"
        "市内の小学校では子どもたちが雪遊びを楽しむ姿が見られた。\n\n"
        "道路では凍結によるスリップ事故が相次ぎ、警察が注意を呼びかけている。",
    ),
    "th": (
        "คณะรัฐมนตรีมีมติอนุมัติงบประมาณกว่าห้าหมื่นล้านบาท เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วมในภาคเหนือและภาคอีสาน\n\n"
        "โฆษกรัฐบาลกล่าวว่า เกษตรกรจะได้รับเงินชดเชยไร่ละหนึ่งพันบาท ไม่เกินครัวเรือนละยี่สิบไร่ โดยจะเริ่มจ่ายเงินภายในเดือนธันวาคมนี้\n\n"
        "นอกจากนี้ ที่ประชุมยังเห็นชอบมาตรการพักชำระหนี้ให้แก่เกษตรกรรายย่อยเป็นเวลาสามปี\n\n"
        "นายกรัฐมนตรีระบุว่า รัฐบาลจะเร่งฟื้นฟูพื้นที่ที่ได้รับความเสียหายให้กลับมาเป็นปกติโดยเร็วที่สุด",
        "แชร์ข่าวนี้\n\nคณะรัฐมนตรีมีมติอนุมัติงบประมาณกว่าห้าหมื่นล้านบาท เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากน้ำท่วมในภาคเหนือและภาคอีสาน\n\n"
        "โฆษกรัฐบาลกล่าวว่า เกษตรกรจะได้รับเงินชดเชยไร่ละหนึ่งพันบาท ไม่เกินครัวเรือนละยี่สิบไร่ โดยจะเริ่มจ่ายเงินภายในเดือนธันวาคม\n\n"
        "นอกจากนี้ ที่ประชุมยังเห็นชอบมาตรการพักชำระหนี้ให้แก่เกษตรกรรายย่อยเป็นเวลาสามปี\n\nอ่านข่าวที่เกี่ยวข้อง",
        "ทีมชาติไทยเอาชนะเวียดนามสองต่อหนึ่งในการแข่งขันฟุตบอลชิงแชมป์อาเซียนเมื่อคืนนี้ ที่สนามราชมังคลากีฬาสถาน\n\n"
        "ผู้ทำประตูให้ทีมชาติไทยคือกองหน้าดาวรุ่งที่ยิงได้ทั้งสองลูกในครึ่งหลัง\n\n"
        "หัวหน้าผู้ฝึกสอนกล่าวหลังเกมว่า นักเตะทุกคนเล่นด้วยหัวใจและทำตามแผนได้อย่างสมบูรณ์แบบ\n\n"
        "ทีมชาติไทยจะลงสนามนัดต่อไปพบกับมาเลเซียในวันเสาร์นี้",
    ),
    "hi": (
        "केंद्र सरकार ने बुधवार को किसानों के लिए नई फसल बीमा योजना की घोषणा की। इसके तहत प्राकृतिक आपदा से हुए नुकसान की "
        "भरपाई तीस दिनों के भीतर की जाएगी। कृषि मंत्री ने संवाददाताओं से कहा कि इस योजना से देश के करीब पांच करोड़ किसानों को "
        "सीधा लाभ मिलेगा। उन्होंने बताया कि बीमा की किस्त का आधा हिस्सा केंद्र सरकार और बाकी राज्य सरकारें वहन करेंगी। "
        "विपक्षी दलों ने योजना का स्वागत किया, लेकिन कहा कि पुराने दावों का भुगतान अब तक नहीं हुआ है।",
        "केंद्र सरकार ने बुधवार को किसानों के लिए नई फसल बीमा योजना की घोषणा की। इसके तहत प्राकृतिक आपदा से हुए नुकसान की "
        "भरपाई तीस दिनों के अंदर की जाएगी। कृषि मंत्री ने संवाददाताओं से कहा कि इस योजना से देश के करीब पांच करोड़ किसानों को "
        "सीधा फायदा मिलेगा। उन्होंने बताया कि बीमा की किस्त का आधा हिस्सा केंद्र सरकार और बाकी राज्य सरकारें वहन करेंगी।\n\n"
        "यह भी पढ़ें: मानसून की विदाई",
        "भारतीय क्रिकेट टीम ने रविवार को खेले गए तीसरे एकदिवसीय मैच में ऑस्ट्रेलिया को छह विकेट से हरा दिया। कप्तान ने शानदार "
        "शतक लगाया और टीम को जीत दिलाई। इस जीत के साथ भारत ने श्रृंखला पर दो-एक से कब्जा कर लिया। मैच के बाद कप्तान ने "
        "गेंदबाजों की जमकर तारीफ की और कहा कि टीम का प्रदर्शन लगातार बेहतर हो रहा है।",
    ),
    "ar": (
        "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لدعم المزارعين المتضررين من موجة الجفاف التي ضربت البلاد هذا العام. "
        "وقال وزير الزراعة إن الخطة تشمل تعويضات مالية مباشرة وتوزيع بذور مجانية على صغار المزارعين. "
        "وأضاف أن الحكومة ستخصص أكثر من مليار دولار لتنفيذ هذه الخطة خلال العامين المقبلين. "
        "ورحبت نقابة المزارعين بالقرار، لكنها طالبت بتسريع صرف التعويضات قبل بداية موسم الزراعة.",
        "أعلنت الحكومة يوم الأربعاء عن خطة جديدة لدعم المزارعين المتضررين من موجة الجفاف التي ضربت البلاد هذا العام. "
        "وقال وزير الزراعة إنّ الخطة تشمل تعويضات ماليّة مباشرة وتوزيع بذور مجانيّة على صغار المزارعين. "
        "وأضاف أن الحكومة ستخصص أكثر من مليار دولار لتنفيذ هذه الخطة خلال العامين القادمين.\n\nاقرأ أيضا: ارتفاع أسعار القمح",
        "فاز المنتخب الوطني لكرة القدم على نظيره التونسي بهدفين مقابل هدف في المباراة الودية التي أقيمت مساء أمس. "
        "وسجل المهاجم الشاب الهدفين في الشوط الثاني من المباراة. "
        "وقال المدرب بعد اللقاء إن الفريق قدم أداء جيدا رغم غياب عدد من اللاعبين الأساسيين بسبب الإصابة. "
        "ويستعد المنتخب لخوض تصفيات كأس العالم الشهر المقبل.",
    ),
    "ru": (
        "Правительство в среду утвердило программу поддержки фермеров, пострадавших от засухи. "
        "Министр сельского хозяйства сообщил, что на эти цели будет выделено около пятидесяти миллиардов рублей. "
        "Выплаты начнутся в декабре и продлятся до конца следующего года. "
        "Фермерские союзы приветствовали решение, но потребовали упростить порядок получения компенсаций.",
        "Правительство в среду утвердило программу поддержки фермеров, пострадавших от засухи. "
        "Министр сельского хозяйства заявил, что на эти цели будет выделено около пятидесяти миллиардов рублей. "
        "Выплаты начнутся в декабре и продлятся до конца следующего года.\n\nЧитайте также: Урожай зерна снизился",
        "Сборная России по хоккею обыграла команду Финляндии со счётом три один в товарищеском матче. "
        "Две шайбы забросил молодой нападающий, дебютировавший в составе национальной команды. "
        "Главный тренер после игры отметил хорошую работу вратаря и защитников. "
        "Следующий матч команда проведёт в субботу против сборной Швеции.",
    ),
}


def _trace(lang: str):
    original, copy, other = STORIES[lang]
    return trace(from_texts({f"{lang}-original": original, f"{lang}-copy": copy, f"{lang}-other": other}))


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_a_copy_in_another_script_is_found_and_nothing_else(lang: str) -> None:
    res = _trace(lang)
    ids = [d.id for d in res.documents]
    related = {frozenset((ids[p.a], ids[p.b])): p for p in res.pairs if p.relation in DERIVATION}
    assert set(related) == {frozenset((f"{lang}-original", f"{lang}-copy"))}
    pair = next(iter(related.values()))
    # Aligned sentence by sentence, not as one block.
    assert pair.features.links >= 3


@pytest.mark.parametrize("lang", sorted(STORIES))
def test_sentences_of_other_scripts_are_split(lang: str) -> None:
    original = STORIES[lang][0]
    segs = segment(0, from_texts({"a": original})[0])
    assert len(segs) >= 4
    # no sentence runs on past a sentence end (of any script) followed by more text
    for s in segs:
        assert not any(stop in s.text[:-1] for stop in "。।؟") or lang == "ar"


def test_words_of_scripts_without_blanks() -> None:
    assert words(normalise("新华社报道")) == ["新", "华", "社", "报", "道"]
    # a Thai mark stays with its letter; Latin words in between stay whole
    assert words(normalise("ที่ GDP")) == ["ท\u0e35\u0e48", "GDP".lower()]
    assert spaced("hindi शब्द") == "hindi शब्द"
    assert shingles(normalise("国家统计局发布"), MinHashConfig(ngram=3)) == ["国 家 统", "家 统 计", "统 计 局", "计 局 发", "局 发 布"]


def test_cjk_sentence_ends() -> None:
    t = "报告指出，今年目标为百分之五左右。城镇新增就业一千二百万人以上！“这是好事。”他说。"
    assert [t[s:e] for s, e in split_sentences(t)] == [
        "报告指出，今年目标为百分之五左右。", "城镇新增就业一千二百万人以上！", "“这是好事。”", "他说。"]


def test_furniture_cues_in_other_languages() -> None:
    from provenance.furniture import is_furniture_text

    for line in ("Читайте также: Урожай зерна снизился", "相关阅读：国家统计局发布数据", "责任编辑：李华",
                 "関連記事：円安が続く", "اقرأ أيضا: ارتفاع أسعار القمح", "यह भी पढ़ें: मानसून की विदाई",
                 "Czytaj także: Nowe przepisy", "Ayrıca okuyun: Enflasyon"):
        assert is_furniture_text(line), line
    for line in ("Пользователи поделились мнением о реформе.", "यह भी पढ़ेंगे छात्र", "Sharing economy grows."):
        assert not is_furniture_text(line), line


def test_attribution_to_agencies_in_other_scripts() -> None:
    from provenance.orient import attributions

    assert attributions("【财经频道】据新华社报道，国家统计局20日发布数据显示") == ["新华社"]
    assert attributions("Об этом сообщает ТАСС со ссылкой на источник.") == ["ТАСС"]
    assert attributions("По данным РИА Новости, встреча прошла.") == ["РИА Новости"]
    assert attributions("共同通信によると、政府は経済対策を決めた。") == ["共同通信"]
    # a dispatch under its own dateline attributes nothing
    assert attributions("新华社北京11月20日电 国家统计局20日发布数据显示") == []


def test_a_copy_crediting_an_agency_in_chinese_points_back_to_the_dispatch() -> None:
    original, copy, other = STORIES["zh"]
    copy = copy.replace("据报道", "据新华社报道")
    res = trace(from_texts({"dispatch": original, "copy": copy, "other": other}))
    edges = [e for e in res.graph["edges"] if e["directed"] and e["relation"] in DERIVATION]
    assert [(e["source"], e["target"]) for e in edges] == [("dispatch", "copy")]
    assert "copy credits 新华社, as a republisher does" in edges[0]["evidence"]


@pytest.mark.parametrize("notice", [
    "Эта статья переведена автоматически с английского.",
    "Машинный перевод; возможны неточности.",
    "Przetłumaczono automatycznie z angielskiego.",
    "Bu haber otomatik olarak çevrilmiştir.",
    "Bài viết được dịch tự động.",
    "تمت ترجمة هذا المقال ترجمة آلية.",
    "本文由机器翻译自英文。",
    "この記事は機械翻訳されています。",
    "이 기사는 기계 번역되었습니다.",
    "यह लेख मशीन अनुवाद है।",
])
def test_machine_translation_notices_in_other_languages(notice: str) -> None:
    from provenance.metadata import translation_notice

    text = "Первый абзац текста.\n\n" + notice + "\n\nПоследний абзац."
    found = translation_notice(text)
    assert found is not None and notice.rstrip("。.").rstrip() in text[found.start:found.end + 1]


def test_one_corpus_of_six_scripts_links_each_copy_to_its_story_only() -> None:
    texts = {f"{lang}-{k}": t for lang, trio in STORIES.items() for k, t in zip("ocx", trio, strict=True)}
    res = trace(from_texts(texts))
    edges = sorted((e["source"], e["target"], e["directed"]) for e in res.graph["edges"] if e["relation"] in DERIVATION)
    assert edges == [(f"{lang}-o", f"{lang}-c", True) for lang in sorted(STORIES)]


def test_naming_a_chinese_site_points_at_its_page() -> None:
    from provenance.load import to_document

    original, copy, _ = STORIES["zh"]
    # the same text on two sites, one of them named by the copy: only the name tells them apart
    docs = [to_document({"id": "renmin", "text": original, "source": "people.example", "site_name": "人民网"}),
            to_document({"id": "other", "text": original, "source": "other.example", "site_name": "环球网"}),
            to_document({"id": "copy", "text": copy.replace("据报道", "据人民网报道")})]
    edges = [(e["source"], e["target"]) for e in trace(docs).graph["edges"]
             if e["directed"] and e["relation"] in DERIVATION and e["target"] == "copy"]
    assert edges == [("renmin", "copy")]
