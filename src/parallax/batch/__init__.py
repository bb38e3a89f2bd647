"""Batch processing of whole archives on Dask, with Parquet output (docs/batch.md)."""
