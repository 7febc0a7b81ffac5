"""Significant words: lower-cased, stop words out, lightly stemmed, synonyms made one.

Stemming is deliberately light (-s, -es, -ies, -ed, -ing, a final -e, doubled final
consonants, and a table of irregular forms): the rules it serves compare the words of a
claim with the words of its premises, so what matters is that two forms of one word
meet, not that the stem is a dictionary word. English, German, French, Spanish, Italian,
Portuguese, Dutch, Polish, Russian, Ukrainian, Turkish and Hindi have lists (`STOP_WORDS`);
maps in other languages (Arabic and Hebrew, whose prefixes a list cannot fold; Chinese,
Japanese and Korean, whose words no space separates) get L001.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping

_APOSTROPHE = "\u2019"
# A letter, then letters, digits, Indic vowel signs and viramas (which \w leaves out), and
# apostrophes or hyphens inside.
_WORD = re.compile(
    r"[^\W\d_](?:[^\W_]|[\u0900-\u0963\u0966-\u0dff]|['\u2019-](?=[^\W_]))*"
    r"|\d+(?:[.,]\d+)*%?"
)

_ENGLISH_WORDS = """
    a about above after again against all also although am an and any are as at be
    because been before being below between both but by can cannot could did do does
    doing done down during each either else even ever every few for from further had has
    have having he her here hers herself him himself his how however i if in into is it
    its itself just least less let like may me might more most much must my myself
    neither no nor not now of off on once one only or other others our ours ourselves out
    over own per rather same shall she should since so some such than that the their
    theirs them themselves then there therefore these they this those though through
    thus to too under until up upon us very was we were what whatever when where whether
    which while who whom whose why will with within without would yet you your yours
    yourself yourselves many any anyone anything everyone everything someone something
    well still already always never often
"""
_ENGLISH_STOP = frozenset(_ENGLISH_WORDS.split())
# The commonest function words of the languages whose words spaces separate and whose
# endings a few rules can fold (see `_ENDINGS`); other languages get L001.
_OTHER_WORDS = {
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber doch
        denn weil dass wenn als wie auch nicht kein keine keinen ist sind war waren wird
        werden wurde hat haben hatte sein seine ihr ihre es er sie wir ihr man sich mit
        von zu zum zur für auf aus an am im in bei nach über unter vor durch um so noch
        nur schon sehr mehr viel viele alle jede jeder dies diese dieser dieses da dann
        sollte sollten soll muss müssen kann können darf dürfen was wer wo""",
    "fr": """le la les un une des du de d l et ou mais donc car que qui quoi dont où ne pas
        plus ni si est sont était être a ont avait avoir il elle ils elles on nous vous
        je tu se sa son ses leur leurs ce cet cette ces en au aux dans par pour sur sous
        avec sans entre comme aussi très tout tous toute toutes doit doivent peut peuvent""",
    "es": """el la los las un una unos unas y o pero porque que quien cual como cuando
        donde no ni si es son era ser está están ha han haber de del al a en con sin por
        para sobre entre su sus se lo le les nos este esta estos estas ese esa también muy
        más todo todos debe deben puede pueden""",
    "it": """il lo la i gli le un uno una e o ma perché che chi cui come quando dove non né
        se è sono era essere ha hanno avere di del della dei delle a al alla in nel nella
        con su per tra fra suo sua suoi sue si ci questo questa anche molto più tutto tutti
        deve devono può possono""",
    "pt": """o a os as um uma uns umas e ou mas porque que quem qual como quando onde não
        nem se é são era ser está estão tem têm ter de do da dos das em no na nos nas com
        sem por para sobre entre seu sua seus suas este esta isso também muito mais todo
        todos deve devem pode podem""",
    "nl": """de het een en of maar want omdat dat die dit deze wie wat als dan niet geen is
        zijn was waren wordt worden werd heeft hebben had er hij zij ze wij we jullie men
        zich met van te tot voor op uit aan in bij na over onder door om ook zeer meer
        veel alle elk elke moet moeten kan kunnen mag mogen""",
    "pl": """i oraz a ale lub albo czy że bo ponieważ gdy kiedy jeśli jeżeli jak niż nie
        ani jest są był była było byli być ma mają mieć to ten ta te tego tej tym tych
        ich jego jej się w we z ze za do od na o po przy przez pod nad dla bez u także też
        bardzo więcej wszystko wszyscy każdy powinien powinna powinno powinny musi może
        mogą który która które którzy co kto gdzie tak już jeszcze tylko""",
    "ru": """и а но или либо что чтобы потому поэтому так как если когда чем не ни нет
        есть это этот эта эти того тот то та те наш наша наше наши его ее её их он
        она оно они мы вы я ты себя
        в во на с со к ко по о об от до из за для без при про под над через у же ли бы
        был была было были быть является также тоже очень более всё все весь каждый
        должен должна должно должны может могут который которая которое которые кто где""",
    "uk": """і й та а але або чи що щоб тому бо якщо коли ніж не ні немає є це цей ця ці
        того той та ті його її їх він вона воно вони ми ви я ти себе в у на з із зі до
        від по про за для без при під над через же б був була було були бути також теж
        дуже більше все всі кожен має мають повинен повинна повинні може можуть який
        яка яке які хто де""",
    "tr": """ve veya ya da ama fakat ancak çünkü ki eğer ise gibi kadar daha en çok az bu
        şu o bir birçok her hiç değil yok var mı mi mu mü ile için göre kadar sonra önce
        olarak olan olması oldu olur ben sen biz siz onlar onun bunun bunlar şey de da
        hem ne nasıl neden nerede gerek gerekir meli malı""",
    "hi": """और या लेकिन पर परंतु क्योंकि कि जो जब अगर यदि तो भी ही नहीं न है हैं था थे थी
        हो होता होती होते होना का के की को से में पर तक लिए द्वारा साथ बिना यह वह ये वे
        इस उस इन उन हम आप मैं तुम वह अपना अपने अपनी एक सब सभी हर बहुत अधिक कुछ चाहिए
        सकता सकते सकती""",
}
STOP_WORDS: dict[str, frozenset[str]] = {
    "en": _ENGLISH_STOP,
    **{language: frozenset(text.split()) for language, text in _OTHER_WORDS.items()},
}
# Inflectional endings folded so that two forms of one word meet (Schule, Schulen), the
# longest first; light on purpose, as the English rules are.
_ENDINGS = {
    "de": ("ungen", "en", "er", "es", "em", "e", "n", "s"),
    "fr": ("ent", "es", "s", "x", "e"),
    "es": ("es", "s", "a", "o"),
    "it": ("i", "e", "a", "o"),
    "pt": ("ões", "es", "s", "a", "o"),
    "nl": ("en", "s", "e"),
    "pl": ("ami", "ach", "ów", "om", "ie", "y", "i", "a", "e", "ę", "ą", "o", "u"),
    "ru": (
        "ами",
        "ями",
        "ого",
        "его",
        "ому",
        "ему",
        "ых",
        "их",
        "ют",
        "ет",
        "ит",
        "ах",
        "ях",
        "ов",
        "ев",
        "ой",
        "ей",
        "ий",
        "ый",
        "ая",
        "ое",
        "ые",
        "ие",
        "ом",
        "ем",
        "ам",
        "ям",
        "ы",
        "и",
        "а",
        "я",
        "е",
        "у",
        "ю",
        "о",
    ),
    "uk": (
        "ами",
        "ями",
        "ого",
        "ому",
        "ах",
        "ях",
        "ів",
        "ой",
        "ий",
        "ій",
        "ою",
        "ею",
        "ом",
        "ем",
        "ам",
        "ям",
        "и",
        "і",
        "а",
        "я",
        "е",
        "у",
        "ю",
        "о",
    ),
    "tr": (
        "lerin",
        "ların",
        "leri",
        "ları",
        "ler",
        "lar",
        "nin",
        "nın",
        "nun",
        "nün",
        "in",
        "ın",
        "un",
        "ün",
        "i",
        "ı",
        "u",
        "ü",
        "e",
        "a",
    ),
    "hi": ("ों", "ें", "ाएं", "ियाँ", "ियां", "ा", "े", "ी"),
}

# Irregular forms and their base, tested in tests/test_lint.py.
IRREGULAR = {
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "teeth": "tooth",
    "mice": "mouse",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "crises": "crisis",
    "analyses": "analysis",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "fell": "fall",
    "fallen": "fall",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "made": "make",
    "said": "say",
    "knew": "know",
    "known": "know",
    "thought": "think",
    "brought": "bring",
    "bought": "buy",
    "sold": "sell",
    "paid": "pay",
    "left": "leave",
    "lost": "lose",
    "won": "win",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "spent": "spend",
    "kept": "keep",
    "met": "meet",
    "held": "hold",
    "led": "lead",
    "meant": "mean",
    "built": "build",
    "sent": "send",
    "felt": "feel",
    "found": "find",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "saw": "see",
    "seen": "see",
    "came": "come",
    "became": "become",
    "got": "get",
    "gotten": "get",
    "stood": "stand",
    "understood": "understand",
    "better": "good",
    "best": "good",
    "worse": "bad",
    "worst": "bad",
}


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The light stem of one lower-case English word (remembered: a map repeats its
    words, and lint and the language server read every claim several times)."""
    word = IRREGULAR.get(word, word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith(("sses", "xes", "zes", "ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 4 and word.endswith("ied"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    if len(word) > 2 and word.endswith("e"):
        word = word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of a text as written, lower-cased (possessive 's dropped)."""
    found = []
    for match in _WORD.findall(text):
        word = match.lower().replace(_APOSTROPHE, "'")
        if word.endswith("'s"):
            word = word[:-2]
        found.append(word)
    return found


def _folder(endings: tuple[str, ...]) -> Callable[[str], str]:
    def fold(word: str) -> str:
        for ending in endings:
            if len(word) > len(ending) + 2 and word.endswith(ending):
                return word[: -len(ending)]
        return word

    return fold


class Vocabulary:
    """Significant words of one map: its language's stop words, its own synonyms."""

    def __init__(self, language: str = "en", synonyms: Mapping[str, Iterable[str]] = {}):
        base = language.split("-")[0].lower()
        self.language = base if base in STOP_WORDS else "en"
        self.stop = STOP_WORDS.get(base, _ENGLISH_STOP)
        endings = _ENDINGS.get(base)
        self.stem = _folder(endings) if endings else stem
        self._read: dict[str, dict[str, str]] = {}
        # Every synonym, and the word itself, stands for the first word's stem.
        self.same: dict[str, str] = {}
        for head, others in synonyms.items():
            first = words(head)
            for word in [head, *others]:
                for part in words(word):
                    self.same[self.stem(part)] = self.stem(first[0]) if first else part

    def significant(self, text: str) -> dict[str, str]:
        """Stem (synonyms made one) -> the word as first written; each text read once."""
        known = self._read.get(text)
        if known is not None:
            return dict(known)
        found: dict[str, str] = {}
        for word in words(text):
            if word in self.stop or (word.isdigit() and len(word) < 2):
                continue
            key = self.stem(word)
            if key in self.stop and self.language != "en":  # a function word's inflection
                continue
            key = self.same.get(key, key)
            found.setdefault(key, word)
        self._read[text] = found
        return dict(found)


_VOCABULARIES: dict[tuple[str, tuple[tuple[str, tuple[str, ...]], ...]], Vocabulary] = {}
_MOST_TEXTS = 200_000


def vocabulary_for(language: str, synonyms: Mapping[str, Iterable[str]]) -> Vocabulary:
    """One Vocabulary per language and synonyms, kept: a language server or watch lints the
    same claims on every keystroke, and each text's words are read once."""
    key = (language, tuple((head, tuple(others)) for head, others in synonyms.items()))
    known = _VOCABULARIES.get(key)
    if known is None or len(known._read) > _MOST_TEXTS:
        if len(_VOCABULARIES) > 16:
            _VOCABULARIES.clear()
        known = _VOCABULARIES[key] = Vocabulary(language, synonyms)
    return known
