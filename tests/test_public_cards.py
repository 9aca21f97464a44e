"""Cards and kern pages that are true, on the real demo map: an address and its distance
belong to one location; "In <kern>" lists what is in the kern; no heading over nothing;
"komt bij u thuis" and "voor heel Berkelland" instead of an arbitrary address; opening hours
in week order; the print's "loop binnen of bel" always with a number."""

from __future__ import annotations

import html as html_module
import re
import uuid

from sqlalchemy import select

from app.extensions import db
from app.models import Kern, Service
from search import haversine_km

WEEK = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.get_data(as_text=True)


def _section(html: str, section_id: str) -> str:
    """The HTML of a kern page's part (<section aria-labelledby=section_id>), up to the next."""
    start = html.find(f'<section aria-labelledby="{section_id}" class="kern-section">')
    if start < 0:
        return ""
    ends = [i for i in (html.find('class="kern-section"', start + 60), html.find("</main>", start))
            if i >= 0]
    return html[start:min(ends)]


def _cards(html: str) -> list[tuple[str, str]]:
    """(provision link, text of its where-line) of each card."""
    found = []
    for article in re.findall(r'<article class="provision-card.*?</article>', html, re.S):
        link = re.search(r'href="/voorziening/([^"]+)"', article).group(1)
        where = re.search(r'provision-card__where">(.*?)</p>', article, re.S)
        found.append((link, html_module.unescape(" ".join(re.sub(r"<[^>]+>", "", where.group(1)).split()))
                      if where else ""))
    return found


def _service(name_start: str) -> Service:
    return next(s for s in db.session.scalars(select(Service)) if s.name.startswith(name_start))


def test_in_a_kern_lists_only_what_is_located_there(demo_app, demo_client):
    gelselaar = db.session.scalar(select(Kern).where(Kern.slug == "gelselaar"))
    html = _html(demo_client, "/kernen/gelselaar")
    here = _section(html, "hier-titel")
    elsewhere = _section(html, "elders-titel")
    library = _service("Bibliotheek Borculo")
    assert f"/voorziening/{library.id}" not in here  # Voorstad 5, Borculo
    assert f"/voorziening/{library.id}" in elsewhere  # it does serve Gelselaar
    assert "Voorstad 5, Borculo" in elsewhere
    ids = [link for link, _ in _cards(here)]
    assert ids
    for link in ids:
        service = db.session.get(Service, uuid.UUID(link))
        assert any(loc.kern_id == gelselaar.id for loc in service.locations), service.name


def test_kern_page_groups_by_topic_with_counts_folded(demo_client):
    html = _html(demo_client, "/kernen/gelselaar")
    whole = _section(html, "gemeente-titel")
    groups = re.findall(r'<details class="domain-group">\s*<summary[^>]*>(.*?) '
                        r'<span class="domain-group__count">\((\d+)\)</span></summary>(.*?)</details>',
                        whole, re.S)
    assert len(groups) >= 8
    labels = [label for label, _, _ in groups]
    assert "Geldzaken" in labels and "Sociaal netwerk" in labels
    for label, count, body in groups:
        assert body.count('<article class="provision-card') == int(count), label
    # folded: the page no longer runs to 114 open cards (and 37,950 px on a phone)
    assert "<details class=\"domain-group\" open" not in html


def test_kern_page_filters_by_topic_and_tier_without_javascript(demo_client):
    html = _html(demo_client, "/kernen/gelselaar?onderwerp=financien&niveau=algemeen")
    assert re.search(r'<option value="financien" selected>Geldzaken \(\d+\)', html)
    assert re.search(r'<option value="algemeen" selected>', html)
    tiers = set(re.findall(r'class="provision-card provision-card--(\w+)"', html))
    assert tiers == {"algemeen"}
    links = {link for link, _ in _cards(html)}
    assert links
    for link in links:
        service = db.session.get(Service, uuid.UUID(link))
        assert "financien" in {t.code for t in service.life_domains}, service.name
    assert 'href="/kernen/gelselaar">' in html  # "Toon alles voor Gelselaar"


def test_address_and_distance_on_a_kern_card_are_one_location(demo_client):
    """Near a kern a card shows its location nearest to the kern, and the distance to it."""
    gelselaar = db.session.scalar(select(Kern).where(Kern.slug == "gelselaar"))
    checked = 0
    for link, where in _cards(_html(demo_client, "/kernen/gelselaar")):
        match = re.fullmatch(r"(.+) · ([\d,]+) km", where)
        if not match:
            continue
        service = db.session.get(Service, uuid.UUID(link))
        distances = {f"{loc.physical_address.address_1}, {loc.physical_address.city}":
                     haversine_km(gelselaar.latitude, gelselaar.longitude, loc.latitude,
                                  loc.longitude)
                     for loc in service.locations
                     if loc.latitude is not None and loc.physical_address is not None}
        shown = float(match.group(2).replace(",", "."))
        assert abs(distances[match.group(1)] - shown) < 0.06, (service.name, where)
        assert distances[match.group(1)] == min(distances.values()), (service.name, where)
        checked += 1
    assert checked >= 10


def test_home_visits_and_municipality_wide_cards_say_so(demo_client):
    meals = _service("Warme maaltijd aan huis")
    cards = dict(_cards(_html(demo_client, "/onderwerp/basale-adl")))
    assert cards[str(meals.id)].startswith("Komt bij u thuis")
    # municipality-wide with several places, no place searched: not one arbitrary address
    several = [s for s in db.session.scalars(select(Service))
               if s.is_public and s.serves_whole_municipality and len(s.locations) > 1]
    assert several
    shown = {}  # topic pages fold each tier after eight cards: take one that is on its page
    for candidate in several:
        for domain in candidate.life_domains:
            cards_here = dict(_cards(_html(demo_client, f"/onderwerp/{domain.code}")))
            if str(candidate.id) in cards_here:
                shown[candidate] = cards_here[str(candidate.id)]
                break
        if shown:
            break
    assert shown
    service, where = next(iter(shown.items()))
    assert where.startswith("Voor heel Berkelland"), where
    assert f"{len(service.locations)} plekken" in where


def test_no_contact_heading_over_nothing(demo_client):
    services = [s for s in db.session.scalars(select(Service)) if s.is_public]

    def has_contact(s):
        org = s.organization
        return bool(s.phones or org.phones or s.email or org.email or s.url or org.website)

    without = next(s for s in services if not has_contact(s))
    with_contact = next(s for s in services if has_contact(s))
    assert ">Contact</h2>" not in _html(demo_client, f"/voorziening/{without.id}")
    assert ">Contact</h2>" in _html(demo_client, f"/voorziening/{with_contact.id}")


def _days_in_order(text: str) -> list[int]:
    return [WEEK.index(day) for day in re.findall("|".join(WEEK), text)]


def test_opening_hours_in_week_order_on_the_page_and_in_print(demo_client):
    library = _service("Bibliotheek Borculo")  # entered as MO, SA, TU-FR
    assert [s.byday for s in library.schedules][:2] == ["MO", "SA"]
    html = _html(demo_client, f"/voorziening/{library.id}")
    table = re.search(r'<table class="utrecht-table opening-hours">.*?</table>', html, re.S).group(0)
    assert _days_in_order(table) == sorted(_days_in_order(table))
    dorpshuus = _service("Dorpshuus Gelster")  # entered as SA, TU
    printed = _html(demo_client, "/kernen/gelselaar/print")
    entry = re.search(rf"<dt>{re.escape(dorpshuus.name)}</dt>\s*<dd>(.*?)</dd>", printed, re.S)
    days = _days_in_order(entry.group(1))
    assert days == sorted(days) and len(days) == 2


def test_print_never_says_call_without_a_number(demo_client):
    printed = _html(demo_client, "/kernen/gelselaar/print")
    text = " ".join(re.sub(r"<[^>]+>", "", printed).split())
    assert "loop binnen of bel" in text
    assert not re.search(r"loop binnen of bel(?! \d)", text)
    # a short overview by topic, with the numbers to call
    assert "Voor heel Berkelland, per onderwerp" in text
    inloop = _service("Inloop Geld en Post Borculo")
    number = (inloop.phones or inloop.organization.phones)[0].number
    assert f"loop binnen of bel {number}" in text
    assert len(re.findall(r'class="print-phone"', printed)) >= 20


def test_plural_forms_come_from_the_catalogue(demo_client):
    html = _html(demo_client, "/kernen/gelselaar")
    assert re.search(r"\d+ voorzieningen in of voor Gelselaar", html)
    assert "voorziening(en)" not in html and "probleem/problemen" not in html


def test_topic_page_narrows_by_kern_and_tier_through_the_search(demo_client):
    html = _html(demo_client, "/onderwerp/financien")
    form = re.search(r'<form class="kern-filter" action="/zoeken" method="get".*?</form>', html,
                     re.S).group(0)
    assert '<input type="hidden" name="leefgebied" value="financien">' in form
    assert 'name="kern"' in form and 'name="niveau"' in form
    results = _html(demo_client, "/zoeken?leefgebied=financien&kern=rekken&niveau=algemeen")
    chips = re.findall(r'<a class="chip" href="([^"]+)">(.*?)</a>', results, re.S)
    labels = [" ".join(re.sub(r"<[^>]+>", " ", text).split()) for _, text in chips]
    assert labels == ["Filter weghalen: Voor inwoners van Rekken ×",
                      "Filter weghalen: Algemene voorziening ×", "Filter weghalen: Geldzaken ×"]
    # each chip's link is the same search without that one filter
    assert "kern=" not in html_module.unescape(chips[0][0])
    assert "niveau=" not in html_module.unescape(chips[1][0])
    assert "leefgebied=" not in html_module.unescape(chips[2][0])
    assert "kern=rekken" in html_module.unescape(chips[2][0])
