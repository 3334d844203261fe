"""The role, body and country tables that speaker mentions are read with, in the three languages.

Keys are language-independent ids: a role ("spokesperson", "chief-cabinet-secretary"), a body
("kr-mofa", "jp-coast-guard") or a country code ("kr", "jp"). ``comparator.quotes.mentions`` parses
mentions with them; speaker keys and cross-language links rest on the ids.
"""

from __future__ import annotations

import re

ROLES: dict[str, tuple[str, ...]] = {
    "chief-cabinet-secretary": ("관방장관", "官房長官", "chief cabinet secretary"),
    "foreign-minister": ("외교부 장관", "외교장관", "외무상", "외무대신", "외상", "外相", "外務大臣", "外務相", "外交部長官",
                         "foreign minister", "foreign secretary"),
    "spokesperson": ("대변인", "報道官", "報道担当", "広報担当者", "広報担当", "spokesperson", "spokesman", "spokeswoman", "press secretary"),
    "prime-minister": ("총리", "국무총리", "首相", "総理大臣", "内閣総理大臣", "総理", "prime minister", "premier"),
    "deputy-prime-minister": ("부총리", "副総理", "副首相", "deputy prime minister"),
    # 정무관 / 政務官: a parliamentary vice-minister, not a cabinet minister
    "vice-minister": ("정무관", "차관", "政務官", "副大臣", "次官", "vice minister", "vice-minister",
                      "parliamentary vice minister", "vice foreign minister"),
    "president": ("대통령", "大統領", "president"),
    # Japanese ministers are -相 / -상 (防衛相, 방위상); 국무장관 is the US Secretary of State
    # 대신: a Japanese minister as Korean readouts write it (미야케 대신)
    "minister": ("장관", "대신", "국무장관", "방위상", "재무상", "경제산업상", "총무상", "법무상", "문부과학상", "大臣", "長官",
                 "防衛相", "財務相", "経済産業相", "経産相", "경산상", "総務相", "法相", "文部科学相", "国務長官", "minister", "secretary",
                 # portfolios as Japanese reports write them, Korea's too (韓国の海洋水産相)
                 "農林水産相", "厚生労働相", "国土交通相", "環境相", "復興相", "デジタル相", "海洋水産相",
                 "産業通商資源相", "統一相", "国防相", "企画財政相", "雇用労働相", "保健福祉相", "行政安全相"),
    "ambassador": ("대사", "大使", "ambassador"),
    # a diplomatic minister (정무공사, 総括公使); English "minister" stays the cabinet title
    "envoy": ("공사", "정무공사", "총괄공사", "차석공사", "公使", "総括公使", "次席公使"),
    "lawmaker": ("의원", "議員", "lawmaker", "senator", "representative", "congressman", "congresswoman"),
    "official": ("당국자", "관계자", "고위 관계자", "소식통", "당국", "업계", "当局者", "関係者", "高官", "幹部", "筋", "officials",
                 "official", "sources", "source"),
    "governor": ("도지사", "지사", "총재", "知事", "総裁", "governor"),
    "mayor": ("시장", "市長", "mayor"),
    "party-leader": ("대표", "代表", "党首", "party leader"),
    # the head of an office, company or board (港湾局の森田直樹局長, 김 사장)
    "head": ("국장", "본부장", "사장", "회장", "위원장", "이사장", "局長", "本部長", "社長", "会長", "委員長", "所長",
             "理事長"),
    # Unnamed people quoted by what they are (한 유족, 住民): never a personal name.
    "member-of-public": ("유족", "유가족", "피해자", "주민", "시민", "遺族", "被害者", "住民", "市民"),
}  # fmt: skip

BODIES: dict[str, tuple[str, ...]] = {
    "nk-mofa": ("북한 외무성", "北朝鮮外務省", "north korea's foreign ministry", "north korean foreign ministry"),
    "kr-mofa": ("한국 외교부", "외교부", "韓国外交部", "外交部", "韓国外交省", "韓国外務省", "外交省",
                "south korea's foreign ministry", "south korean foreign ministry", "seoul's foreign ministry",
                "korean foreign ministry", "foreign ministry in seoul"),
    "jp-mofa": ("일본 외무성", "외무성", "日本外務省", "外務省", "japan's foreign ministry",
                "japanese foreign ministry", "tokyo's foreign ministry", "ministry of foreign affairs of japan",
                "foreign ministry in tokyo"),
    "kr-presidential-office": ("대통령실", "청와대", "韓国大統領室", "大統領室", "大統領府",
                               "presidential office", "cheong wa dae", "blue house"),
    "jp-pmo": ("일본 총리관저", "총리관저", "首相官邸", "官邸", "prime minister's office"),
    "kr-government": ("한국 정부", "韓国政府", "south korean government", "south korea's government", "seoul"),
    "jp-government": ("일본 정부", "日本政府", "japanese government", "japan's government", "tokyo"),
    "kr-defense": ("국방부", "韓国国防省", "韓国国防部", "south korea's defense ministry"),
    "jp-defense": ("방위성", "防衛省", "japan's defense ministry", "japanese defense ministry"),
    # the trade ministries: 経済産業省 (METI) and 산업통상자원부 (MOTIE, 産業通商資源部 in Japanese reports)
    "jp-meti": ("일본 경제산업성", "경제산업성", "경산성", "日本経済産業省", "経済産業省", "経産省",
                "japan's trade ministry", "japanese trade ministry", "tokyo's trade ministry",
                "japan's industry ministry", "trade ministry in tokyo", "meti",
                "ministry of economy, trade and industry"),
    "kr-motie": ("한국 산업통상자원부", "산업통상자원부", "산업부", "韓国産業通商資源部", "産業通商資源部", "産業通商資源省",
                 "韓国産業通商資源省", "south korea's trade ministry", "south korean trade ministry",
                 "seoul's trade ministry", "korea's trade ministry", "korean trade ministry",
                 "south korea's industry ministry", "trade ministry in seoul", "motie",
                 "ministry of trade, industry and energy"),
    "kr-unification": ("통일부", "統一省", "統一部", "unification ministry"),
    "us-state-department": ("국무부", "国務省", "state department"),
    "kr-coast-guard": ("해양경찰청", "해경", "韓国海洋警察庁", "海洋警察庁", "韓国海洋警察", "korea coast guard",
                       "korean coast guard", "south korean coast guard", "south korea's coast guard"),
    "jp-coast-guard": ("일본 해상보안청", "해상보안청", "海上保安庁", "japan coast guard", "japanese coast guard",
                       "japan's coast guard"),
    "white-house": ("백악관", "ホワイトハウス", "white house"),
    "kcna": ("조선중앙통신", "朝鮮中央通信", "kcna", "korean central news agency"),
    "yonhap": ("연합뉴스", "聯合ニュース", "yonhap"),
    "kyodo": ("교도통신", "共同通信", "kyodo"),
}  # fmt: skip
# Unqualified government words default to the article's own country.
HOME_GOVERNMENT = {"ko": ("정부", "kr-government"), "ja": ("政府", "jp-government")}
BODY_KIND = {"mofa": "ministry", "meti": "ministry", "motie": "ministry", "defense": "ministry", "unification": "ministry", "department": "ministry",
              "office": "office", "pmo": "office", "house": "office", "government": "government",
              "kcna": "agency", "yonhap": "agency", "kyodo": "agency", "coast-guard": "agency"}  # fmt: skip
GENERIC_BODIES = {"foreign ministry": "foreign-ministry", "defense ministry": "defense-ministry",
                   "defence ministry": "defense-ministry", "trade ministry": "trade-ministry",
                   "industry ministry": "trade-ministry", "government": "government", "ministry": "ministry"}  # fmt: skip
# What a generic body can stand for: "the trade ministry" is METI or MOTIE, never a foreign ministry.
GENERIC_FIELDS = {
    "foreign-ministry": ("mofa",),
    "defense-ministry": ("defense",),
    "trade-ministry": ("meti", "motie"),
}
BACKREF_JA = {"省": "ministry", "部": "ministry", "庁": "agency", "室": "office", "府": "office", "党": "party",
               "社": "company", "紙": "newspaper", "国": "country", "政府": "government"}  # fmt: skip
BACKREF_EN = {"ministry": "ministry", "department": "ministry", "office": "office", "government": "government",
               "agency": "agency", "party": "party", "company": "company", "newspaper": "newspaper"}  # fmt: skip
# Country words (nouns, adjectives, possessives, capitals used as metonyms) -> country code.
COUNTRY_FORMS: dict[str, tuple[str, ...]] = {
    "kr": ("한국", "대한민국", "韓国", "大韓民国", "south korea", "south korean", "south korea's", "korean",
           "seoul", "seoul's"),
    "jp": ("일본", "日本", "japan", "japanese", "japan's", "tokyo", "tokyo's"),
    "us": ("미국", "米国", "米", "united states", "u.s.", "american", "washington"),
    "cn": ("중국", "中国", "china", "chinese", "china's", "beijing"),
    "kp": ("북한", "北朝鮮", "north korea", "north korean", "north korea's", "pyongyang"),
    "ru": ("러시아", "ロシア", "russia", "russian", "russia's", "moscow"),
}  # fmt: skip
COUNTRIES = {f for code, fs in COUNTRY_FORMS.items() for f in fs if not f.isascii() and f != "米"}

# ---------------------------------------------------------------- words read around mentions

BODY_COUNTRY = {"nk": "kp", "white-house": "us", "kcna": "kp", "yonhap": "kr", "kyodo": "jp"}
# Sector words before a title (외교 소식통, 군 당국자, 여권 관계자): never part of a name.
KO_SECTORS = {"정부", "외교", "군", "여권", "야권", "여당", "야당", "고위", "안보", "대북", "경제", "검찰", "경찰", "업계",
               "재계", "정계", "정치권", "현지", "당", "대통령실",
               "한은", "금감원", "금통위", "한전", "기재부", "산업부", "외교부", "국방부", "통일부"}  # fmt: skip
KO_NOT_NAMES = {
    "나머지",
    "이들",
    "모두",
    "대부분",
    "일부",
    "정부",
    "양국",
    "한국",
    "일본",
    "미국",
    "중국",
    "북한",
    "전문가",
}
# A title that is also a common noun: 이 공사 is "this construction / corporation" unless a namesake exists.
KO_TITLE_HOMONYMS = {"공사"}
# A diplomatic mission between a name and its title (이상훈 주일 한국대사관 정무공사): no part of the name.
KO_MISSION = re.compile(r"^[가-힣]*(?:대사관|영사관|대표부)$")
KO_POSTED = re.compile(
    r"^주(?:일|한|미|중|러|유엔|[가-힣]{2,4})$"
)  # 주일, 주오사카: "posted in", before a mission
KO_ORG = re.compile(r"[가-힣]{2,}(?:부|처|청|위원회|공사|재단|연구원|연구소|은행|협회|공단)$")
UNNAMED_ROLES = {"official", "member-of-public"}
PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i", "그", "그녀", "彼", "彼女", "同氏"}
PLURAL_PRONOUNS = {"they", "we", "their", "그들", "彼ら"}
TITLES = {"mr", "ms", "mrs", "dr", "sen", "rep", "gov", "gen", "prof", "rev", "minister", "president", "prime",
           "chief", "cabinet", "secretary", "foreign", "spokesperson", "spokesman", "spokeswoman", "presidential",
           "the", "a", "an", "japanese", "korean", "south", "japan's", "korea's", "deputy", "vice", "press",
           "lawmaker", "senator", "ambassador", "former", "acting", "party", "leader", "mayor", "governor",
           "chairman", "chairwoman", "commissioner"}  # fmt: skip
