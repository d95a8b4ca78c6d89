"""Links to documents and evidence: a web address, or a file kept under ``docs/`` that must exist.

Reports, action plans and their evidence all point at documents the same way, so a broken path is
reported the same way everywhere: ``path:line: field: ... does not exist under docs/``.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from .addresses import is_web_address
from .errors import DataError, Invalid, shown
from .languages import Languages, relative_url
from .localized import LanguageVersions
from .messages import Message, _
from .yamlsrc import YamlDoc, field_name

_LANG_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2})(?P<ext>\.[^.]+)$")

__all__ = ["LanguageVersions", "WebAddress", "href", "is_url", "link_errors", "site_path", "versions_errors"]


def _web_address(value: str) -> str:
    value = value.strip()
    if not value.startswith("https://") or not urlsplit(value).hostname or any(c.isspace() for c in value):
        raise Invalid(_("{value} is not a web address", value=shown(value)),
                      _("write the full address, starting with https://"))
    return value


WebAddress = Annotated[str, AfterValidator(_web_address),
                       Field(description="a web address starting with https://, e.g. https://www.oecd.org/")]
"""A page or document elsewhere on the web, always over https."""


def versions_errors(doc: YamlDoc, loc: tuple, versions: LanguageVersions, docs_dir: Path,
                    languages: Languages) -> list[DataError]:
    """A document per language, only where one exists: a https:// address or a path under docs/."""
    return [e for lang, value in versions.available().items()
            for e in link_errors(doc, loc, value, docs_dir, languages, lang)]


def is_url(value: str) -> bool:
    """A web or e-mail address (linked as written); any other value is a path under docs/.

    The fields holding these are ``addresses.Address``: a scheme other than https, http or mailto
    never gets this far.
    """
    return is_web_address(value)


def link_errors(doc: YamlDoc, loc: tuple, value: str, docs_dir: Path, languages: Languages,
                lang: str | None = None) -> list[DataError]:
    """A URL is taken as written; a path must name an existing file under docs/ (of ``lang`` if suffixed).

    ``lang`` is the language the link is listed under (``loc`` then names the field, ``loc + (lang,)`` its line).
    """
    if is_url(value):
        return []

    def error(problem: Message, fix: Message) -> list[DataError]:
        return [DataError(doc.path, doc.line(loc + (lang,) if lang else loc), field_name(loc), problem, fix, lang)]

    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or value.startswith("docs/"):
        return error(_("{value} is not a path inside docs/", value=shown(value)),
                     _("write the path relative to docs/ (e.g. reports/files/annual-report-2022.pdf) or a full "
                       "https:// address"))
    if path.suffix == ".md":
        return error(_("{value} is a page, not a document", value=shown(value)),
                     _("link a document file (PDF, DOCX, TXT...) or a https:// address; pages are published in all "
                       "three languages by the parity rule"))
    if not _is_file(Path(docs_dir) / value):
        return error(_("{value} does not exist under docs/", value=shown(value)),
                     _("add the file {path}, correct the path, or give a https:// address", path=f"docs/{value}"))
    suffix = _LANG_SUFFIX.match(path.name)
    if lang and suffix and suffix["lang"] in languages and suffix["lang"] != lang:
        return error(_("{value} is the {file_lang} file but is listed under {lang}", value=shown(value),
                       file_lang=suffix["lang"], lang=lang),
                     _("list it under {file_lang}: or use the {lang} file", file_lang=suffix["lang"], lang=lang))
    return []


def _is_file(path: Path) -> bool:
    """Whether a file exists; a name the system cannot hold (too long, a NUL byte) names none."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def site_path(value: str, languages: Languages) -> str:
    """Where a docs/ file is published: ``x.ru.pdf`` goes to the Russian site (``ru/...``), others to the root."""
    path = PurePosixPath(value)
    suffix = _LANG_SUFFIX.match(path.name)
    if suffix and suffix["lang"] in languages:
        folder = "" if str(path.parent) == "." else f"{path.parent}/"
        return languages.prefix(suffix["lang"]) + folder + suffix["stem"] + suffix["ext"]
    return value


def href(value: str, page_url: str, languages: Languages) -> str:
    """The link to a document from a page at ``page_url`` (site-root-relative directory URL)."""
    return value if is_url(value) else relative_url(page_url, site_path(value, languages))
