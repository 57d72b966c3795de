"""`make`'s setup puts the checkout's src/ on its virtualenv's path, never on another checkout's."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

import src_path


@pytest.fixture
def site_packages(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "venv" / "site-packages"
    folder.mkdir(parents=True)
    monkeypatch.setattr(sysconfig, "get_path", lambda name: str(folder))
    return folder


def test_a_new_virtualenv_gets_the_checkouts_src_on_its_path(site_packages, tmp_path):
    src = tmp_path / "checkout" / "src"
    src.mkdir(parents=True)

    assert src_path.main([str(src)]) == 0
    assert (site_packages / "psychoed.pth").read_text(encoding="utf-8") == f"{src}\n"
    assert src_path.main([str(src)]) == 0  # made again, in the same checkout: its own path, kept


def test_another_checkouts_virtualenv_is_refused_naming_that_checkout_and_the_fix(site_packages, tmp_path, capsys):
    other = tmp_path / "main" / "src"
    other.mkdir(parents=True)
    (site_packages / "psychoed.pth").write_text(f"{other}\n", encoding="utf-8")

    assert src_path.main([str(tmp_path / "copy" / "src")]) == 1
    assert (site_packages / "psychoed.pth").read_text(encoding="utf-8") == f"{other}\n"
    message = capsys.readouterr().err
    assert f"is the virtualenv of the checkout at {other.parent}" in message
    assert message.rstrip().endswith("give this checkout its own (remove its .venv, then run make again)")


def test_a_virtualenv_whose_checkout_moved_away_is_taken_over(site_packages, tmp_path):
    (site_packages / "psychoed.pth").write_text(f"{tmp_path / 'moved' / 'src'}\n", encoding="utf-8")
    src = tmp_path / "checkout" / "src"

    assert src_path.main([str(src)]) == 0
    assert (site_packages / "psychoed.pth").read_text(encoding="utf-8") == f"{src}\n"
