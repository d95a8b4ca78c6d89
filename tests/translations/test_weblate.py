"""The Weblate configuration of guide/weblate.md: its commands write the files its file masks name, and
translate-toolkit's readers and pofilter accept every one of them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from builders import REPO
from translate.storage import factory, po, tbx

from ncp_site import cli

GUIDE = REPO / "guide" / "weblate.md"


def documented_block() -> list[str]:
    return re.search(r"```sh\n# weblate-files\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S).group(1).splitlines()


def documented_commands() -> list[list[str]]:
    return [line.split()[1:] for line in documented_block() if line.startswith("ncp ")]


def documented_folders() -> list[str]:
    """The folders the guide makes first (``mkdir -p``): no command makes a missing folder."""
    return [folder for line in documented_block() if line.startswith("mkdir -p ") for folder in line.split()[2:]]


def documented_masks() -> dict[str, str]:
    rows = re.findall(r"^\| ([^|]+?) \| [^|]+ \| `([^`]+)` \| (\w+) \|", GUIDE.read_text(encoding="utf-8"), re.M)
    return {mask: source for _, mask, source in rows}


def test_every_documented_file_is_written_and_read_back(project, capsys, tmp_path, monkeypatch):
    tmp_path = tmp_path / "weblate"
    tmp_path.mkdir()
    monkeypatch.chdir(tmp_path)
    commands = documented_commands()
    assert len(commands) >= 6
    for folder in documented_folders():
        Path(folder).mkdir(parents=True, exist_ok=True)
    for args in commands:
        assert cli.main(["--root", str(project), *args]) == 0, args
    capsys.readouterr()
    masks = documented_masks()
    assert set(masks) == {"translations/ru/*.po", "translations/en/*.po", "translations/glossary/*.tbx"}
    written = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()}
    matched = {path for mask in masks for path in written if Path(path).match(mask)}
    assert matched == written, "every written file belongs to a component"
    for mask, source in masks.items():
        files = sorted(tmp_path.glob(mask))
        assert files, mask
        for path in files:
            store = factory.getobject(str(path))
            lang = path.stem
            if isinstance(store, po.pofile):
                header = store.parseheader()
                assert header["Language"] == lang and header["X-Source-Language"] == {"Russian": "ru",
                                                                                      "English": "en"}[source]
                contexts = [u.getcontext() for u in store.units if not u.isheader()]
                assert len(contexts) == len(set(contexts)), "msgctxt keeps every entry apart"
                done = subprocess.run(["pofilter", "--test=xmltags", str(path), str(tmp_path.parent / "report.po")],
                                      capture_output=True, text=True)
                assert done.returncode == 0, done.stderr
            else:
                assert isinstance(store, tbx.tbxfile)
                assert {ls.get("{http://www.w3.org/XML/1998/namespace}lang")
                        for ls in store.document.getroot().iter("langSet")} == {"ru", lang}
