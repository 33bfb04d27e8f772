"""The Streamlit settings that keep a health workbook private and calm."""

import tomllib
from pathlib import Path

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_serves_only_this_computer():
    assert CONFIG["server"]["address"] == "localhost"


def test_sends_no_usage_statistics():
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_hides_error_details_and_the_deploy_toolbar():
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["client"]["toolbarMode"] == "minimal"


def test_upload_limit_is_modest():
    assert 1 <= CONFIG["server"]["maxUploadSize"] <= 10
