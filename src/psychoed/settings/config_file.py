"""mkdocs.yml as plain data, for the tools that read it outside a build.

`!ENV` tags are resolved by pyyaml-env-tag, the library MkDocs' own loader uses, so the
tools need no MkDocs import and run the same under MkDocs or ProperDocs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag


def read_config(path: Path) -> dict[str, Any]:
    """The settings in `path`, an empty dict for an empty file."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!ENV", construct_env_tag)
