"""The library's Entities view: one entity per name across articles, curated in place."""
