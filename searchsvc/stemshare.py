"""Build workers sharing the work of stemming: each stems its own part of the words, and asks its peers for theirs.

The workers of a build each index a share of the releases, and most words of
one share are in the others too: at 1,000 releases in two shares, 13,400 of
a worker's 21,000 words. NLTK's Snowball stemmer costs about 11 µs a word,
a seventh of what a worker spends. So as a worker finishes a segment, each
word it has yet to stem belongs to one worker, by its hash; it stems its own
words, sends each peer the words that are the peer's, answers the peers'
requests from what it has stemmed, and learns the stems they send back.

Workers are forked from one parent, so a word has the same hash in each, and
every worker runs the same stemmer. Each round of asking and answering is
one segment; a worker with more segments than a peer finds the peer's end
of the socket closed, as it does a peer that failed, and stems the words
itself from then on. Nothing here waits on a peer that has gone.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
from collections.abc import Iterable
from collections.abc import Mapping

from searchsvc import analysis


class StemPeers:
    """One worker's connections to the other workers of a build, ``index`` among ``count``.

    ``sockets`` maps each peer's index to a connected stream socket whose
    other end that peer holds. The sockets are this object's to close.
    """

    def __init__(self, index: int, count: int, sockets: Mapping[int, socket.socket]) -> None:
        if not 0 <= index < count or set(sockets) != set(range(count)) - {index}:
            raise ValueError(f"worker {index} of {count} needs a socket for each other worker, not {sorted(sockets)}")
        self._index = index
        self._count = count
        self._live = dict(sockets)
        #: Peers found gone this round, closed at its end.
        self._gone: list[socket.socket] = []

    def stem(self, exact_terms: Iterable[str]) -> None:
        """Have every one of ``exact_terms`` that analysis has yet to stem stemmed, here or by its peer, and learnt."""
        unknown = analysis.unknown_stems(set(exact_terms))
        count = self._count
        asked: dict[int, list[str]] = {peer: [] for peer in self._live}
        mine: list[str] = []
        for term in unknown:
            owner = hash(term) % count
            (mine if owner == self._index or owner not in asked else asked[owner]).append(term)
        senders = {peer: _Sender(connection) for peer, connection in self._live.items()}
        try:
            for peer, terms in asked.items():
                senders[peer].send(terms)
            for term in mine:
                analysis.index_stem(term)
            for peer in list(self._live):
                requested = self._receive(peer)
                if requested is not None:
                    # A peer asks only for terms that have stems: never None.
                    senders[peer].send([analysis.index_stem(term) or "" for term in requested])
            for peer, terms in asked.items():
                stems = self._receive(peer) if peer in self._live else None
                if stems is not None and len(stems) == len(terms):
                    analysis.learn_stems(terms, stems)
                else:
                    for term in terms:
                        analysis.index_stem(term)
        finally:
            for sender in senders.values():
                sender.finish()
            for connection in self._gone:
                connection.close()
            self._gone.clear()

    def close(self) -> None:
        """Close every connection, which tells each peer this worker has no more rounds."""
        for connection in self._live.values():
            connection.close()
        self._live.clear()

    def _receive(self, peer: int) -> list[str] | None:
        """The next message from ``peer``, or None once it has gone (it is then dropped)."""
        connection = self._live[peer]
        try:
            head = _read_exactly(connection, _LENGTH.size)
            payload = _read_exactly(connection, _LENGTH.unpack(head)[0]) if head is not None else None
        except OSError:
            payload = None
        if payload is None:
            del self._live[peer]
            # Shut, not closed: this round's sender to it may be mid-send, and
            # a blocked send returns on a shutdown, where a close leaves it be.
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
            self._gone.append(connection)
            return None
        return payload.decode("utf-8").split("\n") if payload else []


#: Each message is its length, then its words joined by newlines (no term holds one).
_LENGTH = struct.Struct("!Q")


class _Sender:
    """Messages to one peer, sent in order by a thread of their own.

    A worker reads its peers' messages in a fixed order, and a message longer
    than the socket's buffer is sent only as the peer reads it. Sending from
    the thread doing the reading could leave two workers each waiting for
    the other to read; and one thread for all peers could wait on one peer
    while another waits for it.
    """

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection
        self._pending: list[bytes] = []
        self._ready = threading.Condition()
        self._finished = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def send(self, words: list[str]) -> None:
        payload = "\n".join(words).encode("utf-8")
        with self._ready:
            self._pending.append(_LENGTH.pack(len(payload)) + payload)
            self._ready.notify()

    def finish(self) -> None:
        """Wait until everything queued is sent, or its peer has gone."""
        with self._ready:
            self._finished = True
            self._ready.notify()
        self._thread.join()

    def _run(self) -> None:
        while True:
            with self._ready:
                while not self._pending and not self._finished:
                    self._ready.wait()
                if not self._pending:
                    return
                message = self._pending.pop(0)
            try:
                self._connection.sendall(message)
            except OSError:  # the peer has gone: it is dropped when next read from
                pass


def _read_exactly(connection: socket.socket, size: int) -> bytes | None:
    """``size`` bytes from ``connection``, or None if it ends first."""
    parts = []
    while size:
        part = connection.recv(min(size, 1 << 20))
        if not part:
            return None
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
