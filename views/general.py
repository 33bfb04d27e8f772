"""The general page: content from content/sections/general.toml, drawn by the shared renderer."""

from views.modality import render

render("general")
