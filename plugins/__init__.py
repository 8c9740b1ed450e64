"""exolint's built-in format plugins (installed as `exolint.plugins`)."""
