"""An embed or a remote image in a page is found at its line, with what to do instead;
local images, links and code are not."""

from __future__ import annotations

import pytest

from psychoed.markdown_source import PageSource
from psychoed.pages.remote_content import remote_content_problems

# What YouTube's Share > Embed gives an editor to paste.
YOUTUBE_EMBED = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/inpok4MKVLM?si=0dB2cWiY" '
    'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; '
    'encrypted-media; gyroscope; picture-in-picture; web-share" '
    'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>'
)


@pytest.mark.parametrize(
    "markdown, line, message",
    [
        (
            "![A chart of the results](https://example.org/chart.png)",
            3,
            "image 'https://example.org/chart.png' is on another site: the site loads nothing from other sites; link to it instead: [title](https://example.org/chart.png)",
        ),
        (
            YOUTUBE_EMBED,
            3,
            "<iframe> embeds 'https://www.youtube.com/embed/inpok4MKVLM?si=0dB2cWiY': the site loads nothing from other sites; link to it instead: [title](https://www.youtube.com/embed/inpok4MKVLM?si=0dB2cWiY)",
        ),
        (
            'Text\n<img src="http://example.org/photo.jpg" alt="A calm lake">',
            4,
            "<img> loads 'http://example.org/photo.jpg' from another site",
        ),
        (
            "![Logo][logo]\n\n[logo]: https://example.org/logo.svg",
            3,
            "image 'https://example.org/logo.svg' is on another site",
        ),
        (
            '<picture><source srcset="lake.webp 1x, //cdn.example.net/lake@2x.webp 2x"></picture>',
            3,
            "<source> loads '//cdn.example.net/lake@2x.webp' from another site",
        ),
        (
            '<object data="https://example.org/slides.pdf"></object>',
            3,
            "<object> embeds 'https://example.org/slides.pdf'",
        ),
        (
            "A chart: ![A chart of the\nresults](https://example.org/chart.png)",
            3,
            "image 'https://example.org/chart.png' is on another site",
        ),
    ],
    ids=[
        "markdown-image",
        "youtube-embed",
        "html-image",
        "reference-image",
        "srcset",
        "object",
        "alt-text-wrapped-over-lines",
    ],
)
def test_remote_load_is_reported_at_its_line(markdown, line, message):
    problems = remote_content_problems([PageSource("docs/page.md", "# Page\n\n" + markdown + "\n")])
    assert [(p.path, p.line) for p in problems] == [("docs/page.md", line)]
    assert message in problems[0].message


def test_local_images_links_code_and_comments_are_not_remote_loads():
    markdown = (
        "---\ntitle: Page\n---\n"
        "![A diagram](../assets/diagram.png) ![icon](data:image/png;base64,iVBORw0KGgo=)\n\n"
        "Read [the study](https://doi.org/10.1111/aphw.12127), or <https://example.org/?src=https://x.org>.\n\n"
        '<a href="https://example.org">a link</a>\n\n'
        '<img src="lake.png" alt="The lake, as on src=https://example.org/lake" data-src="https://cdn.example.org/lake.png">\n\n'
        '`<iframe src="https://example.org">` is how an embed looks:\n\n'
        "```html\n" + YOUTUBE_EMBED + "\n```\n\n"
        '    <img src="https://example.org/in-code.png">\n\n'
        "<!-- The video is hidden until we have its captions:\n" + YOUTUBE_EMBED + "\n-->\n"
    )
    assert remote_content_problems([PageSource("docs/page.md", markdown)]) == []
