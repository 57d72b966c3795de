"""The GitHub workflows and Dependabot settings: linted offline, and least privilege."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


# ---------------------------------------------------------------------------------------
# Lint: zizmor and the JSON schemas, both offline
# ---------------------------------------------------------------------------------------


def test_zizmor_finds_nothing_in_workflows_and_dependabot():
    completed = run(BIN / "zizmor", "--offline", "--no-progress", ".github")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "No findings to report" in completed.stdout
    audited = completed.stderr
    assert all(f"completed .github/workflows/{path.name}" in audited for path in WORKFLOWS)
    assert "completed .github/dependabot.yml" in audited


def test_zizmor_would_catch_an_unpinned_action(tmp_path):
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    unpinned = (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8")
    unpinned = re.sub(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", "actions/checkout@v7", unpinned)
    (workflows / "ci.yml").write_text(unpinned, encoding="utf-8")
    completed = run(BIN / "zizmor", "--offline", "--no-progress", tmp_path / ".github")
    assert completed.returncode != 0
    assert "unpinned-uses" in completed.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_the_github_workflow_schema(workflow):
    completed = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", workflow)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_dependabot_matches_its_schema():
    completed = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", GITHUB / "dependabot.yml")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_schema_check_would_catch_a_misspelt_key(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text((GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8")
    completed = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", broken)
    assert completed.returncode == 1


# ---------------------------------------------------------------------------------------
# What the workflows promise
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(workflow):
    uses = [line for line in workflow.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s*)?uses:", line)]
    assert uses
    assert [line for line in uses if not PINNED.match(line)] == []


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_least_privilege_timeouts_and_concurrency(workflow):
    data = load(workflow)
    assert data["permissions"] == {"contents": "read"}
    assert "concurrency" in data
    for name, job in data["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        for step in job.get("steps", []):
            if "actions/checkout@" in step.get("uses", ""):
                assert step["with"]["persist-credentials"] is False


def test_ci_runs_for_pull_requests_and_for_pushes_to_main_only():
    data = load(GITHUB / "workflows" / "ci.yml")
    assert data["on"] == {"push": {"branches": ["main"]}, "pull_request": {"types": ["opened", "synchronize", "reopened", "closed"]}}
    # A closed pull request only has its preview removed.
    assert data["jobs"]["build"]["if"] == "github.event.action != 'closed'"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_with_a_privileged_trigger(workflow):
    assert not {"pull_request_target", "workflow_run"} & set(load(workflow)["on"])


def test_ci_tests_builds_checks_links_and_prose_with_problems_at_their_lines():
    build = load(GITHUB / "workflows" / "ci.yml")["jobs"]["build"]
    runs = [step.get("run", "") for step in build["steps"]]
    # The editor's problems first, annotated; the tests after, not annotated.
    order = ("::add-matcher::", "make build", "make links", "make prose", "problem_summary.py", "::remove-matcher", "make properdocs", "make test")
    commands = [command for run_ in runs for command in order if command in run_]
    assert commands == list(order)
    # The matcher the workflow registers is the one tests/test_problem_matcher.py tests.
    [matcher] = re.findall(r"::add-matcher::(\S+?)\"", "\n".join(runs))
    assert (ROOT / matcher).is_file()
    # Each check's output is kept for the summary, and a failing make still fails its step.
    for command in ("make build", "make links", "make prose"):
        [run_] = [run_ for run_ in runs if command in run_]
        assert run_.rstrip().endswith(f'{command} 2>&1 | tee -a "$RUNNER_TEMP/problems.log"')
    # After a failed build, prose and the summary still run, so one run shows every problem.
    steps = {step["name"]: step for step in build["steps"]}
    assert steps["Spelling"]["if"] == "${{ !cancelled() }}"
    assert steps["Every problem in the run summary"]["if"] == "${{ !cancelled() }}"
    assert steps["Tests"]["if"] == "${{ !cancelled() }}"
    # Every owner the matcher file registers is removed before the tests.
    owners = {m["owner"] for m in json.loads((ROOT / matcher).read_text(encoding="utf-8"))["problemMatcher"]}
    assert set(re.findall(r"\b[a-z]+-[a-z]+\b", steps["Stop annotating"]["run"])) - {"remove-matcher"} == owners
    assert steps["Strict build"]["env"]["PREVIEW_PR"] == "${{ github.event.pull_request.number }}"
    setup = next(step for step in build["steps"] if "actions/setup-python@" in step.get("uses", ""))
    assert setup["with"] == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.lock"}
    upload = next(step for step in build["steps"] if "actions/upload-artifact@" in step.get("uses", ""))
    assert upload["with"]["name"] == "site" and upload["with"]["path"] == "site"
    assert "permissions" not in build


# The jobs that may write run no code of the pull request: they take the uploaded site.
PUBLISHING_ACTIONS = {"actions/checkout", "actions/download-artifact", "rossjrw/pr-preview-action", "JamesIves/github-pages-deploy-action"}


def test_preview_job_deploys_branch_pull_requests_only_with_write_rights_and_no_pr_code():
    preview = load(GITHUB / "workflows" / "ci.yml")["jobs"]["preview"]
    assert preview["needs"] == "build"
    assert preview["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert " ".join(preview["if"].split()) == (
        "${{ !cancelled() && github.event_name == 'pull_request' "
        "&& github.event.pull_request.head.repo.full_name == github.repository "
        "&& github.event.pull_request.user.login != 'dependabot[bot]' "
        "&& (github.event.action == 'closed' || needs.build.result == 'success') }}"
    )
    # One run per pull request (the workflow's group); no job group that one pending
    # deploy could cancel it from.
    assert "concurrency" not in preview
    uses = {step["uses"].split("@")[0] for step in preview["steps"] if "uses" in step}
    assert uses == PUBLISHING_ACTIONS - {"JamesIves/github-pages-deploy-action"}
    checkout = next(step for step in preview["steps"] if "actions/checkout@" in step.get("uses", ""))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    action = next(step for step in preview["steps"] if "rossjrw/pr-preview-action@" in step.get("uses", ""))
    assert action["uses"] == "rossjrw/pr-preview-action@ffa7509e91a3ec8dfc2e5536c4d5c1acdf7a6de9"
    assert action["with"] == {
        "source-dir": "site", "pages-base-url": "${{ steps.pages.outputs.base-url }}",
        "preview-branch": "gh-pages", "umbrella-dir": "pr-preview", "action": "auto", "qr-code": "false",
    }
    assert all("make" not in step.get("run", "") and "python" not in step.get("run", "") for step in preview["steps"])


def test_deploy_job_publishes_main_to_gh_pages_keeping_the_previews():
    deploy = load(GITHUB / "workflows" / "ci.yml")["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"contents": "write"}
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert {step["uses"].split("@")[0] for step in deploy["steps"] if "uses" in step} == PUBLISHING_ACTIONS - {"rossjrw/pr-preview-action"}
    publish = deploy["steps"][-1]
    assert publish["uses"] == "JamesIves/github-pages-deploy-action@4a3abc783e1a24aeb44c16e869ad83caf6b4cc23"
    assert publish["with"] == {"branch": "gh-pages", "folder": "site", "clean-exclude": "pr-preview/", "force": False}
    assert all("make" not in step.get("run", "") and "python" not in step.get("run", "") for step in deploy["steps"])


def test_links_workflow_runs_weekly_and_only_its_issue_jobs_may_write_issues():
    data = load(GITHUB / "workflows" / "links.yml")
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    assert len(data["on"]["schedule"]) == 1
    check, issue, review = data["jobs"]["check"], data["jobs"]["issue"], data["jobs"]["review-issue"]
    script = "\n".join(step.get("run", "") for step in check["steps"])
    assert "make review-due" in script and "make links-external" in script and "make check-dois" in script
    assert "permissions" not in check
    for job in (issue, review):
        assert job["permissions"] == {"contents": "read", "issues": "write"}
        assert [step.get("run") for step in job["steps"]] == [None, "bash .github/scripts/update-issue.sh"]
    assert (issue["env"]["LABEL"], issue["env"]["FOUND"]) == ("broken-links", "${{ needs.check.outputs.broken }}")
    assert (review["env"]["LABEL"], review["env"]["FOUND"]) == ("review-due", "${{ needs.check.outputs.due }}")
    # After breakage, or after checks that all answered; never after a network failure,
    # which would close the issue as if every link had answered.
    assert issue["if"] == "${{ !cancelled() && (needs.check.outputs.broken == 'true' || needs.check.result == 'success') }}"
    # Whenever the review step ran: a failed link check after it does not hold it up.
    assert review["if"] == "${{ !cancelled() && needs.check.outputs.due != '' }}"


def test_pull_request_template_has_the_editors_checklist():
    template = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("Citations resolve", "Front matter filled", "Previewed", "The checks pass"):
        assert f"- [ ] **{item}" in template


def test_dependabot_updates_pip_and_github_actions():
    updates = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))["updates"]
    assert {update["package-ecosystem"] for update in updates} == {"pip", "github-actions"}


# Dependabot's pip updates edit pyproject.toml but not requirements.lock, which is what CI
# installs: this fails such a pull request until the lock is regenerated.
def test_lock_satisfies_every_requirement_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["dev"]]
    locked = {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.MULTILINE)
    }
    stale = [
        f"{requirement} (lock: {locked.get(canonicalize_name(requirement.name), 'missing')})"
        for requirement in wanted
        if not requirement.specifier.contains(locked.get(canonicalize_name(requirement.name), "0"), prereleases=True)
    ]
    assert stale == [], "regenerate requirements.lock with the uv command in MAINTAINING.md"


# ---------------------------------------------------------------------------------------
# The workflows' shell steps, run for real with stand-ins for make and gh
# ---------------------------------------------------------------------------------------


def step_script(job: str, step_name: str, workflow: str = "links.yml") -> str:
    steps = load(GITHUB / "workflows" / workflow)["jobs"][job]["steps"]
    return next(step["run"] for step in steps if step["name"] == step_name)


def stand_in(bin_dir: Path, name: str, body: str) -> None:
    path = bin_dir / name
    path.write_text("#!/usr/bin/env bash\n" + body, encoding="utf-8")
    path.chmod(0o755)


# As GitHub runs a `run:` block with `shell: bash`, the workflows' default (tested below).
def run_step(script: str, tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", **env},
        capture_output=True, text=True, timeout=60,
    )


@pytest.mark.parametrize(
    ("broken_targets", "unreachable_targets", "status", "outputs"),
    [
        ((), (), 0, "broken=false\n"),
        (("links-external",), (), 1, "broken=true\nreport<<"),
        (("links-external", "check-dois"), (), 1, "broken=true\nreport<<"),
        # No network: the job fails, but no link is called broken, so no issue is opened.
        ((), ("links-external", "check-dois"), 1, "broken=false\n"),
    ],
)
def test_check_step_runs_both_checks_and_flags_breakage(tmp_path, broken_targets, unreachable_targets, status, outputs):
    (tmp_path / "bin").mkdir()
    # make TARGET REPORT=file: a broken target writes its report and fails, as the tools
    # do; one that could not ask the servers fails without a report.
    stand_in(tmp_path / "bin", "make", f"""
echo "$1" >> made.txt
report="${{2#REPORT=}}"
case " {' '.join(broken_targets)} " in *" $1 "*) mkdir -p "$(dirname "$report")"; echo "## $1 broken" > "$report"; exit 2;; esac
case " {' '.join(unreachable_targets)} " in *" $1 "*) exit 2;; esac
""")
    (tmp_path / ".github").symlink_to(GITHUB)
    github_output = tmp_path / "output.txt"
    completed = run_step(step_script("check", "Ask the servers"), tmp_path, {
        "GITHUB_OUTPUT": str(github_output), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    })
    assert completed.returncode == status, completed.stderr
    assert (tmp_path / "made.txt").read_text().split() == ["links-external", "check-dois"]
    written = github_output.read_text()
    assert written.startswith(outputs)
    for target in broken_targets:
        assert f"## {target} broken" in written


@pytest.mark.parametrize("due", [True, False])
def test_review_step_flags_articles_due_and_never_fails(tmp_path, due):
    (tmp_path / "bin").mkdir()
    (tmp_path / ".github").symlink_to(GITHUB)
    listing = "- `docs/articles/x.md` (line 7): review due 2027-03-01, overdue"
    # make review-due REPORT=file: writes the report only when an article is due.
    stand_in(tmp_path / "bin", "make", f'mkdir -p "$(dirname "${{2#REPORT=}}")"; {"echo " + repr(listing) + " > ${2#REPORT=}" if due else "true"}\n')
    github_output = tmp_path / "output.txt"
    completed = run_step(step_script("check", "Articles due for review"), tmp_path, {
        "GITHUB_OUTPUT": str(github_output), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    })
    assert completed.returncode == 0, completed.stderr
    written = github_output.read_text()
    if due:
        assert written.startswith("due=true\nreport<<") and listing in written
        assert listing in (tmp_path / "summary.md").read_text()
    else:
        assert written == "due=false\n"


ISSUE_JOBS = {"broken-links": "issue", "review-due": "review-issue"}


@pytest.mark.parametrize("label", ISSUE_JOBS)
@pytest.mark.parametrize(
    ("found", "open_issue", "calls"),
    [
        ("true", "", ["issue list", "label create {label}", "issue create --title {title} --label {label}"]),
        ("true", "7", ["issue list", "issue edit 7 --body-file body.md", "issue comment 7"]),
        ("false", "7", ["issue list", "issue close 7"]),
        ("false", "", ["issue list"]),
    ],
)
def test_issue_job_opens_updates_or_closes_its_one_issue(tmp_path, label, found, open_issue, calls):
    (tmp_path / "bin").mkdir()
    (tmp_path / ".github").symlink_to(GITHUB)
    stand_in(tmp_path / "bin", "gh", f"""
echo "$*" >> gh.txt
if [ "$1 $2" = "issue list" ]; then echo "{open_issue}"; fi
""")
    job = load(GITHUB / "workflows" / "links.yml")["jobs"][ISSUE_JOBS[label]]
    environ = {name: value for name, value in job["env"].items() if "${{" not in value}
    completed = run_step(step_script(ISSUE_JOBS[label], "Open, update or close the issue"), tmp_path, {
        **environ, "FOUND": found, "REPORT": "- `index.html` -> https://gone.example (404 Not Found)",
        "RUN_URL": "https://github.com/o/r/actions/runs/1",
    })
    assert completed.returncode == 0, completed.stderr
    made = (tmp_path / "gh.txt").read_text().splitlines()
    expected = [call.format(label=label, title=environ["TITLE"]) for call in calls]
    assert len(made) == len(expected)
    assert all(line.startswith(call) for line, call in zip(made, expected)), made
    assert f"--label {label}" in made[0]
    if found == "true":
        body = (tmp_path / "body.md").read_text()
        assert "https://gone.example (404 Not Found)" in body
        assert body.endswith(f"{environ['FOUND_BY']}: https://github.com/o/r/actions/runs/1\n")


@pytest.mark.parametrize(
    ("repository", "variable", "site_url"),
    [
        ("GrowTrue/psychoeducation", "", "https://growtrue.github.io/psychoeducation/"),
        ("GrowTrue/GrowTrue.github.io", "", "https://growtrue.github.io/"),
        ("GrowTrue/psychoeducation", "https://learn.growtrue.example/", "https://learn.growtrue.example/"),
    ],
)
def test_ci_build_serves_canonical_urls_from_the_pages_address(tmp_path, repository, variable, site_url):
    (tmp_path / "bin").mkdir()
    stand_in(tmp_path / "bin", "make", 'echo "$SITE_URL $*" > made.txt\n')
    completed = run_step(step_script("build", "Strict build", "ci.yml"), tmp_path, {
        "GITHUB_REPOSITORY": repository, "GITHUB_REPOSITORY_OWNER": repository.split("/")[0], "SITE_URL_VARIABLE": variable,
        "RUNNER_TEMP": str(tmp_path),
    })
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "made.txt").read_text().strip() == f"{site_url} build"


def test_a_failing_check_fails_its_step_and_its_output_reaches_the_summary(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "tools").symlink_to(ROOT / "tools")
    (tmp_path / ".github").symlink_to(GITHUB)
    line = "docs/articles/x.md:3: spelling: 'teh' should probably be 'the' (if 'teh' is right, add it to .codespell-words)"
    stand_in(tmp_path / "bin", "make", f'echo "{line}"; exit 1\n')
    environ = {"RUNNER_TEMP": str(tmp_path), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}

    prose = run_step(step_script("build", "Spelling", "ci.yml"), tmp_path, environ)
    summary = run_step(step_script("build", "Every problem in the run summary", "ci.yml"), tmp_path, environ)

    assert prose.returncode == 1 and prose.stdout == line + "\n"  # shown in the log, for the matcher
    assert summary.returncode == 0, summary.stderr
    assert "| `docs/articles/x.md:3` | error | spelling: 'teh' should probably be 'the'" in (tmp_path / "summary.md").read_text()


@pytest.mark.parametrize(("variable", "base_url"), [
    ("", ""),  # the action's own guess: <owner>.github.io/<repo>
    ("https://learn.growtrue.example/", "learn.growtrue.example"),
    ("https://growtrue.github.io/psychoeducation/", "growtrue.github.io/psychoeducation"),
])
def test_preview_address_follows_the_sites_address(tmp_path, variable, base_url):
    output = tmp_path / "output.txt"
    completed = run_step(step_script("preview", "Where Pages serves the site", "ci.yml"), tmp_path, {
        "SITE_URL_VARIABLE": variable, "GITHUB_OUTPUT": str(output),
    })
    assert completed.returncode == 0, completed.stderr
    assert output.read_text() == f"base-url={base_url}\n"


@pytest.mark.parametrize(("variable", "cname"), [
    ("", None),
    ("https://learn.growtrue.example/", "learn.growtrue.example\n"),
    ("https://GrowTrue.github.io/psychoeducation/", None),  # Pages' own address needs no CNAME
])
def test_published_branch_gets_nojekyll_and_the_custom_domain(tmp_path, variable, cname):
    (tmp_path / "site").mkdir()
    completed = run_step(step_script("deploy", "Files Pages reads from the branch", "ci.yml"), tmp_path, {"SITE_URL_VARIABLE": variable})
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "site" / ".nojekyll").is_file()
    assert ((tmp_path / "site" / "CNAME").read_text() if cname else (tmp_path / "site" / "CNAME").exists()) == (cname or False)


@pytest.mark.parametrize("workflow", ["ci.yml", "links.yml"])
def test_run_blocks_fail_on_a_failed_command_in_a_pipe(workflow):
    # Without `shell: bash` GitHub runs `bash -e {0}`: `make build | tee log` would pass.
    assert load(GITHUB / "workflows" / workflow)["defaults"] == {"run": {"shell": "bash"}}

