"""The injection corpus (tests/test_injection.py): payloads in every text field, built with the load-time blocklist off."""
