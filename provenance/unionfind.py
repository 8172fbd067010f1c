"""Connected components by union-find: the families of a graph, documents of one site, one
story's carriers of a line."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def components(links: Iterable[tuple[N, N]]) -> dict[N, N]:
    """Each node of ``links`` and the smallest node of its connected component.

    >>> components([("b", "c"), ("a", "b"), ("x", "y")])
    {'b': 'a', 'c': 'a', 'a': 'a', 'x': 'x', 'y': 'x'}
    """
    parent: dict[N, N] = {}

    def find(x: N) -> N:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)  # type: ignore[operator]
            parent[hi] = lo
    return {x: find(x) for x in list(parent)}
