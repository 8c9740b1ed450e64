"""What the HTML format needs to know about elements: which separate blocks of prose, which give
their text a scope, which hold no prose, and which start tags close an open element (the parts of
HTML's implied end tags that change where prose blocks begin and end).

Kept apart from the walker (`html.py`) because these tables are HTML's content model, read the
way a browser would, and change for different reasons than the walk over the parser's events.
"""
from __future__ import annotations

# Elements whose start and end separate blocks of prose.
BLOCKS = frozenset("""
    address article aside blockquote body caption center details dialog dd dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav
    ol optgroup option p pre search section summary table tbody td tfoot th thead title tr ul
""".split())
# Elements that give their text a scope (the innermost one wins); others inherit their parent's.
SCOPES = {
    "li": ("list", 0), "td": ("table", 0), "th": ("table", 0), "caption": ("table", 0),
    "blockquote": ("blockquote", 0), "title": ("title", 0), "a": ("link", 0),
    **{f"h{n}": ("heading", n) for n in range(1, 7)},
}
# Elements whose content is not prose.
SKIP = frozenset(
    "script style noscript template code pre kbd samp svg math textarea select iframe object".split()
)
# Inline elements that still need tracking: links change the scope.
TRACKED = BLOCKS | SKIP | {"a"}
# What may stay in <head>; any other start tag means the body has begun, as in a browser.
HEAD_TAGS = frozenset("title meta link base script style noscript template head html".split())
# Start tags that close an open element of the same group, and where that search stops.
# Skipped elements stop every search: a browser reopens e.g. an implicitly closed <code>, so
# its content stays hidden.
LIST_STOP = (BLOCKS - {"address", "div", "p", "li", "dd", "dt"}) | SKIP
P_STOP = frozenset("table td th caption html".split()) | SKIP
CELL_STOP = frozenset({"table", "tr"}) | SKIP
AUTO_CLOSE = {
    "li": (frozenset({"li"}), LIST_STOP),
    "dd": (frozenset({"dd", "dt"}), LIST_STOP),
    "dt": (frozenset({"dd", "dt"}), LIST_STOP),
    "td": (frozenset({"td", "th"}), CELL_STOP),
    "th": (frozenset({"td", "th"}), CELL_STOP),
    "tr": (frozenset({"tr"}), frozenset({"table"}) | SKIP),
    "a": (frozenset({"a"}), SKIP),
}
# Start tags that close an open <p> (a heading also closes an open heading).
CLOSES_P = BLOCKS - frozenset("body html title td th tr tbody thead tfoot caption option optgroup".split())
HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
P = frozenset({"p"})
# <meta> names and properties whose content is prose (what search results and link previews show).
META_NAMES = frozenset({"description", "og:description", "twitter:description"})
