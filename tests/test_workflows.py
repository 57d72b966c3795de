"""The GitHub workflows and Dependabot settings: linted offline, and least privilege."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT
from psychoed.pages.previews import PREVIEW_DIR

GITHUB = ROOT / ".github"
CI = GITHUB / "workflows" / "ci.yml"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=ROOT, capture_output=True, text=True, timeout=120)


def load(path: Path) -> dict:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # libyaml: ci.yml in 1.4 ms, not 16
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def needs(job: dict) -> set[str]:
    return {job["needs"]} if isinstance(job.get("needs"), str) else set(job.get("needs", []))


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


def test_every_workflow_matches_the_github_workflow_schema():
    completed = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert WORKFLOWS


def test_dependabot_matches_its_schema():
    completed = run(BIN / "check-jsonschema", "--builtin-schema", "vendor.dependabot", GITHUB / "dependabot.yml")
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_schema_check_would_catch_a_misspelt_key(tmp_path):
    broken = tmp_path / "ci.yml"
    broken.write_text(
        (GITHUB / "workflows" / "ci.yml").read_text(encoding="utf-8").replace("runs-on:", "run-on:"), encoding="utf-8"
    )
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
    data = load(CI)
    assert data["on"] == {
        "push": {"branches": ["main"]},
        "pull_request": {"types": ["opened", "synchronize", "reopened", "closed"]},
    }


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_no_workflow_runs_with_a_privileged_trigger(workflow):
    assert not {"pull_request_target", "workflow_run"} & set(load(workflow)["on"])


def test_preview_waits_for_the_site_and_deploy_for_every_check():
    jobs = load(CI)["jobs"]
    # Every check job that runs on a push to main (the reference job runs on pull requests only).
    on_main = {**EVENTS["push to main"], "success()": True}
    checks = {
        name for name, job in jobs.items() if "needs" not in job and evaluate(job.get("if", "success()"), on_main)
    }
    assert {"build", "test"} <= checks
    # The preview needs the site the build job uploads, not the tests (what it waits for
    # within the build job: test_preview_needs_the_site_and_deploy_needs_every_check).
    assert needs(jobs["preview"]) == {"build"}
    # Every check job, a check added later as a job of its own too.
    assert needs(jobs["deploy"]) == checks


def test_only_the_build_job_annotates_and_the_checks_install_from_the_lock():
    jobs = load(CI)["jobs"]
    runs = {name: "\n".join(step.get("run", "") for step in job["steps"]) for name, job in jobs.items()}
    # The editor's problems are annotated; the tests' own file:line traces are not.
    [matcher] = re.findall(r"::add-matcher::(\S+?)\"", runs["build"])
    assert (ROOT / matcher).is_file()  # the one tests/test_problem_matcher.py tests
    assert [name for name, run_ in runs.items() if "::add-matcher::" in run_] == ["build"]
    # Every job that sets up Python: the oldest the project supports, pip's cache keyed by
    # the lock make installs from.
    oldest = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    setups = {
        name: step["with"]
        for name, job in jobs.items()
        for step in job["steps"]
        if "actions/setup-python@" in step.get("uses", "")
    }
    assert {"build", "test"} <= set(setups)
    for name, setup in setups.items():
        assert f">={setup['python-version']}" == oldest, name
        assert (setup["cache"], setup["cache-dependency-path"]) == ("pip", "requirements.lock"), name
    assert "permissions" not in jobs["build"] and "permissions" not in jobs["test"]
    strict_build = next(step for step in jobs["build"]["steps"] if step["name"] == "Strict build")
    assert strict_build["env"]["PREVIEW_PR"] == "${{ github.event.pull_request.number }}"  # the preview's banner


# The jobs that may write run no code of the pull request: they take the uploaded site.
PUBLISHING_ACTIONS = {
    "actions/checkout",
    "actions/download-artifact",
    "rossjrw/pr-preview-action",
    "JamesIves/github-pages-deploy-action",
}


def test_preview_job_deploys_branch_pull_requests_only_with_write_rights_and_no_pr_code():
    preview = load(CI)["jobs"]["preview"]
    assert preview["permissions"] == {"contents": "write", "pull-requests": "write"}
    # One run per pull request (the workflow's group); no job group that one pending
    # deploy could cancel it from.
    assert "concurrency" not in preview
    uses = {step["uses"].split("@")[0] for step in preview["steps"] if "uses" in step}
    assert uses == PUBLISHING_ACTIONS - {"JamesIves/github-pages-deploy-action"}
    checkout = next(step for step in preview["steps"] if "actions/checkout@" in step.get("uses", ""))
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"
    assert all("make" not in step.get("run", "") and "python" not in step.get("run", "") for step in preview["steps"])
    # The address the action links to comes from the step test_preview_address_follows_the_sites_address runs.
    pages = next(step for step in preview["steps"] if step.get("name") == "Where Pages serves the site")
    action = next(step for step in preview["steps"] if "rossjrw/pr-preview-action@" in step.get("uses", ""))
    assert action["with"]["pages-base-url"] == "${{ steps." + pages["id"] + ".outputs.base-url }}"


def test_deploy_job_publishes_main_to_gh_pages_keeping_the_previews():
    jobs = load(CI)["jobs"]
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"contents": "write"}
    # A deploy waits for the one before it; none is cancelled half-way.
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert {step["uses"].split("@")[0] for step in deploy["steps"] if "uses" in step} == PUBLISHING_ACTIONS - {
        "rossjrw/pr-preview-action"
    }
    assert all("make" not in step.get("run", "") and "python" not in step.get("run", "") for step in deploy["steps"])
    # Both publish the site the build job uploaded to one branch; the deploy replaces the
    # site but the previews' folder, which is where robots.txt keeps crawlers out of.
    publish = deploy["steps"][-1]["with"]
    [preview] = [
        step["with"] for step in jobs["preview"]["steps"] if "rossjrw/pr-preview-action@" in step.get("uses", "")
    ]
    assert publish["folder"] == preview["source-dir"] == "site"
    assert publish["branch"] == preview["preview-branch"]
    assert publish["clean-exclude"] == preview["umbrella-dir"] + "/" == PREVIEW_DIR
    assert publish["force"] is False  # the branch's history, previews' commits among it, is kept


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


# (the check job's result, its outputs broken and due, whether the links issue job runs,
# whether the review issue job runs)
ISSUE_JOB_RUNS = [
    # Every link answered: the links issue is closed (or left closed).
    ("success", "false", "false", True, True),
    # Breakage found: the job failed, and the issue is opened or updated.
    ("failure", "true", "false", True, True),
    # No network: never after a network failure, which would close the issue as if every
    # link had answered; the review step ran before it, so its issue is kept up to date.
    ("failure", "false", "true", False, True),
    # The job failed before the review step: neither knows anything.
    ("failure", "", "", False, False),
]


@pytest.mark.parametrize(("check", "broken", "due", "links_issue", "review_issue"), ISSUE_JOB_RUNS)
def test_issue_jobs_run_after_what_the_check_job_found(check, broken, due, links_issue, review_issue):
    jobs = load(GITHUB / "workflows" / "links.yml")["jobs"]
    context = {
        "needs.check.result": check,
        "needs.check.outputs.broken": broken,
        "needs.check.outputs.due": due,
        "success()": check == "success",
        "failure()": check == "failure",
        "cancelled()": False,
        "always()": True,
    }
    assert evaluate(jobs["issue"]["if"], context) is links_issue
    assert evaluate(jobs["review-issue"]["if"], context) is review_issue
    # A cancelled run opens and closes nothing.
    assert not evaluate(jobs["issue"]["if"], {**context, "cancelled()": True})
    assert not evaluate(jobs["review-issue"]["if"], {**context, "cancelled()": True})


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
        for name, version in re.findall(
            r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", (ROOT / "requirements.lock").read_text(encoding="utf-8"), re.MULTILINE
        )
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


# A runner's workspace: the repository's tools and .github, and bin/ for the stand-ins,
# where `python3` is a Python without the project's packages, as on a runner: the one this
# virtualenv was made from, not a version manager's shim (a second of start-ups a run).
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python3").symlink_to(Path(sys.base_prefix) / "bin" / "python3")
    (tmp_path / "tools").symlink_to(ROOT / "tools")
    (tmp_path / ".github").symlink_to(GITHUB)
    return tmp_path


# As GitHub runs a `run:` block with `shell: bash`, the workflows' default (tested below),
# with the files GitHub names in every step's environment.
def run_step(script: str, tmp_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    github = {
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
    }
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        env={**os.environ, "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", **github, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )


# ---------------------------------------------------------------------------------------
# CI's jobs, run as GitHub runs them: each `if:` evaluated, the checks' `run:` blocks run
# for real with a stand-in make, the preview and deploy only decided, never run
# ---------------------------------------------------------------------------------------

STATUS_FUNCTIONS = ("success()", "failure()", "cancelled()", "always()")
EXPRESSION_TOKEN = re.compile(r"'[^']*'|&&|\|\||==|!=|!|[()]|[A-Za-z_][\w.\-\[\]]*(?:\(\))?|\s+")


def evaluate(expression: str, context: dict[str, object]) -> object:
    """An `if:` or an output as GitHub evaluates it, for what the workflows write: && || !
    == != ( ), 'strings', context names (unset: null) and the status functions, with the
    implicit `success() &&` of a condition that calls none."""
    body = expression.strip().removeprefix("${{").removesuffix("}}")
    if not any(function in body for function in STATUS_FUNCTIONS):
        body = f"success() && ({body})"
    tokens = EXPRESSION_TOKEN.findall(body)
    assert "".join(tokens) == body, f"syntax this reader does not know: {body}"
    words = {"&&": " and ", "||": " or ", "!": " not "}
    python = "".join(
        token
        if token.isspace() or token in ("(", ")", "==", "!=") or token.startswith("'")
        else words.get(token) or repr(context.get(token))
        for token in tokens
    )
    return eval(python, {"__builtins__": {}})  # Python made of the tokens above, each translated


EVENTS = {
    "pull request": {
        "github.event_name": "pull_request",
        "github.event.action": "synchronize",
        "github.ref": "refs/pull/7/merge",
    },
    "pull request closed": {
        "github.event_name": "pull_request",
        "github.event.action": "closed",
        "github.ref": "refs/pull/7/merge",
    },
    "fork's pull request": {
        "github.event_name": "pull_request",
        "github.event.action": "opened",
        "github.ref": "refs/pull/7/merge",
        "github.event.pull_request.head.repo.full_name": "someone/psychoeducation",
    },
    "Dependabot's pull request": {
        "github.event_name": "pull_request",
        "github.event.action": "opened",
        "github.ref": "refs/pull/7/merge",
        "github.event.pull_request.user.login": "dependabot[bot]",
    },
    "push to main": {"github.event_name": "push", "github.ref": "refs/heads/main"},
}


def run_check_job(job: dict, tmp_path: Path, failing: set[str]) -> tuple[str, dict[str, str]]:
    """A job of checks, step by step: `uses:` steps succeed, `run:` blocks run with a make
    that fails the targets in `failing` (printing a problem at a line, as the tools do)."""
    failed, steps = False, {}
    for step in job["steps"]:
        status: dict[str, object] = {
            "success()": not failed,
            "failure()": failed,
            "cancelled()": False,
            "always()": True,
        }
        if not evaluate(step.get("if", "success()"), status):
            outcome = "skipped"
        elif "run" in step:
            completed = run_step(
                step["run"],
                tmp_path,
                {"GITHUB_REPOSITORY": "GrowTrue/psychoeducation", "GITHUB_REPOSITORY_OWNER": "GrowTrue"},
            )
            outcome = "success" if completed.returncode == 0 else "failure"
        else:
            outcome = "success"
        failed |= outcome == "failure"
        steps[f"steps.{step.get('id')}.outcome"] = outcome
    outputs = {
        name: str(evaluate(value, {**steps, "success()": True})).lower()
        for name, value in job.get("outputs", {}).items()
    }
    return ("failure" if failed else "success"), outputs


def run_ci(event: str, tmp_path: Path, failing: set[str]) -> dict[str, str]:
    """Each job of ci.yml: 'success', 'failure' or 'skipped'; a publishing job that would run: 'runs'."""
    workspace(tmp_path)
    stand_in(tmp_path / "bin", "chromium", "true\n")
    stand_in(
        tmp_path / "bin",
        "make",
        f"""
echo "$1" >> made.txt
case " {" ".join(failing)} " in *" $1 "*) echo "docs/articles/x.md:3: make $1 found this"; exit 2;; esac
""",
    )
    context: dict[str, object] = {
        "github.repository": "GrowTrue/psychoeducation",
        "github.event.pull_request.head.repo.full_name": "GrowTrue/psychoeducation",
        "github.event.pull_request.user.login": "an-editor",
        **EVENTS[event],
    }
    results: dict[str, str] = {}
    jobs = load(CI)["jobs"]
    # The jobs the preview and the deploy wait for; the pull request's reference job is
    # tested on its own (test_pull_request_references_step_*).
    graph = {"preview", "deploy"} | needs(jobs["preview"]) | needs(jobs["deploy"])
    for name, job in jobs.items():  # each job's needs come before it in the file
        if name not in graph:
            continue
        status = {
            "success()": all(results[need] == "success" for need in needs(job)),
            "failure()": False,
            "cancelled()": False,
            "always()": True,
        }
        if "if" in job and not evaluate(job["if"], {**context, **status}):
            results[name] = "skipped"
        elif needs(job):
            results[name] = "runs"
        else:
            results[name], outputs = run_check_job(job, tmp_path, failing)
            context |= {f"needs.{name}.outputs.{output}": value for output, value in outputs.items()}
        context[f"needs.{name}.result"] = results[name]
    return results


@pytest.mark.parametrize(
    ("event", "failing", "expected"),
    [
        ("pull request", set(), {"build": "success", "test": "success", "preview": "runs", "deploy": "skipped"}),
        # An ordinary content edit that breaks a test: the run is red, the page can be previewed.
        ("pull request", {"test"}, {"build": "success", "test": "failure", "preview": "runs", "deploy": "skipped"}),
        (
            "pull request",
            {"properdocs"},
            {"build": "success", "test": "failure", "preview": "runs", "deploy": "skipped"},
        ),
        # A broken link or a misspelling is annotated at its line, and its page previewed.
        ("pull request", {"links"}, {"build": "failure", "test": "success", "preview": "runs", "deploy": "skipped"}),
        ("pull request", {"prose"}, {"build": "failure", "test": "success", "preview": "runs", "deploy": "skipped"}),
        # No site, no preview.
        ("pull request", {"build"}, {"build": "failure", "test": "success", "preview": "skipped", "deploy": "skipped"}),
        # Closing a pull request only removes its preview.
        ("pull request closed", set(), {"build": "skipped", "test": "skipped", "preview": "runs", "deploy": "skipped"}),
        # Read-only tokens: annotations, no preview.
        (
            "fork's pull request",
            set(),
            {"build": "success", "test": "success", "preview": "skipped", "deploy": "skipped"},
        ),
        (
            "Dependabot's pull request",
            set(),
            {"build": "success", "test": "success", "preview": "skipped", "deploy": "skipped"},
        ),
        # main is published only when every check passed.
        ("push to main", set(), {"build": "success", "test": "success", "preview": "skipped", "deploy": "runs"}),
        ("push to main", {"test"}, {"build": "success", "test": "failure", "preview": "skipped", "deploy": "skipped"}),
        (
            "push to main",
            {"properdocs"},
            {"build": "success", "test": "failure", "preview": "skipped", "deploy": "skipped"},
        ),
        ("push to main", {"links"}, {"build": "failure", "test": "success", "preview": "skipped", "deploy": "skipped"}),
        ("push to main", {"prose"}, {"build": "failure", "test": "success", "preview": "skipped", "deploy": "skipped"}),
    ],
)
def test_preview_needs_the_site_and_deploy_needs_every_check(tmp_path, event, failing, expected):
    assert run_ci(event, tmp_path, failing) == expected


@pytest.mark.parametrize(
    ("failing", "made"),
    [
        (set(), ["build", "links", "prose", "lint", "test", "properdocs"]),
        # After a failed build: no links to check, but the prose check and the summary still
        # run, so one run shows every problem; failed tests do not stop ProperDocs' build.
        ({"build", "test"}, ["build", "prose", "lint", "test", "properdocs"]),
    ],
)
def test_each_check_job_runs_every_make_target_it_can_and_the_summary_lists_their_problems(tmp_path, failing, made):
    run_ci("pull request", tmp_path, failing)
    assert (tmp_path / "made.txt").read_text().split() == made
    summary = (tmp_path / "summary.md").read_text()
    # The editor's checks reach the summary; the tests' output is not the editor's to fix.
    assert ("`docs/articles/x.md:3` | error | make build found this" in summary) == ("build" in failing)
    assert "make test found this" not in summary


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
    workspace(tmp_path)
    # make TARGET REPORT=file: a broken target writes its report and fails, as the tools
    # do; one that could not ask the servers fails without a report.
    stand_in(
        tmp_path / "bin",
        "make",
        f"""
echo "$1" >> made.txt
report="${{2#REPORT=}}"
case " {" ".join(broken_targets)} " in *" $1 "*) mkdir -p "$(dirname "$report")"; echo "## $1 broken" > "$report"; exit 2;; esac
case " {" ".join(unreachable_targets)} " in *" $1 "*) exit 2;; esac
""",
    )
    completed = run_step(step_script("check", "Ask the servers"), tmp_path)
    assert completed.returncode == status, completed.stderr
    assert (tmp_path / "made.txt").read_text().split() == ["links-external", "check-dois"]
    written = (tmp_path / "output.txt").read_text()
    assert written.startswith(outputs)
    for target in broken_targets:
        assert f"## {target} broken" in written


@pytest.mark.parametrize("due", [True, False])
def test_review_step_flags_articles_due_and_never_fails(tmp_path, due):
    workspace(tmp_path)
    listing = "- `docs/articles/x.md` (line 7): review due 2027-03-01, overdue"
    # make review-due REPORT=file: writes the report only when an article is due.
    stand_in(
        tmp_path / "bin",
        "make",
        f'mkdir -p "$(dirname "${{2#REPORT=}}")"; {"echo " + repr(listing) + " > ${2#REPORT=}" if due else "true"}\n',
    )
    completed = run_step(step_script("check", "Articles due for review"), tmp_path)
    assert completed.returncode == 0, completed.stderr
    written = (tmp_path / "output.txt").read_text()
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
    workspace(tmp_path)
    stand_in(
        tmp_path / "bin",
        "gh",
        f"""
echo "$*" >> gh.txt
if [ "$1 $2" = "issue list" ]; then echo "{open_issue}"; fi
""",
    )
    job = load(GITHUB / "workflows" / "links.yml")["jobs"][ISSUE_JOBS[label]]
    environ = {name: value for name, value in job["env"].items() if "${{" not in value}
    completed = run_step(
        step_script(ISSUE_JOBS[label], "Open, update or close the issue"),
        tmp_path,
        {
            **environ,
            "FOUND": found,
            "REPORT": "- `index.html` -> https://gone.example (404 Not Found)",
            "RUN_URL": "https://github.com/o/r/actions/runs/1",
        },
    )
    assert completed.returncode == 0, completed.stderr
    made = (tmp_path / "gh.txt").read_text().splitlines()
    expected = [call.format(label=label, title=environ["TITLE"]) for call in calls]
    assert len(made) == len(expected)
    assert all(line.startswith(call) for line, call in zip(made, expected, strict=True)), made
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
    workspace(tmp_path)
    stand_in(tmp_path / "bin", "make", 'echo "$SITE_URL $*" > made.txt\n')
    completed = run_step(
        step_script("build", "Strict build", "ci.yml"),
        tmp_path,
        {
            "GITHUB_REPOSITORY": repository,
            "GITHUB_REPOSITORY_OWNER": repository.split("/")[0],
            "SITE_URL_VARIABLE": variable,
        },
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "made.txt").read_text().strip() == f"{site_url} build"


def test_a_failing_check_fails_its_step_and_its_output_reaches_the_summary(tmp_path):
    workspace(tmp_path)
    line = (
        "docs/articles/x.md:3: spelling: 'teh' should probably be 'the' (if 'teh' is right, add it to .codespell-words)"
    )
    stand_in(tmp_path / "bin", "make", f'echo "{line}"; exit 1\n')

    prose = run_step(step_script("build", "Spelling", "ci.yml"), tmp_path)
    summary = run_step(step_script("build", "Every problem in the run summary", "ci.yml"), tmp_path)

    assert prose.returncode == 1 and prose.stdout == line + "\n"  # shown in the log, for the matcher
    assert summary.returncode == 0, summary.stderr
    assert (
        "| `docs/articles/x.md:3` | error | spelling: 'teh' should probably be 'the'"
        in (tmp_path / "summary.md").read_text()
    )


@pytest.mark.parametrize(
    ("variable", "base_url"),
    [
        ("", ""),  # the action's own guess: <owner>.github.io/<repo>
        ("https://learn.growtrue.example/", "learn.growtrue.example"),
        ("https://growtrue.github.io/psychoeducation/", "growtrue.github.io/psychoeducation"),
    ],
)
def test_preview_address_follows_the_sites_address(tmp_path, variable, base_url):
    completed = run_step(
        step_script("preview", "Where Pages serves the site", "ci.yml"), tmp_path, {"SITE_URL_VARIABLE": variable}
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "output.txt").read_text() == f"base-url={base_url}\n"


@pytest.mark.parametrize(
    ("variable", "cname"),
    [
        ("", None),
        ("https://learn.growtrue.example/", "learn.growtrue.example\n"),
        ("https://GrowTrue.github.io/psychoeducation/", None),  # Pages' own address needs no CNAME
    ],
)
def test_published_branch_gets_nojekyll_and_the_custom_domain(tmp_path, variable, cname):
    (tmp_path / "site").mkdir()
    completed = run_step(
        step_script("deploy", "Files Pages reads from the branch", "ci.yml"), tmp_path, {"SITE_URL_VARIABLE": variable}
    )
    assert completed.returncode == 0, completed.stderr
    assert (tmp_path / "site" / ".nojekyll").is_file()
    assert ((tmp_path / "site" / "CNAME").read_text() if cname else (tmp_path / "site" / "CNAME").exists()) == (
        cname or False
    )


@pytest.mark.parametrize("workflow", ["ci.yml", "links.yml"])
def test_run_blocks_fail_on_a_failed_command_in_a_pipe(workflow):
    # Without `shell: bash` GitHub runs `bash -e {0}`: `make build | tee log` would pass.
    assert load(GITHUB / "workflows" / workflow)["defaults"] == {"run": {"shell": "bash"}}


FINDING = "references.bib:9: entry 'a2020': DOI 10.1111/a.1 was retracted: retraction notice 10.1111/r.1 of 2024-01-02 (reported by publisher); cited by docs/a.md:3; remove or rewrite each claim it supports, then remove the entry"
NOT_CHECKED = "WARNING -  references.bib:9: entry 'a2020': DOI 10.1111/a.1 not checked: api.crossref.org: timed out, 5 attempts; nothing to fix: the weekly check (or `make check-dois`) asks again"


@pytest.mark.parametrize(
    ("bib_changed", "dois_output", "dois_status", "status", "row"),
    [
        (False, "", 0, 0, None),
        (True, FINDING, 1, 1, "| `references.bib:9` | error | entry 'a2020': DOI 10.1111/a.1 was retracted"),
        # A registry out of reach: a warning at the line, and the pull request does not fail.
        (True, NOT_CHECKED, 0, 0, "| `references.bib:9` | warning | entry 'a2020': DOI 10.1111/a.1 not checked"),
    ],
    ids=["bib-unchanged", "finding-fails", "unreachable-registry-warns"],
)
def test_pull_request_references_step_checks_changed_entries_and_fails_only_on_a_finding(
    tmp_path, bib_changed, dois_output, dois_status, status, row
):
    workspace(tmp_path)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    (tmp_path / "references.bib").write_text("@article{a2020,\n}\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "references.bib"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "base"], cwd=tmp_path, check=True)
    base = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.strip()
    if bib_changed:
        (tmp_path / "references.bib").write_text("@article{a2020,\n  note = {x},\n}\n", encoding="utf-8")
        subprocess.run([*git, "commit", "-qam", "change"], cwd=tmp_path, check=True)
    # make check-dois prints its findings as the tool does; make add-references PRINT=1
    # appends its entries to the summary it is given.
    stand_in(
        tmp_path / "bin",
        "make",
        f"""
echo "$*" >> made.txt
case "$1" in
  check-dois) printf '%s\\n' {shlex.quote(dois_output)}; exit {dois_status};;
  add-references) echo "## Entries for the DOIs cited with none" >> "${{3#SUMMARY=}}";;
esac
""",
    )
    summary = tmp_path / "summary.md"
    job = load(GITHUB / "workflows" / "ci.yml")["jobs"]["references"]
    # On an open pull request only; with the default read-only token.
    assert [event for event in EVENTS if evaluate(job["if"], {**EVENTS[event], "success()": True})] == [
        "pull request",
        "fork's pull request",
        "Dependabot's pull request",
    ]
    assert "permissions" not in job
    assert job["steps"][0]["with"]["fetch-depth"] == 0  # the base commit, to compare references.bib with
    script = step_script("references", "Changed entries and DOIs cited without one", "ci.yml")
    completed = run_step(script, tmp_path, {"BASE_SHA": base})

    assert completed.returncode == status, completed.stderr
    made = (tmp_path / "made.txt").read_text().splitlines()
    expected = [f"check-dois CHANGED_SINCE={base}"] if bib_changed else []
    assert made == [*expected, f"add-references PRINT=1 SUMMARY={summary}"]
    assert completed.stdout.startswith("::add-matcher::.github/problem-matcher.json\n")
    text = summary.read_text()
    assert "## Entries for the DOIs cited with none" in text
    assert (row in text) if row else "| `" not in text
