"""Views of the Law No. 590 register and of volunteers; one module per part."""
