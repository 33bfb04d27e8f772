"""The hormone page: content from content/sections/hormone.toml, drawn by the shared renderer."""

from views.modality import render

render("hormone")
