"""edition: turn raw source texts into an annotated reading edition."""

__version__ = "0.1.0"
