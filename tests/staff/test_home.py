"""Each role lands on a start page that leads to its own work, and only to that."""

from __future__ import annotations

import pytest

LINKS = {
    "/staff/casussen/": {"staff"},
    "/staff/redactie/": {"editor", "admin"},
    "/staff/actueel": {"editor", "admin"},
    "/staff/signalen": {"editor", "admin", "manager"},
    "/staff/cijfers": {"manager", "admin"},
    "/staff/audit": {"admin"},
}


@pytest.mark.parametrize("role", ["staff", "editor", "manager", "admin"])
def test_start_page_links_to_the_roles_work(staff_login, role):
    client = staff_login(role)
    page = client.get("/staff/").get_data(as_text=True)
    for href, roles in LINKS.items():
        assert (f'href="{href}"' in page) == (role in roles), (role, href)
        if role in roles:  # and every link it shows opens
            assert client.get(href).status_code == 200, href
