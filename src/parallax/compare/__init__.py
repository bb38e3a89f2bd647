"""Comparison: what each outlet asserts, stresses, omits, and how it frames the actors."""
