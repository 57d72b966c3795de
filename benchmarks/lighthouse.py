"""`make lighthouse`: Lighthouse scores and page weight of every page, phone and desktop.

A benchmark, not a test: it builds the site for the address it is served from (so
canonical links are the page's own, as on the real host), serves it on 127.0.0.1 with
gzip like GitHub Pages (tools/site_server.py), runs Lighthouse 12.2.3 from
tools/lighthouse/ with Debian's chromium on every page of the sitemap, writes the scores,
the bytes transferred and every audit that costs points to a JSON file, and prints a table.
Goal: 100 in all four categories everywhere, under 100 KB transferred for an article.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

from site_server import free_port, serve

ROOT = Path(__file__).resolve().parent.parent

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
CHROMIUM_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
ARTICLE_BUDGET = 100 * 1024  # bytes transferred, compressed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", type=Path, default=ROOT / "tools/lighthouse/node_modules/.bin/lighthouse")
    parser.add_argument("--chromium", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks/results/lighthouse.json")
    args = parser.parse_args()

    port = free_port()
    origin = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build(site, site_url=origin)
        paths = sitemap_paths(site)
        results = []
        with serve(site, port=port):
            for path in paths:
                for form_factor in FORM_FACTORS:
                    report = lighthouse(args.lighthouse, origin + path, form_factor=form_factor, chromium=args.chromium)
                    results.append(summary(report, path=path, form_factor=form_factor))
                    print(f"  /{path} {form_factor}: done", file=sys.stderr)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(
        json.dumps(
            {
                "lighthouse": results[0]["lighthouse_version"] if results else None,
                "chromium": results[0]["user_agent"] if results else None,
                "measured": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "pages": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(table(results))
    print(
        f"\nFull results, with every audit that costs points: {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
    )
    return 0


def build(site: Path, *, site_url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        env={**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"},
        check=True,
    )


def sitemap_paths(site: Path) -> list[str]:
    locations = ElementTree.parse(site / "sitemap.xml").iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    return [
        location.text.split("/", 3)[3] for location in locations if location.text
    ]  # a <loc> without text names no page


def lighthouse(executable: Path, url: str, *, form_factor: str, chromium: str) -> dict:
    command = [
        str(executable),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROMIUM_FLAGS}",
    ]
    if form_factor == "desktop":
        command.append("--preset=desktop")  # else Lighthouse's default: a throttled mid-range phone
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "CHROME_PATH": chromium},
    )
    if completed.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url} ({form_factor}):\n{completed.stderr[-2000:]}")
    return json.loads(completed.stdout)


def summary(report: dict, *, path: str, form_factor: str) -> dict:
    """Scores out of 100, bytes transferred, and each weighted audit that lost points."""
    audits = report["audits"]
    losses = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                losses.append(
                    {
                        "category": category,
                        "id": ref["id"],
                        "title": audit["title"],
                        "score": audit["score"],
                        "weight": ref["weight"],
                        "value": audit.get("displayValue", ""),
                    }
                )
    runtime_error = report.get("runtimeError")
    return {
        "page": "/" + path,
        "form_factor": form_factor,
        "scores": {category: round(100 * (report["categories"][category]["score"] or 0)) for category in CATEGORIES},
        "bytes_transferred": round(audits["total-byte-weight"]["numericValue"]),
        "requests": len(audits["network-requests"]["details"]["items"]),
        "metrics": {
            name: round(audits[name]["numericValue"])
            for name in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "speed-index")
        }
        | {"cumulative-layout-shift": audits["cumulative-layout-shift"]["numericValue"]},
        "losses": losses,
        "runtime_error": runtime_error["message"] if runtime_error else None,
        "lighthouse_version": report["lighthouseVersion"],
        "user_agent": report["environment"]["hostUserAgent"],
    }


def table(results: list[dict]) -> str:
    header = "| page | device | perf | a11y | best practices | SEO | transferred | requests |"
    lines = [header, "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        scores = result["scores"]
        budget = (
            " (over 100 KB)" if "/articles/" in result["page"] and result["bytes_transferred"] > ARTICLE_BUDGET else ""
        )
        lines.append(
            f"| {result['page']} | {result['form_factor']} | {scores['performance']} | {scores['accessibility']} "
            f"| {scores['best-practices']} | {scores['seo']} | {result['bytes_transferred'] / 1024:.1f} KB{budget} | {result['requests']} |"
        )
    errors = [result for result in results if result["runtime_error"]]
    if errors:
        lines.append("\nLighthouse could not measure these, so their scores mean nothing:")
        lines += [f"  {result['page']} {result['form_factor']}: {result['runtime_error']}" for result in errors]
    losses = {(loss["category"], loss["id"], loss["title"]) for result in results for loss in result["losses"]}
    if losses:
        lines.append("\nAudits that cost points somewhere:")
        lines += [f"  {category}: {id_} ({title})" for category, id_, title in sorted(losses)]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
