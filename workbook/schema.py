"""Print the workbook file's JSON Schema: `python -m workbook.schema`."""

from __future__ import annotations

import json

from workbook.model import Workbook


def schema_json() -> str:
    return json.dumps(Workbook.model_json_schema(), indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
