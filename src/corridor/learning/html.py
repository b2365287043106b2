"""News bodies arrive as HTML from other sites: keep text, links and images, drop scripts,
styles and event handlers, and make relative addresses absolute against the article."""

from urllib.parse import urljoin, urlsplit

import nh3

TAGS = {
    "p", "br", "a", "img", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote",
    "h2", "h3", "h4", "figure", "figcaption", "span", "div",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "width", "height", "title"}}
URL_ATTRIBUTES = {("a", "href"), ("img", "src")}


def sanitise_html(html: str, base_url: str = "") -> str:
    if not html:
        return ""

    def absolute(element: str, attribute: str, value: str) -> str | None:
        if (element, attribute) not in URL_ATTRIBUTES:
            return value
        url = urljoin(base_url, value.strip()) if base_url else value.strip()
        return url if urlsplit(url).scheme in ("http", "https") else None

    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        attribute_filter=absolute,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
