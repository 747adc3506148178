"""Country classifications: ITU regions, UN M49 regions, LDC/LLDC/SIDS.

Covers every ISO 3166-1 entry known to ``pycountry`` (249 alpha-2 codes). Values are
space-separated alpha-2 codes; use ``str.split()``. Reviewed as of 2026-11-23.

Sources
- ITU-D regions: ITU Telecommunication Development Bureau regional presence (regional offices
  for Africa, Americas, Arab States, Asia-Pacific, CIS, Europe) and the regional groupings used
  in ITU statistics (itu.int/en/ITU-D/Statistics/Pages/definitions/regions.aspx). Member-state
  counts used as a cross-check: AFR 44, AMS 35, ARB 21 (+ Palestine), ASP 38, CIS 9, EUR 46
  (= 193 ITU Member States).
- UN M49 "Standard country or area codes for statistical use" (unstats.un.org/unsd/methodology/m49).
- LDC: UN Committee for Development Policy / UN DESA list of LDCs (44 since Sao Tome and
  Principe graduated on 13 December 2024), as also published by UN-OHRLLS.
- LLDC and SIDS: UN-OHRLLS lists (un.org/ohrlls/content/list-lldcs, .../list-sids). The
  LDC/LLDC/SIDS flags in the M49 overview file are NOT used for SIDS: they differ from OHRLLS.

Judgement calls
- ITU, Georgia/Ukraine/Moldova: placed in EUR, not CIS. The CIS region here is the nine
  countries served by the ITU Regional Office for the CIS (the RCC administrations: AM AZ BY KG
  KZ RU TJ TM UZ). Georgia left the CIS in 2009 and Ukraine stopped taking part in CIS bodies in
  2018. The ITU Office for Europe serves 46 Member States; with the other regions' counts
  (above) that total only adds up to 193 as 43 + GE MD UA, so Moldova is EUR too. Older ITU
  publications used a 12-country CIS grouping that still included Georgia and Ukraine.
- ITU, non-members: Palestine (ITU observer) is ARB as an Arab League member;
  Palau (UN member, not an ITU Member State) is ASP. Territories follow the continent of their
  M49 placement: M49 Africa -> AFR (IO RE SH TF YT), except Northern Africa -> ARB (EH, Western
  Sahara; note the SADR is an African Union member, so AFR would also be defensible); Americas
  -> AMS (incl. GL Greenland and PM, although DK/FR are EUR; BV Bouvet and GS South Georgia
  because M49 files them under South America); Asia and Oceania -> ASP (HK MO TW and all
  Pacific territories incl. UM, which M49 puts in Micronesia); Europe -> EUR.
- ITU, Antarctica (AQ): no ITU region exists; assigned to ASP because the largest territorial
  claims (Australia ~42 %, New Zealand) are ASP members and the adjacent Australian sub-Antarctic
  territory HM is ASP. Arbitrary; change here if the platform prefers otherwise.
- M49: Taiwan (TW) is not listed separately by M49 (it is counted with China); placed under
  Eastern Asia "030". Antarctica (AQ) is M49 area "010" directly under World "001", with no
  region, so like the five regions it has no entry in M49_PARENT. Guernsey and Jersey sit in
  M49's intermediate region "830" Channel Islands under Northern Europe "154"; other Northern
  European countries sit directly in "154".
- SIDS: OHRLLS list = 38 UN Member States + 20 non-UN members / associate members of UN
  regional commissions (AS AI AW BM VG KY MP CK CW PF GP GU MQ MS NC NU PR SX TC VI), all of
  which are in pycountry, so all 58 are included. Bahrain is listed by OHRLLS (though not an
  AOSIS member) and is included.
"""

# ITU-D regions: AFR Africa, AMS Americas, ARB Arab States, ASP Asia-Pacific, CIS, EUR Europe.
# First line(s) of each entry: ITU Member States (plus PS/PW, see docstring); last line:
# non-member territories assigned by geography (see docstring).
ITU_REGION_COUNTRIES = {
    "AFR": (
        "AO BF BI BJ BW CD CF CG CI CM CV ER ET GA GH GM GN GQ GW KE LR LS MG ML MU MW MZ NA "
        "NE NG RW SC SL SN SS ST SZ TD TG TZ UG ZA ZM ZW "
        "IO RE SH TF YT"
    ),
    "AMS": (
        "AG AR BB BO BR BS BZ CA CL CO CR CU DM DO EC GD GT GY HN HT JM KN LC MX NI PA PE PY "
        "SR SV TT US UY VC VE "
        "AI AW BL BM BQ BV CW FK GF GL GP GS KY MF MQ MS PM PR SX TC VG VI"
    ),
    # The 22 Arab League members (incl. KM DJ MR SO SD and PS, an ITU observer) + EH.
    "ARB": "AE BH DJ DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO SY TN YE EH",
    "ASP": (
        "AF AU BD BN BT CN FJ FM ID IN IR JP KH KI KP KR LA LK MH MM MN MV MY NP NR NZ PG PH "
        "PK SB SG TH TL TO TV VN VU WS PW "
        "AQ AS CC CK CX GU HK HM MO MP NC NF NU PF PN TK TW UM WF"
    ),
    # ITU Regional Office for the CIS. Georgia and Ukraine (and Moldova) are in EUR: see docstring.
    "CIS": "AM AZ BY KG KZ RU TJ TM UZ",
    "EUR": (
        "AD AL AT BA BE BG CH CY CZ DE DK EE ES FI FR GB GE GR HR HU IE IL IS IT LI LT LU LV "
        "MC MD ME MK MT NL NO PL PT RO RS SE SI SK SM TR UA VA "
        "AX FO GG GI IM JE SJ"
    ),
}

# UN M49: code of each leaf area (sub-region or intermediate region) -> its countries
M49_AREA_COUNTRIES = {
    # Africa 002
    "015": "DZ EG EH LY MA SD TN",  # Northern Africa
    "014": (  # Eastern Africa (Sub-Saharan Africa 202)
        "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW"
    ),
    "017": "AO CD CF CG CM GA GQ ST TD",  # Middle Africa (202)
    "018": "BW LS NA SZ ZA",  # Southern Africa (202)
    "011": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",  # Western Africa (202)
    # Americas 019
    "029": (  # Caribbean (Latin America and the Caribbean 419)
        "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"
    ),
    "013": "BZ CR GT HN MX NI PA SV",  # Central America (419)
    "005": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",  # South America (419)
    "021": "BM CA GL PM US",  # Northern America
    # Asia 142
    "143": "KG KZ TJ TM UZ",  # Central Asia
    "030": "CN HK JP KP KR MN MO TW",  # Eastern Asia (TW: see docstring)
    "035": "BN ID KH LA MM MY PH SG TH TL VN",  # South-eastern Asia
    "034": "AF BD BT IN IR LK MV NP PK",  # Southern Asia
    "145": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",  # Western Asia
    # Europe 150
    "151": "BG BY CZ HU MD PL RO RU SK UA",  # Eastern Europe
    "154": "AX DK EE FI FO GB IE IM IS LT LV NO SE SJ",  # Northern Europe
    "830": "GG JE",  # Channel Islands (intermediate region in Northern Europe 154)
    "039": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA",  # Southern Europe
    "155": "AT BE CH DE FR LI LU MC NL",  # Western Europe
    # Oceania 009
    "053": "AU CC CX HM NF NZ",  # Australia and New Zealand
    "054": "FJ NC PG SB VU",  # Melanesia
    "057": "FM GU KI MH MP NR PW UM",  # Micronesia
    "061": "AS CK NU PF PN TK TO TV WF WS",  # Polynesia
    # No region
    "010": "AQ",  # Antarctica (directly under World 001)
}

# UN M49 hierarchy: leaf/intermediate area code -> parent area code. Regions (002 Africa,
# 019 Americas, 142 Asia, 150 Europe, 009 Oceania) and 010 Antarctica sit under World 001.
M49_PARENT = {
    "015": "002",
    "202": "002",  # Sub-Saharan Africa
    "014": "202",
    "017": "202",
    "018": "202",
    "011": "202",
    "419": "019",  # Latin America and the Caribbean
    "029": "419",
    "013": "419",
    "005": "419",
    "021": "019",
    "143": "142",
    "030": "142",
    "035": "142",
    "034": "142",
    "145": "142",
    "151": "150",
    "154": "150",
    "830": "154",
    "039": "150",
    "155": "150",
    "053": "009",
    "054": "009",
    "057": "009",
    "061": "009",
}

COUNTRY_GROUP_MEMBERS = {
    # 44 LDCs. Bangladesh (BD), Lao PDR (LA) and Nepal (NP) are scheduled to graduate on
    # 24 November 2026 (GA resolution 76/8), so on 2026-11-23 they are still LDCs: remove them
    # (-> 41) once graduation takes effect. Solomon Islands (SB) is scheduled for 13 Dec 2027.
    "LDC": {
        "source": "UN CDP / UN DESA, List of Least Developed Countries (as of 13 December 2024, "
        "after Sao Tome and Principe's graduation); un.org/development/desa/dpad/"
        "least-developed-country-category.html",
        "as_of": "2026-11-23",
        "members": (
            "AO BF BI BJ CD CF DJ ER ET GM GN GW KM LR LS MG ML MR MW MZ NE RW SD SL SN SO "
            "SS TD TG TZ UG ZM "  # Africa (32)
            "AF BD KH LA MM NP TL YE "  # Asia (8)
            "HT "  # Caribbean (1)
            "KI SB TV"  # Pacific (3)
        ),
    },
    # 32 LLDCs (list unchanged since South Sudan joined in 2011).
    "LLDC": {
        "source": "UN-OHRLLS, List of Landlocked Developing Countries; "
        "un.org/ohrlls/content/list-lldcs",
        "as_of": "2026-11-23",
        "members": (
            "BF BI BW CF ET LS ML MW NE RW SS SZ TD UG ZM ZW "  # Africa (16)
            "AF BT KG KZ LA MN NP TJ TM UZ "  # Asia (10)
            "AM AZ MD MK "  # Europe and Caucasus (4)
            "BO PY"  # Latin America (2)
        ),
    },
    # 38 UN Member States + 20 non-UN members/associate members of UN regional commissions.
    "SIDS": {
        "source": "UN-OHRLLS, List of Small Island Developing States (UN Members and Non-UN "
        "Members/Associate Members of the Regional Commissions); un.org/ohrlls/content/list-sids",
        "as_of": "2026-11-23",
        "members": (
            "AG BB BS BZ CU DM DO GD GY HT JM KN LC SR TT VC "  # Caribbean UN (16)
            "FJ FM KI MH NR PG PW SB TL TO TV VU WS "  # Pacific UN (13)
            "BH CV GW KM MU MV SC SG ST "  # AIS UN (9)
            "AI AW BM CW GP KY MQ MS PR SX TC VG VI "  # Caribbean non-UN (13)
            "AS CK GU MP NC NU PF"  # Pacific non-UN (7)
        ),
    },
}
