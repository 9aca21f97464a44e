"""The first public pages, as a resident sees them: server-rendered, Dutch first."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

from sqlalchemy import select

from app.extensions import db
from app.models import Kern, Service

KERNEN = ("Borculo", "Eibergen", "Neede", "Ruurlo", "Beltrum", "Rekken", "Rietmolen", "Haarlo",
          "Geesteren", "Gelselaar", "Noordijk")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.h1, self._in_h1, self.scripts = [], 0, False, []
        self._script = None

    def handle_starttag(self, tag, attrs):
        if tag == "h1":
            self.h1 += 1
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append([dict(attrs), ""])

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self.scripts[-1][1] += data
        else:
            self.parts.append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = _Text()
    parser.feed(response.get_data(as_text=True))
    return response, parser


def test_home_offers_search_kernen_and_life_domains(demo_client):
    response, parsed = page(demo_client, "/")
    html = response.get_data(as_text=True)
    assert '<html lang="nl"' in html
    assert parsed.h1 == 1
    assert 'action="/zoeken"' in html and 'name="q"' in html
    for kern in KERNEN:
        assert f'href="/kernen/{kern.lower()}"' in html
    assert html.count('href="/onderwerp/') == 13
    assert "Direct naar de inhoud" in parsed.text


def test_kern_page_lists_what_is_there_lightest_first(demo_app, demo_client):
    rekken = db.session.scalar(select(Kern).where(Kern.slug == "rekken"))
    local = [s for s in db.session.scalars(select(Service))
             if s.is_public and rekken in s.kernen_served]
    assert local
    response, parsed = page(demo_client, "/kernen/rekken")
    text = parsed.text
    assert "Hulp en activiteiten in Rekken" in text
    for service in local:
        assert service.name in text
    # the tier sections come in ladder order in each part of the page
    here = text.split("Voor heel Berkelland")[0]
    positions = [here.find(label) for label in
                 ("Algemene voorziening", "Voorliggende voorziening", "Maatwerkvoorziening")
                 if label in here]
    assert positions == sorted(positions)
    assert "Voor heel Berkelland" in text


def test_unknown_kern_is_a_friendly_404(demo_client):
    response = demo_client.get("/kernen/atlantis")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_provision_page_answers_what_who_where_when_cost_how(demo_app, demo_client):
    service = next(s for s in db.session.scalars(select(Service))
                   if s.is_public and s.schedules and s.locations and s.cost_options)
    response, parsed = page(demo_client, f"/voorziening/{service.id}")
    text = parsed.text
    for heading in ("Hoe krijgt u het?", "Wat is het?", "Voor wie?", "Wat kost het?",
                    "Waar en wanneer?", "Contact"):
        assert heading in text
    assert service.name in text
    address = service.locations[0].physical_address
    assert address.address_1 in text and address.postal_code in text
    assert service.schedules[0].opens_at.strftime("%H:%M") in text
    assert "Nu open" in text or "Nu gesloten" in text
    ld = [body for attrs, body in parsed.scripts if attrs.get("type") == "application/ld+json"]
    data = json.loads(ld[0])
    assert data["name"] == service.name and data["@context"] == "https://schema.org"


def test_inactive_provisions_are_not_public(demo_app, demo_client):
    hidden = [s for s in db.session.scalars(select(Service)) if not s.is_public]
    assert hidden, "the demo data has inactive or defunct entries"
    for service in hidden:
        assert demo_client.get(f"/voorziening/{service.id}").status_code == 404
    for kern in ("borculo", "eibergen", "neede"):
        text = demo_client.get(f"/kernen/{kern}").get_data(as_text=True)
        for service in hidden:
            assert f"/voorziening/{service.id}" not in text


def test_english_interface_and_switch_keeps_the_page(demo_client):
    response = demo_client.get("/kernen/borculo?lang=en")
    html = response.get_data(as_text=True)
    assert '<html lang="en"' in html
    assert "Help and activities in Borculo" in html
    # the choice is remembered on the next page
    html = demo_client.get("/").get_data(as_text=True)
    assert '<html lang="en"' in html
    assert 'href="/kernen/borculo?lang=nl"' in demo_client.get(
        "/kernen/borculo").get_data(as_text=True)


def test_life_domain_page_groups_by_tier(demo_client):
    response, parsed = page(demo_client, "/onderwerp/financien")
    assert "Geldzaken" in parsed.text
    assert "Algemene voorziening" in parsed.text


def test_pages_need_no_javascript_and_no_third_parties(demo_app, demo_client):
    service = next(s for s in db.session.scalars(select(Service)) if s.is_public)
    for url in ("/", "/kernen/neede", f"/voorziening/{service.id}", "/onderwerp/sociaal-netwerk"):
        html = demo_client.get(url).get_data(as_text=True)
        assert not re.search(r'(src|href)="(https?:)?//', html.split("<main")[0]), url
        assert "<noscript" not in html  # nothing depends on scripts


def test_print_overview_per_kern(demo_client):
    response, parsed = page(demo_client, "/kernen/rekken/print")
    assert "Sociale kaart van Rekken" in parsed.text
    assert 'media="print"' in response.get_data(as_text=True)


def test_topic_page_folds_long_groups_and_links_to_all_of_them(demo_client):
    """A topic page is readable on a phone: each kind of help shows its first eight
    provisions, lightest kind first, and links to all of them on the search page (with the
    same topic and kind as filters, so the count there is the count here)."""
    html = demo_client.get("/onderwerp/sociaal-netwerk?lang=nl").get_data(as_text=True)
    sections = re.findall(r'<section class="tier-group tier-group--(\w+)".*?</section>', html, re.S)
    assert sections[0] == "algemeen"
    folded = 0
    for block in re.findall(r'<section class="tier-group.*?</section>', html, re.S):
        cards = block.count('class="provision-card ')
        total = int(re.search(r'tier-group__count">\((\d+)\)', block).group(1))
        assert cards == min(total, 8)
        more = re.search(r'class="tier-group__more"><a class="utrecht-link" href="([^"]+)">'
                         r'Bekijk alle (\d+) voorzieningen', block)
        if total > 8:
            folded += 1
            assert int(more.group(2)) == total
            target = demo_client.get(more.group(1).replace("&amp;", "&") + "&lang=nl")
            heading = re.search(r'id="resultaten-titel"[^>]*>(\d+) resultaten',
                                target.get_data(as_text=True))
            assert int(heading.group(1)) == total
        else:
            assert more is None
    assert folded >= 1  # the demo's largest topic has a group longer than eight
