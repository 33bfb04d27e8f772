"""The chemotherapy page: content from content/sections/chemotherapy.toml, drawn by the shared renderer."""

from views.modality import render

render("chemotherapy")
