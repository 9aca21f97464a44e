"""The lock files are what gets installed (make install, make install-test, CI): they must
pin every requirement of setup.cfg at a version setup.cfg allows, each with hashes.  A change
to setup.cfg without `make lock` fails here, not on the next fresh machine."""

from __future__ import annotations

import configparser
import re

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s\\]+)")


def _requirements(*extras: str) -> list[Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options"]["install_requires"].splitlines()
    for extra in extras:
        lines += config["options.extras_require"][extra].splitlines()
    return [Requirement(line) for line in lines if line.strip()]


def _lock(name: str) -> tuple[dict[str, str], set[str]]:
    """The pins of a lock file and the packages that carry at least one hash."""
    pins: dict[str, str] = {}
    hashed: set[str] = set()
    current = None
    for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = canonicalize_name(match.group(1))
            pins[current] = match.group(2)
        elif current and line.strip().startswith("--hash=sha256:"):
            hashed.add(current)
    return pins, hashed


@pytest.mark.parametrize(("lock", "extras"), [("run.txt", ()), ("test.txt", ("test", "postgres"))])
def test_the_lock_pins_every_requirement_within_its_range_with_hashes(lock, extras):
    pins, hashed = _lock(lock)
    assert pins, f"requirements/{lock} pins nothing"
    for requirement in _requirements(*extras):
        name = canonicalize_name(requirement.name)
        assert name in pins, (
            f"{requirement.name} is in setup.cfg but not in requirements/{lock}: run `make lock`")
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements/{lock} pins {requirement.name}=={pins[name]}, outside setup.cfg's "
            f"{requirement.specifier}: run `make lock`")
    assert set(pins) == hashed, f"pins without a hash in requirements/{lock}: {set(pins) - hashed}"


def test_run_and_test_locks_agree():
    """The site runs on the versions the tests ran on."""
    run, _ = _lock("run.txt")
    test, _ = _lock("test.txt")
    assert {name: version for name, version in run.items() if test.get(name) != version} == {}


def test_every_requirement_has_an_upper_bound():
    """Ranges stop at the next major (or minor, below 1.0) version: an untested major release
    is never installed by a `make lock` nobody looked at."""
    for requirement in _requirements("test", "postgres"):
        assert any(spec.operator in {"<", "=="} for spec in requirement.specifier), requirement
