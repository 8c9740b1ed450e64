"""`NameGlobs` (plain name globs without pathspec) decides exactly as pathspec's GitIgnoreSpec."""
from __future__ import annotations

import pathspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exolint.config import DEFAULT_EXCLUDE
from exolint.globs import NameGlobs, gitignore_matcher, is_plain

PATHS = [
    "LICENSE", "LICENSE.md", "docs/LICENSE", "docs/LICENSE.txt", "LICENSE/page.md", "a/LICENSE/b/c.md",
    "license", "MY-LICENSE", "LICENSEE.md", "requirements.txt", "requirements-dev.txt", "sub/requirements_x.txt",
    "requirements/x.txt", "robots.txt", "robots.txt.md", "site/robots.txt", "CHANGELOG.md", "changes/CHANGES.rst",
    "page.md", "a/b/page.html", "NOTICE", "NOTICE.", ".NOTICE", "a b/COPYING", "docs/", "LICENSE/",
]


@pytest.mark.parametrize("path", PATHS)
def test_default_excludes_match_as_pathspec_does(path):
    assert all(is_plain(g) for g in DEFAULT_EXCLUDE)
    ours = gitignore_matcher(DEFAULT_EXCLUDE)
    assert isinstance(ours, NameGlobs)  # no pathspec import for the defaults
    assert ours.match_file(path) == pathspec.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDE).match_file(path)


@pytest.mark.parametrize("glob", ["docs/*.md", "!LICENSE", "#x", "\\#x", "[Ll]icense", "**", "a/**/b", "build/",
                                  " LICENSE", "LICENSE ", "/LICENSE", ""])
def test_other_globs_go_to_pathspec(glob):
    assert not is_plain(glob)
    if glob and not glob.startswith("#"):
        assert isinstance(gitignore_matcher(["LICENSE", glob]), pathspec.GitIgnoreSpec)


def test_comments_and_blank_lines_are_ignored_as_git_does():
    m = gitignore_matcher(["# generated", "", "*.log"])
    assert isinstance(m, NameGlobs)
    for p in ["x.log", "a/x.log", "# generated", "a/b.md", "log"]:
        assert m.match_file(p) == pathspec.GitIgnoreSpec.from_lines(["# generated", "", "*.log"]).match_file(p)
    assert not gitignore_matcher([]).match_file("anything")


_name = st.text(alphabet="aLb.x-_ 1", min_size=1, max_size=5).filter(lambda n: n not in (".", ".."))  # normalised
_glob = st.text(alphabet="aLb.*?-_ 1", min_size=1, max_size=5).filter(is_plain)
_path = st.builds(lambda parts, slash: "/".join(parts) + ("/" if slash else ""),
                  st.lists(_name, min_size=1, max_size=4), st.booleans())


@settings(max_examples=400, deadline=None)
@given(st.lists(_glob, min_size=1, max_size=4), st.lists(_path, min_size=1, max_size=6))
def test_plain_globs_agree_with_pathspec(globs, paths):
    spec = pathspec.GitIgnoreSpec.from_lines(globs)
    ours = NameGlobs(globs)
    for p in paths:
        assert ours.match_file(p) == spec.match_file(p), (globs, p)
