"""Template tags of the register: masking of personal data, deadlines."""
