"""Measures the extension's capture on real policies: how many the extension judges candidates, and
how many the API then grades. Not a test: a script that prints figures.

    .venv/bin/python tests/extension/measure_capture.py [--corpus ../shared/corpus] [--limit N]

Each text of ``modern/texts`` (40 policies, 4 probes) and ``policies/*/*.txt`` (132 policies) is
served as a simple page (paragraphs at blank lines, one line per heading or list item, tab rows as
table rows) from a temporary directory, never from the repository: the corpus may not be copied into
it. Every text is served named as a policy ("/<slug>/privacy-policy", title "<Service> Privacy
Policy", heading "Privacy Policy"), so the figures measure the text test and the API; the four
probes are served a second time under their own names (terms of service, cookie policy, help
article, blog post), as they appear on the web. Real Chromium with the unpacked extension and the
real API (`policygrade serve`, rate limit and server verification off: only the
captured text is judged) in a temporary data directory; nothing else runs.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import e2e_support as e2e  # noqa: E402

#: How each probe is named where it really lives: (path, title).
PROBE_NAMES = {
    "probe-wise-terms": ("/legal/terms-of-use/", "Terms of Use | Wise"),
    "probe-stackoverflow-cookies": ("/legal/trackers-policy/", "Trackers Policy - Stack Overflow"),
    "probe-duckduckgo-gpc-help": (
        "/duckduckgo-help-pages/privacy/gpc/",
        "Global Privacy Control (GPC) | DuckDuckGo Help Pages",
    ),
    "probe-privacyguides-dating-blog": (
        "/articles/2025/07/15/queer-dating-apps/",
        "Queer Dating Apps: Beware Who You Trust - Privacy Guides",
    ),
}


def page_html(title: str, heading: str, text: str) -> str:
    """A simple page for a plain text: a <p> per blank-line block, a line each inside, tables for tab rows."""
    blocks = []
    for block in text.split("\n\n"):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if all("\t" in line for line in lines):
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>"
                for line in lines
            )
            blocks.append(f"<table>{rows}</table>")
        else:
            blocks.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title></head>"
        f"<body><main><h1>{html.escape(heading)}</h1>\n" + "\n".join(blocks) + "</main></body></html>"
    )


def corpus_pages(corpus: Path) -> list[dict[str, Any]]:
    """Every corpus text as {slug, kind, service, path, title, file}."""
    manifest = {}
    for line in (corpus / "modern" / "manifest.jsonl").read_text().splitlines():
        record = json.loads(line)
        manifest[record["slug"]] = record
    pages = []
    for file in sorted((corpus / "modern" / "texts").glob("*.txt")):
        record = manifest.get(file.stem, {})
        pages.append(
            {
                "slug": file.stem,
                "set": "modern",
                "kind": record.get("kind", "policy"),
                "service": record.get("service", file.stem),
                "file": file,
            }
        )
    for file in sorted((corpus / "policies").glob("*/*.txt")):
        pages.append(
            {
                "slug": file.stem.replace("_", "-").replace(".", "-").lower(),
                "set": file.parent.name,
                "kind": "policy",
                "service": file.stem.split("_", 1)[-1],
                "file": file,
            }
        )
    return pages


def write_site(root: Path, pages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Writes the pages into `root`; returns one visit per page (probes twice: named, and as they are)."""
    visits = []
    for page in pages:
        text = page["file"].read_text(encoding="utf-8")
        path = f"/{page['slug']}/privacy-policy.html"
        target = root / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            page_html(f"{page['service']} Privacy Policy", "Privacy Policy", text), encoding="utf-8"
        )
        visits.append({**page, "naming": "named as a policy", "path": path})
        if page["slug"] in PROBE_NAMES:
            own_path, title = PROBE_NAMES[page["slug"]]
            first_line = text.strip().split("\n", 1)[0][:150]
            own = root / own_path.strip("/") / "index.html"
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_text(page_html(title, first_line, text), encoding="utf-8")
            visits.append({**page, "naming": "under its own name", "path": own_path})
    return visits


def measure(corpus: Path, limit: int | None) -> dict[str, Any]:
    """Visits every page in Chromium with the extension; returns the per-page outcomes."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="pg-capture-") as tmp:
        tmp_path = Path(tmp)
        site_root = tmp_path / "site"
        visits = write_site(site_root, corpus_pages(corpus))[:limit]
        data_dir = tmp_path / "data"
        data_dir.mkdir()
        server = e2e.SiteServer(site_root)
        with (
            e2e.running_api(data_dir, {"RATE_LIMIT_ENABLED": "0", "VERIFY_ENABLED": "0"}) as api,
            e2e.serving(server),
            sync_playwright() as pw,
        ):
            port = server.server_address[1]
            context = pw.chromium.launch_persistent_context(
                str(tmp_path / "profile"),
                executable_path=str(e2e.CHROMIUM),
                headless=True,
                args=e2e.chromium_args("MAP *.test 127.0.0.1"),
            )
            workers = [w for w in context.service_workers if w.url.startswith("chrome-extension://")]
            sw = workers[0] if workers else context.wait_for_event("serviceworker", timeout=30_000)
            sw.evaluate(
                "(apiBase) => chrome.storage.local.set({settings: {apiBase, autoCapture: true}})", api
            )
            tab = context.new_page()
            started = time.monotonic()
            for visit in visits:
                url = f"http://www.{visit['slug']}.test:{port}{visit['path']}"
                tab.goto(url)
                state = e2e.tab_state(sw, url, timeout=120)
                visit.update(
                    url=url,
                    candidate=state.get("isPolicy") is True,
                    status=state.get("status"),
                    grade=state.get("grade"),
                    reasons=state.get("detection", {}).get("reasons"),
                )
            elapsed = time.monotonic() - started
            context.close()
    return {"visits": visits, "seconds": elapsed}


def summarize(result: dict[str, Any]) -> str:
    """The figures, as printed."""
    lines = [f"Visited {len(result['visits'])} pages in {result['seconds']:.0f} s."]
    groups: dict[tuple[str, str, str], Counter[str]] = {}
    for v in result["visits"]:
        key = (v["set"], v["kind"], v["naming"])
        counter = groups.setdefault(key, Counter())
        counter["pages"] += 1
        counter["candidates"] += v["candidate"]
        counter["graded"] += v["status"] == "graded" and v["candidate"]
        counter["refused by the API"] += v["status"] == "not_policy"
    lines.append(
        f"{'set':10} {'kind':7} {'naming':20} {'pages':>5} {'candidates':>10} {'graded':>7} {'refused':>8}"
    )
    for (set_name, kind, naming), c in sorted(groups.items()):
        lines.append(
            f"{set_name:10} {kind:7} {naming:20} {c['pages']:>5} {c['candidates']:>10} {c['graded']:>7} "
            f"{c['refused by the API']:>8}"
        )
    for v in result["visits"]:
        if (v["kind"] == "policy" and (not v["candidate"] or v["status"] != "graded")) or v[
            "kind"
        ] == "probe":
            lines.append(
                f"  {v['kind']} {v['slug']} ({v['naming']}): candidate={v['candidate']} status={v['status']} "
                f"grade={v['grade']} reasons={v['reasons']}"
            )
    return "\n".join(lines)


def main() -> int:
    """Parses arguments, measures, prints."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=e2e.REPO.parent / "shared" / "corpus")
    parser.add_argument("--limit", type=int, default=None, help="visit only the first N pages")
    parser.add_argument("--json", type=Path, default=None, help="also write every outcome to this file")
    args = parser.parse_args()
    if not (args.corpus / "modern" / "texts").is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    result = measure(args.corpus, args.limit)
    print(summarize(result))
    if args.json:
        rows = [{k: v for k, v in visit.items() if k != "file"} for visit in result["visits"]]
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
