"""The ``ncp`` plugin's options in mkdocs.yml (typed, checked by MkDocs)."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class NcpConfig(base.Config):
    source_language = c.Optional(c.Type(str))
    """The language the NCP drafts in (translations are reviewed against it); default: the default language."""
    data_dir = c.Type(str, default="data")
    """The folder of the YAML data, relative to mkdocs.yml."""
    status_max_age_days = c.Type(int, default=180)
    """An ongoing case whose status_as_of is older than this many days is an ``ncp check`` warning."""
    emblem = c.Optional(c.Type(str))
    """The NCP's emblem, a file under docs/ (e.g. ``assets/emblem.svg``); without it, a text mark."""
