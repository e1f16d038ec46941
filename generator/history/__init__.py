"""Role history: a role's versions from git, and the semantic difference between two versions."""
