"""The project's configuration, read from ``mkdocs.yml`` without MkDocs: the languages (from the
i18n plugin's list), the source language and the data folders (from the ``ncp`` plugin's options).

``ncp check`` and the build read the same file, so they always agree on the languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DataError, DataErrors
from .languages import Languages


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

    @property
    def data_name(self) -> str:
        return self.data_dir.relative_to(self.root).as_posix() if self.data_dir.is_relative_to(self.root) else str(self.data_dir)


def plugin_options(config: dict, name: str) -> dict | None:
    for entry in config.get("plugins") or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def from_mapping(root: Path, config: dict, site_url: str | None = None) -> SiteConfig:
    """The configuration from mkdocs.yml's content (a dict)."""
    root = Path(root)
    i18n = plugin_options(config, "i18n") or {}
    ncp = plugin_options(config, "ncp") or {}
    entries = i18n.get("languages") or [{"locale": "en", "default": True}]
    codes = tuple(str(e["locale"]) for e in entries)
    default = next((str(e["locale"]) for e in entries if e.get("default")), codes[0])
    names = {str(e["locale"]): e["name"] for e in entries if e.get("name")}
    languages = Languages(codes, default, str(ncp.get("source_language", default)), names)
    return SiteConfig(root=root, languages=languages,
                      data_dir=root / ncp.get("data_dir", "data"),
                      docs_dir=root / config.get("docs_dir", "docs"),
                      site_url=site_url, status_max_age_days=int(ncp.get("status_max_age_days", 180)))


def load_config(root: Path) -> SiteConfig:
    """Read ``<root>/mkdocs.yml``; a broken file is a located error."""
    path = Path(root) / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_ConfigLoader) or {}
        return from_mapping(root, config)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, KeyError, TypeError) as exc:
        raise DataErrors([DataError("mkdocs.yml", getattr(getattr(exc, "problem_mark", None), "line", 0) + 1,
                                    "(file)", f"cannot be read as the site's configuration ({exc})",
                                    "restore mkdocs.yml from git or fix the line named")]) from None
