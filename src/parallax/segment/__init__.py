"""Segmentation: a raw page -> its articles (main + related teasers), comments and boilerplate."""
