"""The kern table is the source of truth for kern names: a map that names the kernen of
another municipality imports once those kernen are loaded (``load-reference --kernen``), and
is refused, naming the kern, before."""

from __future__ import annotations

import copy
import uuid

from sqlalchemy import select

from app.extensions import db
from app.models import Kern, Postcode, Service
from tests.importers.conftest import write_json

KERNEN = """name,slug,lat,lon,population,coordinates_source,population_source
Groenlo,groenlo,52.04,6.61,10000 (schatting),PC4 7141,schatting
Zieuwent,zieuwent,52.11,6.53,1800 (schatting),PC4 7136,schatting
"""
POSTCODES = """postcode,place,municipality,lat,lon,kind,kern
7141,Groenlo,Oost Gelre,52.0418,6.6133,Adres,Groenlo
7136,Zieuwent,Oost Gelre,52.1052,6.5292,Adres,Zieuwent
"""


def _in_groenlo(service: dict) -> dict:
    service = copy.deepcopy(service)
    service["service_areas"] = [{"id": str(uuid.uuid4()), "service_id": service["id"], "name": name,
                                 "extent_type": "text"} for name in ("Groenlo", "Zieuwent")]
    return service


def test_a_map_of_another_municipality_imports_once_its_kernen_are_loaded(runner, tmp_path,
                                                                          demo_services):
    path = write_json(tmp_path / "oost-gelre.json", [_in_groenlo(demo_services[0])])
    assert runner.invoke(args=["load-reference"]).exit_code == 0

    before = runner.invoke(args=["import", "hsds", str(path)])
    assert before.exit_code == 0, before.output
    drafted = db.session.scalar(select(Service))
    assert drafted.publication == "draft"  # no kern it serves is known: an editor must look
    db.session.delete(drafted)
    db.session.commit()

    (tmp_path / "kernen.csv").write_text(KERNEN, encoding="utf-8")
    (tmp_path / "postcodes.csv").write_text(POSTCODES, encoding="utf-8")
    loaded = runner.invoke(args=["load-reference", "--kernen", str(tmp_path / "kernen.csv"),
                                 "--postcodes", str(tmp_path / "postcodes.csv")])
    assert loaded.exit_code == 0, loaded.output
    assert "13 kernen" in loaded.output
    assert db.session.scalar(select(Postcode).where(Postcode.pc4 == "7141")).kern.name == "Groenlo"

    after = runner.invoke(args=["import", "hsds", str(path)])
    assert after.exit_code == 0, after.output
    # the import reloads Berkelland's tables; the other municipality's postcodes keep their kern
    assert db.session.scalar(select(Postcode).where(Postcode.pc4 == "7141")).kern.name == "Groenlo"
    service = db.session.scalar(select(Service))
    assert service.publication == "published"
    assert sorted(a.kern.name for a in service.service_areas if a.kern) == ["Groenlo", "Zieuwent"]
    # Berkelland's own kernen stay first in every list
    assert [k.name for k in db.session.scalars(select(Kern).order_by(Kern.sort_order))][:1] == ["Borculo"]
