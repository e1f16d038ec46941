"""Rolebook: job descriptions, onboarding, competencies and career paths from one YAML file per role."""

__version__ = "0.1.0"
