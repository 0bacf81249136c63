"""api.config: defaults, then environment, then the mapping given to create_app."""

from __future__ import annotations

import pytest

from api.config import DEFAULTS, ConfigError, load_config


def test_defaults_apply_without_environment() -> None:
    config = load_config(environ={})
    assert config["MAX_TEXT_BYTES"] == 2 * 1024 * 1024
    assert config["REDIS_URL"] is None
    assert config["POLICYGRADE_DATA_DIR"] == "./var"


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("MAX_TEXT_BYTES", "1000", 1000),
        ("PORT", "9000", 9000),
        ("REDIS_TIMEOUT", "0.25", 0.25),
        ("WARM_UP", "0", False),
        ("WARM_UP", "yes", True),
        ("RATE_LIMIT", "5 per second", "5 per second"),
        ("REDIS_URL", "redis://db:6379/2", "redis://db:6379/2"),
        ("REDIS_URL", "", None),  # an empty variable means "unset": use the embedded Redis
    ],
)
def test_environment_overrides_defaults(name: str, raw: str, expected: object) -> None:
    assert load_config(environ={name: raw})[name] == expected


def test_mapping_overrides_environment() -> None:
    config = load_config({"MAX_TEXT_BYTES": 10}, environ={"MAX_TEXT_BYTES": "1000"})
    assert config["MAX_TEXT_BYTES"] == 10


@pytest.mark.parametrize(("name", "raw"), [("MAX_TEXT_BYTES", "two"), ("WARM_UP", "maybe"), ("PORT", "")])
def test_bad_environment_values_name_the_setting(name: str, raw: str) -> None:
    with pytest.raises(ConfigError, match=name):
        load_config(environ={name: raw})


def test_unrelated_environment_is_ignored() -> None:
    assert set(load_config(environ={"HOME": "/root"})) == set(DEFAULTS)
