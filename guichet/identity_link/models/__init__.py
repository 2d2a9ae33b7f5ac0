"""Identity link: record linkage of people (ADR 0024)."""
