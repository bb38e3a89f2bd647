"""Enrichment: language, sentences, entities, quotes and claims for each article."""
