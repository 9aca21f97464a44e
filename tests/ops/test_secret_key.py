"""SECRET_KEY generated into the instance folder: many workers starting at once agree."""

from __future__ import annotations

import multiprocessing
import os
import stat

from app.config import Config


def _key(instance: str, start, queue) -> None:
    start.wait()
    queue.put(Config.from_env(instance, env={}).SECRET_KEY)


def test_workers_starting_at_once_get_one_key(tmp_path):
    instance = tmp_path / "instance"
    context = multiprocessing.get_context("fork")
    start, queue = context.Event(), context.Queue()
    workers = [context.Process(target=_key, args=(str(instance), start, queue)) for _ in range(12)]
    for worker in workers:
        worker.start()
    start.set()
    keys = [queue.get(timeout=30) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert len(set(keys)) == 1 and len(keys[0]) >= 32
    assert (instance / "secret_key").read_text() == keys[0]
    assert stat.S_IMODE(os.stat(instance / "secret_key").st_mode) == 0o600
    assert sorted(p.name for p in instance.iterdir()) == ["secret_key"]  # no candidates left
