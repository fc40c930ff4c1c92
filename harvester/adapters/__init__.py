"""Where harvester uses a library's internals, because its public API lacks what we need: one
adapter per library, with the library's version pinned in pyproject.toml and a contract test
in tests/adapters/. Nothing else in the package imports those internals."""
