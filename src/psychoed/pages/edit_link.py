"""Where an editor changes a page: its Markdown file in GitHub's web editor.

The repository is `extra.edit_repository` in mkdocs.yml, else GITHUB_REPOSITORY, which
GitHub Actions sets; with neither there is no link. Material's own `repo_url` is not
used: its header widget makes every reader's browser ask api.github.com for stars.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from psychoed.settings.setting_problems import SettingProblem

# Pull requests are merged into this branch; the web editor opens the file as it is there.
EDIT_BRANCH = "main"
SETTING = "edit_repository"
# GitHub's owner and repository names: letters, digits, '-', and also '.' and '_' in a name.
_REPOSITORY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")


def edit_repository(extra: Mapping[str, Any], *, environ: Mapping[str, str]) -> str | None:
    """`owner/name` of the repository the edit links open, or None for no link."""
    setting = extra.get(SETTING)
    if isinstance(setting, str) and _REPOSITORY.fullmatch(setting.strip()):
        return setting.strip()
    variable = environ.get("GITHUB_REPOSITORY", "")
    return variable if _REPOSITORY.fullmatch(variable) else None


def edit_repository_problems(extra: Mapping[str, Any]) -> list[SettingProblem]:
    """The setting, when given, must name one GitHub repository as owner/name."""
    setting = extra.get(SETTING)
    if setting is None or (isinstance(setting, str) and _REPOSITORY.fullmatch(setting.strip())):
        return []
    return [
        SettingProblem(
            f"extra.{SETTING}",
            f"'{setting}' is not a GitHub repository; write it as owner/name, e.g. {SETTING}: GrowTrue/psychoeducation, the part of its address after https://github.com/",
        )
    ]


def edit_url(*, repository: str, docs_dir: str, src_uri: str) -> str:
    """GitHub's web editor for docs/<src_uri> on the main branch."""
    return f"https://github.com/{repository}/edit/{EDIT_BRANCH}/{quote(f'{docs_dir}/{src_uri}')}"
