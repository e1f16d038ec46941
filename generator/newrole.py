"""`rolebook new`: a commented role template to fill in."""

from __future__ import annotations

from pathlib import Path

PLACEHOLDER = "TODO"

TEMPLATE = """\
# yaml-language-server: $schema=../schema/role.schema.json
# A new role. Replace every TODO, then run `rolebook check`. The YAML reference in the docs
# explains each field. Texts are {{nl: ..., en: ...}}: write every language.
id: {id}
title: {{nl: "TODO: functietitel", en: "TODO: job title"}}
family: {family}  # a family id from library/families.yml
level: 1  # the rung in the family's ladder, 1 = first
reports_to: null  # the role id of the manager, or null
meta:
  version: "0.1.0"
  effective: {effective}
  owner: {{nl: HR, en: HR}}
  status: draft  # draft | published
summary: {{nl: "TODO: de functie in een of twee zinnen", en: "TODO: the role in a sentence or two"}}
purpose: {{nl: "TODO: waarom de functie bestaat", en: "TODO: why the role exists"}}
duties:  # grouped under headings
  - group: {{nl: Standaardtaken, en: Standard duties}}
    items:
      - {{nl: "TODO: taak", en: "TODO: duty"}}
work_cycle:  # the stages of the work, in order
  - stage: {{nl: "TODO: fase", en: "TODO: stage"}}
    activities:
      - {{nl: "TODO: activiteit", en: "TODO: activity"}}
rights:  # authorities
  - {{nl: "TODO: bevoegdheid", en: "TODO: authority"}}
responsibilities:  # what the holder answers for
  - {{nl: "TODO: verantwoordelijkheid", en: "TODO: responsibility"}}
requirements:
  education: [{{nl: "TODO: opleiding", en: "TODO: education"}}]
  experience: [{{nl: "TODO: ervaring", en: "TODO: experience"}}]
  knowledge: []
  skills: []
  traits: []
  optional: []  # sometimes asked: a language, a driving licence, own transport
competencies: []  # e.g. - {{id: onderhandelen, level: 3}} (ids from library/competencies.yml)
kpis: []  # e.g. - {{name: {{nl: ..., en: ...}}, measure: {{nl: ..., en: ...}}}}
training: []  # e.g. - {{ref: crm-training, when: {{nl: Eerste maand, en: First month}}}}
onboarding: []  # e.g. - {{phase: week-1, owner: manager, item: {{nl: ..., en: ...}}}}
career:
  next: []  # role ids this role grows into
  note: {{nl: "TODO: hoe de volgende stap wordt verdiend", en: "TODO: how the next step is earned"}}
"""


def role_template(role_id: str, family: str, effective: str) -> str:
    return TEMPLATE.format(id=role_id, family=family, effective=effective)


def write_new_role(folder: Path, role_id: str, family: str, effective: str) -> Path:
    """Write the template to folder/ID.yml; never overwrites (exclusive create)."""
    path = folder / f"{role_id}.yml"
    with path.open("x", encoding="utf-8") as handle:
        handle.write(role_template(role_id, family, effective))
    return path
