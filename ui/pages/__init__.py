"""The wizard's pages, one per step of ``forms.steps``."""
