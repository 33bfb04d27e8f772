"""The radiation page: content from content/sections/radiation.toml, drawn by the shared renderer."""

from views.modality import render

render("radiation")
