"""The JSON Schema of template files, generated from the model so the two never disagree.

`make schema` writes it to hamtimer/data/template.schema.json; a test fails when it is stale.
"""

from __future__ import annotations

import json
from typing import Any

from hamtimer.core.model import Template


def template_json_schema() -> dict[str, Any]:
    schema = Template.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def template_json_schema_text() -> str:
    return json.dumps(template_json_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(template_json_schema_text(), end="")
