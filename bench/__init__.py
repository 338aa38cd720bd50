"""Developer benchmarks for searchsvc: run by hand, never imported by the package or its tests."""
