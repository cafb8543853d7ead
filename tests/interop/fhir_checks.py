"""What every exported Bundle must satisfy: R4B-valid resources, references that resolve inside
the bundle, no empty elements, and a system on every Coding."""

from __future__ import annotations

import json

from fhir.resources.R4B import get_fhir_model_class

EMPTY = (None, "", [], {})


def resources(bundle: dict) -> list[dict]:
    return [entry["resource"] for entry in bundle["entry"]]


def walk(value, path="$"):
    """(path, key, value) for every element below ``value``."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield path, key, item
            yield from walk(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield path, n, item
            yield from walk(item, f"{path}[{n}]")


def empty_elements(bundle: dict) -> list[str]:
    return [f"{path}.{key}" for path, key, item in walk(bundle) if item in EMPTY or item == []]


def codings_without_system(bundle: dict) -> list[str]:
    found = []
    for path, key, item in walk(bundle):
        if key in ("coding", "valueCoding", "class", "tag", "security"):
            codings = item if isinstance(item, list) else [item]
            found += [f"{path}.{key}" for coding in codings if not coding.get("system")]
    return found


def unresolved_references(bundle: dict) -> list[str]:
    present = {f"{r['resourceType']}/{r['id']}" for r in resources(bundle)}
    canonicals = {r["url"] for r in resources(bundle) if "url" in r}
    missing = []
    for path, key, item in walk(bundle):
        if key == "reference" and isinstance(item, str) and item not in present:
            missing.append(f"{path}: {item}")
        if key == "questionnaire" and isinstance(item, str) and item not in canonicals:
            missing.append(f"{path}: {item}")
    return missing


def invalid_resources(bundle: dict) -> list[str]:
    errors = []
    model = get_fhir_model_class("Bundle")
    try:
        model.model_validate(bundle)
    except Exception as error:  # noqa: BLE001 - reported with the test failure
        errors.append(f"Bundle: {error}")
    for resource in resources(bundle):
        cls = get_fhir_model_class(resource["resourceType"])
        try:
            cls.model_validate(resource)
        except Exception as error:  # noqa: BLE001
            errors.append(f"{resource['resourceType']}/{resource['id']}: {error}")
    return errors


def problems(bundle: dict) -> list[str]:
    json.dumps(bundle)  # plain JSON, nothing Python-only
    return [
        *invalid_resources(bundle),
        *(f"empty element {p}" for p in empty_elements(bundle)),
        *(f"coding without system {p}" for p in codings_without_system(bundle)),
        *(f"unresolved reference {p}" for p in unresolved_references(bundle)),
    ]
