"""Bundled files are found from a checkout (resources/ beside the package)."""

from __future__ import annotations

import pytest

from shiny_review.runtime.resources import resource_path, resource_roots


def test_finds_the_sample_letters_and_names_where_it_looked() -> None:
    samples = resource_path("samples")
    assert samples.is_dir() and any(samples.iterdir())
    with pytest.raises(FileNotFoundError) as failure:
        resource_path("no-such-file.txt")
    for root in resource_roots():
        assert str(root) in str(failure.value)
