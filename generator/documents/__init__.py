"""The kinds of document a build makes (one module each), their registry, and the site plan."""
