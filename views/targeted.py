"""The targeted page: content from content/sections/targeted.toml, drawn by the shared renderer."""

from views.modality import render

render("targeted")
