"""Build workers share out the stemming: each stems only part of the words, and every stem is NLTK's."""

from __future__ import annotations

import multiprocessing
import socket
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from searchsvc import analysis
from searchsvc import indexer
from searchsvc.indexer import build_index
from searchsvc.indexer import release_paths
from searchsvc.search import SearchRequest
from searchsvc.search import SearchService
from searchsvc.stemshare import StemPeers
from tests.conftest import SEEDS_DIR

#: Words every worker has, and words only one has.
SHARED = [f"inspect{suffix}{n}" for n in range(300) for suffix in ("ed", "ing", "ions")]
ONLY = {0: [f"supervis{n}ing" for n in range(200)], 1: [f"rehabilitat{n}ed" for n in range(200)]}


def _worker(number: int, count: int, fds: dict[int, int], words: list[str], out: Connection) -> None:
    """In a forked child: count the words stemmed here, and send that and every word's stem back."""
    analysis._index_stems.clear()  # whatever this test process had stemmed before
    stemmed_here = 0
    nltk_stem = analysis._stemmer.stem

    def counting_stem(word: str) -> str:
        nonlocal stemmed_here
        stemmed_here += 1
        return str(nltk_stem(word))

    analysis._stemmer.stem = counting_stem  # type: ignore[method-assign]
    peers = StemPeers(number, count, {peer: socket.socket(fileno=fd) for peer, fd in fds.items()})
    try:
        peers.stem(words)
        # The stems are known now: none of these is stemmed again.
        learnt = {word: analysis.index_stem(word) for word in words}
    finally:
        peers.close()
    out.send((stemmed_here, learnt))


def _run_workers(words: dict[int, list[str]]) -> list[tuple[int, dict[str, str | None]]]:
    """Fork one child per word list, each connected to every other, and gather what each reports."""
    count = len(words)
    pairs = {(a, b): socket.socketpair() for a in range(count) for b in range(a + 1, count)}
    context = multiprocessing.get_context("fork")
    children, results = [], []
    for number in range(count):
        fds = {}
        for (a, b), (a_end, b_end) in pairs.items():
            if number == a:
                fds[b] = a_end.fileno()
            elif number == b:
                fds[a] = b_end.fileno()
        ours, theirs = context.Pipe(duplex=False)
        child = context.Process(target=_worker, args=(number, count, fds, words[number], theirs), daemon=True)
        child.start()
        children.append((child, ours))
    for pair in pairs.values():
        for end in pair:
            end.close()
    for child, ours in children:
        assert ours.poll(60), "a worker never reported"
        results.append(ours.recv())
        child.join(10)
    return results


def test_two_workers_each_stem_part_of_what_they_share_and_learn_the_rest() -> None:
    words = {number: SHARED + ONLY[number] for number in (0, 1)}
    results = _run_workers(words)

    every_word = set(SHARED) | set(ONLY[0]) | set(ONLY[1])
    for number, (stemmed_here, learnt) in enumerate(results):
        assert learnt == {word: analysis.stem(word) for word in words[number]}
        # About half of all the words, not all of its own.
        assert 0.3 * len(every_word) < stemmed_here < 0.7 * len(every_word), stemmed_here
    # Between them, each word stemmed once.
    assert sum(stemmed_here for stemmed_here, _learnt in results) == len(every_word)


def test_a_worker_whose_peer_has_gone_stems_every_word_itself() -> None:
    ours, gone = socket.socketpair()
    gone.close()
    words = [f"inspect{n}ing" for n in range(50)]
    peers = StemPeers(0, 2, {1: ours})
    try:
        peers.stem(words)
        assert all(analysis.unknown_stems([word]) == [] for word in words)
        assert {word: analysis.index_stem(word) for word in words} == {word: analysis.stem(word) for word in words}
        # No more rounds with it: the next goes ahead at once.
        peers.stem(["reoffendings"])
        assert analysis.unknown_stems(["reoffendings"]) == []
    finally:
        peers.close()


def test_peers_must_be_every_other_worker() -> None:
    with socket.socket() as only_one, pytest.raises(ValueError, match="needs a socket for each other worker"):
        StemPeers(0, 3, {1: only_one})


@pytest.mark.parametrize("workers", [2, 3])
def test_a_build_in_workers_with_several_segments_each_matches_one_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    # Segments of 4 releases, so workers meet for several rounds, and the
    # last worker (with fewer releases) has fewer rounds than the others:
    # shares of 13 and 12 releases, or 9, 9 and 7.
    monkeypatch.setattr(indexer, "SEGMENT_DOCS", 4)
    monkeypatch.setattr(indexer, "_may_fork", lambda: True)
    releases = tmp_path / "releases"
    releases.mkdir()
    seeds = release_paths(SEEDS_DIR)
    for n in range(25):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8")
        (releases / f"r{n:02d}.txt").write_text(text + f"\n\nWord{n}s and inspectings{n}.\n", encoding="utf-8")

    in_workers = build_index(release_paths(releases), tmp_path / "workers", workers=workers)
    in_one = build_index(release_paths(releases), tmp_path / "one", workers=1)

    assert in_workers.doc_count == in_one.doc_count == 25
    services = SearchService(tmp_path / "workers"), SearchService(tmp_path / "one")
    try:
        for q in ("management oversight", "inspecting", "word3", '"chief inspector"', "probation"):
            a, b = (service.search(SearchRequest(q=q, per_page=50)) for service in services)
            assert a.total == b.total > 0, q
            assert [(hit.id, hit.score) for hit in a.hits] == [(hit.id, hit.score) for hit in b.hits], q
    finally:
        for service in services:
            service.close()
