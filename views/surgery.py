"""The surgery page: content from content/sections/surgery.toml, drawn by the shared renderer."""

from views.modality import render

render("surgery")
