"""The exceptions searchsvc raises, one tree with one base.

    SearchsvcError
     ├── ReleaseError        a release file cannot be read or parsed
     ├── QueryError          a search request cannot mean anything; the message says what is accepted
     ├── IndexMissingError   there is no index where one was expected
     ├── IndexLockedError    another process is writing the index
     ├── IndexDamagedError   the index exists but cannot be read
     │    └── WhooshVersionError  the installed Whoosh is not the release the index files are written for
     ├── SearchTimeoutError  a search ran past its time budget
     └── IndexChangedError   a new index generation was committed while a long read was under way

Each message is written for the person who will read it: it says what was
wrong and, where there is one, what to do next.
"""

from __future__ import annotations


class SearchsvcError(Exception):
    """Base of every error searchsvc raises on purpose."""


class ReleaseError(SearchsvcError):
    """A release could not be decoded or parsed; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        #: A short, human-readable reason, e.g. "empty file".
        self.reason = reason


class QueryError(SearchsvcError):
    """A search request was invalid.

    ``code`` is a stable, machine-readable name for the kind of error (for
    the JSON API); ``param`` names the offending request parameter.
    """

    def __init__(self, message: str, *, code: str = "invalid_query", param: str | None = None) -> None:
        super().__init__(message)
        #: A stable identifier clients may switch on.
        self.code = code
        #: The request parameter at fault, when there is one.
        self.param = param


class IndexMissingError(SearchsvcError):
    """No index exists in the configured directory."""

    @classmethod
    def in_folder(cls, index_dir: object) -> IndexMissingError:
        """The one message for a folder with no committed index, saying how to build one."""
        return cls(f"there is no index in {str(index_dir)!r}; run 'searchsvc index' to build it")

    @classmethod
    def unfinished(cls, index_dir: object) -> IndexMissingError:
        """The one message for a folder whose first build never committed (killed, say)."""
        return cls(
            f"there is no index yet in {str(index_dir)!r}: the first build did not finish; "
            "run 'searchsvc index' to build it"
        )


class IndexLockedError(SearchsvcError):
    """Another writer holds the index lock."""

    @classmethod
    def in_folder(cls, index_dir: object) -> IndexLockedError:
        """The one message for losing the race to write ``index_dir``."""
        return cls(f"another process is writing the index in {str(index_dir)!r}; wait for it to finish")


class IndexDamagedError(SearchsvcError):
    """The index cannot be opened, or its schema version is not ours."""

    @classmethod
    def in_folder(cls, index_dir: object, what: str) -> IndexDamagedError:
        """The one message for a damaged index: ``what`` says what is wrong, the rest what to do."""
        return cls(
            f"the index in {str(index_dir)!r} is damaged ({what}); "
            "run 'searchsvc index --rebuild' to build it again from the releases"
        )


class WhooshVersionError(IndexDamagedError):
    """The installed Whoosh is not the release whose file format searchsvc reads and writes by hand."""

    @classmethod
    def installed(cls, found: tuple[object, ...], wanted: tuple[int, ...]) -> WhooshVersionError:
        """The one message for a Whoosh release other than ``wanted``, saying which to install."""
        have, need = ".".join(map(str, found)), ".".join(map(str, wanted))
        return cls(
            f"searchsvc reads and writes index files for Whoosh {need}, but Whoosh {have} is installed; "
            f"install whoosh=={need}"
        )


class SearchTimeoutError(SearchsvcError):
    """Finding the matches of a search took longer than its time budget."""


class IndexChangedError(SearchsvcError):
    """The index gained a new generation between the parts of one long read (an export); run it again."""
