"""harvester: boilerplate-stripping scraper and clean-text corpus tool."""

__version__ = "0.1.0"
