"""The project's configuration, read from ``mkdocs.yml`` without MkDocs: the languages (from the
i18n plugin's list), the source language and the data folders (from the ``ncp`` plugin's options).

``ncp check`` and the build read the same file, so they always agree on the languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, DataErrors
from .languages import Languages
from .messages import _


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may use ``!ENV`` and ``!!python/...`` tags; their values are not needed here."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    languages: Languages
    data_dir: Path
    docs_dir: Path
    site_url: str | None = None
    status_max_age_days: int = 180
    """An ongoing case whose ``status_as_of`` is older than this is an ``ncp check`` warning."""
    emblem: str | None = None
    """The NCP's emblem, a file under ``docs_dir`` that the Secretariat supplies; without it the header
    shows a text mark (the NCP's abbreviation). Never drawn by us: it is the NCP's to give."""

    def emblem_errors(self) -> list[DataError]:
        """The emblem named in mkdocs.yml must be an image file under docs/."""
        if self.emblem is None:
            return []
        path = self.docs_dir / self.emblem
        if path.suffix.lower() not in EMBLEM_TYPES:
            problem = _("{value} is not an image the header can show ({types})", value=f"'{self.emblem}'",
                        types=", ".join(EMBLEM_TYPES))
        elif not path.is_file():
            problem = _("{value} is not a file under {folder}", value=f"'{self.emblem}'", folder=f"{self.docs_dir.name}/")
        else:
            return []
        return [DataError("mkdocs.yml", _line_of(self.root / "mkdocs.yml", "emblem:"), "plugins.ncp.emblem", problem,
                          _("put the emblem at {path} (SVG or PNG), or remove the 'emblem:' line to show the text mark",
                            path=f"{self.docs_dir.name}/{self.emblem}"))]

    def missing_emblem(self) -> list[DataError]:
        """Before publishing (``ncp check --release``): the emblem only the Secretariat can supply, while the
        header shows the text mark instead."""
        if self.emblem is not None:
            return []
        return [DataError("mkdocs.yml", _line_of(self.root / "mkdocs.yml", "# emblem:"), "plugins.ncp.emblem",
                          "is not set: the header shows the text mark instead of the NCP's emblem",
                          f"put the emblem the Secretariat supplies under {self.docs_dir.name}/ (SVG or PNG) and name "
                          "it with 'emblem: assets/emblem.svg' under the ncp plugin in mkdocs.yml")]

    @property
    def data_name(self) -> str:
        return self.data_dir.relative_to(self.root).as_posix() if self.data_dir.is_relative_to(self.root) else str(self.data_dir)


EMBLEM_TYPES = (".svg", ".png", ".webp")


def _line_of(path: Path, text: str) -> int:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return 1
    return next((n for n, line in enumerate(lines, 1) if line.strip().startswith(text)), 1)


def plugin_options(config: dict, name: str) -> dict | None:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def from_mapping(root: Path, config: dict, site_url: str | None = None) -> SiteConfig:
    """The configuration from mkdocs.yml's content (a dict)."""
    i18n = plugin_options(config, "i18n") or {}
    return from_options(root, i18n.get("languages") or [], plugin_options(config, "ncp") or {},
                        Path(root) / config.get("docs_dir", "docs"), site_url)


def from_options(root: Path, languages: list[dict], ncp: Mapping, docs_dir: Path,
                 site_url: str | None = None) -> SiteConfig:
    """The configuration from the i18n plugin's ``languages`` and the ``ncp`` plugin's options: as ``ncp check``
    reads them from mkdocs.yml, or as the build's plugins validated them."""
    root = Path(root)
    entries = languages or [{"locale": "en", "default": True}]
    codes = tuple(str(e["locale"]) for e in entries)
    default = next((str(e["locale"]) for e in entries if e.get("default")), codes[0])
    names = {str(e["locale"]): e["name"] for e in entries if e.get("name")}
    source = ncp.get("source_language") or default
    return SiteConfig(root=root, languages=Languages(codes, default, str(source), names),
                      data_dir=root / (ncp.get("data_dir") or "data"), docs_dir=Path(docs_dir),
                      site_url=site_url, status_max_age_days=int(180 if ncp.get("status_max_age_days") is None else ncp["status_max_age_days"]),
                      emblem=str(ncp["emblem"]) if ncp.get("emblem") else None)


def load_config(root: Path) -> SiteConfig:
    """Read ``<root>/mkdocs.yml``; a broken file is a located error."""
    path = Path(root) / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
        return from_mapping(root, config)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, TypeError) as exc:
        raise DataErrors([DataError("mkdocs.yml", getattr(getattr(exc, "problem_mark", None), "line", 0) + 1,
                                    "(file)", _("cannot be read as the site's configuration ({reason})", reason=str(exc)),
                                    _("restore mkdocs.yml from git or fix the line named"))]) from None
